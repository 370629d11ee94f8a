using ScoranInclusion.Export;


namespace ScoranInclusion.Import.Tests.Exports;

public class ExportNamesTests
{
    [Theory]
    [InlineData("lmn-csv", ExportFormat.LmnCsv)]
    [InlineData(" LMN-JSON ", ExportFormat.LmnJson)]
    [InlineData("geojson", ExportFormat.GeoJson)]
    public void Format_names_are_read(string name, ExportFormat expected)
    {
        Assert.True(ExportFormats.TryParse(name, out var format));
        Assert.Equal(expected, format);
        Assert.Equal(name.Trim().ToLowerInvariant(), format.Name());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_format_names_are_refused(string? name) => Assert.False(ExportFormats.TryParse(name, out _));

    [Fact]
    public void Media_types_and_extensions()
    {
        Assert.Equal("text/csv; charset=utf-8", ExportFormat.LmnCsv.ContentType());
        Assert.Equal("application/json; charset=utf-8", ExportFormat.LmnJson.ContentType());
        Assert.Equal("application/geo+json", ExportFormat.GeoJson.ContentType());
        Assert.Equal(["csv", "json", "geojson"], Enum.GetValues<ExportFormat>().Select(f => f.Extension()));
    }

    [Fact]
    public void File_names_follow_the_standards_convention()
    {
        Assert.Equal(
            "2026-05-12_ScoranInclusion_lieux-de-mediation-numerique_Bourgogne-Franche-Comte.csv",
            ExportFileName.For(ExportFormat.LmnCsv, new DateOnly(2026, 5, 12), "ScoranInclusion", "Bourgogne-Franche-Comté"));
        Assert.Equal(
            "2026-05-12_13002526500013_lieux-de-mediation-numerique_Departement-58.geojson",
            ExportFileName.For(ExportFormat.GeoJson, new DateOnly(2026, 5, 12), "13002526500013", "Departement 58"));
    }

    [Theory]
    [InlineData("CA ECLA  (Espace Communautaire Lons Agglomération)", "CA-ECLA-Espace-Communautaire-Lons-Agglomeration")]
    [InlineData("Chenôve", "Chenove")]
    [InlineData("L'Œuvre-sur-Saône", "L-OEuvre-sur-Saone")]
    [InlineData(" -- ", "lieux")]
    public void Slugs_are_ascii_with_dashes(string text, string expected) => Assert.Equal(expected, ExportFileName.Slug(text));
}
