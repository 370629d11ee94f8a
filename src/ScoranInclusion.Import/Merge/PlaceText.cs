using System.Collections.Frozen;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.Merge;

/// <summary>
/// The normalized forms in which two sources' names and streets are compared: lower case, no
/// accents (<see cref="TextFolding"/>), punctuation as spaces, numbers split from letters ("12bis" → "12 bis"), common
/// abbreviations spelled out ("r." → "rue", "av" → "avenue", "st" → "saint") and, for names
/// and streets, the little words (de, la, du…) left out, since sources write them or not.
/// </summary>
public static class PlaceText
{
    private static readonly FrozenDictionary<string, string> s_abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["st"] = "saint",
        ["ste"] = "sainte",
        ["r"] = "rue",
        ["av"] = "avenue",
        ["ave"] = "avenue",
        ["bd"] = "boulevard",
        ["bld"] = "boulevard",
        ["bvd"] = "boulevard",
        ["boul"] = "boulevard",
        ["pl"] = "place",
        ["rte"] = "route",
        ["ch"] = "chemin",
        ["chem"] = "chemin",
        ["imp"] = "impasse",
        ["all"] = "allee",
        ["fg"] = "faubourg",
        ["fbg"] = "faubourg",
        ["sq"] = "square",
        ["crs"] = "cours",
        ["qu"] = "quai",
        ["prom"] = "promenade",
        ["espl"] = "esplanade",
        ["res"] = "residence",
        ["lot"] = "lotissement",
        ["gal"] = "general",
        ["gen"] = "general",
        ["mal"] = "marechal",
        ["pdt"] = "president",
        ["dr"] = "docteur",
        ["b"] = "bis",
        ["t"] = "ter",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_stopWords =
        new[] { "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>"Médiathèque de l'Île" → "mediatheque ile".</summary>
    public static string Name(string text) => string.Join(' ', Tokens(text, dropStopWords: true));

    /// <summary>"12bis, r. du Gal-de-Gaulle" → "12 bis rue general gaulle".</summary>
    public static string Street(string text) => string.Join(' ', Tokens(text, dropStopWords: true));

    /// <summary>Commune names keep every word: "Saint-Martin-en-Bresse" → "saint martin en bresse".</summary>
    public static string Commune(string text) => string.Join(' ', Tokens(text, dropStopWords: false));

    /// <summary>The normalized words, abbreviations expanded.</summary>
    public static IReadOnlyList<string> Tokens(string text, bool dropStopWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        foreach (var word in Words(text))
        {
            var expanded = s_abbreviations.GetValueOrDefault(word, word);
            if (!dropStopWords || !s_stopWords.Contains(expanded))
            {
                tokens.Add(expanded);
            }
        }

        return tokens;
    }

    private static List<string> Words(string text) => TextFolding.Words(text, splitDigitsFromLetters: true);
}
