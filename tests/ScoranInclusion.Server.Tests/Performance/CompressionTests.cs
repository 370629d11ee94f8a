using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ScoranInclusion.Server.Http;

namespace ScoranInclusion.Server.Tests.Performance;

/// <summary>Brotli or gzip above a size, never for credentials; ETag and 304 on exports and boundaries.</summary>
public sealed class CompressionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Search = """
        query($near: NearInput!, $first: Int) { nearestSites(near: $near, first: $first) {
          edges { distanceMeters node { id nom adresse { voie codePostal commune } services horaires } } } }
        """;

    private readonly ScoranServerFactory _server = fixture.Factory;

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("gzip;q=0.5, br", "br")]
    public async Task A_search_answer_goes_compressed_and_decompresses_to_the_same_json(string accept, string encoding)
    {
        using var client = _server.CreateClient();
        var body = new { query = Search, variables = new { near = new { commune = "21231" }, first = 20 } };
        using var plain = await client.PostAsJsonAsync("/graphql", body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        using var compressed = await client.SendAsync(request);

        var expected = await plain.Content.ReadAsStringAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < Encoding.UTF8.GetByteCount(expected) / 2, $"{bytes.Length} octets compressés");
        Assert.Equal(expected, Decompress(bytes, encoding));
        Assert.Contains("\"nearestSites\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tiny_answer_goes_as_it_is_with_its_length()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True(response.Content.Headers.ContentLength < ResponseCompressionSetup.MinBytes);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_pages_go_compressed_but_never_an_answer_to_a_request_with_credentials()
    {
        using var client = _server.CreateClient();
        using var page = await SendAsync(client, "/lieux?commune=21231", "gzip");
        Assert.Equal("gzip", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.Contains("lieux près de Dijon", Decompress(await page.Content.ReadAsByteArrayAsync(), "gzip"), StringComparison.Ordinal);

        // BREACH: a secret compressed beside text the attacker chooses leaks; requests with a token or a cookie are never compressed.
        using var withToken = await SendAsync(client, "/lieux?commune=21231", "gzip", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x"));
        Assert.Empty(withToken.Content.Headers.ContentEncoding);
        using var withCookie = await SendAsync(client, "/lieux?commune=21231", "gzip", r => r.Headers.Add("Cookie", "a=b"));
        Assert.Empty(withCookie.Content.Headers.ContentEncoding);
        Assert.Contains("lieux près de Dijon", await withCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exports/lieux.json")]
    [InlineData("/exports/lieux.geojson")]
    [InlineData("/exports/lieux.csv")]
    public async Task An_export_has_an_etag_and_answers_304_when_unchanged(string path)
    {
        using var client = _server.CreateClient();
        using var first = await SendAsync(client, path, "br");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.True(tag.IsWeak);
        Assert.Equal(ConditionalExports.CacheControl, first.Headers.CacheControl?.ToString());

        using var again = await SendAsync(client, path, "br", r => r.Headers.IfNoneMatch.Add(tag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, again.Headers.ETag);

        // Another tag: the whole answer, the same content as the first.
        using var other = await SendAsync(client, path, null, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"autre\"", true)));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(Decompress(await first.Content.ReadAsByteArrayAsync(), "br"), await other.Content.ReadAsStringAsync());
        Assert.Equal(tag, other.Headers.ETag);
    }

    [Fact]
    public async Task An_export_with_other_parameters_has_another_etag()
    {
        using var client = _server.CreateClient();
        using var region = await client.GetAsync("/exports/lieux.json");
        using var dijon = await client.GetAsync("/exports/lieux.json?commune=21231");

        Assert.Equal(HttpStatusCode.OK, dijon.StatusCode);
        Assert.NotEqual(region.Headers.ETag, dijon.Headers.ETag);
    }

    [Fact]
    public async Task Boundaries_have_an_etag_and_answer_304_when_unchanged()
    {
        using var client = _server.CreateClient();
        using var first = await client.GetAsync("/geodata/communes/departement/21.geojson");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.Contains("max-age=86400", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var again = await SendAsync(client, "/geodata/communes/departement/21.geojson", "gzip", r => r.Headers.IfNoneMatch.Add(tag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_coverage_page_of_the_region_weighs_under_300_kilobytes_on_the_wire()
    {
        using var client = _server.CreateClient();
        using var page = await SendAsync(client, "/couverture", "br");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var bytes = await page.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < 300 * 1024, $"{bytes.Length} octets");
        Assert.Contains("Couverture du territoire", Decompress(bytes, "br"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? accept, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        }

        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    private static string Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
