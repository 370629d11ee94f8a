using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/lieu/{id}/ateliers</c>: the place's offers and their coming sessions; add a session to an offer,
/// create an offer, cancel a session with a reason (<c>createSession</c>, <c>createOffer</c>, <c>cancelSession</c>).
/// Each form is its own: an error re-draws the page with that form's input and its errors.
/// </summary>
internal static class WorkshopsPage
{
    private const string Document = """
        query Ateliers($id: ID!) { site(id: $id) { id nom offers { id title summary format fee status isExample
          sessions { id startsAt endsAt status capacity remainingSeats cancelReason } } } }
        """;

    private static readonly (string Value, string Label)[] Formats =
        [("COLLECTIVE_WORKSHOP", "Atelier collectif"), ("INDIVIDUAL_HELP", "Accompagnement individuel"), ("REMOTE", "À distance")];

    private static readonly (string Value, string Label)[] Fees =
        [("FREE", "Gratuit"), ("FREE_UNDER_CONDITION", "Gratuit sous condition"), ("PAID", "Payant")];

    /// <summary>What one form sent back, to re-draw it: its key (<c>seance-ID</c>, <c>offre</c>, <c>annulation-ID</c>), its values and errors.</summary>
    private sealed record Attempt(string Form, IFormCollection Values, Dictionary<string, string> Errors);

    public static void Map(WebApplication app)
    {
        app.MapGet("/espace/lieu/{id}/ateliers", (HttpContext http, string id, EspaceApi api) => ShowAsync(http, id, api, null));
        app.MapFormPost("/espace/lieu/{id}/ateliers/seance", AddSessionAsync);
        app.MapFormPost("/espace/lieu/{id}/ateliers/offre", AddOfferAsync);
        app.MapFormPost("/espace/lieu/{id}/ateliers/annulation", CancelAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string id, EspaceApi api, Attempt? attempt)
    {
        if (attempt is null)
        {
            if (await EspaceEndpoints.RequirePlaceAsync(http, id, EditAction.CreateOffer) is { } refusal)
            {
                return refusal;
            }
        }

        var answer = await api.RunAsync(Document, new { id }, http.RequestAborted);
        if (answer.Data?["site"] is not JsonObject site)
        {
            return EspaceEndpoints.NotFound(http);
        }

        var nom = site["nom"]!.GetValue<string>();
        var token = Token(http);
        var b = new StringBuilder();
        b.Append("<p><a href=\"/espace/lieu/").Append(Url(id)).Append("\">← La fiche du lieu</a></p>");
        b.Append("<h1>Ateliers et séances de « ").Append(E(nom)).Append(" »</h1>");
        b.Append(Notice(http.Request.Query["ok"].ToString() switch
        {
            "seance" => "Séance ajoutée : elle apparaît déjà dans « Prochains ateliers » de la fiche publique.",
            "offre" => "Offre créée. Ajoutez-lui une séance ci-dessous.",
            "annulation" => "Séance annulée : elle reste affichée, barrée, avec le motif.",
            _ => null,
        }));
        if (attempt is not null)
        {
            b.Append(Summary(attempt.Errors.Select(e => (Id(attempt.Form + "." + e.Key), Label(e.Key), e.Value)).ToList()));
        }

        var offers = site["offers"]?.AsArray() ?? [];
        b.Append("<p>Les séances à venir (90 jours) de chaque offre. <a href=\"/lieu/").Append(Url(id))
            .Append("\">La fiche publique</a> montre les prochaines aux personnes qui cherchent de l'aide.</p>");
        if (offers.Count == 0)
        {
            b.Append("<p>Ce lieu ne propose encore aucune offre : créez-en une plus bas.</p>");
        }

        foreach (var offer in offers.OfType<JsonObject>())
        {
            var offerId = offer["id"]!.GetValue<string>();
            b.Append("<section class=\"offre\" aria-labelledby=\"offre-").Append(E(offerId)).Append("\"><h2 id=\"offre-").Append(E(offerId)).Append("\">")
                .Append(E(offer["title"]?.GetValue<string>())).Append("</h2>");
            if (offer["isExample"]?.GetValue<bool>() == true)
            {
                b.Append("<p><span class=\"exemple\">Exemple (pas une vraie annonce)</span></p>");
            }

            b.Append("<p>").Append(E(offer["summary"]?.GetValue<string>())).Append("</p>");
            var sessions = offer["sessions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            if (sessions.Count == 0)
            {
                b.Append("<p>Aucune séance dans les 90 prochains jours : ajoutez-en une avec le formulaire « Ajouter une séance » ci-dessous.</p>");
            }
            else
            {
                b.Append("<table class=\"tableau\"><caption>Séances à venir</caption><thead><tr><th scope=\"col\">Quand</th><th scope=\"col\">Places</th>")
                    .Append("<th scope=\"col\">État</th><th scope=\"col\">Annuler</th></tr></thead><tbody>");
                foreach (var session in sessions)
                {
                    b.Append(SessionRow(session, id, token, attempt));
                }

                b.Append("</tbody></table>");
            }

            b.Append(SessionForm(id, offerId, offer["title"]?.GetValue<string>() ?? "", token, attempt));
            b.Append("</section>");
        }

        b.Append(OfferForm(id, token, attempt, EspaceSchema.Of(http)));
        var title = (attempt is not null ? "Erreur : " : "") + "Ateliers de « " + nom + " »";
        return Page(http, title, b.ToString(), signedIn: true, status: attempt is null ? 200 : StatusCodes.Status400BadRequest);
    }

    private static string SessionRow(JsonObject session, string siteId, string token, Attempt? attempt)
    {
        var sessionId = session["id"]!.GetValue<string>();
        var starts = DateTimeOffset.Parse(session["startsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var ends = DateTimeOffset.Parse(session["endsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var status = session["status"]?.GetValue<string>();
        var b = new StringBuilder("<tr><th scope=\"row\">");
        b.Append(E(Capitalized(ParisTime.ToParis(starts).ToString("dddd d MMMM", French)))).Append(", ")
            .Append(Time(TimeOnly.FromDateTime(ParisTime.ToParis(starts).DateTime))).Append(" – ").Append(Time(TimeOnly.FromDateTime(ParisTime.ToParis(ends).DateTime)));
        b.Append("</th><td>");
        b.Append(session["capacity"]?.GetValue<int>() is { } capacity
            ? $"{session["remainingSeats"]?.GetValue<int>() ?? 0} sur {capacity}"
            : "sans limite");
        b.Append("</td><td>").Append(status switch
        {
            "CANCELLED" => "annulée" + (session["cancelReason"]?.GetValue<string>() is { Length: > 0 } reason ? " (" + E(reason) + ")" : ""),
            "FULL" => "complète",
            "DONE" => "terminée",
            _ => "programmée",
        }).Append("</td><td>");
        if (status is "SCHEDULED" or "FULL")
        {
            var form = "annulation-" + sessionId;
            var mine = attempt?.Form == form ? attempt : null;
            b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(siteId)).Append("/ateliers/annulation\" class=\"annulation\">").Append(token)
                .Append("<input type=\"hidden\" name=\"sessionId\" value=\"").Append(E(sessionId)).Append("\">")
                .Append(Field("reason", "Motif de l'annulation", mine?.Values["reason"], mine?.Errors.GetValueOrDefault("reason"),
                    hint: "Montré aux personnes (par exemple « animatrice malade »).", id: Id(form + ".reason")))
                .Append("<button type=\"submit\">Annuler la séance</button></form>");
        }

        return b.Append("</td></tr>").ToString();
    }

    private static string SessionForm(string siteId, string offerId, string title, string token, Attempt? attempt)
    {
        var form = "seance-" + offerId;
        var mine = attempt?.Form == form ? attempt : null;
        string? Value(string name) => mine?.Values[name];
        string? Error(string name) => mine?.Errors.GetValueOrDefault(name);
        var b = new StringBuilder("<form method=\"post\" action=\"/espace/lieu/").Append(Url(siteId)).Append("/ateliers/seance\" class=\"formulaire seance\" novalidate>");
        b.Append(token).Append("<input type=\"hidden\" name=\"offerId\" value=\"").Append(E(offerId)).Append("\">");
        b.Append("<fieldset><legend>Ajouter une séance à « ").Append(E(title)).Append(" »</legend><div class=\"ligne\">");
        b.Append(Field("date", "Date", Value("date"), Error("date"), type: "date", required: true, id: Id(form + ".date")));
        b.Append(Field("debut", "Début", Value("debut"), Error("debut"), hint: "Heure de Paris.", type: "time", required: true, id: Id(form + ".debut")));
        b.Append(Field("fin", "Fin", Value("fin"), Error("fin"), type: "time", required: true, id: Id(form + ".fin")));
        b.Append(Field("places", "Nombre de places", Value("places"), Error("places"), hint: "Vide : sans limite.", type: "number", id: Id(form + ".places"), extra: "min=\"1\" inputmode=\"numeric\""));
        b.Append("</div><p><button type=\"submit\">Ajouter la séance</button></p></fieldset></form>");
        return b.ToString();
    }

    private static string OfferForm(string siteId, string token, Attempt? attempt, EspaceSchema vocabulary)
    {
        const string form = "offre";
        var mine = attempt?.Form == form ? attempt : null;
        string? Value(string name) => mine?.Values[name];
        string? Error(string name) => mine?.Errors.GetValueOrDefault(name);
        IReadOnlySet<string> Selected(string name, string? byDefault = null) =>
            mine is null ? (byDefault is null ? new HashSet<string>() : new HashSet<string> { byDefault }) : mine.Values[name].OfType<string>().ToHashSet();
        var b = new StringBuilder("<section aria-labelledby=\"nouvelle-offre\"><h2 id=\"nouvelle-offre\">Créer une offre</h2>");
        b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(siteId)).Append("/ateliers/offre\" class=\"formulaire\" novalidate>").Append(token);
        b.Append(Field("title", "Titre", Value("title"), Error("title"), hint: "Par exemple « Premiers pas sur smartphone ».", required: true, id: Id("offre.title")));
        b.Append(Field("summary", "En quelques mots", Value("summary"), Error("summary"), multiline: true, required: true, id: Id("offre.summary")));
        b.Append(Choices("themes", "Thèmes", vocabulary.EnumValues("Service"), Selected("themes"), Error("themes"), id: Id("offre.themes")));
        b.Append(Choices("format", "Forme", Formats, Selected("format", "COLLECTIVE_WORKSHOP"), Error("format"), radio: true, id: Id("offre.format")));
        b.Append(Choices("fee", "Prix", Fees, Selected("fee", "FREE"), Error("fee"), radio: true, id: Id("offre.fee")));
        b.Append("<fieldset id=\"").Append(Id("offre.registration")).Append("\"><legend>Comment s'inscrire</legend>");
        if (Error("registration") is { } registrationError)
        {
            b.Append("<p class=\"erreur\">").Append(E(registrationError)).Append("</p>");
        }

        b.Append(Choices("onSite", "Sur place", [("true", "On peut s'inscrire sur place ou venir sans inscription")], Selected("onSite", "true"), null, id: Id("offre.onSite")));
        b.Append(Field("telephone", "Téléphone d'inscription", Value("telephone"), Error("telephone"), type: "tel", id: Id("offre.telephone")));
        b.Append(Field("courriel", "Courriel d'inscription", Value("courriel"), Error("courriel"), type: "email", id: Id("offre.courriel")));
        b.Append(Field("url", "Page d'inscription en ligne", Value("url"), Error("url"), type: "url", id: Id("offre.url")));
        b.Append("</fieldset><p><button type=\"submit\">Créer l'offre</button></p></form></section>");
        return b.ToString();
    }

    private static async Task<IResult> AddSessionAsync(HttpContext http, string id, EspaceApi api) =>
        await PostAsync(http, id, api, EditAction.CreateSession, form => "seance-" + form["offerId"], async form =>
        {
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            var date = DateOnly.TryParseExact(form["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var start = TimeOnly.TryParseExact(form["debut"], ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ? s : (TimeOnly?)null;
            var end = TimeOnly.TryParseExact(form["fin"], ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : (TimeOnly?)null;
            int? capacity = null;
            if (date is null)
            {
                errors["date"] = "indiquez le jour de la séance.";
            }

            if (start is null)
            {
                errors["debut"] = "indiquez l'heure de début (par exemple 14:00).";
            }

            if (end is null)
            {
                errors["fin"] = "indiquez l'heure de fin (par exemple 16:00).";
            }

            if (form["places"].ToString().Trim() is { Length: > 0 } places)
            {
                if (int.TryParse(places, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                {
                    capacity = c;
                }
                else
                {
                    errors["places"] = "un nombre entier, ou rien pour une séance sans limite.";
                }
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            // Paris wall-clock time without an offset: the DateTime scalar reads it in Europe/Paris.
            var input = new Dictionary<string, object?>
            {
                ["offerId"] = form["offerId"].ToString(),
                ["startsAt"] = date!.Value.ToDateTime(start!.Value).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["endsAt"] = date.Value.ToDateTime(end!.Value).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["capacity"] = capacity,
            };
            var answer = await api.RunAsync("mutation Seance($input: SessionInput!) { createSession(input: $input) { id } }", new { input }, http.RequestAborted);
            return (answer, FieldErrors(answer, new() { ["startsAt"] = "debut", ["endsAt"] = "fin", ["capacity"] = "places", ["offerId"] = "date" }, "date"));
        }, "seance");

    private static async Task<IResult> AddOfferAsync(HttpContext http, string id, EspaceApi api) =>
        await PostAsync(http, id, api, EditAction.CreateOffer, _ => "offre", async form =>
        {
            string? Text(string name) => form[name].ToString().Trim() is { Length: > 0 } t ? t : null;
            var input = new Dictionary<string, object?>
            {
                ["title"] = form["title"].ToString().Trim(),
                ["summary"] = form["summary"].ToString().Trim(),
                ["themes"] = form["themes"].OfType<string>().ToList(),
                ["format"] = Formats.Any(f => f.Value == form["format"]) ? form["format"].ToString() : "COLLECTIVE_WORKSHOP",
                ["fee"] = Fees.Any(f => f.Value == form["fee"]) ? form["fee"].ToString() : "FREE",
                ["registration"] = new Dictionary<string, object?>
                {
                    ["onSite"] = form["onSite"].ToString() == "true",
                    ["telephone"] = Text("telephone"),
                    ["courriel"] = Text("courriel"),
                    ["url"] = Text("url"),
                },
                ["siteId"] = id,
            };
            var answer = await api.RunAsync("mutation Offre($input: OfferInput!) { createOffer(input: $input) { id } }", new { input }, http.RequestAborted);
            return (answer, FieldErrors(answer, new()
            {
                ["registration.telephone"] = "telephone",
                ["registration.courriel"] = "courriel",
                ["registration.url"] = "url",
                ["registration.onSite"] = "registration",
            }, "title"));
        }, "offre");

    private static async Task<IResult> CancelAsync(HttpContext http, string id, EspaceApi api) =>
        await PostAsync(http, id, api, EditAction.CancelSession, form => "annulation-" + form["sessionId"], async form =>
        {
            var reason = form["reason"].ToString().Trim();
            if (reason.Length == 0)
            {
                return (null, new Dictionary<string, string> { ["reason"] = "dites en quelques mots pourquoi : les personnes inscrites le liront." });
            }

            var answer = await api.RunAsync("mutation Annuler($id: ID!, $reason: String) { cancelSession(id: $id, reason: $reason) { id status } }",
                new { id = form["sessionId"].ToString(), reason }, http.RequestAborted);
            return (answer, FieldErrors(answer, [], "reason"));
        }, "annulation");

    /// <summary>The common path of the three forms: token, sign-in, scope, the mutation, then a redirect or the page with the errors.</summary>
    private static async Task<IResult> PostAsync(HttpContext http, string id, EspaceApi api, EditAction action, Func<IFormCollection, string> formKey,
        Func<IFormCollection, Task<(GraphQLAnswer? Answer, Dictionary<string, string> Errors)>> run, string done)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.RequirePlaceAsync(http, id, action) is { } refusal)
        {
            return refusal;
        }

        var (answer, errors) = await run(form);
        if (answer is { Ok: true })
        {
            return EspaceEndpoints.SeeOther($"/espace/lieu/{Url(id)}/ateliers?ok={done}");
        }

        switch (answer?.Code)
        {
            case ErrorCodes.Forbidden:
                return Refusal(http, StatusCodes.Status403Forbidden, "Ce lieu n'est pas dans votre espace", answer.Message);
            case ErrorCodes.Unauthenticated:
                return EspaceEndpoints.ToLogin(http);
        }

        return await ShowAsync(http, id, api, new Attempt(formKey(form), form, errors));
    }

    /// <summary>The API's field errors as the form's fields (the API's names mapped to the form's), else the message on <paramref name="fallback"/>.</summary>
    private static Dictionary<string, string> FieldErrors(GraphQLAnswer answer, Dictionary<string, string> names, string fallback)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (answer.Ok)
        {
            return errors;
        }

        foreach (var (field, message) in answer.FieldErrors())
        {
            errors.TryAdd(names.GetValueOrDefault(field) ?? (Known.Contains(field) ? field : fallback), message);
        }

        if (errors.Count == 0)
        {
            errors[fallback] = answer.Message;
        }

        return errors;
    }

    private static readonly HashSet<string> Known = ["title", "summary", "themes", "format", "fee", "registration", "date", "debut", "fin", "places", "reason"];

    private static string Label(string field) => field switch
    {
        "title" => "Titre",
        "summary" => "En quelques mots",
        "themes" => "Thèmes",
        "format" => "Forme",
        "fee" => "Prix",
        "registration" => "Comment s'inscrire",
        "telephone" => "Téléphone d'inscription",
        "courriel" => "Courriel d'inscription",
        "url" => "Page d'inscription en ligne",
        "date" => "Date",
        "debut" => "Début",
        "fin" => "Fin",
        "places" => "Nombre de places",
        "reason" => "Motif de l'annulation",
        _ => field,
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];
}
