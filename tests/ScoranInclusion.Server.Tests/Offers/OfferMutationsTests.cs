using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Offers;

public sealed class OfferMutationsTestsOnSqlite(OffersServerFixture fixture) : OfferMutationsTests(fixture), IClassFixture<OffersServerFixture>;

[Trait("Category", "Postgres")]
public sealed class OfferMutationsTestsOnPostgres(PostgresOffersServerFixture fixture) : OfferMutationsTests(fixture), IClassFixture<PostgresOffersServerFixture>;

/// <summary>Conformance: offers and sessions, concurrent seat reservations, expectedVersion, on each provider.</summary>
public abstract class OfferMutationsTests(OffersServerFixture fixture)
{
    private const string Reserve = "mutation($id: ID!) { reserveSeats(id: $id) { remainingSeats } }";

    [Fact]
    public async Task Mutations_need_the_administrator_token()
    {
        var place = await fixture.PlaceNearAsync(47.322, 5.041);
        const string create = """mutation($site: ID) { createOffer(input: { title: "T", summary: "S", themes: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES], format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true }, siteId: $site }) { id } }""";

        var anonymous = await fixture.Factory.QueryAsync(create, new { site = place.Id });
        var wrong = await fixture.Factory.QueryAsync(create, new { site = place.Id }, token: "pas-le-bon-jeton-du-tout");

        Assert.Equal("UNAUTHENTICATED", Code(anonymous));
        Assert.Equal("UNAUTHENTICATED", Code(wrong));
        Assert.Null(anonymous["data"]);
    }

    [Fact]
    public async Task A_real_mutation_over_get_is_refused_even_with_the_token()
    {
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OffersServerFixture.Token);
        using var response = await client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("""mutation { cancelSession(id: "U2Vzc2lvbjox") { id status } }"""), UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var session = await fixture.Factory.DataAsync("""{ session(id: "U2Vzc2lvbjox") { status } }""");
        Assert.NotEqual("CANCELLED", session["session"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_configured_admin_token_an_unknown_token_is_refused()
    {
        using var server = new ScoranServerFactory();
        var result = await server.QueryAsync("""mutation { cancelSession(id: "U2Vzc2lvbjox") { id } }""", token: "n-importe-quel-jeton");
        Assert.Equal("UNAUTHENTICATED", Code(result));
        var session = await server.DataAsync("""{ session(id: "U2Vzc2lvbjox") { status } }""");
        Assert.NotEqual("CANCELLED", session["session"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_sessions_are_refused_with_the_field_at_fault_and_nothing_is_stored()
    {
        var place = await fixture.PlaceNearAsync(46.79, 4.85);
        var offer = await fixture.CreateOfferAsync(place.Id, "Validation");
        var start = OffersServerFixture.Day(5);
        const string create = "mutation($input: SessionInput!) { createSession(input: $input) { id } }";

        var reversed = await fixture.Factory.QueryAsync(create, new { input = new { offerId = offer, startsAt = OffersServerFixture.Iso(start), endsAt = OffersServerFixture.Iso(start.AddHours(-1)) } }, OffersServerFixture.Token);
        var past = await fixture.Factory.QueryAsync(create, new { input = new { offerId = offer, startsAt = OffersServerFixture.Iso(OffersServerFixture.Day(-2)), endsAt = OffersServerFixture.Iso(OffersServerFixture.Day(-2).AddHours(1)) } }, OffersServerFixture.Token);
        var seats = await fixture.Factory.QueryAsync(create, new { input = new { offerId = offer, startsAt = OffersServerFixture.Iso(start), endsAt = OffersServerFixture.Iso(start.AddHours(1)), capacity = 3, seatsTaken = 4 } }, OffersServerFixture.Token);

        Assert.Equal(("INVALID_SESSION", "endsAt"), (Code(reversed), Field(reversed)));
        Assert.Equal(("INVALID_SESSION", "startsAt"), (Code(past), Field(past)));
        Assert.Equal(("INVALID_SESSION", "capacity"), (Code(seats), Field(seats)));
        var sessions = await fixture.Factory.DataAsync("query($id: ID!) { offer(id: $id) { sessions { id } } }", new { id = offer });
        Assert.Empty(sessions["offer"]!["sessions"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_reservations_over_http_fill_the_session_exactly()
    {
        var place = await fixture.PlaceNearAsync(47.80, 3.57);
        var offer = await fixture.CreateOfferAsync(place.Id, "Concurrence");
        var session = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(9), capacity: 10);
        var id = session["id"]!.GetValue<string>();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => fixture.Factory.QueryAsync(Reserve, new { id }, OffersServerFixture.Token)));

        Assert.Equal(10, results.Count(r => r["errors"] is null));
        Assert.Equal(20, results.Count(r => Code(r) == "NO_SEATS_LEFT"));
        Assert.All(results.Where(r => r["errors"] is null), r => Assert.True(r["data"]!["reserveSeats"]!["remainingSeats"]!.GetValue<int>() >= 0));
        var after = await fixture.Factory.DataAsync("query($id: ID!) { session(id: $id) { remainingSeats seatsTaken status } }", new { id });
        Assert.Equal(0, after["session"]!["remainingSeats"]!.GetValue<int>());
        Assert.Equal(10, after["session"]!["seatsTaken"]!.GetValue<int>());
        Assert.Equal("FULL", after["session"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cancelled_session_stays_visible_as_cancelled_and_a_stale_version_is_refused()
    {
        var place = await fixture.PlaceNearAsync(47.09, 5.49);
        var offer = await fixture.CreateOfferAsync(place.Id, "Annulation");
        var session = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(12), capacity: 10);
        var id = session["id"]!.GetValue<string>();
        var version = session["version"]!.GetValue<int>();
        await fixture.MutateAsync("mutation($id: ID!) { setSessionSeats(id: $id, seatsTaken: 3) { seatsTaken } }", new { id });

        var stale = await fixture.Factory.QueryAsync("mutation($id: ID!, $v: Int) { updateSession(id: $id, input: { capacity: 12 }, expectedVersion: $v) { id } }",
            new { id, v = version }, OffersServerFixture.Token);
        Assert.Equal("VERSION_CONFLICT", Code(stale));

        var cancelled = await fixture.MutateAsync("mutation($id: ID!) { cancelSession(id: $id, reason: \"Salle indisponible\") { status cancelReason seatsTaken } }", new { id });
        Assert.Equal("CANCELLED", cancelled["cancelSession"]!["status"]!.GetValue<string>());
        Assert.Equal(3, cancelled["cancelSession"]!["seatsTaken"]!.GetValue<int>());

        var site = await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { nextSessions(first: 10) { id status } } }", new { id = place.Id });
        Assert.Contains(site["site"]!["nextSessions"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() == "CANCELLED");
        var near = new { point = new { latitude = place.Latitude, longitude = place.Longitude }, radiusKm = 1.0 };
        var window = new { from = OffersServerFixture.Iso(OffersServerFixture.Day(12, 0)), to = OffersServerFixture.Iso(OffersServerFixture.Day(13, 0)) };
        const string upcoming = "query($near: NearInput!, $from: DateTime, $to: DateTime, $filter: SessionFilter) { upcomingSessions(near: $near, from: $from, to: $to, filter: $filter) { nodes { id status } } }";
        var hidden = await fixture.Factory.DataAsync(upcoming, new { near, window.from, window.to });
        var shown = await fixture.Factory.DataAsync(upcoming, new { near, window.from, window.to, filter = new { includeCancelled = true } });
        Assert.DoesNotContain(hidden["upcomingSessions"]!["nodes"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id);
        Assert.Contains(shown["upcomingSessions"]!["nodes"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id);
        Assert.Equal("NOT_EDITABLE", Code(await fixture.Factory.QueryAsync(Reserve, new { id }, OffersServerFixture.Token)));
    }

    [Fact]
    public async Task A_series_keeps_14h_across_the_spring_change_and_its_json_ld_is_a_course_instance()
    {
        var place = await fixture.PlaceNearAsync(47.322, 5.041);
        var offer = await fixture.CreateOfferAsync(place.Id, "Série");
        // The next last Sunday of March, at least a few days ahead.
        var year = DateTime.UtcNow.Month >= 3 ? DateTime.UtcNow.Year + 1 : DateTime.UtcNow.Year;
        var change = new DateOnly(year, 3, 31);
        while (change.DayOfWeek != DayOfWeek.Sunday)
        {
            change = change.AddDays(-1);
        }

        var data = await fixture.MutateAsync("""
            mutation($input: SessionSeriesInput!) { createSessionSeries(input: $input) { startsAt endsAt capacity jsonLd } }
            """, new
        {
            input = new
            {
                offerId = offer,
                days = new[] { "TUESDAY" },
                startTime = "14:00",
                endTime = "16:00",
                capacity = 12,
                from = change.AddDays(-12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                until = change.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        var sessions = data["createSessionSeries"]!.AsArray();
        // Tuesdays 12 and 5 days before the change, 2 and 9 days after.
        Assert.Equal(4, sessions.Count);
        Assert.EndsWith("T14:00:00+01:00", sessions[1]!["startsAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("T14:00:00+01:00", sessions[0]!["startsAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("T14:00:00+02:00", sessions[2]!["startsAt"]!.GetValue<string>(), StringComparison.Ordinal);

        var jsonLd = JsonNode.Parse(sessions[0]!["jsonLd"]!.GetValue<string>())!;
        Assert.Equal("https://schema.org", jsonLd["@context"]!.GetValue<string>());
        Assert.Equal("CourseInstance", jsonLd["@type"]!.GetValue<string>());
        Assert.Equal("https://schema.org/EventScheduled", jsonLd["eventStatus"]!.GetValue<string>());
        Assert.Equal(sessions[0]!["startsAt"]!.GetValue<string>(), jsonLd["startDate"]!.GetValue<string>());
        Assert.Equal(12, jsonLd["maximumAttendeeCapacity"]!.GetValue<int>());
        Assert.Equal(12, jsonLd["remainingAttendeeCapacity"]!.GetValue<int>());
        Assert.True(jsonLd["isAccessibleForFree"]!.GetValue<bool>());
        Assert.Equal("Place", jsonLd["location"]!["@type"]!.GetValue<string>());
        Assert.Equal(place.Latitude, jsonLd["location"]!["geo"]!["latitude"]!.GetValue<double>());
        Assert.Equal("Offer", jsonLd["offers"]!["@type"]!.GetValue<string>());
        Assert.Equal("onsite", jsonLd["courseMode"]!.GetValue<string>());
    }

    private static string? Code(JsonObject result) => result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static string? Field(JsonObject result) => result["errors"]?[0]?["extensions"]?["data"]?["field"]?.GetValue<string>();
}
