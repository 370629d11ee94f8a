namespace ScoranInclusion.Domain.Text;

/// <summary>
/// String similarities on a 0–100 scale, as the peers' fuzzy ratios (mednum-cli uses
/// fuzzball's): written here rather than taken from a package, since they are a few lines.
/// Inputs are expected already folded (<see cref="TextFolding"/>; the merge review's place
/// texts, the commune names of addresses). The project's one string distance.
/// </summary>
public static class TextSimilarity
{
    /// <summary>The Levenshtein distance: insertions, deletions and substitutions, each costing 1.</summary>
    public static int Levenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>100 × (1 − distance / length of the longer): 100 for equal strings, 0 for nothing in common.</summary>
    public static double Ratio(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 100 : 100.0 * (1 - (double)Levenshtein(a, b) / longest);
    }

    /// <summary><see cref="Ratio"/> of the words sorted: word order does not matter ("Mairie de Dole" / "Dole mairie").</summary>
    public static double TokenSortRatio(string a, string b) => Ratio(Sorted(Split(a)), Sorted(Split(b)));

    /// <summary>
    /// The best <see cref="Ratio"/> between the shared words and each side's whole (as
    /// fuzzywuzzy's <c>token_set_ratio</c>): 100 when one name's words are all in the other
    /// ("France services Montbard" / "Espace France services Montbard").
    /// </summary>
    public static double TokenSetRatio(string a, string b)
    {
        var wordsA = Split(a).ToHashSet(StringComparer.Ordinal);
        var wordsB = Split(b).ToHashSet(StringComparer.Ordinal);
        var shared = Sorted(wordsA.Intersect(wordsB, StringComparer.Ordinal));
        var onlyA = Sorted(wordsA.Except(wordsB, StringComparer.Ordinal));
        var onlyB = Sorted(wordsB.Except(wordsA, StringComparer.Ordinal));
        var withA = Join(shared, onlyA);
        var withB = Join(shared, onlyB);
        if (shared.Length == 0)
        {
            return Ratio(withA, withB);
        }

        return Math.Max(Ratio(shared, withA), Math.Max(Ratio(shared, withB), Ratio(withA, withB)));
    }

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Sorted(IEnumerable<string> words) => string.Join(' ', words.Order(StringComparer.Ordinal));

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + " " + second;
}
