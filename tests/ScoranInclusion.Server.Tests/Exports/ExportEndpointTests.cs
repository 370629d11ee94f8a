using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Exports;

public sealed class ExportEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string OdbLink = "<https://opendatacommons.org/licenses/odbl/1-0/>; rel=\"license\"";

    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task Csv_has_the_32_columns_of_the_standard_and_one_row_per_place()
    {
        using var response = await GetAsync("/exports/lieux.csv");

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var records = ReadCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(SiteFields.All, records[0]);
        Assert.Equal(await CountPlacesAsync(), records.Count - 1);
        Assert.All(records, r => Assert.Equal(32, r.Count));
    }

    [Fact]
    public async Task The_csv_of_the_freshly_seeded_base_is_the_seed_file_byte_for_byte()
    {
        using var response = await GetAsync("/exports/lieux.csv");

        var seed = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Geodata, "lieux-mednum-bfc.csv"));
        Assert.Equal(seed, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/exports/lieux.csv", "csv")]
    [InlineData("/exports/lieux.json", "json")]
    [InlineData("/exports/lieux.geojson", "geojson")]
    public async Task Every_export_carries_the_odbl_licence_and_a_file_name_of_the_standards_convention(string path, string extension)
    {
        using var response = await GetAsync(path);

        Assert.Equal(OdbLink, Assert.Single(response.Headers.GetValues("Link")));
        Assert.Contains("MedNum BFC", Assert.Single(response.Headers.GetValues("Attribution")), StringComparison.Ordinal);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(
            new Regex($@"^\d{{4}}-\d{{2}}-\d{{2}}_ScoranInclusion_lieux-de-mediation-numerique_Bourgogne-Franche-Comte\.{extension}$"),
            disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
    }

    [Fact]
    public async Task Json_is_an_array_of_flat_objects_with_the_32_keys_in_order()
    {
        using var response = await GetAsync("/exports/lieux.json");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var places = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(await CountPlacesAsync(), places.Count);
        Assert.All(places, p => Assert.Equal(SiteFields.All, p.EnumerateObject().Select(k => k.Name).ToList()));
        Assert.All(places, p => Assert.Equal("MedNum BFC", p.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task GeoJson_is_a_feature_collection_of_the_located_places_with_the_attribution()
    {
        using var response = await GetAsync("/exports/lieux.geojson");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var root = json.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.Equal("ODbL-1.0", root.GetProperty("licence").GetString());
        Assert.Equal("MedNum BFC", root.GetProperty("attribution").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(await CountPlacesAsync(), features.Count + root.GetProperty("lieux_sans_coordonnees").GetInt32());
        Assert.All(features, feature =>
        {
            var geometry = feature.GetProperty("geometry");
            Assert.Equal("Point", geometry.GetProperty("type").GetString());
            var coordinates = geometry.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
            Assert.InRange(coordinates[0], 2.8, 7.2); // longitude first (RFC 7946), Bourgogne-Franche-Comté
            Assert.InRange(coordinates[1], 46.1, 48.5);
            Assert.Equal(32, feature.GetProperty("properties").EnumerateObject().Count());
        });
    }

    [Fact]
    public async Task A_departement_keeps_only_its_places()
    {
        using var response = await GetAsync("/exports/lieux.csv?departement=58");

        var rows = ReadCsv(await response.Content.ReadAsStringAsync()).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.True(rows.Count < await CountPlacesAsync());
        Assert.All(rows, r => Assert.StartsWith("58", r[5], StringComparison.Ordinal));
        Assert.Equal(await CountPlacesAsync(s => s.CodeInsee!.StartsWith("58")), rows.Count);
        Assert.EndsWith("_Departement-58.csv", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_keeps_only_its_places_in_every_format()
    {
        using var csv = await GetAsync("/exports/lieux.csv?commune=21231");
        using var json = await GetAsync("/exports/lieux.json?commune=21231");
        using var geojson = await GetAsync("/exports/lieux.geojson?commune=21231");

        var rows = ReadCsv(await csv.Content.ReadAsStringAsync()).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("21231", r[5]));
        using var places = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(rows.Select(r => r[0]), places.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        using var features = JsonDocument.Parse(await geojson.Content.ReadAsStringAsync());
        Assert.Equal(rows.Count, features.RootElement.GetProperty("features").GetArrayLength() + features.RootElement.GetProperty("lieux_sans_coordonnees").GetInt32());
        Assert.EndsWith("_Dijon.geojson", geojson.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_epci_keeps_the_places_of_its_communes()
    {
        var communes = _server.Services.GetRequiredService<CommuneDirectory>();
        var metropole = communes.All.Where(c => c.EpciSiren == "242100410").Select(c => c.CodeInsee).ToHashSet();

        using var response = await GetAsync("/exports/lieux.csv?epci=242100410");

        var rows = ReadCsv(await response.Content.ReadAsStringAsync()).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r[5], metropole));
        Assert.Equal(await CountPlacesAsync(s => metropole.Contains(s.CodeInsee!)), rows.Count);
    }

    [Theory]
    [InlineData("/exports/lieux.csv?commune=99999", "UNKNOWN_TERRITORY", "99999")]
    [InlineData("/exports/lieux.json?epci=200000000", "UNKNOWN_TERRITORY", "200000000")]
    [InlineData("/exports/lieux.geojson?departement=75", "UNKNOWN_TERRITORY", "75")]
    [InlineData("/exports/lieux.csv?commune=abc", "UNKNOWN_TERRITORY", "code INSEE")]
    [InlineData("/exports/lieux.csv?commune=21231&departement=21", "INVALID_TERRITORY", "Un seul filtre")]
    [InlineData("/exports/lieux.csv?commune=21231&commune=21054", "INVALID_TERRITORY", "Un seul filtre")]
    [InlineData("/exports/lieux.csv?departement=", "INVALID_TERRITORY", "est vide")]
    public async Task A_bad_territory_is_a_400_with_a_french_problem(string path, string code, string message)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = _server.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private async Task<int> CountPlacesAsync(System.Linq.Expressions.Expression<Func<Storage.Sites.SiteEntity, bool>>? where = null)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var sites = scope.ServiceProvider.GetRequiredService<ScoranDbContext>().Sites;
        return where is null ? await sites.CountAsync() : await sites.Where(s => s.CodeInsee != null).CountAsync(where);
    }

    private static List<IReadOnlyList<string>> ReadCsv(string text) =>
        [.. CsvRecordReader.ReadStrict(new StringReader(text)).Select(r => r.Fields)];
}
