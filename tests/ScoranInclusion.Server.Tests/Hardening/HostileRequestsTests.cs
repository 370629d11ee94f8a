using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// Malformed, oversized or malicious requests on /graphql and the other HTTP endpoints: no 5xx, a clear code,
/// nothing of the server's insides, and the server still answers normally afterwards.
/// </summary>
public sealed class HostileRequestsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    public static TheoryData<string> Injections => new()
    {
        "' OR 1=1 --",
        "\"; DROP TABLE Sites; --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\u0000\u0001\u001f\u007f",
        "../../../../etc/passwd",
        "%00%0d%0aSet-Cookie: x=y",
        "𝕏 \u202e lettres à l'envers",
        "non-caractères \uFFFE et \uFFFF",
        new string('a', 10_000),
    };

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"query": "{ __typename }", "variables": "pas un objet"}""")]
    [InlineData("""{"query": "{ __typename }", "variables": [1, 2]}""")]
    [InlineData("""{"query": null}""")]
    [InlineData("""{}""")]
    [InlineData("""null""")]
    [InlineData("\"{ __typename }\"")]
    [InlineData("""{"query": "{ __typename }", "variables": {"a": NaN}}""")]
    [InlineData("""{"query": "{ __typename }" """)]
    public async Task Malformed_json_is_a_400_BAD_REQUEST(string body)
    {
        using var client = _server.CreateClient();
        var (status, text) = await PostAsync(client, Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BAD_REQUEST", FirstCode(text));
    }

    [Fact]
    public async Task Deeply_nested_json_variables_are_a_400()
    {
        var nested = new string('[', 5000) + new string(']', 5000);
        using var client = _server.CreateClient();
        var (status, text) = await PostAsync(client, Json($$$"""{"query": "{ __typename }", "variables": {"a": {{{nested}}}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BAD_REQUEST", FirstCode(text));

        // Objects too, and through a GET's variables.
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);
        (status, text) = await PostAsync(client, Json($$$"""{"query": "{ __typename }", "variables": {"a": {{{objects}}}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BAD_REQUEST", FirstCode(text));
        using var get = await client.GetAsync(new Uri("/graphql?query=%7B__typename%7D&variables=" + Uri.EscapeDataString("{\"a\":" + string.Concat(Enumerable.Repeat("[", 3000)) + new string(']', 3000) + "}"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("BAD_REQUEST", FirstCode(await AssertSafeAsync(get)));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/xml")]
    public async Task Other_content_types_are_refused_with_415(string contentType)
    {
        using var client = _server.CreateClient();
        using var content = new ByteArrayContent("""{"query":"{ __typename }"}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var (status, text) = await PostAsync(client, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("BAD_REQUEST", FirstCode(text));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    public async Task Odd_methods_on_graphql_are_405_with_a_code(string method)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql") { Content = Request("{ __typename }") };
        using var response = await client.SendAsync(request);
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("BAD_REQUEST", FirstCode(body));
    }

    [Theory]
    [InlineData("POST", "/exports/lieux.csv")]
    [InlineData("DELETE", "/lieu/U2l0ZTox")]
    [InlineData("PUT", "/calendar/territoire.ics")]
    [InlineData("POST", "/geodata/region.geojson")]
    [InlineData("PATCH", "/lieux")]
    public async Task Odd_methods_on_other_endpoints_are_405_problem_json(string method, string path)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") };
        using var response = await client.SendAsync(request);
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("METHOD_NOT_ALLOWED", ProblemCode(body));
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_problem_json()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/wp-admin/install.php", UriKind.Relative));
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", ProblemCode(body));
    }

    [Theory]
    [InlineData("\"pas une date\"")]
    [InlineData("\"2024-13-45T99:00:00\"")]
    [InlineData("\"\"")]
    [InlineData("12345")]
    [InlineData("{\"a\": 1}")]
    public async Task Invalid_datetime_variables_are_coded_errors(string value)
    {
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Json($$$"""{"query": "query($at: DateTime) { validateOpeningHours(expression: \"Mo-Fr 09:00-12:00\", at: $at) { valid } }", "variables": {"at": {{{value}}}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(FirstCode(body)));
    }

    [Theory]
    [InlineData("{ nearestSites(near: { point: { latitude: 1e400, longitude: 5 } }) { edges { cursor } } }")]
    [InlineData("{ nearestSites(near: { point: { latitude: \"NaN\", longitude: 5 } }) { edges { cursor } } }")]
    [InlineData("{ nearestSites(near: { commune: \"21231\" }, first: 2147483648) { edges { cursor } } }")]
    [InlineData("{ nearestSites(near: { commune: \"21231\" }, first: 1.5) { edges { cursor } } }")]
    [InlineData("{ nearestSites(near: { commune: \"21231\", radiusKm: 1e308 }) { edges { cursor } } }")]
    [InlineData("{ site(id: 12.5) { id } }")]
    [InlineData("{ site(id: [\"a\"]) { id } }")]
    [InlineData("{ upcomingSessions(near: { commune: \"21231\" }, from: \"demain\") { edges { cursor } } }")]
    public async Task Invalid_scalar_literals_are_coded_errors(string query)
    {
        using var client = _server.CreateClient();
        var (_, body) = await PostAsync(client, Request(query));
        Assert.False(string.IsNullOrEmpty(FirstCode(body)), body);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"NaN\"")]
    [InlineData("null")]
    public async Task Invalid_float_variables_are_coded_errors(string latitude)
    {
        using var client = _server.CreateClient();
        var (_, body) = await PostAsync(client, Json($$$"""{"query": "query($lat: Float!) { nearestSites(near: { point: { latitude: $lat, longitude: 5 } }) { edges { cursor } } }", "variables": {"lat": {{{latitude}}}}}"""));
        Assert.False(string.IsNullOrEmpty(FirstCode(body)), body);
    }

    [Fact]
    public async Task A_huge_list_in_variables_is_refused_or_answered_never_a_crash()
    {
        using var client = _server.CreateClient();
        var services = Enumerable.Repeat("AIDE_AUX_DEMARCHES_ADMINISTRATIVES", 1500).ToArray();
        var (status, body) = await PostAsync(client, Request(
            "query($f: SiteFilter) { nearestSites(near: { commune: \"21231\" }, first: 2, filter: $f) { edges { cursor } } }", new { f = new { services } }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);

        // Beyond the body limit: refused before parsing.
        services = Enumerable.Repeat("AIDE_AUX_DEMARCHES_ADMINISTRATIVES", 5000).ToArray();
        (status, body) = await PostAsync(client, Request(
            "query($f: SiteFilter) { nearestSites(near: { commune: \"21231\" }, filter: $f) { edges { cursor } } }", new { f = new { services } }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("REQUEST_TOO_LARGE", FirstCode(body));
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Injection_strings_in_every_string_argument_are_answered_safely(string evil)
    {
        string[] queries =
        [
            "query($s: String!) { communes(search: $s) { nom } }",
            "query($s: String!) { epcis(search: $s) { nom } }",
            "query($s: String!) { commune(codeInsee: $s) { nom } }",
            "query($s: String!) { epci(siren: $s) { nom } }",
            "query($s: ID!) { site(id: $s) { nom } }",
            "query($s: ID!) { node(id: $s) { id } }",
            "query($s: ID!) { offer(id: $s) { title } }",
            "query($s: ID!) { session(id: $s) { startsAt } }",
            "query($s: String!) { validateOpeningHours(expression: $s) { valid normalized errors { message } } }",
            "query($s: String) { nearestSites(near: { commune: $s }) { edges { cursor } } }",
            "query($s: String) { nearestSites(near: { postalCode: $s }) { edges { cursor } } }",
            "query($s: String) { nearestSites(near: { commune: \"21231\" }, after: $s) { edges { cursor } } }",
            "query($s: String) { upcomingSessions(near: { commune: \"21231\" }, after: $s) { edges { cursor } } }",
            "query($s: String) { nextVisits(near: { commune: $s }) { startsAt } }",
        ];
        using var client = _server.CreateClient();
        foreach (var query in queries)
        {
            var (status, body) = await PostAsync(client, Request(query, new { s = evil }));
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, query + " → " + status);
            var result = JsonNode.Parse(body)!;
            if (result["errors"] is JsonArray errors)
            {
                Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e!["extensions"]?["code"]?.GetValue<string>()), query + " → " + body));
                Assert.DoesNotContain(errors, e => e!["extensions"]!["code"]!.GetValue<string>() == "INTERNAL_ERROR");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Injection_strings_on_the_other_endpoints_are_answered_safely(string evil)
    {
        var e = Uri.EscapeDataString(evil);
        string[] paths =
        [
            $"/exports/lieux.csv?commune={e}",
            $"/exports/lieux.json?epci={e}",
            $"/exports/lieux.geojson?departement={e}",
            $"/calendar/{e}.ics",
            $"/calendar/territoire.ics?commune={e}",
            $"/lieux?commune={e}",
            $"/lieux?q={e}&nombre={e}&services={e}&frais_a_charge={e}&ouvert={e}",
            $"/lieu/{e}",
            $"/geodata/commune/{e}.geojson",
            $"/geodata/epci/{e}.geojson",
            $"/graphql?query={e}",
            $"/graphql?query=%7B__typename%7D&variables={e}",
        ];
        using var client = _server.CreateClient();
        // A NUL in the path is refused by the test client itself (Kestrel answers 400): query strings only.
        foreach (var path in paths.Where(p => !evil.Contains('\0', StringComparison.Ordinal) || p.Contains('?', StringComparison.Ordinal)))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await AssertSafeAsync(response);
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                Assert.False(string.IsNullOrEmpty(ProblemCode(body)), path + " → " + body);
            }

            // Reflected text is escaped in HTML pages (JSON answers carry nosniff and are never rendered).
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Mutations_without_a_token_are_refused_with_a_code()
    {
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request("mutation { cancelSession(id: \"U2Vzc2lvbjox\") { id } }"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(FirstCode(body), new[] { "FORBIDDEN", "UNAUTHENTICATED" });
    }

    [Fact]
    public async Task A_mutation_over_get_is_405()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("mutation { cancelSession(id: \"U2Vzc2lvbjox\") { id } }"), UriKind.Relative));
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("BAD_REQUEST", FirstCode(body));
    }

    [Fact]
    public async Task The_server_is_healthy_after_the_hostile_requests()
    {
        // Run everything above once more in this test's own order, then ask for normal service.
        await Injection_strings_in_every_string_argument_are_answered_safely("' OR 1=1 --");
        await A_huge_list_in_variables_is_refused_or_answered_never_a_crash();
        await Malformed_json_is_a_400_BAD_REQUEST("{");

        using var client = _server.CreateClient();
        using var health = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var data = await _server.DataAsync("{ nearestSites(near: { point: { latitude: 47.322, longitude: 5.041 } }, first: 3) { edges { distanceMeters node { nom } } } }");
        Assert.Equal(3, data["nearestSites"]!["edges"]!.AsArray().Count);
    }
}
