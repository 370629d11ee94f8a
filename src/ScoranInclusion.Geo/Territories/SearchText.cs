using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// The normalized form used to compare commune names with what a person types: lower case,
/// no accents, œ/æ spelled out (<see cref="TextFolding"/>), any run of punctuation or spaces as one space, and the
/// abbreviations "st"/"ste" spelled "saint"/"sainte".
/// </summary>
internal static class SearchText
{
    /// <summary>"Chalon-sur-Saône" → "chalon sur saone"; "St-Cœur" → "saint coeur".</summary>
    public static string Normalize(string text) => Join(Words(text));

    /// <summary>Folded words as one key: abbreviations spelled out, one space between words.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Expand));

    /// <summary>
    /// The normalized forms to try for a query. While the last word is still being typed,
    /// "st" may be the start of "Stival" as well as the abbreviation of "Saint", so both are
    /// tried; once followed by a space or a hyphen it is a whole word.
    /// </summary>
    public static IReadOnlyList<string> QueryForms(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
            return [];

        var expanded = string.Join(' ', words.Select(Expand));
        var lastWordComplete = !char.IsLetterOrDigit(text[^1]);
        var last = words[^1];
        if (lastWordComplete || Expand(last) == last)
            return [expanded];

        var literal = string.Join(' ', words.Take(words.Count - 1).Select(Expand).Append(last));
        return [expanded, literal];
    }

    private static string Expand(string word) => word switch
    {
        "st" => "saint",
        "ste" => "sainte",
        _ => word,
    };

    private static List<string> Words(string text) => TextFolding.Words(text);
}
