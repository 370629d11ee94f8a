using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Offers;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Performance;

/// <summary>
/// On SQLite the server holds the public places, their next sessions and the sessions' offers in memory (the read model,
/// <c>PlaceReadModel</c>): once read after the last write, the widget's documents read nothing from the database, and a
/// committed write is seen by the next read.
/// </summary>
public sealed class QueryCountTestsOnSqlite(QueryCountFixture fixture) : QueryCountTests(fixture), IClassFixture<QueryCountFixture>
{
    private readonly QueryCountFixture _fixture = fixture;

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    public async Task The_widget_list_reads_nothing_from_the_database_once_read_after_the_last_write(int first)
    {
        var variables = new { near = new { commune = "21231" }, first };
        await _fixture.DataAsync(Constant("SEARCH"), variables);

        JsonObject? data = null;
        var commands = await SqlCommandCounter.Measure(async () => data = await _fixture.DataAsync(Constant("SEARCH"), variables));

        var edges = data!["nearestSites"]!["edges"]!.AsArray();
        Assert.Equal(first, edges.Count);
        Assert.True(edges.Count(e => e!["node"]!["nextSessions"]!.AsArray().Count > 0) >= QueryCountFixture.PlacesWithSessions);
        Assert.Empty(commands);
    }

    [Fact]
    public async Task The_widget_detail_reads_nothing_from_the_database_once_read_after_the_last_write()
    {
        var query = $"query Lieu($id: ID!) {{ site(id: $id) {{ {Constant("DETAIL_FIELDS")} }} }}";
        await _fixture.DataAsync(query, new { id = _fixture.PlaceIds[1] });

        JsonObject? data = null;
        var commands = await SqlCommandCounter.Measure(async () => data = await _fixture.DataAsync(query, new { id = _fixture.PlaceIds[1] }));

        Assert.Equal(2, data!["site"]!["nextSessions"]!.AsArray().Count(s => s!["offer"]!["title"]!.GetValue<string>() == "Atelier compté 2"));
        Assert.Empty(commands);
    }

    [Fact]
    public async Task A_committed_write_is_seen_by_the_next_read_of_the_list()
    {
        var variables = new { near = new { commune = "21231" }, first = 20 };
        var before = await _fixture.DataAsync(Constant("SEARCH"), variables);
        var last = _fixture.PlaceIds[^1];
        JsonNode Node(JsonObject data) => data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!).Single(n => n["id"]!.GetValue<string>() == last);
        var sessionsBefore = Node(before)["nextSessions"]!.AsArray().Count;
        Assert.Equal(2, sessionsBefore);

        // A new offer with a session earlier than the others at that place, then the place's own page edited.
        var offer = await _fixture.DataAsync("""
            mutation($input: OfferInput!) { createOffer(input: $input) { id } }
            """, new
        {
            input = new
            {
                title = "Atelier ajouté après la lecture",
                summary = "Un atelier ajouté pendant le test.",
                themes = new[] { "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN" },
                format = "COLLECTIVE_WORKSHOP",
                fee = "FREE",
                registration = new { telephone = "03 80 00 00 00" },
                siteId = last,
            },
        }, OffersServerFixture.Token);
        var start = OffersServerFixture.Day(1, 8);
        await _fixture.DataAsync("""
            mutation($input: SessionInput!) { createSession(input: $input) { id } }
            """, new { input = new { offerId = offer["createOffer"]!["id"]!.GetValue<string>(), startsAt = OffersServerFixture.Iso(start), endsAt = OffersServerFixture.Iso(start.AddHours(1)), capacity = 3 } },
            OffersServerFixture.Token);
        var version = (await _fixture.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = last }, OffersServerFixture.Token))["site"]!["version"]!.GetValue<int>();
        await _fixture.DataAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: \"Mo-Fr 08:00-20:00\" }) { id } }",
            new { id = last, v = version }, OffersServerFixture.Token);

        var after = Node(await _fixture.DataAsync(Constant("SEARCH"), variables));
        var sessions = after["nextSessions"]!.AsArray();
        Assert.Equal(3, sessions.Count);
        Assert.Equal("Atelier ajouté après la lecture", sessions[0]!["offer"]!["title"]!.GetValue<string>());
        Assert.Equal(3, sessions[0]!["remainingSeats"]!.GetValue<int>());
        var detail = await _fixture.DataAsync("query($id: ID!) { site(id: $id) { horaires } }", new { id = last });
        Assert.Equal("Mo-Fr 08:00-20:00", detail["site"]!["horaires"]!.GetValue<string>());
    }
}

[Trait("Category", "Postgres")]
public sealed class QueryCountTestsOnPostgres(PostgresQueryCountFixture fixture) : QueryCountTests(fixture), IClassFixture<PostgresQueryCountFixture>;

/// <summary>
/// No query per place: the widget's own documents (read from <c>web/src/scoran-carte.js</c>) and a document that asks
/// for every per-parent field cost a fixed, small number of SQL commands, whatever the size of the page.
/// </summary>
public abstract partial class QueryCountTests(QueryCountFixture fixture)
{
    // The places, their next sessions and the sessions' offers: one query each (3 on SQLite, whose index is in memory);
    // on PostgreSQL, before them, PostGIS's nearest candidates (one query, or two for a large page).
    private const int MaxSearchCommands = 5;
    private const int MaxDetailCommands = 3;

    private static readonly Lazy<string> WidgetSource = new(() => File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "src", "scoran-carte.js")));

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task The_widget_list_costs_a_fixed_number_of_commands_whatever_first_is(int first)
    {
        JsonObject? data = null;
        var commands = await SqlCommandCounter.Measure(async () =>
            data = await fixture.DataAsync(Constant("SEARCH"), new { near = new { commune = "21231" }, first }));

        var edges = data!["nearestSites"]!["edges"]!.AsArray();
        Assert.Equal(first, edges.Count);
        // The page really has places with sessions and offers to read, or the count would prove nothing.
        var withSessions = edges.Count(e => e!["node"]!["nextSessions"]!.AsArray().Count > 0);
        Assert.True(withSessions >= Math.Min(first, QueryCountFixture.PlacesWithSessions), $"{withSessions} lieux avec séances");
        Assert.All(edges.SelectMany(e => e!["node"]!["nextSessions"]!.AsArray()), s => Assert.False(string.IsNullOrEmpty(s!["offer"]!["title"]!.GetValue<string>())));
        Assert.True(commands.Count <= MaxSearchCommands, Describe(commands));
    }

    [Fact]
    public async Task The_widget_detail_costs_a_fixed_number_of_commands()
    {
        var query = $"query Lieu($id: ID!) {{ site(id: $id) {{ {Constant("DETAIL_FIELDS")} }} }}";
        JsonObject? data = null;
        var commands = await SqlCommandCounter.Measure(async () => data = await fixture.DataAsync(query, new { id = fixture.PlaceIds[0] }));

        var sessions = data!["site"]!["nextSessions"]!.AsArray();
        Assert.Equal(2, sessions.Count(s => s!["offer"]!["title"]!.GetValue<string>() == "Atelier compté 1"));
        Assert.True(commands.Count <= MaxDetailCommands, Describe(commands));
    }

    // Small pages: this document is costly, the cost limit of a request stops it at about six places.
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Every_per_parent_field_costs_one_query_per_level(int first)
    {
        const string query = """
            query($near: NearInput!, $first: Int) { nearestSites(near: $near, first: $first) { nodes { id nom
              offers { title site { nom } sessions { startsAt site { nom } stop { routeName } offer { title } jsonLd } }
              nextSessions(first: 2) { startsAt site { nom } offer { title site { nom } } }
              history { kind }
            } } }
            """;
        JsonObject? data = null;
        var commands = await SqlCommandCounter.Measure(async () =>
            data = await fixture.DataAsync(query, new { near = new { commune = "21231" }, first }, OffersServerFixture.Token));

        var nodes = data!["nearestSites"]!["nodes"]!.AsArray();
        Assert.Equal(first, nodes.Count);
        var withOffers = nodes.Where(n => n!["offers"]!.AsArray().Count > 0).ToList();
        Assert.True(withOffers.Count >= Math.Min(first, QueryCountFixture.PlacesWithSessions));
        Assert.All(withOffers, n =>
        {
            var offer = n!["offers"]![0]!;
            Assert.Equal(n["nom"]!.GetValue<string>(), offer["site"]!["nom"]!.GetValue<string>());
            Assert.Equal(2, offer["sessions"]!.AsArray().Count);
            Assert.All(offer["sessions"]!.AsArray(), s => Assert.Contains("CourseInstance", s!["jsonLd"]!.GetValue<string>(), StringComparison.Ordinal));
        });
        // Places, offers, the offers' sessions, next sessions, history (the sessions' offers and places are those already
        // read); the candidates on PostgreSQL.
        Assert.True(commands.Count <= MaxSearchCommands + 2, Describe(commands));
    }

    private static string Describe(IReadOnlyList<string> commands) =>
        $"{commands.Count} commandes SQL :\n" + string.Join("\n---\n", commands);

    // A constant of the widget with the ${OTHER_CONSTANT} it interpolates expanded, as the browser does.
    protected static string Constant(string name) =>
        Interpolated().Replace(Regex.Match(WidgetSource.Value, $"const {name} = `([^`]*)`;").Groups[1].Value, m => Constant(m.Groups[1].Value));

    [GeneratedRegex(@"\$\{([A-Z_]+)\}")]
    private static partial Regex Interpolated();
}

/// <summary>
/// A server whose requests run in the test's execution context (so that <see cref="SqlCommandCounter"/> sees their
/// commands only), with offers and two sessions each at the places nearest to Dijon.
/// </summary>
public class QueryCountFixture : OffersServerFixture, IAsyncLifetime
{
    public const int PlacesWithSessions = 12;
    private WebApplicationFactory<Program>? _server;

    public QueryCountFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected QueryCountFixture(StorageProvider provider)
        : base(provider)
    {
    }

    public List<string> PlaceIds { get; } = [];

    public async Task InitializeAsync()
    {
        _server = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true)));
        var places = await DataAsync("""
            query($first: Int) { nearestSites(near: { commune: "21231" }, first: $first) { nodes { id } } }
            """, new { first = PlacesWithSessions });
        foreach (var node in places["nearestSites"]!["nodes"]!.AsArray())
        {
            var siteId = node!["id"]!.GetValue<string>();
            PlaceIds.Add(siteId);
            var offer = await DataAsync("""
                mutation($input: OfferInput!) { createOffer(input: $input) { id } }
                """, new
            {
                input = new
                {
                    title = $"Atelier compté {PlaceIds.Count}",
                    summary = "Un atelier pour apprendre pas à pas.",
                    themes = new[] { "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN" },
                    format = "COLLECTIVE_WORKSHOP",
                    fee = "FREE",
                    registration = new { telephone = "03 80 00 00 00" },
                    siteId,
                },
            }, Token);
            var offerId = offer["createOffer"]!["id"]!.GetValue<string>();
            for (var i = 0; i < 2; i++)
            {
                var start = Day(3 + i, 9 + PlaceIds.Count % 8);
                await DataAsync("""
                    mutation($input: SessionInput!) { createSession(input: $input) { id } }
                    """, new { input = new { offerId, startsAt = Iso(start), endsAt = Iso(start.AddHours(2)), capacity = 10 } }, Token);
            }
        }
    }

    /// <summary>Runs a document on the counted server; it must succeed.</summary>
    public async Task<JsonObject> DataAsync(string query, object? variables = null, string? token = null)
    {
        using var client = _server!.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(result["errors"] is null, "Erreurs inattendues : " + result["errors"]?.ToJsonString());
        return result["data"]!.AsObject();
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same on PostgreSQL + PostGIS.</summary>
public sealed class PostgresQueryCountFixture() : QueryCountFixture(StorageProvider.Postgres);
