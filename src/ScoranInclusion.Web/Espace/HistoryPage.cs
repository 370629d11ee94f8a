using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Sites;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary><c>/espace/lieu/{id}/historique</c>: <c>Site.history</c>, newest first: who, when, which fields, before → after.</summary>
internal static class HistoryPage
{
    private const string Document = """
        query Historique($id: ID!) { site(id: $id) { nom history { at actor kind fields { field oldValue newValue } } } }
        """;

    public static void Map(WebApplication app) => app.MapGet("/espace/lieu/{id}/historique", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is not { } principal)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var (_, refusal) = await EspaceEndpoints.AuthorizePlaceAsync(http, id, EditAction.ViewHistory);
        if (refusal is not null)
        {
            return refusal;
        }

        var answer = await api.RunAsync(Document, new { id }, http.RequestAborted);
        if (answer.Data?["site"] is not JsonObject site)
        {
            return EspaceEndpoints.NotFound(http);
        }

        var nom = site["nom"]!.GetValue<string>();
        var b = new StringBuilder();
        b.Append("<p><a href=\"/espace/lieu/").Append(Url(id)).Append("\">← La fiche du lieu</a></p>");
        b.Append("<h1>Historique de « ").Append(E(nom)).Append(" »</h1>");
        var entries = (site["history"]?.AsArray() ?? []).OfType<JsonObject>().Reverse().ToList();
        if (entries.Count == 0)
        {
            b.Append("<p>Aucun changement n'a encore été enregistré pour ce lieu. Modifiez la fiche : chaque changement apparaîtra ici, avec son auteur et sa date.</p>");
        }
        else
        {
            b.Append("<p>").Append(entries.Count).Append(entries.Count > 1 ? " changements" : " changement").Append(", du plus récent au plus ancien.</p><ol class=\"historique\">");
            var me = "account:" + principal.Id.ToString(CultureInfo.InvariantCulture);
            foreach (var entry in entries)
            {
                var actor = entry["actor"]?.GetValue<string>() ?? "";
                b.Append("<li><h2>").Append(E(Kind(entry["kind"]?.GetValue<string>()))).Append(" — ")
                    .Append(E(EspaceHtml.DateTime(entry["at"]?.GetValue<string>()))).Append("</h2>");
                b.Append("<p>Par ").Append(E(Who(actor, me))).Append(".</p>");
                var fields = entry["fields"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
                if (fields.Count > 0 && entry["kind"]?.GetValue<string>() != "CONFIRMED")
                {
                    b.Append("<table class=\"tableau\"><caption class=\"visuellement-cache\">Champs changés</caption><thead><tr><th scope=\"col\">Champ</th>")
                        .Append("<th scope=\"col\">Avant</th><th scope=\"col\">Après</th></tr></thead><tbody>");
                    foreach (var field in fields)
                    {
                        var name = field["field"]?.GetValue<string>() ?? "";
                        b.Append("<tr><th scope=\"row\">").Append(E(EditPage.Label(SiteInputType.InputName(name)))).Append("</th><td>")
                            .Append(E(ClosuresSection.HistoryValue(name, field["oldValue"]?.GetValue<string>()) ?? "(vide)")).Append("</td><td>")
                            .Append(E(ClosuresSection.HistoryValue(name, field["newValue"]?.GetValue<string>()) ?? "(vide)")).Append("</td></tr>");
                    }

                    b.Append("</tbody></table>");
                }

                b.Append("</li>");
            }

            b.Append("</ol>");
        }

        return Page(http, "Historique de « " + nom + " »", b.ToString(), signedIn: true);
    }

    private static string Kind(string? kind) => kind switch
    {
        "CREATED" => "Création",
        "UPDATED" => "Modification",
        "CONFIRMED" => "Confirmée « toujours à jour »",
        "MERGED" => "Fusion avec un doublon",
        "UNMERGED" => "Fusion annulée",
        "ABSORBED" => "Absorbé dans un autre lieu",
        "RESTORED" => "Rétabli",
        _ => kind ?? "Changement",
    };

    /// <summary>Who, without anybody's e-mail: « vous », an account number, an import, a script.</summary>
    private static string Who(string actor, string me) => actor switch
    {
        _ when actor == me => "vous",
        RequestIdentity.AdminTokenActor => "un script d'administration",
        _ when actor.StartsWith("account:", StringComparison.Ordinal) => "le compte n° " + actor["account:".Length..],
        _ when actor.StartsWith("import:", StringComparison.Ordinal) => "l'import « " + actor["import:".Length..] + " »",
        _ when actor.StartsWith("merge-review:", StringComparison.Ordinal) => "une fusion validée par " + actor["merge-review:".Length..],
        _ => actor,
    };
}
