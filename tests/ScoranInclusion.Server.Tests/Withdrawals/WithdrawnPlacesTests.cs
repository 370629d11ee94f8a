using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Espace;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Workflows.Accounts;
using AccountRole = ScoranInclusion.Storage.Accounts.AccountRole;

namespace ScoranInclusion.Server.Tests.Withdrawals;

/// <summary>
/// A withdrawn place (<c>sites.WithdrawnAt</c> set, as the sync does: here directly in the database, then published to
/// the search as the sync publishes) is hidden from every public surface, and moderators list and restore it.
/// Each test withdraws its own place (the server is the class's).
/// </summary>
public sealed class WithdrawnPlacesTests(AccountsServerFixture fixture) : WithdrawnPlacesSuite(fixture), IClassFixture<AccountsServerFixture>;

/// <summary>The same on PostgreSQL + PostGIS (the nearest places come from the database there).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresWithdrawnPlacesTests(PostgresAccountsServerFixture fixture) : WithdrawnPlacesSuite(fixture), IClassFixture<PostgresAccountsServerFixture>;

public abstract class WithdrawnPlacesSuite(AccountsServerFixture fixture)
{
    private const string Admin = AccountsServerFixture.AdminToken;
    private const string Reason = "N'est plus dans la source france-services depuis le 7 décembre 2026.";
    private static readonly DateTimeOffset s_withdrawnAt = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private readonly ScoranServerFactory _server = fixture.Factory;

    /// <summary>Withdraws a place as the sync does: the columns, a history row (withdrawn_at set), then the search told.</summary>
    private async Task WithdrawAsync(string siteId)
    {
        var key = GlobalId.DecodeKey(siteId, "Site");
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var site = await db.Sites.SingleAsync(s => s.Id == key);
        site.WithdrawnAt = s_withdrawnAt;
        site.WithdrawnReason = Reason;
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = key,
            ChangedAt = DateTimeOffset.UtcNow,
            Actor = "sync:test",
            Kind = SiteChangeKind.Updated,
            Operation = "sync:test-" + key.ToString(CultureInfo.InvariantCulture),
            Field = SiteHistory.WithdrawnAtField,
            NewValue = s_withdrawnAt.ToString("O", CultureInfo.InvariantCulture),
            SiteVersion = site.Version,
        });
        await db.SaveChangesAsync();
        await SearchIndexPublication.PublishAsync(db, scope.ServiceProvider.GetRequiredService<ISearchPublication>(), [key], CancellationToken.None);
    }

    /// <summary>A name no other place has, so that exports can be searched for it.</summary>
    private async Task RenameAsync(string siteId, string nom)
    {
        var key = GlobalId.DecodeKey(siteId, "Site");
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        await db.Sites.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.Nom, nom));
    }

    private async Task<List<string>> NearestIdsAsync(double latitude, double longitude, int first = 20)
    {
        var data = await _server.DataAsync("""
            query($lat: Float!, $lon: Float!, $n: Int) { nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: $n) { nodes { id } } }
            """, new { lat = latitude, lon = longitude, n = first });
        return [.. data["nearestSites"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
    }

    private async Task<string> GetTextAsync(string path)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_withdrawn_place_leaves_the_search_the_api_reads_and_the_citizen_pages_with_a_410()
    {
        var place = await fixture.PlaceNearAsync(47.3220, 5.0415);
        Assert.Contains(place, await NearestIdsAsync(47.3220, 5.0415));
        await WithdrawAsync(place);

        Assert.DoesNotContain(place, await NearestIdsAsync(47.3220, 5.0415, 50));
        // Asked by id: null, with a stable code and the date (a client drops the id).
        foreach (var query in new[] { "query($id: ID!) { site(id: $id) { id nom } }", "query($id: ID!) { node(id: $id) { id } }" })
        {
            var result = await _server.QueryAsync(query, new { id = place });
            Assert.Equal("SITE_WITHDRAWN", AccountsServerFixture.Code(result));
            Assert.Equal(s_withdrawnAt.ToString("O", CultureInfo.InvariantCulture), result["errors"]![0]!["extensions"]!["data"]!["withdrawnAt"]!.GetValue<string>());
            Assert.Null(result["data"]![query.Contains("site(", StringComparison.Ordinal) ? "site" : "node"]);
        }

        using var client = _server.CreateClient();
        using var page = await client.GetAsync($"/lieu/{place}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var body = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Ce lieu n'est plus référencé", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", body, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", body, StringComparison.Ordinal);

        // The list page of the commune (search) does not list it any more; an unknown id is still a 404.
        var list = await GetTextAsync("/lieux?commune=21231");
        Assert.DoesNotContain($"/lieu/{place}\"", list, StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/lieu/" + GlobalId.Encode("Site", 987654321));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<bool> UpcomingAsync(string insee, string titleContains)
    {
        var sessions = await _server.DataAsync("""
            query($i: String!) { upcomingSessions(near: { commune: $i }, first: 40) { nodes { offer { title } } } }
            """, new { i = insee });
        return sessions["upcomingSessions"]!["nodes"]!.AsArray().Any(n => n!["offer"]!["title"]!.GetValue<string>().Contains(titleContains, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exports_and_calendars_leave_a_withdrawn_place_and_its_sessions_out()
    {
        var place = await fixture.PlaceNearAsync(46.9896, 3.1590); // Nevers
        const string Nom = "Lieu de test bientôt retiré 5c1e";
        await RenameAsync(place, Nom);
        var offer = await fixture.CreateOfferAsync(place, "Atelier d'un lieu bientôt retiré 5c1e");
        await fixture.CreateSessionAsync(offer, DateTimeOffset.UtcNow.AddDays(3));
        var insee = (await _server.DataAsync("query($id: ID!) { site(id: $id) { adresse { codeInsee } } }", new { id = place }))["site"]!["adresse"]!["codeInsee"]!.GetValue<string>();
        var paths = new[] { "/exports/lieux.csv", "/exports/lieux.json", "/exports/lieux.geojson" };
        foreach (var path in paths)
        {
            Assert.Contains(Nom, await GetTextAsync(path), StringComparison.Ordinal);
        }

        Assert.Contains("bientôt retiré 5c1e", await GetTextAsync($"/calendar/territoire.ics?commune={insee}"), StringComparison.Ordinal);
        Assert.True(await UpcomingAsync(insee, "5c1e"));
        Assert.Contains("bientôt retiré 5c1e", await GetTextAsync($"/calendar/{place}.ics"), StringComparison.Ordinal);

        await WithdrawAsync(place);
        foreach (var path in paths)
        {
            Assert.DoesNotContain(Nom, await GetTextAsync(path), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("bientôt retiré 5c1e", await GetTextAsync($"/calendar/territoire.ics?commune={insee}"), StringComparison.Ordinal);
        using var client = _server.CreateClient();
        using var calendar = await client.GetAsync($"/calendar/{place}.ics");
        Assert.Equal(HttpStatusCode.Gone, calendar.StatusCode);
        Assert.Contains("SITE_WITHDRAWN", await calendar.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The sessions it offered are no longer upcoming either.
        Assert.False(await UpcomingAsync(insee, "5c1e"));
    }

    [Fact]
    public async Task Coverage_counts_a_withdrawn_place_no_more_and_never_names_it_nearest()
    {
        const string Query = "{ coverage(level: DEPARTEMENT, code: \"39\") { matchingPlaces communes { nearestSite { id } } } }";
        var before = (await _server.DataAsync(Query))["coverage"]!;
        var place = await fixture.PlaceNearAsync(46.6740, 5.5550); // Lons-le-Saunier
        Assert.Contains(before["communes"]!.AsArray(), c => c!["nearestSite"]?["id"]?.GetValue<string>() == place);

        await WithdrawAsync(place);
        var after = (await _server.DataAsync(Query))["coverage"]!;
        Assert.Equal(before["matchingPlaces"]!.GetValue<int>() - 1, after["matchingPlaces"]!.GetValue<int>());
        Assert.DoesNotContain(after["communes"]!.AsArray(), c => c!["nearestSite"]?["id"]?.GetValue<string>() == place);
    }

    /// <summary>The feed's events of one place since a date, every page read (other writes of the same second may come first).</summary>
    private async Task<List<System.Text.Json.Nodes.JsonNode?>> EventsOfAsync(string place, string since)
    {
        const string Feed = "query($s: DateTime!, $a: String) { changes(since: $s, first: 100, after: $a) { nodes { siteId kind fields } pageInfo { hasNextPage endCursor } } }";
        var events = new List<System.Text.Json.Nodes.JsonNode?>();
        string? after = null;
        while (true)
        {
            var page = (await _server.DataAsync(Feed, new { s = since, a = after }))["changes"]!;
            events.AddRange(page["nodes"]!.AsArray().Where(n => n!["siteId"]!.GetValue<string>() == place));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return events;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }

    [Fact]
    public async Task The_changes_feed_says_withdrawn_without_fields_and_a_restoration_brings_the_place_back_as_created()
    {
        var place = await fixture.PlaceNearAsync(47.6380, 6.8630); // Belfort
        // From now on: the fixture's server may have seeded its places (CREATED rows) within the last second.
        var since = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        // A field change before the withdrawal, then the withdrawal.
        await fixture.SetPivotAsync(place, "73282932000074");
        await WithdrawAsync(place);
        var events = await EventsOfAsync(place, since);
        Assert.True(events.Count >= 2, $"{events.Count} changements");
        Assert.All(events, e =>
        {
            Assert.Equal("WITHDRAWN", e!["kind"]!.GetValue<string>());
            Assert.Empty(e["fields"]!.AsArray());
        });

        await _server.DataAsync("mutation($id: ID!) { restoreSite(id: $id) { id } }", new { id = place }, Admin);
        events = await EventsOfAsync(place, since);
        Assert.Equal(["UPDATED", "WITHDRAWN", "CREATED"], events.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Contains("pivot", events[0]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Empty(events[2]!["fields"]!.AsArray());
    }

    [Fact]
    public async Task Moderators_list_the_withdrawn_places_of_their_territory_and_restore_them_with_history()
    {
        var place = await fixture.PlaceNearAsync(47.2378, 6.0241); // Besançon
        await WithdrawAsync(place);
        var own = await fixture.AccountTokenAsync("moderation25.retraits@example.org", AccountRole.Moderator, departement: "25");
        var other = await fixture.AccountTokenAsync("moderation21.retraits@example.org", AccountRole.Moderator, departement: "21");
        var mediator = await fixture.AccountTokenAsync("mediation.retraits@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        const string List = "query($d: String) { withdrawnSites(departement: $d, first: 100) { nodes { id nom commune departement withdrawnAt withdrawnReason } pageInfo { hasNextPage } } }";

        var listed = (await _server.DataAsync(List, null, own))["withdrawnSites"]!["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == place)!;
        Assert.Equal(Reason, listed["withdrawnReason"]!.GetValue<string>());
        Assert.Equal("25", listed["departement"]!.GetValue<string>());
        Assert.Equal(s_withdrawnAt, DateTimeOffset.Parse(listed["withdrawnAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.DoesNotContain((await _server.DataAsync(List, null, other))["withdrawnSites"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == place);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(List, new { d = "25" }, other)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(List, null, mediator)));
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(await _server.QueryAsync(List)));
        Assert.Equal("INVALID_TERRITORY", AccountsServerFixture.Code(await _server.QueryAsync(List, new { d = "999" }, Admin)));
        Assert.Contains((await _server.DataAsync(List, new { d = "25" }, Admin))["withdrawnSites"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == place);

        const string Restore = "mutation($id: ID!) { restoreSite(id: $id) { id nom } }";
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(Restore, new { id = place }, other)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(Restore, new { id = place }, mediator)));
        Assert.Equal("SITE_WITHDRAWN", AccountsServerFixture.Code(await _server.QueryAsync("query($id: ID!) { site(id: $id) { id } }", new { id = place })));

        var restored = await _server.DataAsync(Restore, new { id = place }, own);
        Assert.Equal(place, restored["restoreSite"]!["id"]!.GetValue<string>());
        Assert.Contains(place, await NearestIdsAsync(47.2378, 6.0241));
        Assert.NotNull((await _server.DataAsync("query($id: ID!) { site(id: $id) { id } }", new { id = place }))["site"]);
        Assert.DoesNotContain((await _server.DataAsync(List, null, own))["withdrawnSites"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == place);
        Assert.Equal("NOT_WITHDRAWN", AccountsServerFixture.Code(await _server.QueryAsync(Restore, new { id = place }, own)));
        Assert.Equal("NOT_FOUND", AccountsServerFixture.Code(await _server.QueryAsync(Restore, new { id = GlobalId.Encode("Site", 987654321) }, Admin)));

        // The history says who restored it and what the withdrawal was; the sync reads the operation.
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var key = GlobalId.DecodeKey(place, "Site");
        var rows = await db.SiteChanges.AsNoTracking().Where(c => c.SiteId == key && c.Operation == SiteHistory.RestoreOperation).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([SiteHistory.WithdrawnAtField, SiteHistory.WithdrawnReasonField], rows.Select(r => r.Field));
        Assert.All(rows, r => Assert.Equal(SiteChangeKind.Restored, r.Kind));
        Assert.All(rows, r => Assert.StartsWith("account:", r.Actor, StringComparison.Ordinal));
        Assert.Equal(Reason, rows[1].OldValue);
        var entity = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == key);
        Assert.Null(entity.WithdrawnAt);
        Assert.Null(entity.WithdrawnReason);
    }

    [Fact]
    public async Task The_espace_page_lists_the_withdrawn_places_and_restores_one_through_its_form()
    {
        var place = await fixture.PlaceNearAsync(47.7990, 3.5670); // Auxerre
        await RenameAsync(place, "Lieu retiré de la page 9d2b");
        await WithdrawAsync(place);
        await fixture.AccountTokenAsync("moderation89.page@example.org", AccountRole.Moderator, departement: "89");
        using var moderator = new EspaceClient(_server);
        await moderator.LogInAsync("moderation89.page@example.org", AccountsServerFixture.Password);
        var (list, body) = await moderator.GetAsync("/espace/retraits");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var text = WebUtility.HtmlDecode(body);
        Assert.Contains("Lieu retiré de la page 9d2b", text, StringComparison.Ordinal);
        Assert.Contains(Reason, text, StringComparison.Ordinal);
        Assert.Contains("7 décembre 2026", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/espace/retraits\" aria-current=\"page\"", body, StringComparison.Ordinal);

        // Without the form's token: refused, nothing restored.
        var (forged, _) = await moderator.PostAsync($"/espace/retraits/{place}/retablir", [], token: "faux");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(place, await NearestIdsAsync(47.7990, 3.5670, 50));

        var (done, _) = await moderator.PostAsync($"/espace/retraits/{place}/retablir", [], "/espace/retraits");
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        var (after, afterBody) = await moderator.GetAsync(done.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("« Lieu retiré de la page 9d2b » est rétabli", WebUtility.HtmlDecode(afterBody), StringComparison.Ordinal);
        Assert.DoesNotContain($"/espace/retraits/{place}/retablir", afterBody, StringComparison.Ordinal);
        Assert.Contains(place, await NearestIdsAsync(47.7990, 3.5670, 50));

        // Again (another tab): NOT_WITHDRAWN said on the page, 409.
        var (again, againBody) = await moderator.PostAsync($"/espace/retraits/{place}/retablir", [], "/espace/retraits");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("déjà été rétabli", WebUtility.HtmlDecode(againBody), StringComparison.Ordinal);

        // A mediator: the 403 page, and no link in the navigation.
        await fixture.AccountTokenAsync("mediation.page.retraits@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var mediator = new EspaceClient(_server);
        await mediator.LogInAsync("mediation.page.retraits@example.org", AccountsServerFixture.Password);
        var (refused, _) = await mediator.GetAsync("/espace/retraits");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("href=\"/espace/retraits\"", (await mediator.GetAsync("/espace")).Body, StringComparison.Ordinal);
    }
}
