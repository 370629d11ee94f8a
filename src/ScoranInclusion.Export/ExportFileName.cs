using System.Globalization;
using System.Text;

namespace ScoranInclusion.Export;

/// <summary>
/// The standard's file naming convention:
/// <c>YYYY-MM-DD_&lt;producteur&gt;_lieux-de-mediation-numerique_&lt;Territoire&gt;.csv</c>
/// (the producer being its SIRET or RNA), with the format's own extension.
/// </summary>
public static class ExportFileName
{
    public static string For(ExportFormat format, DateOnly date, string producer, string territory) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{date:yyyy-MM-dd}_{Slug(producer)}_lieux-de-mediation-numerique_{Slug(territory)}.{format.Extension()}");

    /// <summary>ASCII letters and digits, accents removed, every other run of characters made one <c>-</c>.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "OE", StringComparison.Ordinal)
            .Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().TrimEnd('-');
        return result.Length == 0 ? "lieux" : result;
    }
}
