using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Text;

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
        var folded = TextFolding.RemoveAccents(text);
        var slug = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().TrimEnd('-');
        return result.Length == 0 ? "lieux" : result;
    }
}
