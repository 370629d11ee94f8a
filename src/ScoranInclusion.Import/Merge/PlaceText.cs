using System.Collections.Frozen;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.Merge;

/// <summary>
/// The normalized forms in which two sources' names and streets are compared: lower case, no
/// accents (<see cref="TextFolding"/>), punctuation as spaces, numbers split from letters ("12bis" → "12 bis"), common
/// abbreviations spelled out ("r." → "rue", "av" → "avenue", "st" → "saint": the address index's table,
/// <see cref="AddressWords.Expansion"/>) and, for names and streets, the little words (the address index's, and « en »)
/// left out, since sources write them or not.
/// </summary>
public static class PlaceText
{
    /// <summary>
    /// The field's names for one kind of place, as folded words without the little words (« Maison
    /// de services au public » → <c>maison services public</c>), and the one word each is read as.
    /// Longest phrases are matched first. README.md (« Synonyms ») is this table in French.
    /// </summary>
    private static readonly (string Phrase, string Canonical)[] s_synonyms =
    [
        // Maisons de services au public (2015) and Maisons France services were renamed France services in 2020.
        ("maison services public", FranceServices),
        ("maison service public", FranceServices),
        ("maison services publics", FranceServices),
        ("maison france services", FranceServices),
        ("maison france service", FranceServices),
        ("espace france services", FranceServices),
        ("espace france service", FranceServices),
        ("france services", FranceServices),
        ("france service", FranceServices),
        ("msap", FranceServices),
        ("mfs", FranceServices),
        ("espace public numerique", "epn"),
        ("espaces publics numeriques", "epn"),
        ("point information jeunesse", "pij"),
        ("points information jeunesse", "pij"),
        ("bureau information jeunesse", "pij"),
        ("bij", "pij"),
        ("centre communal action sociale", "ccas"),
        ("centre intercommunal action sociale", "cias"),
        ("point information mediation multi services", "pimms"),
        ("mediatheque", Mediatheque),
        ("bibliotheque", Mediatheque),
        ("cyber base", "cyberbase"),
        ("centre socio culturel", "centre social"),
        ("centre socioculturel", "centre social"),
        ("espace socio culturel", "centre social"),
        ("hotel ville", "mairie"),
        ("tiers lieu", "tierslieu"),
        ("tiers lieux", "tierslieu"),
    ];

    private static readonly (string[] Words, string[] Canonical)[] s_synonymWords =
        [.. s_synonyms.Select(s => (s.Phrase.Split(' '), s.Canonical.Split(' '))).OrderByDescending(s => s.Item1.Length)];

    /// <summary>The word every name of a France services is read as (MSAP, MFS, Maison de services au public…).</summary>
    public const string FranceServices = "franceservices";

    /// <summary>The word médiathèques and bibliothèques are read as.</summary>
    public const string Mediatheque = "mediatheque";

    /// <summary>
    /// The words that say what kind of place a name is (a France services, a médiathèque, an
    /// EPN…), as <see cref="NameTokens"/> writes them: two names of different kinds are two places.
    /// </summary>
    public static IReadOnlySet<string> KindWords { get; } = new[]
    {
        FranceServices, Mediatheque, "epn", "pij", "ccas", "cias", "pimms", "cyberbase", "mairie", "tierslieu", "social",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>"Médiathèque de l'Île" → "mediatheque ile"; "MSAP de Luzy" → "franceservices luzy" (<see cref="NameTokens"/>).</summary>
    public static string Name(string text) => string.Join(' ', NameTokens(text));

    /// <summary>
    /// A name's words as <see cref="Tokens"/> gives them (little words dropped), the field's
    /// synonyms read as one word each: "Maison de services au public de Luzy" and "MFS Luzy"
    /// are both <c>franceservices luzy</c>, "Bibliothèque municipale" is <c>mediatheque municipale</c>.
    /// </summary>
    public static IReadOnlyList<string> NameTokens(string text)
    {
        var words = Tokens(text, dropStopWords: true);
        var result = new List<string>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var matched = false;
            foreach (var (phrase, canonical) in s_synonymWords)
            {
                if (i + phrase.Length <= words.Count && Matches(words, i, phrase))
                {
                    foreach (var word in canonical)
                    {
                        // "MFS France services de Luzy" says it once.
                        if (!(KindWords.Contains(word) && result.Count > 0 && result[^1] == word))
                        {
                            result.Add(word);
                        }
                    }

                    i += phrase.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                result.Add(words[i]);
                i++;
            }
        }

        return result;
    }

    private static bool Matches(IReadOnlyList<string> words, int start, string[] phrase)
    {
        for (var j = 0; j < phrase.Length; j++)
        {
            if (words[start + j] != phrase[j])
            {
                return false;
            }
        }

        return true;
    }

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
            // The street types and titles are the address index's table; « b » and « t » after a number are bis and ter.
            var expanded = AddressWords.Expansion(word) ?? word switch { "b" => "bis", "t" => "ter", _ => word };
            if (!dropStopWords || !(AddressWords.IsSmallWord(expanded) || expanded == "en"))
            {
                tokens.Add(expanded);
            }
        }

        return tokens;
    }

    private static List<string> Words(string text) => TextFolding.Words(text, splitDigitsFromLetters: true);
}
