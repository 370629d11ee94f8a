using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Tests.Lmn;
using static ScoranInclusion.Import.Tests.Exports.ExportTestData;

namespace ScoranInclusion.Import.Tests.Exports;

public class SiteExportWriterTests
{
    [Fact]
    public async Task Csv_is_exactly_what_the_standard_writer_writes()
    {
        var sites = new[] { SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("lieu-2").Build() };

        var (bytes, result) = await ExportAsync(ExportFormat.LmnCsv, sites);

        Assert.Equal(Encoding.UTF8.GetBytes(TestSites.Write(sites)), bytes);
        Assert.Equal(new ExportResult(2, 0), result);
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "no byte order mark");
    }

    [Fact]
    public async Task Csv_read_back_and_written_again_gives_the_same_bytes()
    {
        var (first, _) = await ExportAsync(ExportFormat.LmnCsv, SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("lieu-2").Build());

        var rows = TestSites.ReadBytes(first);
        Assert.All(rows, r => Assert.NotNull(r.Site));
        var (second, _) = await ExportAsync(ExportFormat.LmnCsv, [.. rows.Select(r => r.Site!)]);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Theory]
    [InlineData(ExportFormat.LmnCsv)]
    [InlineData(ExportFormat.LmnJson)]
    [InlineData(ExportFormat.GeoJson)]
    public async Task Streams_in_chunks_with_asynchronous_writes_only(ExportFormat format)
    {
        var sites = Enumerable.Range(0, 600).Select(i => SiteBuilder.EveryField().Build() with { Id = "lieu-" + i }).ToList();
        var output = new AsyncOnlyStream();

        var result = await SiteExportWriter.WriteAsync(output, format, Stream(sites));

        Assert.Equal(600, result.Written);
        Assert.True(output.Writes.Count > 5, $"{output.Writes.Count} writes");
        Assert.All(output.Writes, size => Assert.InRange(size, 1, SiteExportWriter.FlushThreshold + 4096));
    }

    [Fact]
    public async Task Json_is_an_array_of_flat_objects_with_the_32_keys_in_the_standards_order()
    {
        var (bytes, result) = await ExportAsync(ExportFormat.LmnJson, SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("lieu-2").Build());

        using var json = JsonDocument.Parse(bytes);
        var places = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, places.Count);
        Assert.Equal(2, result.Written);
        foreach (var place in places)
        {
            Assert.Equal(SiteFields.All, place.EnumerateObject().Select(p => p.Name).ToList());
        }

        var full = places[0];
        Assert.Equal("structure-1", full.GetProperty("id").GetString());
        Assert.Equal("TIERS_LIEUX|ASSO", full.GetProperty("typologie").GetString());
        Assert.Equal("Itinérant|Fixe", full.GetProperty("itinerance").GetString());
        Assert.Equal("Label et la bête|Réseau, local", full.GetProperty("autres_formations_labels").GetString());
        Assert.Equal("2024-04-02", full.GetProperty("date_maj").GetString());
        Assert.Equal(JsonValueKind.Number, full.GetProperty("latitude").ValueKind);
        Assert.Equal(43.52609, full.GetProperty("latitude").GetDouble());
        Assert.Equal(5.41423, full.GetProperty("longitude").GetDouble());
        Assert.Equal("Première ligne,\nseconde ligne avec des \"guillemets\".", full.GetProperty("presentation_detail").GetString());

        var minimal = places[1];
        Assert.Equal(JsonValueKind.Null, minimal.GetProperty("code_insee").ValueKind);
        Assert.Equal(JsonValueKind.Null, minimal.GetProperty("latitude").ValueKind);
        Assert.Equal("Accès internet et matériel informatique", minimal.GetProperty("services").GetString());
    }

    [Fact]
    public async Task Json_has_one_place_per_line_and_readable_accents()
    {
        var (bytes, _) = await ExportAsync(ExportFormat.LmnJson, SiteBuilder.Minimal("a").Build(), SiteBuilder.Minimal("b").Build());
        var text = Encoding.UTF8.GetString(bytes);

        var lines = text.Split('\n');
        Assert.Equal(["[", "{", "{", "]", ""], lines.Select(l => l.Length == 0 ? "" : l[..1]));
        Assert.Contains("Médiathèque", text, StringComparison.Ordinal);
        Assert.Equal("[\n]\n", Encoding.UTF8.GetString((await ExportAsync(ExportFormat.LmnJson)).Bytes));
    }

    [Fact]
    public async Task Json_values_are_the_csv_cells()
    {
        var site = SiteBuilder.EveryField().Build();
        var (bytes, _) = await ExportAsync(ExportFormat.LmnJson, site);

        using var json = JsonDocument.Parse(bytes);
        var cells = LmnCsvWriter.Values(site);
        var values = json.RootElement[0].EnumerateObject()
            .Select(p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : p.Value.GetString() ?? "")
            .ToList();
        Assert.Equal(cells, values);
    }

    [Fact]
    public async Task GeoJson_is_a_feature_collection_of_points_with_the_licence_and_without_unlocated_places()
    {
        var (bytes, result) = await ExportAsync(ExportFormat.GeoJson, SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("sans-point").Build());

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.Equal("ODbL-1.0", root.GetProperty("licence").GetString());
        Assert.Equal("https://opendatacommons.org/licenses/odbl/1-0/", root.GetProperty("licence_url").GetString());
        Assert.Equal("MedNum BFC", root.GetProperty("attribution").GetString());
        Assert.Contains("MedNum BFC", root.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("lieux_sans_coordonnees").GetInt32());
        Assert.Equal(new ExportResult(1, 1), result);

        var feature = Assert.Single(root.GetProperty("features").EnumerateArray());
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal("structure-1", feature.GetProperty("id").GetString());
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([5.41423, 43.52609], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var properties = feature.GetProperty("properties");
        Assert.Equal(SiteFields.All, properties.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal("Reims", properties.GetProperty("commune").GetString());
    }

    [Fact]
    public async Task GeoJson_of_no_place_is_an_empty_collection()
    {
        var (bytes, result) = await ExportAsync(ExportFormat.GeoJson);

        using var json = JsonDocument.Parse(bytes);
        Assert.Empty(json.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(new ExportResult(0, 0), result);
    }

    [Fact]
    public async Task The_same_places_give_the_same_bytes()
    {
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var first = await ExportAsync(format, SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("b").Build());
            var second = await ExportAsync(format, SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("b").Build());
            Assert.Equal(first.Bytes, second.Bytes);
        }
    }
}
