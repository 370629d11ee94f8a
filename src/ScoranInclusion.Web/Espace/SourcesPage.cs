using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/sources</c> (moderation and administration): the configured sources (<c>sources</c>) and their latest runs,
/// newest first, each run's report on its own page (<c>syncRun</c>), « Lancer maintenant » for administrators
/// (<c>runSource</c>, a POST with the antiforgery token), and the way to the withdrawn places (<see cref="WithdrawalsPage"/>).
/// Who may see and run is the API's business: a mediator gets its <c>FORBIDDEN</c> as a 403 page.
/// </summary>
internal static class SourcesPage
{
    public const string Path = "/espace/sources";
    private const int RunsShown = 10;

    private const string ListDocument = """
        query Sources($n: Int) { sources { name url format provenance every departements enabled
          runs(first: $n) { id startedAt endedAt outcome dryRun httpStatus bytes rowsRead added updated unchanged withdrawn rejected skipped suspicious suspiciousReason error } } }
        """;

    private const string RunDocument = """
        query Passage($id: ID!) { syncRun(id: $id) { id source startedAt endedAt outcome dryRun httpStatus bytes rowsRead added updated unchanged withdrawn rejected skipped suspicious suspiciousReason error report } }
        """;

    private const string RunSourceDocument = "mutation Lancer($name: String!) { runSource(name: $name) { id source } }";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapGet(Path + "/passage/{id}", RunAsync);
        app.MapFormPost(Path + "/{name}/lancer", LaunchAsync);
    }

    public static string OutcomeLabel(string? outcome) => outcome switch
    {
        "RUNNING" => "En cours",
        "IMPORTED" => "Importé",
        "UNCHANGED" => "Inchangé",
        "REJECTED" => "Des lignes refusées",
        "FAILED" => "Échec",
        _ => outcome ?? "",
    };

    private static async Task<IResult> ShowAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var launched = http.Request.Query["lance"].ToString();
        var notice = launched.Length is > 0 and <= 100
            ? $"Passage de la source « {launched} » lancé : il se déroule en arrière-plan ; rechargez la page pour voir où il en est." : null;
        return await RenderAsync(http, api, notice, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LaunchAsync(HttpContext http, string name, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is null)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var answer = await api.RunAsync(RunSourceDocument, new { name }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther(Path + "?lance=" + Url(answer.Data?["runSource"]?["source"]?.GetValue<string>() ?? name) + "#source-" + Url(name));
        }

        return answer.Code switch
        {
            ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
            ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à l'administration", answer.Message),
            ErrorCodes.SourceBusy => await RenderAsync(http, api, null, answer.Message, StatusCodes.Status409Conflict),
            _ => await RenderAsync(http, api, null, answer.Message, StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> RenderAsync(HttpContext http, EspaceApi api, string? notice, string? pageError, int status)
    {
        var answer = await api.RunAsync(ListDocument, new { n = RunsShown }, http.RequestAborted);
        if (!answer.Ok)
        {
            return Refused(http, answer);
        }

        var admin = api.Principal?.Role == AccountRole.Admin;
        var sources = answer.Data?["sources"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var b = new StringBuilder("<h1>Sources de l'annuaire</h1>");
        b.Append(Notice(notice));
        if (pageError is not null)
        {
            b.Append("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>Rien n'a été lancé</h2><p>").Append(E(pageError)).Append("</p></div>");
        }

        b.Append("<p>Les sources ouvertes que le serveur relit d'elles-mêmes (configuration <code>Sources:</code>), et leurs derniers passages, ")
            .Append("le plus récent d'abord. Un lieu qu'aucune source ne liste plus est retiré de l'annuaire : ")
            .Append("<a href=\"").Append(WithdrawalsPage.Path).Append("\">voir les lieux retirés et les rétablir</a>.</p>");
        if (sources.Count == 0)
        {
            b.Append("<p>Aucune source n'est configurée : l'annuaire ne change que par les imports et les modifications des personnes. ")
                .Append("Le guide de déploiement explique comment activer les sources nationales.</p>");
        }

        var token = admin ? Token(http) : "";
        foreach (var source in sources)
        {
            b.Append(Source(source, admin, token));
        }

        return Page(http, (pageError is not null ? "Erreur : " : "") + "Sources de l'annuaire", b.ToString(), signedIn: true, status: status);
    }

    private static string Source(JsonObject source, bool admin, string token)
    {
        var name = source["name"]?.GetValue<string>() ?? "";
        var anchor = "source-" + name;
        var b = new StringBuilder("<section class=\"source\" id=\"").Append(E(anchor)).Append("\" aria-labelledby=\"").Append(E(anchor)).Append("-titre\">");
        b.Append("<h2 id=\"").Append(E(anchor)).Append("-titre\">").Append(E(name)).Append("</h2><dl class=\"details\">");
        b.Append("<dt>Adresse</dt><dd>").Append(E(source["url"]?.GetValue<string>())).Append("</dd>");
        b.Append("<dt>Format</dt><dd>").Append(E(source["format"]?.GetValue<string>())).Append("</dd>");
        b.Append("<dt>Provenance</dt><dd>").Append(E(source["provenance"]?.GetValue<string>())).Append("</dd>");
        b.Append("<dt>Fréquence</dt><dd>").Append(E(Every(source["every"]?.GetValue<string>()))).Append("</dd>");
        b.Append("<dt>Départements</dt><dd>").Append(E(string.Join(", ", source["departements"]?.AsArray().Select(d => d?.GetValue<string>()) ?? []))).Append("</dd>");
        b.Append("<dt>Synchronisation automatique</dt><dd>").Append(source["enabled"]?.GetValue<bool>() == true ? "activée" : "désactivée").Append("</dd></dl>");
        if (admin)
        {
            b.Append("<form method=\"post\" action=\"").Append(Path).Append('/').Append(Url(name)).Append("/lancer\">").Append(token)
                .Append("<p><button type=\"submit\">Lancer maintenant<span class=\"visuellement-cache\"> : ").Append(E(name)).Append("</span></button></p></form>");
        }

        var runs = source["runs"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (runs.Count == 0)
        {
            b.Append("<p>Cette source n'a encore jamais été synchronisée.</p>");
            return b.Append("</section>").ToString();
        }

        // The table may be wider than a phone: it scrolls in a region reachable by keyboard.
        b.Append("<div class=\"defilant\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").Append(E(anchor)).Append("-passages\">");
        b.Append("<table class=\"passages\"><caption id=\"").Append(E(anchor)).Append("-passages\">Derniers passages de « ").Append(E(name)).Append(" », le plus récent d'abord</caption><thead><tr>")
            .Append("<th scope=\"col\">Début</th><th scope=\"col\">Issue</th><th scope=\"col\">HTTP</th><th scope=\"col\">Lignes lues</th>")
            .Append("<th scope=\"col\">Ajoutés</th><th scope=\"col\">Modifiés</th><th scope=\"col\">Inchangés</th><th scope=\"col\">Retirés</th>")
            .Append("<th scope=\"col\">Refusés</th><th scope=\"col\">Hors territoire</th><th scope=\"col\">Rapport</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            var id = run["id"]?.GetValue<string>() ?? "";
            var started = EspaceHtml.DateTime(run["startedAt"]?.GetValue<string>());
            b.Append("<tr><th scope=\"row\">").Append(E(started)).Append("</th><td>").Append(E(Outcome(run))).Append("</td><td>")
                .Append(E(run["httpStatus"]?.ToString() ?? "—")).Append("</td>");
            foreach (var count in new[] { "rowsRead", "added", "updated", "unchanged", "withdrawn", "rejected", "skipped" })
            {
                b.Append("<td>").Append(E(run[count]?.ToString())).Append("</td>");
            }

            b.Append("<td><a href=\"").Append(Path).Append("/passage/").Append(Url(id)).Append("\">Détails<span class=\"visuellement-cache\"> du passage du ")
                .Append(E(started)).Append("</span></a></td></tr>");
        }

        return b.Append("</tbody></table></div></section>").ToString();
    }

    /// <summary>The outcome in words, with what a moderator must notice: a dry run, the safety valve, a failure.</summary>
    private static string Outcome(JsonObject run)
    {
        var text = OutcomeLabel(run["outcome"]?.GetValue<string>());
        if (run["dryRun"]?.GetValue<bool>() == true)
        {
            text += " (à blanc)";
        }

        if (run["suspicious"]?.GetValue<bool>() == true)
        {
            text += " — suspect : retraits retenus";
        }

        return text;
    }

    private static string Every(string? iso)
    {
        if (iso is null)
        {
            return "";
        }

        var span = System.Xml.XmlConvert.ToTimeSpan(iso);
        return span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
            ? $"toutes les {span.TotalHours.ToString(CultureInfo.InvariantCulture)} heures".Replace("toutes les 1 heures", "toutes les heures", StringComparison.Ordinal)
            : $"toutes les {span.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes";
    }

    private static async Task<IResult> RunAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var answer = await api.RunAsync(RunDocument, new { id }, http.RequestAborted);
        if (!answer.Ok && answer.Code is not (ErrorCodes.InvalidId))
        {
            return Refused(http, answer);
        }

        if (answer.Data?["syncRun"] is not JsonObject run)
        {
            return Refusal(http, StatusCodes.Status404NotFound, "Passage introuvable", "Ce passage de synchronisation n'existe pas.");
        }

        var source = run["source"]?.GetValue<string>() ?? "";
        var started = EspaceHtml.DateTime(run["startedAt"]?.GetValue<string>());
        var b = new StringBuilder("<p><a href=\"").Append(Path).Append("#source-").Append(E(Url(source))).Append("\">← Toutes les sources</a></p>");
        b.Append("<h1>Passage de « ").Append(E(source)).Append(" » du ").Append(E(started)).Append("</h1><dl class=\"details\">");
        void Row(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                b.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
            }
        }

        Row("Issue", Outcome(run));
        Row("Fin", run["endedAt"]?.GetValue<string>() is { } ended ? EspaceHtml.DateTime(ended) : "pas terminé");
        Row("Statut HTTP", run["httpStatus"]?.ToString());
        Row("Octets reçus", run["bytes"]?.ToString());
        Row("Lignes lues", run["rowsRead"]?.ToString());
        Row("Lieux ajoutés", run["added"]?.ToString());
        Row("Lieux modifiés", run["updated"]?.ToString());
        Row("Lieux inchangés", run["unchanged"]?.ToString());
        Row("Lieux retirés", run["withdrawn"]?.ToString());
        Row("Lignes refusées", run["rejected"]?.ToString());
        Row("Lignes hors territoire", run["skipped"]?.ToString());
        Row("Pourquoi suspect", run["suspiciousReason"]?.GetValue<string>());
        Row("Erreur", run["error"]?.GetValue<string>());
        b.Append("</dl><h2>Rapport d'import</h2>");
        if (run["report"]?.GetValue<string>() is { Length: > 0 } report)
        {
            // Shown indented as it was written: the JSON of import --report, for whoever reads the rows and fields at fault.
            string pretty;
            try
            {
                pretty = JsonNode.Parse(report)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
            catch (JsonException)
            {
                pretty = report;
            }

            b.Append("<div class=\"defilant\" role=\"region\" tabindex=\"0\" aria-label=\"Rapport d'import en JSON\"><pre>").Append(E(pretty)).Append("</pre></div>");
        }
        else
        {
            b.Append("<p>Pas de rapport : rien n'a été importé lors de ce passage.</p>");
        }

        return Page(http, $"Passage de « {source} » du {started}", b.ToString(), signedIn: true);
    }

    private static IResult Refused(HttpContext http, GraphQLAnswer answer) => answer.Code switch
    {
        ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
        ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à la modération",
            "Les sources et leurs passages sont réservés à la modération et à l'administration."),
        _ => Refusal(http, StatusCodes.Status400BadRequest, "Page introuvable", answer.Message),
    };
}
