using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests;

/// <summary>The committed geodata/ files, read as the server reads them.</summary>
public class GeodataFileTests
{
    // 697 rows in the MedNum BFC file of 2022-12-30; geodata/README.md lists the rows the
    // builder excludes (none at present).
    private const int ExpectedPlaces = 697;

    [Fact]
    public void The_committed_places_file_reads_without_rejected_rows()
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Geodata, "lieux-mednum-bfc.csv"));

        var rows = LmnCsvReader.Read(stream, today: new DateOnly(2026, 1, 1)).ToList();

        Assert.Equal(ExpectedPlaces, rows.Count);
        Assert.DoesNotContain(rows, r => r.IsRejected);
        Assert.DoesNotContain(rows.SelectMany(r => r.Issues), i => i.Severity == ValidationSeverity.Error);
        Assert.Equal(ExpectedPlaces, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.NotNull(r.Site!.Adresse.CodeInsee));
        Assert.All(rows, r => Assert.NotNull(r.Site!.Location));
    }

    [Fact]
    public void The_committed_communes_file_has_its_fixed_header_and_every_commune()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Geodata, "communes.csv"));

        Assert.Equal("code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude", lines[0]);
        Assert.Equal(3685, lines.Length - 1);
    }
}
