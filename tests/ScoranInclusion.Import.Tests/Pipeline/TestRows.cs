using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Pipeline;

/// <summary>Rows as a reader yields them; sites built from one valid Dijon place, each With… changing one thing.</summary>
internal static class TestRows
{
    public static Site Place(string id, string nom = "Espace numérique de la Liberté") => new()
    {
        Id = id,
        Pivot = Pivot.Unknown,
        Nom = nom,
        Adresse = new Adresse { Voie = "12 rue de la Liberté", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
        Location = new GeoPoint(47.32230, 5.03750),
        DateMaj = new DateOnly(2025, 3, 1),
        Services = [Service.AideAuxDemarchesAdministratives],
    };

    /// <summary>Numbered rows from 2 (row 1 is the header), as a spreadsheet shows them.</summary>
    public static IEnumerable<ImportRow> Rows(params Site[] sites) =>
        sites.Select((site, i) => Row(site, i + 2));

    public static ImportRow Row(Site site, int rowNumber) => new(rowNumber, rowNumber, site.Id, site, []);

    public static ImportRow Rejected(string id, int rowNumber) =>
        new(rowNumber, rowNumber, id, null, [new ValidationIssue(SiteFields.Nom, null, "Champ obligatoire manquant.", ValidationSeverity.Error)]);

    /// <summary>A different place in Dijon: the n-th point of a grid, its own name and street.</summary>
    public static Site Generated(int n) => Place($"gen-{n}", $"Lieu {n}") with
    {
        Adresse = new Adresse { Voie = $"{n} avenue numéro {n}", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
        Location = new GeoPoint(47.30 + n % 200 * 0.0002, 5.00 + n / 200 * 0.0004),
    };
}
