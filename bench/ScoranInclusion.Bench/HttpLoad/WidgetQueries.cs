using System.Text.RegularExpressions;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// The GraphQL documents <c>&lt;scoran-carte&gt;</c> sends, read from its source (web/src/scoran-carte.js) so that the
/// benchmark sends what the widget really sends: the list search (SEARCH with LIST_FIELDS), the detail of a place
/// (site with DETAIL_FIELDS) and the commune autocompletion (communes, first: 8).
/// </summary>
internal sealed partial class WidgetQueries
{
    private WidgetQueries(string search, string detail, string communes)
    {
        Search = search;
        Detail = detail;
        Communes = communes;
    }

    public string Search { get; }

    public string Detail { get; }

    public string Communes { get; }

    public static WidgetQueries Load()
    {
        var path = Path.Combine(BenchData.Root, "web", "src", "scoran-carte.js");
        var js = File.ReadAllText(path);
        string Template(string name)
        {
            var match = Regex.Match(js, $"const {name} = `([^`]*)`;");
            return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{name} introuvable dans {path}");
        }

        string Fill(string text) => text
            .Replace("${LIST_FIELDS}", Template("LIST_FIELDS"), StringComparison.Ordinal)
            .Replace("${DETAIL_FIELDS}", Template("DETAIL_FIELDS"), StringComparison.Ordinal)
            .Replace("${BASE_FIELDS}", Template("BASE_FIELDS"), StringComparison.Ordinal);

        var detail = DetailCall().Match(js);
        var communes = CommunesCall().Match(js);
        if (!detail.Success || !communes.Success)
        {
            throw new InvalidOperationException($"Requêtes du détail ou des communes introuvables dans {path}");
        }

        return new WidgetQueries(Fill(Template("SEARCH")), Fill(detail.Groups[1].Value), communes.Groups[1].Value);
    }

    [GeneratedRegex(@"this\._graphql\(`(query Lieu\(\$id: ID!\)[^`]*)`")]
    private static partial Regex DetailCall();

    [GeneratedRegex(@"this\._graphql\('(query Communes\(\$s: String!\) \{ communes\(search: \$s, first: 8\)[^']*)'")]
    private static partial Regex CommunesCall();
}
