using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// Compares town names as sources write them ("ARNAY LE DUC", "ST LOUP SUR SEMOUSE",
/// "NEVERS CEDEX") with official commune names ("Arnay-le-Duc", "Saint-Loup-sur-Semouse").
/// </summary>
public static class CommuneNames
{
    /// <summary>
    /// The comparison key: the commune search's (<see cref="SearchText.Normalize"/>: lower case,
    /// no accents, words separated by one space, "st"/"ste" spelled out) with a trailing "cedex"
    /// (and its number) removed.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = TextFolding.Words(name);
        var cedex = words.IndexOf("cedex");
        if (cedex > 0)
        {
            words.RemoveRange(cedex, words.Count - cedex);
        }

        return SearchText.Join(words);
    }

    /// <summary>Equal keys.</summary>
    public static bool SameName(string a, string b) => Key(a) == Key(b);

    /// <summary>
    /// Close names that a person would read as the same town: one is the other with words
    /// added after its first word ("LOUHANS" / "Louhans-Châteaurenaud", "COSNE-SUR-LOIRE" /
    /// "Cosne-Cours-sur-Loire"), or they differ by at most two letters in names of six or more
    /// ("NUIT-SAINT-GEORGES", "BLETTRANS"). Only ever used among the communes of one postal code.
    /// </summary>
    public static bool CloseNames(string a, string b)
    {
        var ka = Key(a);
        var kb = Key(b);
        if (ka.Length == 0 || kb.Length == 0)
        {
            return false;
        }

        if (ka == kb)
        {
            return true;
        }

        var wa = ka.Split(' ');
        var wb = kb.Split(' ');
        var (shorter, longer) = wa.Length <= wb.Length ? (wa, wb) : (wb, wa);
        if (shorter[0] == longer[0] && IsSubsequence(shorter, longer))
        {
            return true;
        }

        var ca = ka.Replace(" ", "", StringComparison.Ordinal);
        var cb = kb.Replace(" ", "", StringComparison.Ordinal);
        return Math.Min(ca.Length, cb.Length) >= 6 && TextSimilarity.Levenshtein(ca, cb) <= 2;
    }

    private static bool IsSubsequence(string[] shorter, string[] longer)
    {
        var j = 0;
        foreach (var word in longer)
        {
            if (j < shorter.Length && shorter[j] == word)
            {
                j++;
            }
        }

        return j == shorter.Length;
    }
}
