using System.Net;
using System.Net.Http.Headers;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

/// <summary>The GraphQL-over-HTTP rules of our own endpoint: methods, media types, status codes.</summary>
public sealed class GraphQLOverHttpTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Query = """{ communes(search: "dijon", first: 1) { nom } }""";
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task Post_answers_graphql_response_json_by_default()
    {
        using var client = _server.CreateClient();
        using var response = await client.PostAsync("/graphql", ErrorsTests.Json(new { query = Query }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Dijon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_runs_a_query_with_variables()
    {
        using var client = _server.CreateClient();
        var url = "/graphql?query=" + Uri.EscapeDataString("query($s: String!) { communes(search: $s, first: 1) { nom } }")
            + "&variables=" + Uri.EscapeDataString("""{"s":"besancon"}""");
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Besançon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutation_over_get_is_refused_with_405()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { x }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow.Concat(response.Headers.Select(h => string.Join(",", h.Value))), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Application_json_is_used_when_asked_and_keeps_200_for_request_errors()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = ErrorsTests.Json(new { query = "{ nePasExister }" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("errors", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_is_a_400_with_graphql_response_json()
    {
        using var client = _server.CreateClient();
        using var response = await client.PostAsync("/graphql", ErrorsTests.Json(new { query = "{ communes(" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errors", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ pas du json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"variables": {}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"query": "{ __typename }"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_requests_are_4xx_with_a_coded_error(string body, string contentType, HttpStatusCode expected)
    {
        using var client = _server.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await client.PostAsync("/graphql", content);

        Assert.Equal(expected, response.StatusCode);
        var result = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BAD_REQUEST", result["errors"]!.AsArray()[0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unacceptable_accept_header_is_a_406()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = ErrorsTests.Json(new { query = Query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        using var client = _server.CreateClient();
        using var response = await client.PutAsync("/graphql", ErrorsTests.Json(new { query = Query }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
