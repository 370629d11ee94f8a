using System.Text;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary><c>/espace</c>: my places (a moderator's or an administrator's: all those of their scope, by pages), and « Toujours à jour ».</summary>
internal static class PlacesPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/espace", ListAsync);
        app.MapFormPost("/espace/lieu/{id}/confirmer", ConfirmAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, EspacePlaces places, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is not { } principal)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var page = int.TryParse(http.Request.Query["page"], out var p) && p is > 0 and < 100_000 ? p : 1;
        var (lines, total) = await places.PageAsync(principal, page, http.RequestAborted);
        var pages = Math.Max(1, (total + EspacePlaces.PageSize - 1) / EspacePlaces.PageSize);
        var b = new StringBuilder();
        var title = principal.Role switch
        {
            AccountRole.Mediator => "Mes lieux",
            AccountRole.Moderator when principal.Departement is { } d => $"Les lieux du département {d}",
            AccountRole.Moderator => "Les lieux de la région",
            _ => "Tous les lieux",
        };
        b.Append("<h1>").Append(E(title)).Append("</h1>");
        if (http.Request.Query.ContainsKey("bienvenue"))
        {
            b.Append(Notice("Votre mot de passe est enregistré : vous êtes connecté."));
        }

        if (http.Request.Query["confirme"].ToString() is { Length: > 0 } confirmed)
        {
            var answer = await api.RunAsync("query Nom($id: ID!) { site(id: $id) { nom } }", new { id = confirmed }, http.RequestAborted);
            if (answer.Data?["site"]?["nom"]?.GetValue<string>() is { } nom)
            {
                b.Append(Notice($"« {nom} » est confirmé à jour aujourd'hui. Merci !"));
            }
        }

        b.Append("<p>Une fiche juste, c'est une personne qui trouve de l'aide. Quand rien n'a changé, « Toujours à jour » suffit : ")
            .Append("les fiches ni confirmées ni mises à jour depuis 6 mois sont signalées « à confirmer » à la modération.</p>");
        if (total == 0)
        {
            b.Append("<p>Aucun lieu n'est rattaché à votre compte pour l'instant : écrivez à la modération de votre département.</p>");
            return Page(http, title, b.ToString(), signedIn: true);
        }

        b.Append("<table class=\"tableau\"><caption>").Append(total).Append(total > 1 ? " lieux" : " lieu")
            .Append(pages > 1 ? $", page {page} sur {pages}" : "").Append("</caption>")
            .Append("<thead><tr><th scope=\"col\">Lieu</th><th scope=\"col\">Commune</th><th scope=\"col\">Dernière confirmation</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        var token = Token(http);
        foreach (var line in lines)
        {
            var id = GlobalId.Encode(SiteType.TypeName, line.Key);
            b.Append("<tr><th scope=\"row\"><a href=\"/espace/lieu/").Append(Url(id)).Append("\">").Append(E(line.Nom)).Append("</a>");
            if (line.Stale)
            {
                b.Append(" <span class=\"a-confirmer\">à confirmer</span>");
            }

            b.Append("</th><td>").Append(E(line.Commune)).Append("</td><td>")
                .Append(line.LastConfirmedAt is { } at ? E(DateTime(at)) : "jamais").Append("</td><td class=\"actions\">");
            b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(id)).Append("/confirmer\">").Append(token)
                .Append("<input type=\"hidden\" name=\"page\" value=\"").Append(page).Append("\">")
                .Append("<button type=\"submit\">Toujours à jour<span class=\"visuellement-cache\"> : ").Append(E(line.Nom)).Append("</span></button></form> ");
            b.Append("<a href=\"/espace/lieu/").Append(Url(id)).Append("/ateliers\">Ateliers<span class=\"visuellement-cache\"> de ").Append(E(line.Nom)).Append("</span></a> ");
            b.Append("<a href=\"/espace/lieu/").Append(Url(id)).Append("/historique\">Historique<span class=\"visuellement-cache\"> de ").Append(E(line.Nom)).Append("</span></a>");
            b.Append("</td></tr>");
        }

        b.Append("</tbody></table>");
        if (pages > 1)
        {
            b.Append("<nav aria-label=\"Pages de la liste\" class=\"pagination\"><ul>");
            if (page > 1)
            {
                b.Append("<li><a href=\"/espace?page=").Append(page - 1).Append("\">Page précédente</a></li>");
            }

            b.Append("<li aria-current=\"page\">Page ").Append(page).Append(" sur ").Append(pages).Append("</li>");
            if (page < pages)
            {
                b.Append("<li><a href=\"/espace?page=").Append(page + 1).Append("\">Page suivante</a></li>");
            }

            b.Append("</ul></nav>");
        }

        return Page(http, title + (pages > 1 ? $" (page {page})" : ""), b.ToString(), signedIn: true);
    }

    private static async Task<IResult> ConfirmAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var answer = await api.RunAsync("mutation Confirmer($id: ID!) { confirmSite(id: $id) { id lastConfirmedAt } }", new { id }, http.RequestAborted);
        if (!answer.Ok)
        {
            return answer.Code switch
            {
                GraphQL.Errors.ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Ce lieu n'est pas dans votre espace", answer.Message),
                GraphQL.Errors.ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
                _ => EspaceEndpoints.NotFound(http),
            };
        }

        var page = int.TryParse(form["page"], out var p) && p > 1 ? $"page={p}&" : "";
        var back = form["retour"].ToString() == "lieu" ? $"/espace/lieu/{Url(id)}?confirme=1" : $"/espace?{page}confirme={Url(id)}";
        return EspaceEndpoints.SeeOther(back);
    }
}
