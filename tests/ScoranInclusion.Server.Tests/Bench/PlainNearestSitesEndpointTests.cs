using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Bench.PlainEndpoint;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Bench;

/// <summary>
/// The plain endpoint of bench/ (graphql-throughput) must answer the very bytes /graphql gives for the widget's
/// query, or the ratio it measures would compare different work; and it must not exist unless configured.
/// </summary>
public sealed partial class PlainNearestSitesEndpointTests : IDisposable
{
    private readonly ScoranServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    public static TheoryData<string> Variables() =>
    [
        """{"near":{"point":{"latitude":47.322,"longitude":5.041}},"first":10}""",
        """{"near":{"commune":"71014"},"first":20,"filter":{"services":["AIDE_AUX_DEMARCHES_ADMINISTRATIVES"],"fraisACharge":["GRATUIT"]}}""",
        """{"near":{"postalCode":"25000","radiusKm":30},"first":10,"filter":{"publics":["SENIORS"],"modalitesAccompagnement":["ACCOMPAGNEMENT_INDIVIDUEL"]}}""",
        """{"near":{"point":{"latitude":46.9,"longitude":4.3}},"first":20,"filter":{"hasSessionWithinDays":14}}""",
        """{"near":{"commune":"58194"},"first":5,"filter":{"openNow":true}}""",
        """{"near":{"point":{"latitude":47.64,"longitude":6.86},"radiusKm":0.001},"first":10}""",
    ];

    [Theory]
    [MemberData(nameof(Variables))]
    public async Task Plain_endpoint_writes_the_same_json_as_graphql_for_the_widget_query(string variables)
    {
        using var factory = WithPlainEndpoint();
        using var client = factory.CreateClient();

        var (graphql, plain) = await BothAsync(client, variables);

        Assert.Equal(graphql, plain);
        var data = JsonNode.Parse(plain)!["data"]!["nearestSites"]!;
        Assert.NotNull(data["pageInfo"]);
    }

    [Fact]
    public async Task The_comparison_covers_schedules_sessions_and_the_next_page()
    {
        using var factory = WithPlainEndpoint();
        using var client = factory.CreateClient();
        const string first = """{"near":{"point":{"latitude":47.322,"longitude":5.041}},"first":20,"filter":{"hasSessionWithinDays":30}}""";

        var (graphql, plain) = await BothAsync(client, first);

        Assert.Equal(graphql, plain);
        var connection = JsonNode.Parse(plain)!["data"]!["nearestSites"]!;
        var nodes = connection["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.NotEmpty(nodes);
        // Seeded example sessions and real opening hours: both kinds of nested fields are in the bytes compared.
        Assert.All(nodes, n => Assert.NotEmpty(n["nextSessions"]!.AsArray()));
        Assert.Contains(nodes, n => n["openingHours"] is JsonObject);

        // The next page from the cursor: the same bytes again.
        var cursor = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        var next = $$$"""{"near":{"point":{"latitude":47.322,"longitude":5.041}},"first":10,"after":"{{{cursor}}}"}""";
        var (graphqlNext, plainNext) = await BothAsync(client, next);
        Assert.Equal(graphqlNext, plainNext);
        Assert.NotEmpty(JsonNode.Parse(plainNext)!["data"]!["nearestSites"]!["edges"]!.AsArray());
    }

    [Fact]
    public async Task The_plain_endpoint_is_absent_by_default()
    {
        using var client = _server.CreateClient();

        using var response = await client.PostAsync(PlainNearestSitesEndpoint.Path, Json("""{"near":{"commune":"71014"},"first":10}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_endpoint_answers_the_query_the_widget_sends()
    {
        var widget = File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "src", "scoran-carte.js"));
        string Template(string name) => Regex.Match(widget, $"const {name} = `([^`]*)`;").Groups[1].Value;
        var search = Template("SEARCH").Replace("${LIST_FIELDS}", Template("LIST_FIELDS"), StringComparison.Ordinal)
            .Replace("${BASE_FIELDS}", Template("BASE_FIELDS"), StringComparison.Ordinal);

        Assert.Contains("nearestSites", search, StringComparison.Ordinal);
        Assert.Equal(Spaces().Replace(search, " ").Trim(), Spaces().Replace(PlainNearestSitesEndpoint.WidgetQuery, " ").Trim());
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithPlainEndpoint()
    {
        // One instant for both answers: opening states and session statuses depend on the clock.
        var now = new FixedClock(DateTimeOffset.UtcNow);
        return _server.WithWebHostBuilder(b =>
        {
            b.ConfigureTestServices(s => s.AddPlainNearestSites().AddSingleton<TimeProvider>(now));
        });
    }

    private static async Task<(string GraphQL, string Plain)> BothAsync(HttpClient client, string variables)
    {
        var body = new JsonObject { ["query"] = PlainNearestSitesEndpoint.WidgetQuery, ["variables"] = JsonNode.Parse(variables) };
        using var graphqlResponse = await client.PostAsJsonAsync("/graphql", body);
        var graphql = await graphqlResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, graphqlResponse.StatusCode);
        Assert.DoesNotContain("\"errors\"", graphql, StringComparison.Ordinal);

        using var plainResponse = await client.PostAsync(PlainNearestSitesEndpoint.Path, Json(variables));
        var plain = await plainResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, plainResponse.StatusCode);
        Assert.Equal(graphqlResponse.Content.Headers.ContentType?.ToString(), plainResponse.Content.Headers.ContentType?.ToString());
        return (graphql, plain);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
