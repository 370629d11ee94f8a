using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Server.Tests.Offers;

public sealed class UpcomingSessionsTestsOnSqlite(OffersServerFixture fixture) : UpcomingSessionsTests(fixture), IClassFixture<OffersServerFixture>;

[Trait("Category", "Postgres")]
public sealed class UpcomingSessionsTestsOnPostgres(PostgresOffersServerFixture fixture) : UpcomingSessionsTests(fixture), IClassFixture<PostgresOffersServerFixture>;

/// <summary>Conformance: upcoming sessions by time, distance and filters, on each provider.</summary>
public abstract class UpcomingSessionsTests(OffersServerFixture fixture)
{
    private const string Upcoming = """
        query($near: NearInput!, $from: DateTime, $to: DateTime, $filter: SessionFilter, $first: Int, $after: String, $orderBy: SessionOrder) {
          upcomingSessions(near: $near, from: $from, to: $to, filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
            edges { cursor distanceMeters node { id startsAt endsAt status capacity remainingSeats offer { id title isExample } site { id nom } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    [Fact]
    public async Task A_new_user_sees_upcoming_example_workshops_without_any_set_up()
    {
        var data = await fixture.Factory.DataAsync(Upcoming, new { near = new { commune = "71076" }, first = 20 });
        var edges = data["upcomingSessions"]!["edges"]!.AsArray();

        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.StartsWith("Exemple", e!["node"]!["offer"]!["title"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(edges, e => Assert.True(e!["node"]!["offer"]!["isExample"]!.GetValue<bool>()));
        var starts = edges.Select(e => DateTimeOffset.Parse(e!["node"]!["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        Assert.All(starts, s => Assert.True(s > DateTimeOffset.UtcNow.AddHours(-3)));
        // The Chalon-sur-Saône example is there, at about a kilometre.
        Assert.Contains(edges, e => e!["node"]!["site"]?["nom"]?.GetValue<string>() == "CCAS Chalon sur Saône" && e["distanceMeters"]!.GetValue<double>() < 3_000);
        // The remote example has no distance.
        Assert.Contains(edges, e => e!["distanceMeters"] is null);
    }

    [Fact]
    public async Task Search_by_time_window_and_distance_keeps_the_window_orders_and_pages_without_overlap()
    {
        var dijon = await fixture.PlaceNearAsync(47.322, 5.041);
        var besancon = await fixture.PlaceNearAsync(47.238, 6.024);
        var dijonOffer = await fixture.CreateOfferAsync(dijon.Id, "Fenêtre Dijon");
        var besanconOffer = await fixture.CreateOfferAsync(besancon.Id, "Fenêtre Besançon");
        // Days 300-302: the examples (8 weeks ahead) never reach them.
        var inside = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            inside.Add((await fixture.CreateSessionAsync(dijonOffer, OffersServerFixture.Day(300, 9 + (3 * i))))["id"]!.GetValue<string>());
            inside.Add((await fixture.CreateSessionAsync(besanconOffer, OffersServerFixture.Day(300, 10 + (3 * i))))["id"]!.GetValue<string>());
        }

        var outside = (await fixture.CreateSessionAsync(dijonOffer, OffersServerFixture.Day(302)))["id"]!.GetValue<string>();
        var window = new { from = OffersServerFixture.Iso(OffersServerFixture.Day(300, 0)), to = OffersServerFixture.Iso(OffersServerFixture.Day(301, 0)) };
        var origin = new { point = new { latitude = dijon.Latitude, longitude = dijon.Longitude } };

        // By start time, two pages of 4 then 2, no overlap, nothing outside the window.
        var page1 = (await fixture.Factory.DataAsync(Upcoming, new { near = origin, window.from, window.to, first = 4 }))["upcomingSessions"]!;
        var page2 = (await fixture.Factory.DataAsync(Upcoming, new { near = origin, window.from, window.to, first = 4, after = page1["pageInfo"]!["endCursor"]!.GetValue<string>() }))["upcomingSessions"]!;
        var ids = Ids(page1).Concat(Ids(page2)).ToList();
        Assert.True(page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(inside.Order(), ids.Order());
        Assert.DoesNotContain(outside, ids);
        var starts = Edges(page1).Concat(Edges(page2)).Select(e => DateTimeOffset.Parse(e["node"]!["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order().ToList(), starts);

        // By distance: the three Dijon sessions first (same place, then by time), then Besançon at the geodesic distance.
        var byDistance = (await fixture.Factory.DataAsync(Upcoming, new { near = origin, window.from, window.to, first = 10, orderBy = "DISTANCE" }))["upcomingSessions"]!;
        var edges = Edges(byDistance).ToList();
        Assert.Equal(6, edges.Count);
        Assert.All(edges.Take(3), e => Assert.Equal(dijon.Id, e["node"]!["site"]!["id"]!.GetValue<string>()));
        var expected = Geodesic.DistanceMeters(new Domain.GeoPoint(dijon.Latitude, dijon.Longitude), new Domain.GeoPoint(besancon.Latitude, besancon.Longitude));
        Assert.Equal(expected, edges[5]["distanceMeters"]!.GetValue<double>(), 3);

        // A radius of 20 km keeps Dijon only.
        var near = new { point = origin.point, radiusKm = 20.0 };
        var close = (await fixture.Factory.DataAsync(Upcoming, new { near, window.from, window.to, first = 10 }))["upcomingSessions"]!;
        Assert.All(Edges(close), e => Assert.Equal(dijon.Id, e["node"]!["site"]!["id"]!.GetValue<string>()));
        Assert.Equal(3, Edges(close).Count());
    }

    [Fact]
    public async Task Filters_on_seats_and_remote_and_bad_windows_are_explained()
    {
        var place = await fixture.PlaceNearAsync(47.48, 6.83);
        var offer = await fixture.CreateOfferAsync(place.Id, "Filtres Montbéliard");
        var full = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(310, 9), capacity: 2);
        await fixture.MutateAsync("mutation($id: ID!) { setSessionSeats(id: $id, seatsTaken: 2) { status } }", new { id = full["id"]!.GetValue<string>() });
        var open = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(310, 14), capacity: 2);
        var window = new { from = OffersServerFixture.Iso(OffersServerFixture.Day(310, 0)), to = OffersServerFixture.Iso(OffersServerFixture.Day(311, 0)) };
        var near = new { point = new { latitude = place.Latitude, longitude = place.Longitude }, radiusKm = 1.0 };

        var all = Ids((await fixture.Factory.DataAsync(Upcoming, new { near, window.from, window.to }))["upcomingSessions"]!).ToList();
        var withSeats = Ids((await fixture.Factory.DataAsync(Upcoming, new { near, window.from, window.to, filter = new { seatsAvailable = true } }))["upcomingSessions"]!).ToList();
        var remoteOnly = Ids((await fixture.Factory.DataAsync(Upcoming, new { near, window.from, window.to, filter = new { remote = true } }))["upcomingSessions"]!).ToList();

        Assert.Equal(2, all.Count);
        Assert.Equal([open["id"]!.GetValue<string>()], withSeats);
        Assert.Empty(remoteOnly);

        var reversed = await fixture.Factory.QueryAsync(Upcoming, new { near, from = window.to, to = window.from });
        Assert.Equal("INVALID_TIME_WINDOW", reversed["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var badCursor = await fixture.Factory.QueryAsync(Upcoming, new { near, after = "AAAA" });
        Assert.Equal("INVALID_CURSOR", badCursor["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Places_with_a_session_soon_and_itinerant_visits_are_searchable()
    {
        var sites = await fixture.Factory.DataAsync("""
            { nearestSites(near: { commune: "71076" }, first: 3, filter: { hasSessionWithinDays: 14 }) { edges { distanceMeters node { nom nextSessions(first: 2) { startsAt offer { title } } } } } }
            """);
        var edges = sites["nearestSites"]!["edges"]!.AsArray();
        Assert.Equal("CCAS Chalon sur Saône", edges[0]!["node"]!["nom"]!.GetValue<string>());
        Assert.All(edges, e => Assert.NotEmpty(e!["node"]!["nextSessions"]!.AsArray()));

        var visits = await fixture.Factory.DataAsync("""{ nextVisits(near: { commune: "58145" }) { distanceMeters startsAt stop { commune isExample } } }""");
        var list = visits["nextVisits"]!.AsArray();
        Assert.Equal(3, list.Count);
        var starts = list.Select(v => DateTimeOffset.Parse(v!["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        Assert.All(list, v => Assert.True(v!["distanceMeters"]!.GetValue<double>() < 30_000));
        Assert.Contains(list, v => v!["stop"]!["commune"]!.GetValue<string>() == "Corbigny");
    }

    [Fact]
    public async Task A_flood_of_sessions_far_away_does_not_hide_a_near_session()
    {
        var nevers = await fixture.PlaceNearAsync(46.99, 3.16);
        var besancon = await fixture.PlaceNearAsync(47.238, 6.024);
        Assert.True(Geodesic.DistanceMeters(new(nevers.Latitude, nevers.Longitude), new(besancon.Latitude, besancon.Longitude)) > 150_000);
        var farOffer = await fixture.CreateOfferAsync(besancon.Id, "Inondation");
        var nearOffer = await fixture.CreateOfferAsync(nevers.Id, "Tout près");
        var near = (await fixture.CreateSessionAsync(nearOffer, OffersServerFixture.Day(330, 18)))["id"]!.GetValue<string>();

        // More sessions than a window query reads, all earlier the same day, 200 km away: as many accounts
        // would write them (the quotas keep one account far below), so straight into the database.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var (offerKey, siteKey) = (GlobalId.DecodeKey(farOffer, "Offer"), GlobalId.DecodeKey(besancon.Id, "Site"));
            var start = OffersServerFixture.Day(330, 6).ToUnixTimeSeconds();
            var now = DateTimeOffset.UtcNow;
            db.Sessions.AddRange(Enumerable.Range(0, OfferReader.MaxWindowSessions + 100).Select(i => new SessionEntity
            {
                OfferId = offerKey,
                SiteId = siteKey,
                StartsAtUnix = start + (i % 600),
                EndsAtUnix = start + 3600 + (i % 600),
                Capacity = 10,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            }));
            await db.SaveChangesAsync();
        }

        var window = new { from = OffersServerFixture.Iso(OffersServerFixture.Day(330, 0)), to = OffersServerFixture.Iso(OffersServerFixture.Day(331, 0)) };
        foreach (var orderBy in new[] { "START_TIME", "DISTANCE" })
        {
            var data = await fixture.Factory.DataAsync(Upcoming, new
            {
                near = new { point = new { latitude = nevers.Latitude, longitude = nevers.Longitude }, radiusKm = 30 },
                window.from,
                window.to,
                first = 5,
                orderBy,
                filter = new { remote = false },
            });
            Assert.Equal([near], Ids(data["upcomingSessions"]!));
        }

        // The far place's own searches still see its sessions, by pages that go past the window's cap by start time.
        var far = await fixture.Factory.DataAsync(Upcoming, new
        {
            near = new { point = new { latitude = besancon.Latitude, longitude = besancon.Longitude }, radiusKm = 5 },
            window.from,
            window.to,
            first = 3,
        });
        Assert.Equal(3, Ids(far["upcomingSessions"]!).Count());
        Assert.True(far["upcomingSessions"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_cost_of_upcoming_sessions_grows_with_the_window_and_aliased_copies_are_refused()
    {
        var year = new { from = OffersServerFixture.Iso(OffersServerFixture.Day(1, 0)), to = OffersServerFixture.Iso(OffersServerFixture.Day(367, 0)) };
        const string field = "upcomingSessions(near: { commune: \"58194\" }, from: $from, to: $to) { edges { node { id } } }";
        var one = await fixture.Factory.QueryAsync("query($from: DateTime, $to: DateTime) { " + field + " }", year);
        Assert.Null(one["errors"]);

        var two = await fixture.Factory.QueryAsync("query($from: DateTime, $to: DateTime) { a: " + field + " b: " + field + " }", year);
        Assert.Equal("QUERY_TOO_COMPLEX", two["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(two["data"]);

        // The default 30 days are cheap alone, not 25 times over.
        var copies = string.Concat(Enumerable.Range(0, 25).Select(i => $" s{i}: upcomingSessions(near: {{ commune: \"58194\" }}) {{ edges {{ node {{ id }} }} }}"));
        var aliased = await fixture.Factory.QueryAsync("{" + copies + " }");
        Assert.Equal("QUERY_TOO_COMPLEX", aliased["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null((await fixture.Factory.QueryAsync("{ upcomingSessions(near: { commune: \"58194\" }) { edges { node { id } } } }"))["errors"]);
    }

    private static IEnumerable<JsonNode> Edges(JsonNode connection) => connection["edges"]!.AsArray().Select(e => e!);

    private static IEnumerable<string> Ids(JsonNode connection) => Edges(connection).Select(e => e["node"]!["id"]!.GetValue<string>());
}
