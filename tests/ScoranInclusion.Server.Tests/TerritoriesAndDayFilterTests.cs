using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

/// <summary>The queries the widget and /integrer need: « open on a day » and the EPCIs.</summary>
public sealed class TerritoriesAndDayFilterTestsOnSqlite(ServerFixture fixture) : TerritoriesAndDayFilterTests(fixture), IClassFixture<ServerFixture>;

[Trait("Category", "Postgres")]
public sealed class TerritoriesAndDayFilterTestsOnPostgres(PostgresServerFixture fixture) : TerritoriesAndDayFilterTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>Conformance: open on a day, EPCIs, on each provider.</summary>
public abstract class TerritoriesAndDayFilterTests(ServerFixture fixture)
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Theory]
    [InlineData("2026-12-01", 1)] // a Tuesday
    [InlineData("2026-12-05", 5)] // a Saturday
    [InlineData("2026-12-03", 3)] // a Thursday
    public async Task Open_on_keeps_only_places_open_at_some_time_that_day(string day, int weekIndex)
    {
        var data = await _server.DataAsync("""
            query($day: Date!) { nearestSites(near: { commune: "71014" }, first: 10, filter: { openOn: $day }) {
              edges { distanceMeters node { nom openingHours { week(of: $day) { date intervals { status } } } } } } }
            """, new { day });
        var edges = data["nearestSites"]!["edges"]!.AsArray();

        Assert.NotEmpty(edges);
        foreach (var edge in edges)
        {
            var dayOfWeek = edge!["node"]!["openingHours"]!["week"]!.AsArray()[weekIndex]!;
            Assert.Equal(day, dayOfWeek["date"]!.GetValue<string>());
            Assert.Contains(dayOfWeek["intervals"]!.AsArray(), i => i!["status"]!.GetValue<string>() == "OPEN");
        }

        var distances = edges.Select(e => e!["distanceMeters"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order().ToList(), distances);
    }

    [Fact]
    public async Task A_place_open_on_weekdays_only_is_kept_on_tuesday_and_left_out_on_sunday()
    {
        const string query = """
            query($day: Date!) { nearestSites(near: { commune: "71014" }, first: 30, filter: { openOn: $day }) { edges { node { nom horaires } } } }
            """;
        var tuesday = Names(await _server.DataAsync(query, new { day = "2026-12-01" }));
        var sunday = Names(await _server.DataAsync(query, new { day = "2026-12-06" }));

        // "Mo-Fr 09:00-12:00" in the seed data.
        Assert.Contains("Point numérique d'Autun", tuesday);
        Assert.DoesNotContain("Point numérique d'Autun", sunday);
        // No place of the region's seed data opens on Sundays.
        Assert.Empty(sunday);
    }

    [Fact]
    public async Task Epcis_are_found_by_their_name_by_a_commune_or_by_siren()
    {
        var byName = await _server.DataAsync("""{ epcis(search: "grand autunois") { siren nom } }""");
        var byCommune = await _server.DataAsync("""{ epcis(search: "Autun", first: 3) { siren nom } }""");
        var bySiren = await _server.DataAsync("""{ epcis(search: "200070530") { siren } }""");

        Assert.Equal("200070530", byName["epcis"]![0]!["siren"]!.GetValue<string>());
        Assert.Equal("CC du Grand Autunois Morvan", byName["epcis"]![0]!["nom"]!.GetValue<string>());
        Assert.Equal("200070530", byCommune["epcis"]![0]!["siren"]!.GetValue<string>());
        Assert.Equal("200070530", bySiren["epcis"]![0]!["siren"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_epci_lists_its_communes_and_sums_their_population()
    {
        var data = await _server.DataAsync("""
            { epci(siren: "200070530") { nom codesDepartements population location { latitude } communes { codeInsee nom epciSiren population } } }
            """);
        var epci = data["epci"]!;
        var communes = epci["communes"]!.AsArray();

        Assert.Contains(communes, c => c!["codeInsee"]!.GetValue<string>() == "71014");
        Assert.All(communes, c => Assert.Equal("200070530", c!["epciSiren"]!.GetValue<string>()));
        Assert.Equal(communes.Sum(c => c!["population"]?.GetValue<int>() ?? 0), epci["population"]!.GetValue<int>());
        Assert.Equal(["71"], epci["codesDepartements"]!.AsArray().Select(c => c!.GetValue<string>()));
        // Its representative point is Autun's, its most populated commune.
        var autun = await _server.DataAsync("""{ commune(codeInsee: "71014") { location { latitude } } }""");
        Assert.Equal(autun["commune"]!["location"]!["latitude"]!.GetValue<double>(), epci["location"]!["latitude"]!.GetValue<double>());
    }

    [Fact]
    public async Task Unknown_epci_is_null_and_an_empty_search_is_refused()
    {
        var unknown = await _server.DataAsync("""{ epci(siren: "123456789") { nom } }""");
        var empty = await _server.QueryAsync("""{ epcis(search: "  ") { nom } }""");

        Assert.Null(unknown["epci"]);
        Assert.Equal("INVALID_SEARCH", empty["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static List<string> Names(JsonObject data) =>
        [.. data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!["nom"]!.GetValue<string>())];
}
