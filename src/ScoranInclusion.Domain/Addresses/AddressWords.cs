using System.Collections.Frozen;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Addresses;

/// <summary>
/// The one way a street, a commune or a typed search is cut into words for the address index, on
/// both storage providers: folded (<see cref="TextFolding"/>), digits cut from letters, the usual
/// abbreviations written in full, the small words dropped. The index and the query go through the
/// same function, so that « St-Martin », « saint martin » and « ST MARTIN » are the same words.
/// Every word is made of [a-z] or [0-9] only: SQLite FTS5 (unicode61) and PostgreSQL's full-text
/// parser (configuration <c>simple</c>) cut such a text into exactly these words.
/// </summary>
public static class AddressWords
{
    /// <summary>
    /// The one table of abbreviations of street types, saints and titles, as typed or as written in some files: the
    /// address index and its queries (here), and the comparison of two sources' places (<c>Import/Merge/PlaceText</c>).
    /// </summary>
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["av"] = "avenue",
        ["ave"] = "avenue",
        ["bd"] = "boulevard",
        ["bld"] = "boulevard",
        ["boul"] = "boulevard",
        ["bvd"] = "boulevard",
        ["r"] = "rue",
        ["pl"] = "place",
        ["ch"] = "chemin",
        ["che"] = "chemin",
        ["chem"] = "chemin",
        ["rte"] = "route",
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
        ["st"] = "saint",
        ["ste"] = "sainte",
        ["sts"] = "saints",
        ["gde"] = "grande",
        ["grde"] = "grande",
        ["gal"] = "general",
        ["gen"] = "general",
        ["mal"] = "marechal",
        ["pdt"] = "president",
        ["dr"] = "docteur",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words too common to tell two streets apart: never indexed, never searched.</summary>
    private static readonly FrozenSet<string> SmallWords = new[]
    {
        "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Repetition indices after a house number (« 12 bis », « 12b »), folded.</summary>
    private static readonly Dictionary<string, string> Repetitions = new(StringComparer.Ordinal)
    {
        ["bis"] = "bis",
        ["b"] = "bis",
        ["ter"] = "ter",
        ["t"] = "ter",
        ["quater"] = "quater",
        ["q"] = "quater",
        ["quinquies"] = "quinquies",
        ["c"] = "c",
        ["d"] = "d",
        ["e"] = "e",
        ["f"] = "f",
        ["g"] = "g",
        ["h"] = "h",
    };

    /// <summary>The full form of an abbreviation, or null.</summary>
    public static string? Expansion(string word) => Abbreviations.GetValueOrDefault(word);

    public static bool IsSmallWord(string word) => SmallWords.Contains(word);

    /// <summary>The indexed words of a text: folded, abbreviations expanded, small words dropped.</summary>
    public static IEnumerable<string> Indexed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var word in TextFolding.Words(text, splitDigitsFromLetters: true))
        {
            if (!SmallWords.Contains(word))
            {
                yield return Abbreviations.GetValueOrDefault(word) ?? word;
            }
        }
    }

    /// <summary>
    /// The text both providers index for a street: its name, its commune (and former commune), its
    /// postal code, as words separated by one space.
    /// </summary>
    public static string SearchText(string voie, string commune, string? ancienneCommune, string codePostal) =>
        string.Join(' ', Indexed(voie).Concat(Indexed(commune)).Concat(Indexed(ancienneCommune)).Append(codePostal));

    /// <summary>A repetition index as the query or the file writes it, folded to one form (« B » → bis), or null.</summary>
    public static string? Repetition(string? rep)
    {
        if (string.IsNullOrWhiteSpace(rep))
        {
            return null;
        }

        var folded = TextFolding.Key(rep);
        return Repetitions.GetValueOrDefault(folded) ?? folded;
    }

    /// <summary>Whether a folded word can follow a house number as its repetition index.</summary>
    public static bool IsRepetition(string word) => Repetitions.ContainsKey(word);
}
