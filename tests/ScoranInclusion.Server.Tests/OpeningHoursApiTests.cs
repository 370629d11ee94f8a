using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Server.Tests;

public sealed class OpeningHoursApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task A_valid_expression_is_normalized_and_evaluated_in_Paris_time()
    {
        var data = await _server.DataAsync("""
            { validateOpeningHours(expression: "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", at: "2026-12-01T10:00") {
                valid errors { message } normalized isOpen state nextChange
                week { date jourSemaine jourFerie intervals { start end status } } } }
            """);
        var check = data["validateOpeningHours"]!;

        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Empty(check["errors"]!.AsArray());
        Assert.True(check["isOpen"]!.GetValue<bool>());
        Assert.Equal("OPEN", check["state"]!.GetValue<string>());
        Assert.Equal("2026-12-01T12:00:00+01:00", check["nextChange"]!.GetValue<string>());
        var week = check["week"]!.AsArray();
        Assert.Equal(7, week.Count);
        Assert.Equal("2026-11-30", week[0]!["date"]!.GetValue<string>());
        Assert.Equal("lundi", week[0]!["jourSemaine"]!.GetValue<string>());
        Assert.Equal(2, week[1]!["intervals"]!.AsArray().Count);
        Assert.Empty(week[6]!["intervals"]!.AsArray());
    }

    [Fact]
    public async Task An_invalid_expression_gives_positioned_errors_and_a_suggestion()
    {
        var data = await _server.DataAsync("""
            { validateOpeningHours(expression: "Lu-Ve 9h-12h") { valid normalized isOpen errors { message position length suggestion } } }
            """);
        var check = data["validateOpeningHours"]!;

        Assert.False(check["valid"]!.GetValue<bool>());
        Assert.Null(check["isOpen"]);
        var error = check["errors"]!.AsArray()[0]!;
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.InRange(error["position"]!.GetValue<int>(), 0, 12);
        Assert.Equal("Mo-Fr 09:00-12:00", check["errors"]!.AsArray().Select(e => e!["suggestion"]?.GetValue<string>()).First(s => s is not null));
    }

    [Fact]
    public async Task Open_at_keeps_only_open_places_in_distance_order_as_a_brute_force_would()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
        var origin = new GeoPoint(46.95, 4.30);
        var expected = (await AllSitesAsync())
            .Where(s => s.Site.Horaires is not null && OpeningHoursParser.Parse(s.Site.Horaires).Schedule?.IsOpen(at) == true)
            .Select(s => (s.Key, Distance: Geodesic.DistanceMeters(origin, s.Site.Location!.Value)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Key).Take(10)
            .Select(x => GlobalId.Encode("Site", x.Key)).ToList();
        Assert.Equal(10, expected.Count);

        var data = await _server.DataAsync("""
            query($at: DateTime) { nearestSites(near: { point: { latitude: 46.95, longitude: 4.30 } }, first: 10, filter: { openAt: $at }) {
              edges { node { id openingHours { isOpen(at: $at) } } } } }
            """, new { at = "2026-12-01T10:00:00+01:00" });
        var edges = data["nearestSites"]!["edges"]!.AsArray();

        Assert.Equal(expected, edges.Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.All(edges, e => Assert.True(e!["node"]!["openingHours"]!["isOpen"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Open_now_uses_the_server_clock()
    {
        // A Sunday at 3 a.m.: hardly anything is open; a Tuesday at 10 a.m.: many places are.
        using var sunday = WithClock(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.FromHours(1)));
        using var tuesday = WithClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)));
        const string query = """{ nearestSites(near: { commune: "21231" }, first: 20, filter: { openNow: true }) { edges { node { openingHours { isOpen } } } } }""";

        var atNight = await DataAsync(sunday, query);
        var atTen = await DataAsync(tuesday, query);

        Assert.Empty(atNight["nearestSites"]!["edges"]!.AsArray());
        var open = atTen["nearestSites"]!["edges"]!.AsArray();
        Assert.Equal(20, open.Count);
        Assert.All(open, e => Assert.True(e!["node"]!["openingHours"]!["isOpen"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Open_now_and_open_at_together_are_refused()
    {
        var result = await _server.QueryAsync("""
            { nearestSites(near: { commune: "21231" }, filter: { openNow: true, openAt: "2026-12-01T10:00" }) { edges { cursor } } }
            """);

        Assert.Equal("INVALID_FILTER", result["errors"]!.AsArray()[0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_site_exposes_its_hours_evaluated()
    {
        var data = await _server.DataAsync("""
            { nearestSites(near: { commune: "25056" }, first: 30) { edges { node { horaires
                openingHours { normalized state(at: "2026-12-01T10:00") nextChange(at: "2026-12-01T10:00") week(of: "2026-12-25") { date jourFerie } } } } } }
            """);
        var withHours = data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!).First(n => n["horaires"] is not null);
        var hours = withHours["openingHours"]!;

        Assert.False(string.IsNullOrWhiteSpace(hours["normalized"]!.GetValue<string>()));
        Assert.Contains(hours["state"]!.GetValue<string>(), new[] { "OPEN", "CLOSED", "UNKNOWN" });
        var christmas = hours["week"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == "2026-12-25")!;
        Assert.False(string.IsNullOrWhiteSpace(christmas["jourFerie"]?.GetValue<string>()));
    }

    private WebApplicationFactoryClock WithClock(DateTimeOffset now) => new(_server, now);

    private static async Task<System.Text.Json.Nodes.JsonObject> DataAsync(WebApplicationFactoryClock clock, string query)
    {
        using var client = clock.Factory.CreateClient();
        using var response = await client.PostAsync("/graphql", ErrorsTests.Json(new { query }));
        var result = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(result["errors"] is null, result["errors"]?.ToJsonString());
        return result["data"]!.AsObject();
    }

    private async Task<List<StoredSite>> AllSitesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        return [.. (await db.Sites.AsNoTracking().ToListAsync()).Select(StoredSite.From).Where(s => s.Site.Location is not null)];
    }

    /// <summary>The same server (same database) with a fixed clock.</summary>
    private sealed class WebApplicationFactoryClock(ScoranServerFactory server, DateTimeOffset now) : IDisposable
    {
        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; } = server.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

        public void Dispose() => Factory.Dispose();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
