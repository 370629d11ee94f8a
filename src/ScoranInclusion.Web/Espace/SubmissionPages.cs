using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// What an account asks of the moderation: <c>/espace/proposer</c> (<c>proposeSite</c>, the fields of the edit page,
/// checked by the API: <c>INVALID_SITE</c> next to each field, the input kept), <c>/espace/revendiquer</c>
/// (<c>claimSite</c>, « c'est mon lieu », reached from a public page with <c>?lieu=</c>) and <c>/espace/demandes</c>
/// (<c>mySubmissions</c>: each request, its state and the moderation's reason).
/// </summary>
internal static class SubmissionPages
{
    private const string ProposeDocument = """
        mutation Proposer($input: SiteInput!, $message: String) { proposeSite(input: $input, message: $message) { id } }
        """;

    private const string ClaimDocument = """
        mutation Revendiquer($id: ID!, $message: String!) { claimSite(id: $id, message: $message) { id } }
        """;

    private const string PlaceDocument = "query Lieu($id: ID!) { site(id: $id) { id nom adresse { commune } } }";

    private const string SubmissionsDocument = """
        query MesDemandes($after: String) { mySubmissions(first: 20, after: $after) { nodes { id kind status createdAt decidedAt reason message
          site { id nom } proposal { nom adresse { commune } } } pageInfo { hasNextPage endCursor } } }
        """;

    public static void Map(WebApplication app)
    {
        app.MapGet("/espace/proposer", ProposeFormAsync);
        app.MapFormPost("/espace/proposer", ProposeAsync);
        app.MapGet("/espace/revendiquer", ClaimFormAsync);
        app.MapFormPost("/espace/revendiquer", ClaimAsync);
        app.MapGet("/espace/demandes", SubmissionsAsync);
    }

    private static async Task<IResult> ProposeFormAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        return await ProposePageAsync(http, api, EditPage.EmptyValues(), "", [], 200);
    }

    private static async Task<IResult> ProposeAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var values = EditPage.SubmittedValues(form);
        var message = form["message"].ToString();
        (values["horaires"], var ownErrors) = HoursGridForm.Apply(http, form, values["horaires"]);
        foreach (var (field, text) in await PlacePoint.ApplyAsync(http, form, values, null))
        {
            ownErrors[field] = text;
        }

        if (ownErrors.Count > 0)
        {
            return await ProposePageAsync(http, api, values, message, ownErrors, StatusCodes.Status400BadRequest);
        }

        var (input, errors) = EditPage.FilledInput(values, EspaceSchema.Of(http));
        if (errors.Count > 0)
        {
            return await ProposePageAsync(http, api, values, message, errors, StatusCodes.Status400BadRequest);
        }

        var answer = await api.RunAsync(ProposeDocument, new { input, message = message.Trim().Length > 0 ? message : null }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther("/espace/demandes?envoye=proposition");
        }

        return answer.Code switch
        {
            ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
            ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Action non permise", answer.Message),
            _ => await ProposePageAsync(http, api, values, message, EditPage.FieldErrors(answer, "message"), StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> ProposePageAsync(HttpContext http, EspaceApi api, Dictionary<string, string> values, string message,
        Dictionary<string, string> errors, int status)
    {
        var b = new StringBuilder();
        b.Append("<h1>Proposer un nouveau lieu</h1>");
        b.Append("<p>Un lieu d'aide au numérique qui manque à l'annuaire ? Décrivez-le : la modération de son département vérifie la proposition, ")
            .Append("puis le lieu apparaît dans la recherche et vous est confié. Le nom, l'adresse et la position (latitude et longitude) sont obligatoires.</p>");
        b.Append(Summary(errors.Select(e => (Id(e.Key), e.Key == "message" ? "Message" : EditPage.Label(e.Key), e.Value)).ToList()));
        b.Append("<form method=\"post\" action=\"/espace/proposer\" class=\"formulaire fiche\" novalidate>").Append(Token(http));
        b.Append(await EditPage.FieldsAsync(http, api, values, errors));
        b.Append("<h2>Pour la modération</h2>");
        b.Append(Field("message", "Message à la modération", message, errors.GetValueOrDefault("message"),
            "Facultatif : qui vous êtes, d'où vient l'information (2 000 caractères au plus).", multiline: true));
        b.Append("<p><button type=\"submit\">Envoyer la proposition</button></p></form>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "Proposer un nouveau lieu", b.ToString(), signedIn: true, status: status);
    }

    private static async Task<IResult> ClaimFormAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        return await ClaimPageAsync(http, api, http.Request.Query["lieu"].ToString(), "", [], 200);
    }

    private static async Task<IResult> ClaimAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var place = PlaceId(form["lieu"].ToString());
        var message = form["message"].ToString();
        var answer = await api.RunAsync(ClaimDocument, new { id = place, message }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther("/espace/demandes?envoye=revendication");
        }

        if (answer.Code == ErrorCodes.Unauthenticated)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        // FORBIDDEN (not a mediator), INVALID_CLAIM (field: id or message), NOT_FOUND / INVALID_ID: next to the field at fault.
        var field = answer.ErrorData?["field"]?.GetValue<string>() == "message" ? "message" : "lieu";
        return await ClaimPageAsync(http, api, place, message, new() { [field] = answer.Message },
            answer.Code == ErrorCodes.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ClaimPageAsync(HttpContext http, EspaceApi api, string place, string message, Dictionary<string, string> errors, int status)
    {
        var b = new StringBuilder();
        b.Append("<h1>« C'est mon lieu » : demander à gérer une fiche</h1>");
        if (PlaceId(place) is { Length: > 0 } id && (await api.RunAsync(PlaceDocument, new { id }, http.RequestAborted)).Data?["site"] is JsonObject site)
        {
            b.Append("<p>Le lieu : <a href=\"/lieu/").Append(Url(id)).Append("\">").Append(E(site["nom"]?.GetValue<string>())).Append("</a>, ")
                .Append(E(site["adresse"]?["commune"]?.GetValue<string>())).Append(".</p>");
        }

        b.Append("<p>Vous travaillez dans ce lieu et voulez tenir sa fiche à jour ? La modération de son département vérifie la demande ; acceptée, ")
            .Append("le lieu s'ajoute à « Mes lieux ».</p>");
        b.Append(Summary(errors.Select(e => (Id(e.Key), e.Key == "message" ? "Message" : "Lieu", e.Value)).ToList()));
        b.Append("<form method=\"post\" action=\"/espace/revendiquer\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append(Field("lieu", "Le lieu", place, errors.GetValueOrDefault("lieu"),
            "L'adresse de sa page publique (par exemple /lieu/U2l0ZToxMg) ou son identifiant : le bouton « C'est mon lieu » de la page publique le remplit.", required: true));
        b.Append(Field("message", "Pourquoi ce lieu est le vôtre", message, errors.GetValueOrDefault("message"),
            "Votre structure, votre rôle : ce qui permet à la modération de vérifier (2 000 caractères au plus).", multiline: true, required: true));
        b.Append("<p><button type=\"submit\">Envoyer la demande</button></p></form>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "C'est mon lieu", b.ToString(), signedIn: true, status: status);
    }

    /// <summary>The id of a place from what was typed: the id itself, or the address of its public page.</summary>
    private static string PlaceId(string text)
    {
        var trimmed = text.Trim();
        var at = trimmed.LastIndexOf("/lieu/", StringComparison.Ordinal);
        if (at >= 0)
        {
            trimmed = trimmed[(at + "/lieu/".Length)..].Split('/', '?', '#')[0];
        }

        return trimmed.Length > 200 ? trimmed[..200] : trimmed;
    }

    private static async Task<IResult> SubmissionsAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is not { } principal)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var after = http.Request.Query["apres"].ToString() is { Length: > 0 and <= 200 } cursor ? cursor : null;
        var answer = await api.RunAsync(SubmissionsDocument, new { after }, http.RequestAborted);
        if (!answer.Ok)
        {
            return answer.Code == ErrorCodes.Unauthenticated ? EspaceEndpoints.ToLogin(http)
                : Refusal(http, StatusCodes.Status400BadRequest, "Page introuvable", "Cette page de la liste n'existe pas : revenez au début de « Mes demandes ».");
        }

        var b = new StringBuilder("<h1>Mes demandes</h1>");
        b.Append(Notice(http.Request.Query["envoye"].ToString() switch
        {
            "proposition" => "Proposition envoyée : la modération du département va la vérifier.",
            "revendication" => "Demande envoyée : la modération du département va la vérifier.",
            _ => null,
        }));
        var nodes = answer.Data?["mySubmissions"]?["nodes"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        b.Append("<p><a href=\"/espace/proposer\">Proposer un nouveau lieu</a>");
        if (principal.Role == AccountRole.Mediator)
        {
            b.Append(" · <a href=\"/espace/revendiquer\">Demander à gérer un lieu existant (« C'est mon lieu »)</a>");
        }

        b.Append("</p>");
        if (nodes.Count == 0)
        {
            b.Append("<p>Vous n'avez fait aucune demande pour l'instant. Pour en faire une, suivez l'un des liens ci-dessus.</p>");
            return Page(http, "Mes demandes", b.ToString(), signedIn: true);
        }

        b.Append("<table class=\"tableau\"><caption>Vos demandes, des plus récentes aux plus anciennes</caption><thead><tr>")
            .Append("<th scope=\"col\">Demande</th><th scope=\"col\">Lieu</th><th scope=\"col\">Envoyée le</th><th scope=\"col\">État</th><th scope=\"col\">Réponse de la modération</th></tr></thead><tbody>");
        foreach (var item in nodes)
        {
            var site = item["site"] as JsonObject;
            var nom = site?["nom"]?.GetValue<string>() ?? item["proposal"]?["nom"]?.GetValue<string>() ?? "";
            b.Append("<tr><th scope=\"row\">").Append(E(ModerationPage.KindLabel(item["kind"]?.GetValue<string>()))).Append("</th><td>");
            if (site?["id"]?.GetValue<string>() is { } siteId)
            {
                b.Append("<a href=\"/lieu/").Append(Url(siteId)).Append("\">").Append(E(nom)).Append("</a>");
            }
            else
            {
                b.Append(E(nom));
            }

            b.Append("</td><td>").Append(E(EspaceHtml.DateTime(item["createdAt"]?.GetValue<string>()))).Append("</td><td>")
                .Append(E(ModerationPage.StatusLabel(item["status"]?.GetValue<string>())));
            if (item["decidedAt"]?.GetValue<string>() is { } decided)
            {
                b.Append(" le ").Append(E(EspaceHtml.DateTime(decided)));
            }

            b.Append("</td><td>").Append(E(item["reason"]?.GetValue<string>() ?? "")).Append("</td></tr>");
        }

        b.Append("</tbody></table>");
        if (answer.Data?["mySubmissions"]?["pageInfo"] is JsonObject info && info["hasNextPage"]?.GetValue<bool>() == true)
        {
            b.Append("<nav aria-label=\"Pages de la liste\" class=\"pagination\"><ul><li><a href=\"/espace/demandes?apres=")
                .Append(Url(info["endCursor"]?.GetValue<string>())).Append("\">Demandes plus anciennes</a></li></ul></nav>");
        }

        return Page(http, "Mes demandes", b.ToString(), signedIn: true);
    }
}
