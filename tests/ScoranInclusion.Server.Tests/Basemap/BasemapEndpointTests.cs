using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ScoranInclusion.Geo.Basemap;
using ScoranInclusion.Server.Startup;

namespace ScoranInclusion.Server.Tests.Basemap;

/// <summary>
/// /fond-de-carte.pmtiles: the basemap archive served in byte ranges from the instance's own origin (206,
/// Accept-Ranges, If-Range, ETag, Cache-Control, 416), nothing else reachable through it, and an operator's
/// OpenStreetMap extract served instead of the default when Basemap:Path names one.
/// </summary>
public sealed class BasemapEndpointTests : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _factory;
    private readonly byte[] _default = File.ReadAllBytes(Path.Combine(RepoPaths.Geodata, BasemapOptionsFile));

    private const string BasemapOptionsFile = "fond-de-carte.pmtiles";

    public BasemapEndpointTests(ServerFixture fixture) => _factory = fixture.Factory;

    [Fact]
    public async Task The_whole_file_comes_with_its_validators_and_the_promise_of_ranges()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/fond-de-carte.pmtiles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl.MaxAge);
        Assert.Equal("application/vnd.pmtiles", response.Content.Headers.ContentType!.MediaType);
        Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.Equal(_default, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_gives_206_with_exactly_those_bytes_and_the_header_parses()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        request.Headers.Range = new RangeHeaderValue(0, PmTilesHeader.FirstReadLength - 1);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 0-{PmTilesHeader.FirstReadLength - 1}/{_default.Length}", response.Content.Headers.ContentRange!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(_default.AsSpan(0, PmTilesHeader.FirstReadLength).ToArray(), bytes);
        var header = PmTilesHeader.Parse(bytes);
        Assert.True(header.RootDirectoryOffset + header.RootDirectoryLength <= PmTilesHeader.FirstReadLength);

        // A tile's bytes, asked where the directory says they are.
        using var tileRequest = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        var reader = new PmTilesReader(new MemoryStream(_default));
        var entry = reader.Entries().Last();
        var from = (long)(header.TileDataOffset + entry.Offset);
        tileRequest.Headers.Range = new RangeHeaderValue(from, from + entry.Length - 1);
        using var tile = await client.SendAsync(tileRequest);
        Assert.Equal(HttpStatusCode.PartialContent, tile.StatusCode);
        Assert.Equal(_default.AsSpan((int)from, (int)entry.Length).ToArray(), await tile.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_with_the_size()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        request.Headers.Range = new RangeHeaderValue(_default.Length + 10, _default.Length + 100);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{_default.Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task If_range_with_the_current_etag_gives_the_range_and_a_stale_one_the_whole_file()
    {
        using var client = _factory.CreateClient();
        using var first = await client.GetAsync("/fond-de-carte.pmtiles");
        var etag = first.Headers.ETag!;

        using var current = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        current.Headers.Range = new RangeHeaderValue(0, 99);
        current.Headers.IfRange = new RangeConditionHeaderValue(etag);
        using var partial = await client.SendAsync(current);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        stale.Headers.Range = new RangeHeaderValue(0, 99);
        stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"ancienne-version\""));
        using var whole = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(_default.Length, (await whole.Content.ReadAsByteArrayAsync()).Length);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/fond-de-carte.pmtiles");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/fond-de-carte.pmtiles/../appsettings.json")]
    [InlineData("/fond-de-carte.pmtiles%2F..%2F..%2Fappsettings.json")]
    [InlineData("/fond-de-carte.pmtiles/..%2Fcommunes.csv")]
    [InlineData("/fond-de-carte/..%2F..%2Fgeodata%2Fcommunes.csv")]
    public async Task Nothing_but_the_archive_is_reachable_through_its_route(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("code_insee", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operators_extract_is_served_instead_of_the_default_and_cross_origin_pages_may_range_it()
    {
        var folder = Directory.CreateTempSubdirectory("scoran-fond-");
        try
        {
            var extract = Path.Combine(folder.FullName, "bfc.pmtiles");
            await using (var stream = File.Create(extract))
            {
                PmTilesWriter.Write(stream, [new PmTile(6, 33, 22, [0x1a, 0x00])],
                    new PmTilesArchiveInfo(2.8, 46.1, 7.2, 48.4, 7, JsonSerializer.Serialize(new { name = "extrait OSM", vector_layers = Array.Empty<object>() })));
            }

            using var factory = new ScoranServerFactory();
            factory.Settings["Basemap:Path"] = extract;
            using var client = factory.CreateClient();
            using var response = await client.GetAsync("/fond-de-carte.pmtiles");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(extract), await response.Content.ReadAsByteArrayAsync());

            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/fond-de-carte.pmtiles");
            preflight.Headers.Add("Origin", "https://www.mairie-exemple.fr");
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "range");
            using var allowed = await client.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
            Assert.Contains("Range", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
            Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_foreign_file_in_Basemap_Path_stops_the_start_with_a_french_message()
    {
        var folder = Directory.CreateTempSubdirectory("scoran-fond-");
        try
        {
            var missing = ConfigurationChecks.Problems(Configuration(Path.Combine(folder.FullName, "absent.pmtiles")));
            Assert.Contains(missing, p => p.StartsWith("Basemap:Path = «", StringComparison.Ordinal) && p.Contains("fichier introuvable", StringComparison.Ordinal));

            var mbtiles = Path.Combine(folder.FullName, "bfc.mbtiles");
            File.WriteAllText(mbtiles, "SQLite format 3\0 ceci n'est pas une archive PMTiles, mais il faut au moins 127 octets pour que l'en-tête soit lu en entier et refusé pour sa signature.");
            var foreign = ConfigurationChecks.Problems(Configuration(mbtiles));
            Assert.Contains(foreign, p => p.StartsWith("Basemap:Path = «", StringComparison.Ordinal) && p.Contains("n'est pas une archive PMTiles", StringComparison.Ordinal));

            Assert.DoesNotContain(ConfigurationChecks.Problems(Configuration(Path.Combine(RepoPaths.Geodata, BasemapOptionsFile))), p => p.StartsWith("Basemap", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IConfiguration Configuration(string basemap) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Geodata:Directory"] = RepoPaths.Geodata,
        ["ConnectionStrings:Scoran"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "scoran-basemap-config.db"),
        ["Basemap:Path"] = basemap,
    }).Build();
}
