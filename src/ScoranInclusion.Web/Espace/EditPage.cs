using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Sites;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/lieu/{id}</c>: every field of <c>updateSite</c>'s input, with the version read in a hidden field.
/// Only the fields the person changed are sent (compared with the values the form was drawn with, also carried
/// by the form), so that an edit never re-asserts untouched fields over a later import, and a conflict keeps
/// other people's changes. On <c>VERSION_CONFLICT</c>: what changed meanwhile (before, now), the person's input
/// kept, and the form based on the current version. Field errors (<c>INVALID_SITE</c>) go next to their field.
/// </summary>
internal static class EditPage
{
    private enum Kind
    {
        Text,
        LongText,
        Lines,
        Choices,
        Codes,
        Languages,
    }

    private sealed record Spec(string Name, string Label, Kind Kind, string Section, string? EnumType = null, string? Hint = null,
        string Type = "text", string? Autocomplete = null, bool Required = false);

    private static readonly Spec[] Specs =
    [
        new("nom", "Nom du lieu", Kind.Text, "Le lieu", Required: true),
        new("presentationResume", "Présentation courte", Kind.LongText, "Le lieu", Hint: "Une ou deux phrases : ce que l'on peut venir faire ici (280 caractères au plus)."),
        new("presentationDetail", "Présentation détaillée", Kind.LongText, "Le lieu"),
        new("pivot", "SIRET ou RNA de la structure", Kind.Text, "Le lieu", Hint: "14 chiffres (SIRET) ou W suivi de 9 chiffres (RNA)."),
        new("structureParente", "Structure parente", Kind.Text, "Le lieu"),
        new("typologie", "Types de structure", Kind.Codes, "Le lieu", "Typologie", Hint: "Codes de la liste data.inclusion séparés par des virgules, par exemple « BIB, CCAS »."),
        new("adresse.voie", "Numéro et voie", Kind.Text, "Adresse", Required: true, Autocomplete: "address-line1"),
        new("adresse.complement", "Complément d'adresse", Kind.Text, "Adresse", Autocomplete: "address-line2"),
        new("adresse.codePostal", "Code postal", Kind.Text, "Adresse", Required: true, Autocomplete: "postal-code"),
        new("adresse.commune", "Commune", Kind.Text, "Adresse", Required: true, Autocomplete: "address-level2"),
        new("adresse.codeInsee", "Code INSEE de la commune", Kind.Text, "Adresse", Hint: "5 caractères ; vide : déduit de la commune quand c'est possible."),
        new("location.latitude", "Latitude", Kind.Text, "Adresse", Hint: "En degrés décimaux, par exemple 47,3220."),
        new("location.longitude", "Longitude", Kind.Text, "Adresse", Hint: "En degrés décimaux, par exemple 5,0415."),
        new("horaires", "Horaires d'ouverture", Kind.Text, "Horaires",
            Hint: "Au format OpenStreetMap, par exemple <code>Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00</code> (Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, Su dimanche ; PH jours fériés). L'aperçu se met à jour pendant la saisie."),
        new("telephone", "Téléphone", Kind.Text, "Contact", Type: "tel", Autocomplete: "tel"),
        new("courriels", "Adresses électroniques", Kind.Lines, "Contact", Hint: "Une par ligne."),
        new("siteWeb", "Sites web", Kind.Lines, "Contact", Hint: "Une adresse par ligne, commençant par https://."),
        new("priseRdv", "Prise de rendez-vous en ligne", Kind.Text, "Contact", Type: "url", Hint: "L'adresse de la page de rendez-vous."),
        new("ficheAccesLibre", "Fiche Acceslibre", Kind.Text, "Contact", Type: "url", Hint: "L'adresse de la fiche d'accessibilité du lieu sur acceslibre.beta.gouv.fr."),
        new("services", "Services proposés", Kind.Choices, "Services et publics", "Service"),
        new("publicsSpecifiquementAdresses", "Publics spécifiquement accueillis", Kind.Choices, "Services et publics", "PublicSpecifiquementAdresse"),
        new("priseEnChargeSpecifique", "Prise en charge spécifique", Kind.Choices, "Services et publics", "PriseEnChargeSpecifique"),
        new("fraisACharge", "Frais à charge", Kind.Choices, "Services et publics", "FraisACharge"),
        new("modalitesAcces", "Modalités d'accès", Kind.Choices, "Services et publics", "ModaliteAcces"),
        new("modalitesAccompagnement", "Modalités d'accompagnement", Kind.Choices, "Services et publics", "ModaliteAccompagnement"),
        new("languesParlees", "Langues parlées dans le lieu", Kind.Languages, "Services et publics"),
        new("dispositifProgrammesNationaux", "Dispositifs et programmes nationaux", Kind.Choices, "Labels et dispositifs", "DispositifProgrammeNational"),
        new("formationsLabels", "Formations et labels", Kind.Choices, "Labels et dispositifs", "FormationLabel"),
        new("autresFormationsLabels", "Autres formations et labels", Kind.Lines, "Labels et dispositifs", Hint: "Un par ligne."),
        new("itinerance", "Itinérance", Kind.Choices, "Labels et dispositifs", "Itinerance"),
        new("source", "Source des informations", Kind.Text, "Labels et dispositifs"),
    ];

    private const string SiteDocument = """
        query Lieu($id: ID!) { site(id: $id) { id nom pivot adresse { voie complement codePostal commune codeInsee } location { latitude longitude }
          typologie telephone courriels siteWeb horaires presentationResume presentationDetail source itinerance structureParente services
          publicsSpecifiquementAdresses priseEnChargeSpecifique fraisACharge dispositifProgrammesNationaux formationsLabels autresFormationsLabels
          modalitesAcces modalitesAccompagnement languesParlees ficheAccesLibre priseRdv version lastConfirmedAt stale dateMaj } }
        """;

    private const string UpdateDocument = """
        mutation Modifier($id: ID!, $version: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $version, input: $input) { version } }
        """;

    public static void Map(WebApplication app)
    {
        app.MapGet("/espace/lieu/{id}", ShowAsync);
        app.MapFormPost("/espace/lieu/{id}", SaveAsync);
        ClosuresSection.Map(app);
    }

    /// <summary>The French label of an input name (for conflicts and the history).</summary>
    public static string Label(string name) => name switch
    {
        "location" => "Position (latitude, longitude)",
        "adresse" => "Adresse",
        "dateMaj" => "Date de mise à jour",
        _ when (HoursGridForm.Label(name) ?? PlacePoint.Label(name)) is { } own => own,
        "closures" => "Fermetures temporaires",
        "notices" => "Avis",
        _ => Specs.FirstOrDefault(s => s.Name == name)?.Label ?? name,
    };

    private static async Task<IResult> ShowAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.RequirePlaceAsync(http, id, EditAction.UpdateSite) is { } refusal)
        {
            return refusal;
        }

        var site = await ReadAsync(api, id, http.RequestAborted);
        if (site is null)
        {
            return EspaceEndpoints.NotFound(http);
        }

        var values = Values(site, EspaceSchema.Of(http));
        var notice = http.Request.Query.ContainsKey("enregistre") ? "Modifications enregistrées : elles sont déjà visibles dans la recherche."
            : http.Request.Query.ContainsKey("confirme") ? "Fiche confirmée à jour aujourd'hui. Merci !" : null;
        return await RenderAsync(http, api, id, site, values, values, site["version"]!.GetValue<int>(), [], null, notice, 200);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.RequirePlaceAsync(http, id, EditAction.UpdateSite) is { } refusal)
        {
            return refusal;
        }

        var site = await ReadAsync(api, id, http.RequestAborted);
        if (site is null)
        {
            return EspaceEndpoints.NotFound(http);
        }

        var submitted = Specs.ToDictionary(s => s.Name, s => Submitted(s, form[s.Name]), StringComparer.Ordinal);
        var original = Original(form["origine"]) ?? Values(site, EspaceSchema.Of(http));
        var version = int.TryParse(form["version"], out var v) ? v : site["version"]!.GetValue<int>();
        (submitted["horaires"], var ownErrors) = HoursGridForm.Apply(http, form, submitted["horaires"]);
        foreach (var (field, message) in await PlacePoint.ApplyAsync(http, form, submitted, original))
        {
            ownErrors[field] = message;
        }

        if (ownErrors.Count > 0)
        {
            return await RenderAsync(http, api, id, site, submitted, original, version, ownErrors, null, null, StatusCodes.Status400BadRequest);
        }

        var changed = Specs.Where(s => Normalize(s, submitted[s.Name]) != Normalize(s, original.GetValueOrDefault(s.Name) ?? "")).Select(s => s.Name).ToHashSet();
        if (changed.Count == 0)
        {
            return await RenderAsync(http, api, id, site, submitted, original, version, [], null,
                "Aucun changement à enregistrer. Si la fiche est juste, « Toujours à jour » le dit en un clic.", 200);
        }

        var (input, inputErrors) = Input(submitted, changed, EspaceSchema.Of(http));
        if (inputErrors.Count > 0)
        {
            return await RenderAsync(http, api, id, site, submitted, original, version, inputErrors, null, null, StatusCodes.Status400BadRequest);
        }

        var answer = await api.RunAsync(UpdateDocument, new { id, version, input }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther($"/espace/lieu/{Url(id)}?enregistre=1");
        }

        switch (answer.Code)
        {
            case ErrorCodes.VersionConflict:
                // The form now rests on the current version: the person's changes are kept, the other fields show today's values.
                var current = Values(site, EspaceSchema.Of(http));
                var merged = Specs.ToDictionary(s => s.Name, s => changed.Contains(s.Name) ? submitted[s.Name] : current[s.Name], StringComparer.Ordinal);
                return await RenderAsync(http, api, id, site, merged, current, site["version"]!.GetValue<int>(), [], answer.ErrorData?["changes"] as JsonArray, null,
                    StatusCodes.Status409Conflict);
            case ErrorCodes.InvalidSite:
                var errors = FieldErrors(answer);
                return await RenderAsync(http, api, id, site, submitted, original, version, errors, null, null, StatusCodes.Status400BadRequest);
            case ErrorCodes.Forbidden:
                return Refusal(http, StatusCodes.Status403Forbidden, "Ce lieu n'est pas dans votre espace", answer.Message);
            case ErrorCodes.Unauthenticated:
                return EspaceEndpoints.ToLogin(http);
            case ErrorCodes.NotFound:
                return EspaceEndpoints.NotFound(http);
            default:
                return await RenderAsync(http, api, id, site, submitted, original, version,
                    new Dictionary<string, string> { ["nom"] = "une valeur n'a pas été acceptée : " + answer.Message }, null, null, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The form's values (one string per field) as submitted.</summary>
    internal static Dictionary<string, string> SubmittedValues(IFormCollection form) =>
        Specs.ToDictionary(s => s.Name, s => Submitted(s, form[s.Name]), StringComparer.Ordinal);

    /// <summary>An empty form (a new place).</summary>
    internal static Dictionary<string, string> EmptyValues() => Specs.ToDictionary(s => s.Name, _ => "", StringComparer.Ordinal);

    /// <summary>The <c>SiteInput</c> of the filled fields (a new place), and what could not even be sent (a position that is no number).</summary>
    internal static (Dictionary<string, object?> Input, Dictionary<string, string> Errors) FilledInput(Dictionary<string, string> values, EspaceSchema vocabulary) =>
        Input(values, Specs.Where(s => Normalize(s, values.GetValueOrDefault(s.Name) ?? "").Length > 0).Select(s => s.Name).ToHashSet(StringComparer.Ordinal), vocabulary);

    /// <summary>The errors of an <c>INVALID_SITE</c> answer, by form control.</summary>
    /// <param name="answer">The API's answer.</param>
    /// <param name="own">Fields of the page's own form, kept by name (the message of a proposal).</param>
    internal static Dictionary<string, string> FieldErrors(GraphQLAnswer answer, params string[] own)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, message) in answer.FieldErrors())
        {
            errors.TryAdd(own.Contains(field) ? field : ControlOf(field), message);
        }

        if (errors.Count == 0)
        {
            errors["nom"] = answer.Message;
        }

        return errors;
    }

    private static async Task<JsonObject?> ReadAsync(EspaceApi api, string id, CancellationToken cancellationToken) =>
        (await api.RunAsync(SiteDocument, new { id }, cancellationToken)).Data?["site"] as JsonObject;

    /// <summary>The form's values (one string per field) of a place as the API gives it.</summary>
    private static Dictionary<string, string> Values(JsonObject site, EspaceSchema vocabulary)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in Specs)
        {
            var node = spec.Name.Split('.') is [var group, var part] ? site[group]?[part] : site[spec.Name];
            values[spec.Name] = node switch
            {
                null => "",
                JsonArray list when spec.Kind == Kind.Codes => string.Join(", ", list.Select(i => Code(vocabulary, spec, i!.GetValue<string>()))),
                JsonArray list => string.Join(spec.Kind is Kind.Choices or Kind.Languages ? "," : "\n", list.Select(i => i!.GetValue<string>())),
                JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("0.0#####", CultureInfo.InvariantCulture),
                _ => node.GetValue<string>(),
            };
        }

        return values;
    }

    private static string Submitted(Spec spec, StringValues values) =>
        spec.Kind is Kind.Choices or Kind.Languages ? string.Join(",", values.Where(v => v is { Length: > 0 }).Order(StringComparer.Ordinal)) : values.ToString();

    private static string Normalize(Spec spec, string value) => spec.Kind switch
    {
        Kind.Lines => string.Join("\n", Lines(value)),
        Kind.Choices or Kind.Languages => string.Join(",", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)),
        Kind.Codes => string.Join(",", Codes(value)),
        _ when spec.Name.StartsWith("location.", StringComparison.Ordinal) => value.Trim().Replace(',', '.'),
        _ => value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
    };

    private static Dictionary<string, string>? Original(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>SiteInput</c> of the changed fields; the address and the point go whole, as the API wants them.</summary>
    private static (Dictionary<string, object?> Input, Dictionary<string, string> Errors) Input(Dictionary<string, string> values, HashSet<string> changed, EspaceSchema vocabulary)
    {
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in Specs.Where(s => changed.Contains(s.Name) && !s.Name.Contains('.', StringComparison.Ordinal)))
        {
            var value = values[spec.Name];
            switch (spec.Kind)
            {
                case Kind.Lines:
                    input[spec.Name] = Lines(value);
                    break;
                case Kind.Choices or Kind.Languages:
                    input[spec.Name] = value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                    break;
                case Kind.Codes:
                    var known = vocabulary.EnumValues(spec.EnumType!).Select(v => v.Value).ToHashSet(StringComparer.Ordinal);
                    var codes = Codes(value);
                    var unknown = codes.Where(c => !known.Contains(EnumNames.FromLabel(c))).ToList();
                    if (unknown.Count > 0)
                    {
                        errors[spec.Name] = "code inconnu de la liste data.inclusion : " + string.Join(", ", unknown) + ".";
                    }

                    input[spec.Name] = codes.Select(EnumNames.FromLabel).ToList();
                    break;
                default:
                    input[spec.Name] = value.Trim().Length == 0 ? null : value.Trim();
                    break;
            }
        }

        if (changed.Any(c => c.StartsWith("adresse.", StringComparison.Ordinal)))
        {
            string? Part(string name) => values["adresse." + name].Trim() is { Length: > 0 } text ? text : null;
            input["adresse"] = new Dictionary<string, object?>
            {
                ["voie"] = Part("voie") ?? "",
                ["complement"] = Part("complement"),
                ["codePostal"] = Part("codePostal") ?? "",
                ["commune"] = Part("commune") ?? "",
                ["codeInsee"] = Part("codeInsee"),
            };
        }

        if (changed.Any(c => c.StartsWith("location.", StringComparison.Ordinal)))
        {
            static double? Number(string text) =>
                double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (Number(values["location.latitude"]) is { } latitude && Number(values["location.longitude"]) is { } longitude)
            {
                input["location"] = new { latitude, longitude };
            }
            else
            {
                errors["location.latitude"] = "donnez la latitude et la longitude en nombres décimaux (par exemple 47,3220 et 5,0415).";
            }
        }

        return (input, errors);
    }

    private static List<string> Lines(string value) =>
        [.. value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static List<string> Codes(string value) =>
        [.. value.Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant())];

    /// <summary>The code of a typology value (its description in the schema is the standard's code).</summary>
    private static string Code(EspaceSchema vocabulary, Spec spec, string enumName) =>
        vocabulary.EnumValues(spec.EnumType!).FirstOrDefault(v => v.Value == enumName).Label ?? enumName;

    /// <summary>The form control an error of the API is about (<c>location</c> → its latitude, <c>adresse</c> → its street).</summary>
    private static string ControlOf(string field) => field switch
    {
        "location" => "location.latitude",
        "adresse" => "adresse.voie",
        _ when Specs.Any(s => s.Name == field) => field,
        _ => "nom",
    };

    private static async Task<IResult> RenderAsync(HttpContext http, EspaceApi api, string id, JsonObject site, Dictionary<string, string> values,
        Dictionary<string, string> original, int version, Dictionary<string, string> errors, JsonArray? conflict, string? notice, int status)
    {
        var nom = site["nom"]!.GetValue<string>();
        var b = new StringBuilder();
        b.Append("<p><a href=\"/espace\">← Mes lieux</a></p>");
        b.Append("<h1>Modifier la fiche « ").Append(E(nom)).Append(" »</h1>");
        b.Append(Notice(notice));
        b.Append("<ul class=\"liens-lieu\"><li><a href=\"/lieu/").Append(Url(id)).Append("\">Voir la fiche publique</a></li>")
            .Append("<li><a href=\"/espace/lieu/").Append(Url(id)).Append("/ateliers\">Ateliers et séances</a></li>")
            .Append("<li><a href=\"/espace/lieu/").Append(Url(id)).Append("/historique\">Historique des modifications</a></li></ul>");
        b.Append("<p>Dernière confirmation : ").Append(site["lastConfirmedAt"]?.GetValue<string>() is { } at ? E(EspaceHtml.DateTime(at)) : "jamais").Append('.')
            .Append(site["stale"]?.GetValue<bool>() == true ? " <span class=\"a-confirmer\">à confirmer</span>" : "").Append("</p>");
        b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(id)).Append("/confirmer\" class=\"confirmer\">").Append(Token(http))
            .Append("<input type=\"hidden\" name=\"retour\" value=\"lieu\"><button type=\"submit\">Toujours à jour</button> ")
            .Append("<span class=\"aide\">si rien n'a changé, sans rien modifier.</span></form>");

        if (conflict is not null)
        {
            b.Append("<div class=\"conflit\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>Quelqu'un a modifié cette fiche pendant que vous la modifiiez</h2>")
                .Append("<p>Rien n'a été enregistré. Voici ce qui a changé entre-temps :</p>")
                .Append("<table class=\"tableau\"><caption>Changements faits pendant votre modification</caption><thead><tr><th scope=\"col\">Champ</th>")
                .Append("<th scope=\"col\">Valeur que vous aviez lue</th><th scope=\"col\">Valeur enregistrée entre-temps</th></tr></thead><tbody>");
            foreach (var change in conflict)
            {
                b.Append("<tr><th scope=\"row\">").Append(E(Label(change?["field"]?.GetValue<string>() ?? ""))).Append("</th><td>")
                    .Append(E(change?["oldValue"]?.GetValue<string>() ?? "(vide)")).Append("</td><td>")
                    .Append(E(change?["newValue"]?.GetValue<string>() ?? "(vide)")).Append("</td></tr>");
            }

            b.Append("</tbody></table><p>Vos saisies sont gardées dans le formulaire ci-dessous ; les autres champs montrent les valeurs enregistrées. ")
                .Append("Vérifiez, puis enregistrez de nouveau : seuls les champs que vous avez changés seront modifiés.</p></div>");
        }

        var summary = errors.Select(e => (Id(e.Key), Label(e.Key), e.Value)).ToList();
        b.Append(Summary(summary));
        b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(id)).Append("\" class=\"formulaire fiche\" novalidate>").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"version\" value=\"").Append(version).Append("\">");
        b.Append("<input type=\"hidden\" name=\"origine\" value=\"").Append(E(JsonSerializer.Serialize(original))).Append("\">");
        b.Append(await FieldsAsync(http, api, values, errors, languages: true));
        b.Append("<p><button type=\"submit\">Enregistrer les modifications</button></p></form>");
        b.Append(await ClosuresSection.RenderAsync(http, api, id));
        var title = (errors.Count > 0 || conflict is not null ? "Erreur : " : "") + "Modifier « " + nom + " »";
        return Page(http, title, b.ToString(), signedIn: true, status: status);
    }

    /// <summary>Every field of the form by section, each with its label, help and error; the hours with their preview.</summary>
    /// <param name="languages">With the languages spoken (the edit page): a proposal does not carry them, they are given once the place exists.</param>
    internal static async Task<string> FieldsAsync(HttpContext http, EspaceApi api, Dictionary<string, string> values, Dictionary<string, string> errors, bool languages = false)
    {
        var b = new StringBuilder();
        foreach (var section in Specs.Where(s => languages || s.Kind != Kind.Languages).GroupBy(s => s.Section))
        {
            b.Append("<h2>").Append(E(section.Key)).Append("</h2>");
            foreach (var spec in section)
            {
                var error = errors.GetValueOrDefault(spec.Name);
                var value = values.GetValueOrDefault(spec.Name) ?? "";
                if (spec.Name == "horaires")
                {
                    b.Append(HoursGridForm.Render(http, value, errors));
                }

                b.Append(spec.Kind switch
                {
                    Kind.Choices => Choices(spec.Name, spec.Label, EspaceSchema.Of(http).EnumValues(spec.EnumType!),
                        value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), error),
                    // « ukrainien — українська »: the one table of languages (SpokenLanguages).
                    Kind.Languages => Choices(spec.Name, spec.Label, Domain.Sites.SpokenLanguages.All.Select(l => (l.Code, l.Label)),
                        value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), error),
                    Kind.LongText or Kind.Lines => Field(spec.Name, spec.Label, value, error, spec.Hint, multiline: true, required: spec.Required),
                    _ => Field(spec.Name, spec.Label, value, error, spec.Hint, spec.Type, autocomplete: spec.Autocomplete, required: spec.Required,
                        extra: spec.Name == "horaires" ? "class=\"large\" spellcheck=\"false\" data-apercu=\"horaires-apercu\"" : null),
                });
                if (spec.Name == "location.longitude")
                {
                    b.Append(PlacePoint.Render(http, values, errors));
                }

                if (spec.Name == "horaires")
                {
                    b.Append("<h3 id=\"horaires-apercu-titre\">Aperçu des horaires</h3><div id=\"horaires-apercu\" class=\"apercu-horaires\" aria-live=\"polite\">")
                        .Append(await HoursPreview.RenderAsync(api, value, http.RequestAborted)).Append("</div>");
                }
            }
        }

        return b.ToString();
    }
}
