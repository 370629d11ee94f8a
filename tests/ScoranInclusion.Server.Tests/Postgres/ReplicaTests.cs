using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Offers;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>
/// Two servers on one PostgreSQL database, as two replicas behind a load balancer: what one writes,
/// the other reads at once (no in-process index or cache may keep an old answer).
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ReplicaTests(PostgresAccountsServerFixture fixture) : IClassFixture<PostgresAccountsServerFixture>, IDisposable
{
    private const string Token = AccountsServerFixture.AdminToken;
    private readonly ScoranServerFactory _other = new(fixture.Factory);

    public void Dispose() => _other.Dispose();

    [Fact]
    public async Task An_edit_through_one_server_is_searched_and_read_through_the_other()
    {
        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        const string read = "query($id: ID!) { site(id: $id) { nom version services horaires location { latitude longitude } } }";
        var before = (await _other.DataAsync(read, new { id = place }))["site"]!;
        var point = new { latitude = before["location"]!["latitude"]!.GetValue<double>(), longitude = before["location"]!["longitude"]!.GetValue<double>() };
        var services = before["services"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        var missing = new[] { "LOISIRS_ET_CREATIONS_NUMERIQUES", "COMPREHENSION_DU_MONDE_NUMERIQUE", "ACQUISITION_DE_MATERIEL_INFORMATIQUE_A_PRIX_SOLIDAIRE" }.First(s => !services.Contains(s));
        const string search = "query($p: GeoPointInput!, $s: [Service!], $at: DateTime) { nearestSites(near: { point: $p, radiusKm: 0.01 }, filter: { services: $s, openAt: $at }) { nodes { id nom } } }";
        var sundayNight = "2026-12-06T23:30:00+01:00";
        // Read through the other server first, so that anything it could cache is cached.
        Assert.DoesNotContain(place, Ids(await _other.DataAsync(search, new { p = point, s = new[] { missing } })));
        Assert.DoesNotContain(place, Ids(await _other.DataAsync(search, new { p = point, at = sundayNight })));

        await fixture.Factory.DataAsync("mutation($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { version } }", new
        {
            id = place,
            v = before["version"]!.GetValue<int>(),
            input = new { nom = "Lieu modifié sur l'autre serveur", horaires = "Mo-Su 00:00-24:00", services = services.Append(missing).ToArray() },
        }, Token);

        var after = (await _other.DataAsync(read, new { id = place }))["site"]!;
        Assert.Equal("Lieu modifié sur l'autre serveur", after["nom"]!.GetValue<string>());
        Assert.Equal(before["version"]!.GetValue<int>() + 1, after["version"]!.GetValue<int>());
        Assert.Contains(place, Ids(await _other.DataAsync(search, new { p = point, s = new[] { missing } })));
        Assert.Contains(place, Ids(await _other.DataAsync(search, new { p = point, at = sundayNight })));

        // And a stale version written through the other server is refused: the version is the database's.
        var stale = await _other.QueryAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { nom: \"x\" }) { version } }",
            new { id = place, v = before["version"]!.GetValue<int>() }, Token);
        Assert.Equal("VERSION_CONFLICT", AccountsServerFixture.Code(stale));
    }

    [Fact]
    public async Task A_new_session_and_its_reservations_through_one_server_are_seen_through_the_other()
    {
        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        var offer = await fixture.CreateOfferAsync(place, "Atelier vu par les deux serveurs");
        var starts = OffersServerFixture.Day(40);
        var session = await fixture.CreateSessionAsync(offer, starts);
        const string reserve = "mutation($id: ID!) { reserveSeats(id: $id) { remainingSeats } }";
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? fixture.Factory : _other).DataAsync(reserve, new { id = session }, Token)));

        var seen = await _other.DataAsync("query($id: ID!) { session(id: $id) { remainingSeats seatsTaken } }", new { id = session });
        Assert.Equal(4, seen["session"]!["remainingSeats"]!.GetValue<int>());
        var upcoming = await _other.DataAsync("""
            query($from: DateTime!) { upcomingSessions(near: { point: { latitude: 47.32, longitude: 5.04 } }, from: $from, first: 50) { nodes { id offer { title } } } }
            """, new { from = OffersServerFixture.Iso(starts.AddHours(-1)) });
        Assert.Contains(upcoming["upcomingSessions"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == session
            && n["offer"]!["title"]!.GetValue<string>() == "Atelier vu par les deux serveurs");
    }

    private static List<string> Ids(JsonObject data) => [.. data["nearestSites"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
}
