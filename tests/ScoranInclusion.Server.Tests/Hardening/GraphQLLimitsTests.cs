using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>Depth, cost, aliases, fields, body size, batches: each limit gives its own code, and real clients stay well within.</summary>
public sealed class GraphQLLimitsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task The_widget_queries_pass_the_limits()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "web", "src", "scoran-carte.js"));
        // A constant with the ${OTHER_CONSTANT} it interpolates expanded, as the browser would.
        string Constant(string name) => System.Text.RegularExpressions.Regex.Replace(
            ConstantPattern(name).Match(source).Groups[1].Value, @"\$\{([A-Z_]+)\}", m => Constant(m.Groups[1].Value));
        var detail = Constant("DETAIL_FIELDS");
        var search = Constant("SEARCH");
        Assert.DoesNotContain("${", search + detail, StringComparison.Ordinal);
        Assert.Contains("nearestSites", search, StringComparison.Ordinal);

        using var client = _server.CreateClient();
        // The territory scan asks for 100 places at once: the biggest request the widget makes.
        var (status, body) = await PostAsync(client, Request(search, new { near = new { commune = "21231" }, first = 100 }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);

        (status, body) = await PostAsync(client, Request($"query Lieu($id: ID!) {{ site(id: $id) {{ {detail} }} }}", new { id = "U2l0ZTox" }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standard_introspection_query_is_allowed_but_not_a_hundred_times()
    {
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(IntrospectionQuery));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("\"__schema\"", body, StringComparison.Ordinal);

        var many = string.Join(' ', Enumerable.Range(0, 25).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name args {{ name type {{ name ofType {{ name }} }} }} }} }} }}"));
        (status, body) = await PostAsync(client, Request("{ " + many + " }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", FirstCode(body));
    }

    [Fact]
    public async Task A_deep_query_is_refused_with_QUERY_TOO_DEEP()
    {
        var query = "{ __type(name: \"Site\") { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 20)) + "{ name }" + new string('}', 20) + " } } }";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_DEEP", FirstCode(body));
    }

    [Fact]
    public async Task Costly_aliases_of_the_biggest_page_are_refused_with_QUERY_TOO_COMPLEX()
    {
        var fields = "edges { distanceMeters node { id nom services horaires adresse { voie commune codePostal } location { latitude longitude } } }";
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 25).Select(i => $"a{i}: nearestSites(near: {{ commune: \"21231\" }}, first: 100) {{ {fields} }}")) + " }";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", FirstCode(body));
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_with_TOO_MANY_ALIASES()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"t{i}: __typename")) + " }";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("TOO_MANY_ALIASES", FirstCode(body));
    }

    [Fact]
    public async Task A_fragment_bomb_is_refused_with_TOO_MANY_FIELDS()
    {
        // Each level spreads the one below ten times: 10^6 fields once expanded.
        var fragments = new StringBuilder("fragment F0 on Query { __typename }\n");
        for (var i = 1; i <= 6; i++)
        {
            fragments.Append("fragment F").Append(i).Append(" on Query { ").Append(string.Concat(Enumerable.Repeat($"...F{i - 1} ", 10))).Append("}\n");
        }

        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request("{ ...F6 }\n" + fragments));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("TOO_MANY_FIELDS", FirstCode(body));
    }

    [Fact]
    public async Task A_fragment_cycle_is_a_validation_error()
    {
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(FirstCode(body)));
    }

    [Fact]
    public async Task A_repeated_directive_is_a_validation_error()
    {
        var query = "{ __typename " + string.Concat(Enumerable.Repeat("@skip(if: false) ", 500)) + "}";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(FirstCode(body)));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_REQUEST_TOO_LARGE()
    {
        var huge = "{ __typename }" + new string(' ', 70 * 1024);
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("REQUEST_TOO_LARGE", FirstCode(body));

        // Without Content-Length (chunked), the endpoint stops reading at the limit.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query = huge }))));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        var chunkedBody = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", FirstCode(chunkedBody));
    }

    [Fact]
    public async Task A_get_with_a_huge_query_string_is_refused_with_REQUEST_TOO_LARGE()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("{ __typename }" + new string(' ', 70 * 1024)), UriKind.Relative));
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", FirstCode(body));
    }

    [Theory]
    [InlineData("""[{"query":"{ __typename }"},{"query":"{ __typename }"}]""")]
    [InlineData("""  [ ]""")]
    public async Task A_batch_is_refused_with_BATCH_NOT_SUPPORTED(string batch)
    {
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Json(batch));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BATCH_NOT_SUPPORTED", FirstCode(body));
    }

    [Fact]
    public async Task Limits_are_configurable()
    {
        using var strict = new ScoranServerFactory();
        strict.Settings["GraphQL:MaxDepth"] = "2";
        strict.Settings["GraphQL:MaxAliases"] = "1";
        using var client = strict.CreateClient();
        var (status, body) = await PostAsync(client, Request("{ commune(codeInsee: \"21231\") { location { latitude } } }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_DEEP", FirstCode(body));
        (status, body) = await PostAsync(client, Request("{ a: __typename b: __typename }"));
        Assert.Equal("TOO_MANY_ALIASES", FirstCode(body));
        (status, _) = await PostAsync(client, Request("{ a: __typename }"));
        Assert.Equal(HttpStatusCode.OK, status);
    }


    private static Regex ConstantPattern(string name) => new($"const {name} = `([^`]*)`;", RegexOptions.Singleline);

    internal const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
