using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Accounts;

public sealed class SiteEditingTestsOnSqlite(AccountsServerFixture fixture) : SiteEditingTests(fixture), IClassFixture<AccountsServerFixture>;

[Trait("Category", "Postgres")]
public sealed class SiteEditingTestsOnPostgres(PostgresAccountsServerFixture fixture) : SiteEditingTests(fixture), IClassFixture<PostgresAccountsServerFixture>;

/// <summary>Conformance: edits, history, VERSION_CONFLICT, stale places, on each provider.</summary>
public abstract class SiteEditingTests(AccountsServerFixture fixture)
{
    private const string Update = "mutation($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { version horaires services lastConfirmedAt stale } }";
    private const string Read = "query($id: ID!) { site(id: $id) { version services horaires location { latitude longitude } } }";

    [Fact]
    public async Task A_mediator_edits_their_place_search_follows_and_history_says_who()
    {
        var place = await fixture.PlaceNearAsync(47.08, 2.40);
        var token = await fixture.AccountTokenAsync("edition@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        var before = (await fixture.Factory.DataAsync(Read, new { id = place }))["site"]!;
        var services = before["services"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        var missing = new[] { "LOISIRS_ET_CREATIONS_NUMERIQUES", "COMPREHENSION_DU_MONDE_NUMERIQUE", "ACQUISITION_DE_MATERIEL_INFORMATIQUE_A_PRIX_SOLIDAIRE" }.First(s => !services.Contains(s));
        var point = new { latitude = before["location"]!["latitude"]!.GetValue<double>(), longitude = before["location"]!["longitude"]!.GetValue<double>() };
        const string search = "query($p: GeoPointInput!, $s: [Service!]) { nearestSites(near: { point: $p, radiusKm: 0.01 }, filter: { services: $s }) { nodes { id } } }";
        Assert.DoesNotContain(place, Ids(await fixture.Factory.DataAsync(search, new { p = point, s = new[] { missing } })));

        var edited = await fixture.Factory.DataAsync(Update, new
        {
            id = place,
            v = before["version"]!.GetValue<int>(),
            input = new { horaires = "Mo-Fr 09:00-12:00; Sa 10:00-12:00", services = services.Append(missing).ToArray() },
        }, token);

        var site = edited["updateSite"]!;
        Assert.Equal(before["version"]!.GetValue<int>() + 1, site["version"]!.GetValue<int>());
        Assert.Equal("Mo-Fr 09:00-12:00; Sa 10:00-12:00", site["horaires"]!.GetValue<string>());
        Assert.NotNull(site["lastConfirmedAt"]);
        Assert.False(site["stale"]!.GetValue<bool>());
        Assert.Contains(place, Ids(await fixture.Factory.DataAsync(search, new { p = point, s = new[] { missing } })));

        var history = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { history { actor kind fields { field oldValue newValue } } } }", new { id = place }, token))["site"]!["history"]!.AsArray();
        var last = history[^1]!;
        var accountId = GlobalId.DecodeKey((await fixture.Factory.DataAsync("{ me { id } }", token: token))["me"]!["id"]!.GetValue<string>(), "Account");
        Assert.Equal(($"account:{accountId}", "UPDATED"), (last["actor"]!.GetValue<string>(), last["kind"]!.GetValue<string>()));
        var hours = last["fields"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "horaires")!;
        Assert.Equal((before["horaires"]?.GetValue<string>(), "Mo-Fr 09:00-12:00; Sa 10:00-12:00"), (hours["oldValue"]?.GetValue<string>(), hours["newValue"]!.GetValue<string>()));

        var anonymous = await fixture.Factory.QueryAsync("query($id: ID!) { site(id: $id) { nom history { at } } }", new { id = place });
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(anonymous));
        Assert.NotNull(anonymous["data"]!["site"]!["nom"]);
    }

    [Fact]
    public async Task A_mediator_gives_the_languages_spoken_and_the_langues_filter_finds_the_place_on_either_provider()
    {
        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        var token = await fixture.AccountTokenAsync("langues@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        var before = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version location { latitude longitude } } }", new { id = place }))["site"]!;
        var point = new { latitude = before["location"]!["latitude"]!.GetValue<double>(), longitude = before["location"]!["longitude"]!.GetValue<double>() };
        const string Search = "query($p: GeoPointInput!, $l: [String!]) { nearestSites(near: { point: $p, radiusKm: 0.01 }, filter: { langues: $l }) { nodes { id } } }";
        Assert.DoesNotContain(place, Ids(await fixture.Factory.DataAsync(Search, new { p = point, l = new[] { "ro" } })));

        var edited = await fixture.Factory.DataAsync(
            "mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { languesParlees: [\"ro\", \"tr\"] }) { version languesParlees } }",
            new { id = place, v = before["version"]!.GetValue<int>() }, token);

        Assert.Equal(before["version"]!.GetValue<int>() + 1, edited["updateSite"]!["version"]!.GetValue<int>());
        Assert.Equal(["ro", "tr"], edited["updateSite"]!["languesParlees"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains(place, Ids(await fixture.Factory.DataAsync(Search, new { p = point, l = new[] { "ro" } })));
        Assert.Contains(place, Ids(await fixture.Factory.DataAsync(Search, new { p = point, l = new[] { "uk", "tr" } })));
        Assert.DoesNotContain(place, Ids(await fixture.Factory.DataAsync(Search, new { p = point, l = new[] { "uk" } })));
        var history = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { history { fields { field newValue } } } }", new { id = place }, token))["site"]!["history"]!.AsArray();
        Assert.Equal("ro|tr", history[^1]!["fields"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "langues_parlees")!["newValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_listing_what_changed_and_bad_values_name_their_field()
    {
        var place = await fixture.PlaceNearAsync(47.24, 6.02);
        var version = (await fixture.Factory.DataAsync(Read, new { id = place }))["site"]!["version"]!.GetValue<int>();
        await fixture.Factory.DataAsync(Update, new { id = place, v = version, input = new { horaires = "Tu 14:00-17:00" } }, AccountsServerFixture.AdminToken);

        var stale = await fixture.Factory.QueryAsync(Update, new { id = place, v = version, input = new { nom = "Nom écrasé" } }, AccountsServerFixture.AdminToken);
        Assert.Equal("VERSION_CONFLICT", AccountsServerFixture.Code(stale));
        var data = stale["errors"]![0]!["extensions"]!["data"]!;
        Assert.Equal(version + 1, data["currentVersion"]!.GetValue<int>());
        var changes = data["changes"]!.AsArray();
        Assert.Contains(changes, c => c!["field"]!.GetValue<string>() == "horaires" && c["newValue"]!.GetValue<string>() == "Tu 14:00-17:00");
        Assert.DoesNotContain("Nom écrasé", (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { nom } }", new { id = place })).ToJsonString(), StringComparison.Ordinal);

        var badHours = await fixture.Factory.QueryAsync(Update, new { id = place, v = version + 1, input = new { horaires = "Lu-Ve 9h-12h" } }, AccountsServerFixture.AdminToken);
        var badPostcode = await fixture.Factory.QueryAsync(Update, new { id = place, v = version + 1, input = new { adresse = new { voie = "1 rue Haute", codePostal = "250", commune = "Besançon" } } }, AccountsServerFixture.AdminToken);
        var nothing = await fixture.Factory.QueryAsync(Update, new { id = place, v = version + 1, input = new { } }, AccountsServerFixture.AdminToken);
        Assert.Equal(("INVALID_SITE", "horaires"), (AccountsServerFixture.Code(badHours), AccountsServerFixture.Field(badHours)));
        Assert.Contains("Horaires illisibles", badHours["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("INVALID_SITE", "adresse.codePostal"), (AccountsServerFixture.Code(badPostcode), AccountsServerFixture.Field(badPostcode)));
        Assert.Equal("INVALID_SITE", AccountsServerFixture.Code(nothing));
        Assert.Equal(version + 1, (await fixture.Factory.DataAsync(Read, new { id = place }))["site"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Confirming_shows_publicly_and_stale_places_are_listed_for_the_moderators_of_the_territory()
    {
        var moderator = await fixture.AccountTokenAsync("moderation.58@example.org", AccountRole.Moderator, departement: "58");
        var mediatorOfNevers = await fixture.AccountTokenAsync("nevers@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(await fixture.PlaceNearAsync(46.99, 3.16), "Site")]);
        const string staleQuery = "query($d: String) { staleSites(departement: $d, first: 500) { id adresse { codePostal } stale lastConfirmedAt } }";

        var stale = (await fixture.Factory.DataAsync(staleQuery, new { d = (string?)null }, moderator))["staleSites"]!.AsArray();
        Assert.NotEmpty(stale);
        Assert.All(stale, s => Assert.StartsWith("58", s!["adresse"]!["codePostal"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(stale, s => Assert.True(s!["stale"]!.GetValue<bool>()));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(staleQuery, new { d = "21" }, moderator)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(staleQuery, new { d = (string?)null }, mediatorOfNevers)));

        var first = stale[0]!["id"]!.GetValue<string>();
        var confirmed = await fixture.Factory.DataAsync("mutation($id: ID!) { confirmSite(id: $id) { lastConfirmedAt stale version } }", new { id = first }, moderator);
        Assert.False(confirmed["confirmSite"]!["stale"]!.GetValue<bool>());
        var publicView = await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { lastConfirmedAt } }", new { id = first });
        Assert.Equal(confirmed["confirmSite"]!["lastConfirmedAt"]!.GetValue<string>(), publicView["site"]!["lastConfirmedAt"]!.GetValue<string>());
        var after = (await fixture.Factory.DataAsync(staleQuery, new { d = "58" }, moderator))["staleSites"]!.AsArray();
        Assert.DoesNotContain(after, s => s!["id"]!.GetValue<string>() == first);
        Assert.Equal(stale.Count - 1, after.Count);
    }

    private static List<string> Ids(JsonObject data) => [.. data["nearestSites"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
}
