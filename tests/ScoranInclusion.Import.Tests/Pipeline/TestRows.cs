using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Pipeline;

/// <summary>Rows as a reader yields them (the sites come from <see cref="SiteBuilder"/>).</summary>
internal static class TestRows
{
    /// <summary>Numbered rows from 2 (row 1 is the header), as a spreadsheet shows them.</summary>
    public static IEnumerable<ImportRow> Rows(params Site[] sites) =>
        sites.Select((site, i) => Row(site, i + 2));

    public static ImportRow Row(Site site, int rowNumber) => new(rowNumber, rowNumber, site.Id, site, []);

    public static ImportRow Rejected(string id, int rowNumber) =>
        new(rowNumber, rowNumber, id, null, [new ValidationIssue(SiteFields.Nom, null, "Champ obligatoire manquant.", ValidationSeverity.Error)]);
}
