using System.Globalization;
using System.Text;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// Compares town names as sources write them ("ARNAY LE DUC", "ST LOUP SUR SEMOUSE",
/// "NEVERS CEDEX") with official commune names ("Arnay-le-Duc", "Saint-Loup-sur-Semouse").
/// </summary>
public static class CommuneNames
{
    /// <summary>
    /// The comparison key: upper case, no accents, words separated by one space, "ST"/"STE"
    /// spelled out, and a trailing "CEDEX" (with its number) removed.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words(name).ToList();
        var cedex = words.IndexOf("CEDEX");
        if (cedex > 0)
        {
            words.RemoveRange(cedex, words.Count - cedex);
        }

        return string.Join(' ', words.Select(w => w switch
        {
            "ST" => "SAINT",
            "STE" => "SAINTE",
            _ => w,
        }));
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
        return Math.Min(ca.Length, cb.Length) >= 6 && Levenshtein(ca, cb) <= 2;
    }

    private static IEnumerable<string> Words(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
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

    private static int Levenshtein(string a, string b)
    {
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
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
