using System.Globalization;
using System.Text.Json.Nodes;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Offers;

/// <summary>A server whose quotas are small enough to reach in a test: 6 sessions to come per offer, 8 per place.</summary>
public class QuotaServerFixture : OffersServerFixture
{
    public QuotaServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected QuotaServerFixture(StorageProvider provider)
        : base(provider)
    {
        Factory.Settings["Offers:MaxSessionsPerOffer"] = "6";
        Factory.Settings["Offers:MaxSessionsPerPlace"] = "8";
    }
}

public sealed class PostgresQuotaServerFixture() : QuotaServerFixture(StorageProvider.Postgres);

public sealed class SessionQuotaTestsOnSqlite(QuotaServerFixture fixture) : SessionQuotaTests(fixture), IClassFixture<QuotaServerFixture>;

[Trait("Category", "Postgres")]
public sealed class SessionQuotaTestsOnPostgres(PostgresQuotaServerFixture fixture) : SessionQuotaTests(fixture), IClassFixture<PostgresQuotaServerFixture>;

/// <summary>Conformance: the sessions to come of an offer and of a place are bounded, on each provider.</summary>
public abstract class SessionQuotaTests(QuotaServerFixture fixture)
{
    private const string Series = "mutation($input: SessionSeriesInput!) { createSessionSeries(input: $input) { id } }";
    private const string Create = "mutation($input: SessionInput!) { createSession(input: $input) { id } }";

    [Fact]
    public async Task Sessions_beyond_the_quotas_of_the_offer_and_of_the_place_are_refused_and_nothing_is_stored()
    {
        // Besançon: no example workshop there, so the place starts empty.
        var place = await fixture.PlaceNearAsync(47.238, 6.024);
        var offer = await fixture.CreateOfferAsync(place.Id, "Quota");
        var monday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(100));
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        // Seven days in a row: one more than the offer may hold. The whole series is refused.
        var week = await SeriesAsync(offer, ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"], monday, monday.AddDays(6));
        Assert.Equal(("TOO_MANY_SESSIONS", "offerId"), (Code(week), Field(week)));
        Assert.Contains("6", Message(week), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(offer));

        // Five, then one: six fit; the seventh is refused.
        Assert.Null((await SeriesAsync(offer, ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], monday, monday.AddDays(6)))["errors"]);
        var sixth = await CreateAsync(offer, monday.AddDays(5));
        Assert.Null(sixth["errors"]);
        var seventh = await CreateAsync(offer, monday.AddDays(6));
        Assert.Equal(("TOO_MANY_SESSIONS", "offerId"), (Code(seventh), Field(seventh)));
        Assert.Equal(6, await CountAsync(offer));

        // Another offer at the same place: the place holds eight in all.
        var other = await fixture.CreateOfferAsync(place.Id, "Quota bis");
        Assert.Null((await CreateAsync(other, monday.AddDays(7)))["errors"]);
        Assert.Null((await CreateAsync(other, monday.AddDays(8)))["errors"]);
        var ninth = await CreateAsync(other, monday.AddDays(9));
        Assert.Equal(("TOO_MANY_SESSIONS", "siteId"), (Code(ninth), Field(ninth)));
        Assert.Equal(2, await CountAsync(other));

        // Nor can a session elsewhere be moved in.
        var elsewhere = await fixture.PlaceNearAsync(47.322, 5.041);
        var visitor = await fixture.CreateOfferAsync(elsewhere.Id, "Ailleurs");
        var session = (await fixture.CreateSessionAsync(visitor, OffersServerFixture.Day(120)))["id"]!.GetValue<string>();
        var moved = await fixture.Factory.QueryAsync("mutation($id: ID!, $site: ID) { updateSession(id: $id, input: { siteId: $site }) { id } }",
            new { id = session, site = place.Id }, OffersServerFixture.Token);
        Assert.Equal(("TOO_MANY_SESSIONS", "siteId"), (Code(moved), Field(moved)));

        // A cancelled session frees its room.
        var first = (await fixture.Factory.DataAsync("query($id: ID!, $to: DateTime) { offer(id: $id) { sessions(to: $to) { id } } }",
            new { id = offer, to = OffersServerFixture.Iso(OffersServerFixture.Day(200)) }))["offer"]!["sessions"]![0]!["id"]!.GetValue<string>();
        await fixture.MutateAsync("mutation($id: ID!) { cancelSession(id: $id, reason: \"Quota\") { id } }", new { id = first });
        Assert.Null((await CreateAsync(offer, monday.AddDays(6)))["errors"]);
    }

    private Task<JsonObject> SeriesAsync(string offer, string[] days, DateOnly from, DateOnly until) =>
        fixture.Factory.QueryAsync(Series, new
        {
            input = new
            {
                offerId = offer,
                days,
                startTime = "10:00",
                endTime = "11:00",
                capacity = 5,
                from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                until = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        }, OffersServerFixture.Token);

    private Task<JsonObject> CreateAsync(string offer, DateOnly day)
    {
        var start = new DateTimeOffset(day.Year, day.Month, day.Day, 15, 0, 0, TimeSpan.Zero);
        return fixture.Factory.QueryAsync(Create, new { input = new { offerId = offer, startsAt = OffersServerFixture.Iso(start), endsAt = OffersServerFixture.Iso(start.AddHours(1)), capacity = 5 } },
            OffersServerFixture.Token);
    }

    private async Task<int> CountAsync(string offer) =>
        (await fixture.Factory.DataAsync("query($id: ID!, $to: DateTime) { offer(id: $id) { sessions(to: $to) { id status } } }",
            new { id = offer, to = OffersServerFixture.Iso(OffersServerFixture.Day(200)) }))["offer"]!["sessions"]!.AsArray()
            .Count(s => s!["status"]!.GetValue<string>() != "CANCELLED");

    private static string? Code(JsonObject result) => result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static string? Field(JsonObject result) => result["errors"]?[0]?["extensions"]?["data"]?["field"]?.GetValue<string>();

    private static string Message(JsonObject result) => result["errors"]?[0]?["message"]?.GetValue<string>() ?? "";
}
