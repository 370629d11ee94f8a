using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>A server whose clock is fixed on Monday 7 December 2026, 10:00 in Paris (the seeded date_maj are 2020 to 2022).</summary>
public class FreshnessServerFixture : IDisposable
{
    public const string AdminToken = "fraicheur-admin-token-0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1));

    public FreshnessServerFixture()
        : this(null)
    {
    }

    protected FreshnessServerFixture(int? staleAfterMonths)
    {
        Factory = new ScoranServerFactory { Clock = new FixedClock(Now) };
        Factory.Settings["Auth:AdminToken"] = AdminToken;
        if (staleAfterMonths is { } months)
        {
            Factory.Settings["Freshness:StaleAfter"] = months.ToString(CultureInfo.InvariantCulture);
        }
    }

    public ScoranServerFactory Factory { get; }

    /// <summary>The places nearest a point: id, name, date_maj and freshness.</summary>
    public async Task<JsonArray> PlacesAsync(double latitude, double longitude, int first) =>
        (await Factory.DataAsync(
            "query($p: GeoPointInput!, $n: Int) { nearestSites(near: { point: $p }, first: $n) { nodes { id nom version dateMaj freshness { lastVerifiedAt source stale } } } }",
            new { p = new { latitude, longitude }, n = first }))["nearestSites"]!["nodes"]!.AsArray();

    public Task ConfirmAsync(string id) => Factory.DataAsync("mutation($id: ID!) { confirmSite(id: $id) { id } }", new { id }, AdminToken);

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The start of a date_maj's day in Paris, as the API writes it.</summary>
    public static DateTimeOffset StartOfDay(JsonNode place) =>
        ParisTime.FromLocal(DateOnly.ParseExact(place["dateMaj"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue));

    public static DateTimeOffset VerifiedAt(JsonNode place) =>
        DateTimeOffset.Parse(place["freshness"]!["lastVerifiedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

/// <summary>The same, with <c>Freshness:StaleAfter=48</c>.</summary>
public sealed class LongFreshnessServerFixture() : FreshnessServerFixture(48);

/// <summary>Site.freshness and the freshness line of /lieu/{id} and /lieux (the browser side: FreshnessBrowserTests).</summary>
public sealed class FreshnessTests(FreshnessServerFixture fixture) : IClassFixture<FreshnessServerFixture>
{
    [Fact]
    public async Task A_seeded_place_is_fresh_as_of_its_source_date_maj_and_stale_after_twelve_months()
    {
        // Near Besançon.
        var places = await fixture.PlacesAsync(47.2378, 6.0241, 10);

        Assert.All(places, place =>
        {
            Assert.Equal("MedNum BFC", place!["freshness"]!["source"]!.GetValue<string>());
            Assert.Equal(FreshnessServerFixture.StartOfDay(place), FreshnessServerFixture.VerifiedAt(place));
            // Every seeded date_maj is more than twelve months before 7 December 2026.
            Assert.True(place["freshness"]!["stale"]!.GetValue<bool>());
        });
    }

    [Fact]
    public async Task A_confirmation_or_an_edit_by_the_team_makes_the_place_fresh_as_of_that_moment()
    {
        // Near Vesoul.
        var places = await fixture.PlacesAsync(47.6226, 6.1557, 2);
        var confirmed = places[0]!["id"]!.GetValue<string>();
        var edited = places[1]!;

        await fixture.ConfirmAsync(confirmed);
        await fixture.Factory.DataAsync(
            "mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { telephone: \"+33384000000\" }) { version } }",
            new { id = edited["id"]!.GetValue<string>(), v = edited["version"]!.GetValue<int>() }, FreshnessServerFixture.AdminToken);

        foreach (var id in new[] { confirmed, edited["id"]!.GetValue<string>() })
        {
            var freshness = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { freshness { lastVerifiedAt source stale } } }", new { id }))
                ["site"]!["freshness"]!;
            Assert.Equal(FreshnessServerFixture.Now, DateTimeOffset.Parse(freshness["lastVerifiedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            Assert.Equal("l'équipe du lieu", freshness["source"]!.GetValue<string>());
            Assert.False(freshness["stale"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task The_place_page_says_when_and_by_whom_and_that_an_old_place_is_to_be_checked()
    {
        // Near Lons-le-Saunier.
        var places = await fixture.PlacesAsync(46.6744, 5.5550, 2);
        var old = places[0]!;
        var fresh = places[1]!;
        await fixture.ConfirmAsync(fresh["id"]!.GetValue<string>());
        using var client = fixture.Factory.CreateClient();

        var oldHtml = await client.GetStringAsync(new Uri("/lieu/" + Uri.EscapeDataString(old["id"]!.GetValue<string>()), UriKind.Relative));
        var day = DateOnly.ParseExact(old["dateMaj"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var words = (day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture)) + " " + day.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Contains(
            "<p class=\"fraicheur fraicheur-ancienne\"><strong class=\"a-verifier\">Informations à vérifier</strong><span class=\"visuellement-cache\"> :</span> "
            + $"Mis à jour le {words}<span aria-hidden=\"true\"> · </span><span class=\"visuellement-cache\">, </span>Source : MedNum BFC</p>",
            oldHtml, StringComparison.Ordinal);

        var freshHtml = await client.GetStringAsync(new Uri("/lieu/" + Uri.EscapeDataString(fresh["id"]!.GetValue<string>()), UriKind.Relative));
        Assert.Contains(
            "<p class=\"fraicheur\">Mis à jour le 7 décembre 2026<span aria-hidden=\"true\"> · </span><span class=\"visuellement-cache\">, </span>Source : l&#x27;équipe du lieu</p>",
            freshHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("a-verifier", freshHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_page_gives_every_place_its_line()
    {
        using var client = fixture.Factory.CreateClient();
        // Dole.
        var html = await client.GetStringAsync(new Uri("/lieux?commune=39198", UriKind.Relative));

        var items = html.Split("<li class=\"lieu\">").Skip(1).ToList();
        Assert.Equal(20, items.Count);
        Assert.All(items, item =>
        {
            Assert.Contains("<p class=\"fraicheur", item, StringComparison.Ordinal);
            Assert.Contains("Source : ", item, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_list_adds_no_query_per_place_for_freshness()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        using var logged = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = logged.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        async Task<int> CommandsFor(int first)
        {
            var before = Commands(sink);
            using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new
            {
                query = "query($n: Int) { nearestSites(near: { commune: \"21231\" }, first: $n) { nodes { id freshness { lastVerifiedAt source stale } } } }",
                variables = new { n = first },
            }));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Null(body["errors"]);
            Assert.Equal(first, body["data"]!["nearestSites"]!["nodes"]!.AsArray().Count);
            return Commands(sink) - before;
        }

        var two = await CommandsFor(2);
        var fifty = await CommandsFor(50);
        Assert.Equal(two, fifty);
        // The sink does hear the commands (the equality is not that of a deaf sink): the feed of changes reads the database.
        // The list itself may read none: on SQLite the places are held in memory (PlaceReadModel, Performance/QueryCountTests).
        var before = Commands(sink);
        using var feed = await client.PostAsync(new Uri("/graphql", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new
        {
            query = "{ changes(since: \"2020-01-01T00:00:00Z\", first: 1) { edges { node { kind } } } }",
        }));
        Assert.Null(JsonNode.Parse(await feed.Content.ReadAsStringAsync())!["errors"]);
        Assert.True(Commands(sink) > before, "aucune commande SQL journalisée");
    }

    private static int Commands(CollectingLoggerProvider sink) =>
        sink.Messages.Count(m => m.StartsWith("Microsoft.EntityFrameworkCore.Database.Command Executed DbCommand", StringComparison.Ordinal));
}

/// <summary>
/// Freshness:StaleAfter moves the line between fresh and « to be checked »; the coverage of fresh places only
/// (<c>freshWithinMonths</c>, <c>fraicheur=</c> on /couverture and its CSV).
/// </summary>
public sealed class FreshCoverageTests(LongFreshnessServerFixture fixture) : IClassFixture<LongFreshnessServerFixture>
{
    private const string CoverageQuery = """
        query($months: Int) { coverage(level: DEPARTEMENT, code: "58", freshWithinMonths: $months) { matchingPlaces communes { nearestSite { id } } } }
        """;

    [Fact]
    public async Task Stale_after_the_configured_months()
    {
        // Near Dijon: with StaleAfter=48, a date_maj on or after 7 December 2022 is still fresh on 7 December 2026.
        var places = await fixture.PlacesAsync(47.3220, 5.0415, 60);
        var boundary = new DateTimeOffset(2022, 12, 7, 10, 0, 0, TimeSpan.FromHours(1));

        Assert.All(places, place => Assert.Equal(FreshnessServerFixture.VerifiedAt(place!) < boundary, place!["freshness"]!["stale"]!.GetValue<bool>()));
        Assert.Contains(places, p => p!["freshness"]!["stale"]!.GetValue<bool>());
        Assert.Contains(places, p => !p!["freshness"]!["stale"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_coverage_counts_only_the_places_checked_within_the_months_asked()
    {
        // Two places near Nevers, confirmed now: the only places checked within twelve months.
        var confirmed = (await fixture.PlacesAsync(46.9896, 3.1590, 2)).Select(p => p!["id"]!.GetValue<string>()).ToHashSet();
        foreach (var id in confirmed)
        {
            await fixture.ConfirmAsync(id);
        }

        var all = (await fixture.Factory.DataAsync(CoverageQuery, new { months = (int?)null }))["coverage"]!;
        var fresh = (await fixture.Factory.DataAsync(CoverageQuery, new { months = 12 }))["coverage"]!;
        var decade = (await fixture.Factory.DataAsync(CoverageQuery, new { months = 120 }))["coverage"]!;

        Assert.Equal(2, fresh["matchingPlaces"]!.GetValue<int>());
        Assert.All(fresh["communes"]!.AsArray(), row => Assert.Contains(row!["nearestSite"]!["id"]!.GetValue<string>(), confirmed));
        Assert.True(all["matchingPlaces"]!.GetValue<int>() > 600);
        // Every seeded date_maj is within ten years.
        Assert.Equal(all["matchingPlaces"]!.GetValue<int>(), decade["matchingPlaces"]!.GetValue<int>());

        using var client = fixture.Factory.CreateClient();
        var csv = await client.GetStringAsync(new Uri("/exports/couverture.csv?departement=58&fraicheur=12", UriKind.Relative));
        var records = CsvRecordReader.ReadStrict(new StringReader(csv)).Select(r => r.Fields).ToList();
        var column = records[0].ToList().IndexOf("lieu_id");
        Assert.Equal(309, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.Contains(r[column], confirmed));

        var html = await client.GetStringAsync(new Uri("/couverture?departement=58&fraicheur=12", UriKind.Relative));
        Assert.Contains("<option value=\"12\" selected>depuis 12 mois au plus</option>", html, StringComparison.Ordinal);
        Assert.Contains("2 lieux correspondent au filtre : aux informations vérifiées depuis 12 mois au plus.", html, StringComparison.Ordinal);
        Assert.Contains("fraicheur=12", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exports/couverture.csv?fraicheur=0")]
    [InlineData("/exports/couverture.csv?fraicheur=121")]
    [InlineData("/exports/couverture.csv?fraicheur=douze")]
    public async Task A_bad_fraicheur_is_refused_with_a_coded_problem(string url)
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("INVALID_FILTER", problem["code"]!.GetValue<string>());
        Assert.Contains("fraicheur doit être un nombre de mois de 1 à 120", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_freshWithinMonths_is_an_INVALID_FILTER_error()
    {
        var result = await fixture.Factory.QueryAsync(CoverageQuery, new { months = 0 });

        Assert.Equal("INVALID_FILTER", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("freshWithinMonths doit être compris entre 1 et 120", result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
