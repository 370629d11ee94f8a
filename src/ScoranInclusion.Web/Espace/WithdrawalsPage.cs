using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Errors;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/retraits</c>: the places withdrawn from the directory (<c>withdrawnSites</c>: no source lists them any more),
/// with when and why, and « Rétablir » (<c>restoreSite</c>, a POST with the antiforgery token). Who may see and restore
/// is the API's business: a mediator gets its <c>FORBIDDEN</c> as a 403 page; <c>NOT_WITHDRAWN</c> (restored meanwhile
/// by someone else) is said at the top of the page.
/// </summary>
internal static class WithdrawalsPage
{
    public const string Path = "/espace/retraits";
    private const int PageSize = 20;

    private const string ListDocument = """
        query Retraits($first: Int, $after: String) {
          withdrawnSites(first: $first, after: $after) {
            nodes { id nom adresse codePostal commune departement provenance withdrawnAt withdrawnReason }
            pageInfo { hasNextPage endCursor } } }
        """;

    private const string RestoreDocument = "mutation Retablir($id: ID!) { restoreSite(id: $id) { id nom } }";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapFormPost(Path + "/{id}/retablir", RestoreAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var restored = http.Request.Query["retabli"].ToString();
        var notice = restored.Length is > 0 and <= 200 ? $"« {restored} » est rétabli : il est de nouveau visible dans la recherche, les pages et les exports." : null;
        return await RenderAsync(http, api, After(http.Request.Query["apres"].ToString()), notice, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var after = After(form["apres"].ToString());
        var answer = await api.RunAsync(RestoreDocument, new { id }, http.RequestAborted);
        if (answer.Ok)
        {
            var nom = answer.Data?["restoreSite"]?["nom"]?.GetValue<string>() ?? "";
            return EspaceEndpoints.SeeOther(Path + "?retabli=" + Url(nom) + (after is null ? "" : "&apres=" + Url(after)) + "#retraits");
        }

        return answer.Code switch
        {
            ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
            ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à la modération", answer.Message),
            ErrorCodes.NotWithdrawn => await RenderAsync(http, api, after, null, answer.Message, StatusCodes.Status409Conflict),
            _ => await RenderAsync(http, api, after, null, answer.Message, StatusCodes.Status400BadRequest),
        };
    }

    private static string? After(string value) => value is { Length: > 0 and <= 200 } ? value : null;

    private static async Task<IResult> RenderAsync(HttpContext http, EspaceApi api, string? after, string? notice, string? pageError, int status)
    {
        var answer = await api.RunAsync(ListDocument, new { first = PageSize, after }, http.RequestAborted);
        if (!answer.Ok)
        {
            return answer.Code switch
            {
                ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
                ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à la modération",
                    "Les lieux retirés de l'annuaire sont listés pour la modération et l'administration."),
                _ => Refusal(http, StatusCodes.Status400BadRequest, "Page introuvable", "Cette page de la liste n'existe pas : revenez au début de la liste."),
            };
        }

        var b = new StringBuilder("<h1>Lieux retirés de l'annuaire</h1>");
        b.Append(Notice(notice));
        if (pageError is not null)
        {
            b.Append("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>Rien n'a changé</h2><p>").Append(E(pageError)).Append("</p></div>");
        }

        b.Append("<p>Un lieu est retiré quand plus aucune de ses sources ne le liste et que rien d'autre ne le tient (ni une autre source, ")
            .Append("ni une modification d'une personne). Il n'apparaît plus dans la recherche, les pages ni les exports, mais il est gardé avec son historique. ")
            .Append("« Rétablir » le remet dans l'annuaire ; la synchronisation des sources ne le retirera plus d'elle-même.</p>")
            .Append("<p><a href=\"/espace/sources\">Voir les sources et leurs passages</a></p>");

        var nodes = answer.Data?["withdrawnSites"]?["nodes"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        b.Append("<section id=\"retraits\" aria-labelledby=\"retraits-titre\"><h2 id=\"retraits-titre\">")
            .Append(nodes.Count == 0 ? "Aucun lieu retiré" : nodes.Count + (nodes.Count > 1 ? " lieux retirés" : " lieu retiré"))
            .Append(after is null ? "" : " (suite)").Append("</h2>");
        if (nodes.Count == 0)
        {
            b.Append("<p>Aucun lieu de votre territoire n'est retiré de l'annuaire.</p>");
        }
        else
        {
            var token = Token(http);
            b.Append("<ul class=\"retraits\">");
            foreach (var node in nodes)
            {
                b.Append(Item(node, token, after));
            }

            b.Append("</ul>");
        }

        b.Append("</section>");
        var info = answer.Data?["withdrawnSites"]?["pageInfo"] as JsonObject;
        var hasNext = info?["hasNextPage"]?.GetValue<bool>() == true;
        if (hasNext || after is not null)
        {
            b.Append("<nav aria-label=\"Pages des lieux retirés\" class=\"pagination\"><ul>");
            if (after is not null)
            {
                b.Append("<li><a href=\"").Append(Path).Append("\">Début de la liste</a></li>");
            }

            if (hasNext && info?["endCursor"]?.GetValue<string>() is { } end)
            {
                b.Append("<li><a href=\"").Append(Path).Append("?apres=").Append(E(Url(end))).Append("\">Lieux suivants</a></li>");
            }

            b.Append("</ul></nav>");
        }

        return Page(http, (pageError is not null ? "Erreur : " : "") + "Lieux retirés de l'annuaire", b.ToString(), signedIn: true, status: status);
    }

    private static string Item(JsonObject node, string token, string? after)
    {
        var id = node["id"]!.GetValue<string>();
        var nom = node["nom"]?.GetValue<string>() ?? "";
        var titleId = "retrait-" + id + "-titre";
        var b = new StringBuilder("<li><article class=\"demande\" aria-labelledby=\"").Append(E(titleId)).Append("\">");
        b.Append("<h3 id=\"").Append(E(titleId)).Append("\">").Append(E(nom)).Append("</h3><dl class=\"details\">");
        b.Append("<dt>Adresse</dt><dd>").Append(E($"{node["adresse"]?.GetValue<string>()}, {node["codePostal"]?.GetValue<string>()} {node["commune"]?.GetValue<string>()}".Trim(' ', ','))).Append("</dd>");
        b.Append("<dt>Département</dt><dd>").Append(E(node["departement"]?.GetValue<string>())).Append("</dd>");
        b.Append("<dt>Source</dt><dd>").Append(E(node["provenance"]?.GetValue<string>())).Append("</dd>");
        b.Append("<dt>Retiré le</dt><dd>").Append(E(EspaceHtml.DateTime(node["withdrawnAt"]?.GetValue<string>()))).Append("</dd>");
        if (node["withdrawnReason"]?.GetValue<string>() is { Length: > 0 } reason)
        {
            b.Append("<dt>Raison</dt><dd>").Append(E(reason)).Append("</dd>");
        }

        b.Append("</dl><form method=\"post\" action=\"").Append(Path).Append('/').Append(Url(id)).Append("/retablir\">").Append(token);
        if (after is not null)
        {
            b.Append("<input type=\"hidden\" name=\"apres\" value=\"").Append(E(after)).Append("\">");
        }

        b.Append("<p><button type=\"submit\">Rétablir<span class=\"visuellement-cache\"> : ").Append(E(nom)).Append("</span></button></p></form>");
        return b.Append("</article></li>").ToString();
    }
}
