using System.Text.RegularExpressions;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// The GraphQL documents <c>&lt;scoran-carte&gt;</c> sends, read from its source (web/src/scoran-carte.js) so that the
/// benchmark sends what the widget really sends: the list search (SEARCH with LIST_FIELDS), the detail of a place
/// (site with DETAIL_FIELDS) and the commune autocompletion (SUGGEST_COMMUNES of web/src/propositions.js, the search box's
/// suggestions on a server without an address index, as the bench's servers are; the widget asks <c>$n: 8</c>).
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
        if (!detail.Success)
        {
            throw new InvalidOperationException($"Requête du détail introuvable dans {path}");
        }

        var suggestionsPath = Path.Combine(BenchData.Root, "web", "src", "propositions.js");
        var suggestions = File.ReadAllText(suggestionsPath);
        var fields = Regex.Match(suggestions, "const COMMUNE_FIELDS = '([^']*)';");
        var communes = Regex.Match(suggestions, "const SUGGEST_COMMUNES = `([^`]*)`;");
        if (!fields.Success || !communes.Success)
        {
            throw new InvalidOperationException($"SUGGEST_COMMUNES ou COMMUNE_FIELDS introuvable dans {suggestionsPath}");
        }

        return new WidgetQueries(Fill(Template("SEARCH")), Fill(detail.Groups[1].Value),
            communes.Groups[1].Value.Replace("${COMMUNE_FIELDS}", fields.Groups[1].Value, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"this\._graphql\(`(query Lieu\(\$id: ID!\)[^`]*)`")]
    private static partial Regex DetailCall();
}
