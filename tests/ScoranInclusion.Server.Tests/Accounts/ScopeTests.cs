using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Offers;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Server.Tests.Accounts;

/// <summary>
/// Every mutation that touches a place, tried by a mediator of place A on place B (refused, nothing written) and
/// on place A (allowed): the table is the list of mutations, so a new one without its check fails here.
/// </summary>
public sealed class ScopeTestsOnSqlite(AccountsServerFixture fixture) : ScopeTests(fixture), IClassFixture<AccountsServerFixture>;

[Trait("Category", "Postgres")]
public sealed class ScopeTestsOnPostgres(PostgresAccountsServerFixture fixture) : ScopeTests(fixture), IClassFixture<PostgresAccountsServerFixture>;

/// <summary>Conformance: who may change which place, on each provider.</summary>
public abstract class ScopeTests(AccountsServerFixture fixture)
{
    /// <summary>One mutation: its text and variables for a place's objects.</summary>
    public sealed record Case(string Name, string Query, Func<Objects, Objects, object> Variables);

    /// <summary>The objects of one place: its id, an offer, a session, and the other place (to move things to).</summary>
    public sealed record Objects(string Site, string Offer, string Session, int Version);

    private static readonly string Later = OffersServerFixture.Iso(OffersServerFixture.Day(40));
    private static readonly string LaterEnd = OffersServerFixture.Iso(OffersServerFixture.Day(40).AddHours(2));

    public static readonly Case[] Mutations =
    [
        new("createOffer", "mutation($site: ID) { createOffer(input: { title: \"Portée\", summary: \"S\", themes: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES], format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true }, siteId: $site }) { id } }",
            (target, _) => new { site = target.Site }),
        new("updateOffer", "mutation($id: ID!, $site: ID) { updateOffer(id: $id, input: { title: \"Changée\", summary: \"S\", themes: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES], format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true }, siteId: $site }) { id } }",
            (target, _) => new { id = target.Offer, site = target.Site }),
        new("updateOffer (moved to the other place)", "mutation($id: ID!, $site: ID) { updateOffer(id: $id, input: { title: \"Déplacée\", summary: \"S\", themes: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES], format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true }, siteId: $site }) { id } }",
            (target, other) => new { id = other.Offer, site = target.Site }),
        new("createSession", "mutation($offer: ID!, $s: DateTime!, $e: DateTime!) { createSession(input: { offerId: $offer, startsAt: $s, endsAt: $e, capacity: 5 }) { id } }",
            (target, _) => new { offer = target.Offer, s = Later, e = LaterEnd }),
        new("createSession (held at the other place)", "mutation($offer: ID!, $site: ID, $s: DateTime!, $e: DateTime!) { createSession(input: { offerId: $offer, siteId: $site, startsAt: $s, endsAt: $e, capacity: 5 }) { id } }",
            (target, other) => new { offer = other.Offer, site = target.Site, s = Later, e = LaterEnd }),
        new("createSessionSeries", "mutation($offer: ID!, $from: Date!, $until: Date!) { createSessionSeries(input: { offerId: $offer, days: [MONDAY], startTime: \"10:00\", endTime: \"11:00\", from: $from, until: $until, capacity: 4 }) { id } }",
            (target, _) => new { offer = target.Offer, from = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"), until = DateTime.UtcNow.AddDays(80).ToString("yyyy-MM-dd") }),
        new("updateSession", "mutation($id: ID!) { updateSession(id: $id, input: { capacity: 12 }) { id } }",
            (target, _) => new { id = target.Session }),
        new("updateSession (moved to the other place)", "mutation($id: ID!, $site: ID) { updateSession(id: $id, input: { siteId: $site }) { id } }",
            (target, other) => new { id = other.Session, site = target.Site }),
        new("setSessionSeats", "mutation($id: ID!) { setSessionSeats(id: $id, seatsTaken: 2) { id } }", (target, _) => new { id = target.Session }),
        new("reserveSeats", "mutation($id: ID!) { reserveSeats(id: $id) { id } }", (target, _) => new { id = target.Session }),
        new("releaseSeats", "mutation($id: ID!) { releaseSeats(id: $id) { id } }", (target, _) => new { id = target.Session }),
        new("updateSite", "mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { presentationResume: \"Toujours là.\" }) { id } }",
            (target, _) => new { id = target.Site, v = target.Version }),
        new("confirmSite", "mutation($id: ID!) { confirmSite(id: $id) { id } }", (target, _) => new { id = target.Site }),
        new("cancelSession", "mutation($id: ID!) { cancelSession(id: $id, reason: \"test\") { id } }", (target, _) => new { id = target.Session }),
        new("cancelOffer", "mutation($id: ID!) { cancelOffer(id: $id) { id } }", (target, _) => new { id = target.Offer }),
    ];

    [Fact]
    public async Task A_mediator_of_place_A_can_do_everything_on_A_and_nothing_on_B()
    {
        var a = await ObjectsAsync(47.322, 5.041, "A");
        var b = await ObjectsAsync(46.99, 3.16, "B");
        var mediator = await fixture.AccountTokenAsync("mediateur.a@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(a.Site, "Site")]);

        var refused = new List<string>();
        foreach (var mutation in Mutations)
        {
            var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(b, a), mediator);
            if (AccountsServerFixture.Code(result) == "FORBIDDEN" && result["data"] is null)
            {
                refused.Add(mutation.Name);
            }
        }

        Assert.Equal(Mutations.Select(m => m.Name), refused);
        var offerB = await fixture.Factory.DataAsync("query($id: ID!) { offer(id: $id) { title status sessions { id } } }", new { id = b.Offer });
        var sessionB = await fixture.Factory.DataAsync("query($id: ID!) { session(id: $id) { status seatsTaken capacity } }", new { id = b.Session });
        Assert.Equal("Offre B", offerB["offer"]!["title"]!.GetValue<string>());
        Assert.Single(offerB["offer"]!["sessions"]!.AsArray());
        Assert.Equal(("SCHEDULED", 0, 10), (sessionB["session"]!["status"]!.GetValue<string>(), sessionB["session"]!["seatsTaken"]!.GetValue<int>(), sessionB["session"]!["capacity"]!.GetValue<int>()));
        var siteB = await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version lastConfirmedAt presentationResume } }", new { id = b.Site });
        Assert.Equal(b.Version, siteB["site"]!["version"]!.GetValue<int>());
        Assert.Null(siteB["site"]!["lastConfirmedAt"]);
        Assert.NotEqual("Toujours là.", siteB["site"]!["presentationResume"]?.GetValue<string>());
        var history = await fixture.Factory.QueryAsync("query($id: ID!) { site(id: $id) { history { at } } }", new { id = b.Site }, mediator);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(history));

        // The same mutations on A's own objects (moves "to the other place" stay within A) are allowed.
        var a2 = a with { Offer = await fixture.CreateOfferAsync(a.Site, "Offre A2") };
        foreach (var mutation in Mutations)
        {
            var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(a, a2), mediator);
            Assert.True(result["errors"] is null, mutation.Name + " : " + result["errors"]?.ToJsonString());
        }
    }

    [Fact]
    public async Task A_mediator_attaches_sessions_to_the_stops_of_their_own_route_only()
    {
        var a = await ObjectsAsync(47.322, 5.041, "A");
        var b = await ObjectsAsync(46.99, 3.16, "B");
        var ownStop = await StopAsync(a.Site, "Tournée de A", 47.35, 5.0);
        var foreignStop = await StopAsync(b.Site, "Tournée de B", 47.0, 3.2);
        var mediator = await fixture.AccountTokenAsync("mediateur.arrets@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(a.Site, "Site")]);
        const string create = "mutation($offer: ID!, $stop: ID, $s: DateTime!, $e: DateTime!) { createSession(input: { offerId: $offer, stopId: $stop, startsAt: $s, endsAt: $e, capacity: 5 }) { id stop { id } } }";
        const string series = "mutation($offer: ID!, $stop: ID, $from: Date!, $until: Date!) { createSessionSeries(input: { offerId: $offer, stopId: $stop, days: [TUESDAY], startTime: \"10:00\", endTime: \"11:00\", from: $from, until: $until, capacity: 4 }) { id stop { id } } }";
        const string move = "mutation($id: ID!, $stop: ID) { updateSession(id: $id, input: { stopId: $stop }) { id stop { id } } }";
        var (from, until) = (DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"), DateTime.UtcNow.AddDays(110).ToString("yyyy-MM-dd"));

        // Another operator's stop: refused on create, series and update, nothing written.
        var refusals = new[]
        {
            await fixture.Factory.QueryAsync(create, new { offer = a.Offer, stop = foreignStop, s = Later, e = LaterEnd }, mediator),
            await fixture.Factory.QueryAsync(series, new { offer = a.Offer, stop = foreignStop, from, until }, mediator),
            await fixture.Factory.QueryAsync(move, new { id = a.Session, stop = foreignStop }, mediator),
        };
        Assert.All(refusals, r => Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(r)));
        Assert.All(refusals, r => Assert.Null(r["data"]));
        var sessions = await fixture.Factory.DataAsync("query($id: ID!, $to: DateTime) { offer(id: $id) { sessions(to: $to) { stop { id } } } }",
            new { id = a.Offer, to = OffersServerFixture.Iso(OffersServerFixture.Day(200)) });
        Assert.NotEmpty(sessions["offer"]!["sessions"]!.AsArray());
        Assert.All(sessions["offer"]!["sessions"]!.AsArray(), s => Assert.Null(s!["stop"]));

        // Their own route's stop: allowed on all three.
        var created = await fixture.Factory.DataAsync(create, new { offer = a.Offer, stop = ownStop, s = Later, e = LaterEnd }, mediator);
        var weekly = await fixture.Factory.DataAsync(series, new { offer = a.Offer, stop = ownStop, from, until }, mediator);
        var moved = await fixture.Factory.DataAsync(move, new { id = a.Session, stop = ownStop }, mediator);
        Assert.Equal(ownStop, created["createSession"]!["stop"]!["id"]!.GetValue<string>());
        Assert.All(weekly["createSessionSeries"]!.AsArray(), s => Assert.Equal(ownStop, s!["stop"]!["id"]!.GetValue<string>()));
        Assert.Equal(ownStop, moved["updateSession"]!["stop"]!["id"]!.GetValue<string>());

        // An unknown stop is NOT_FOUND for a mediator as for an administrator, never FORBIDDEN nor a 500.
        var unknown = GlobalId.Encode("ItinerantStop", 987654321);
        Assert.Equal("NOT_FOUND", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(create, new { offer = a.Offer, stop = unknown, s = Later, e = LaterEnd }, mediator)));
        Assert.Equal("NOT_FOUND", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(create, new { offer = a.Offer, stop = unknown, s = Later, e = LaterEnd }, AccountsServerFixture.AdminToken)));
    }

    // A route operated by a place, with one stop: routes have no mutation yet, so straight into the database.
    private async Task<string> StopAsync(string operatorSite, string name, double latitude, double longitude)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var route = new ItinerantRouteEntity { Name = name, OperatorSiteId = GlobalId.DecodeKey(operatorSite, "Site"), CreatedAt = DateTimeOffset.UtcNow };
        route.Stops.Add(new ItinerantStopEntity { Commune = "Commune", CodeInsee = "21231", Adresse = "Place de la Mairie", Latitude = latitude, Longitude = longitude, OpeningHours = "Tu 09:00-12:00" });
        db.ItinerantRoutes.Add(route);
        await db.SaveChangesAsync();
        return GlobalId.Encode("ItinerantStop", route.Stops[0].Id);
    }

    // Fictitious SIRETs with a valid control key (Luhn): two structures, one of them with two places.
    private const string StructureA = "21580194700015";
    private const string StructureB = "21210231600016";

    [Fact]
    public async Task Moderators_act_in_their_departement()
    {
        var dijon = await ObjectsAsync(47.322, 5.041, "Dijon");
        var nevers = await ObjectsAsync(46.99, 3.16, "Nevers");
        var moderator21 = await fixture.AccountTokenAsync("moderation.21@example.org", AccountRole.Moderator, departement: "21");
        var regional = await fixture.AccountTokenAsync("moderation.bfc@example.org", AccountRole.Moderator);

        Assert.Null((await fixture.Factory.QueryAsync(Seats, new { id = dijon.Session }, moderator21))["errors"]);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Seats, new { id = nevers.Session }, moderator21)));
        Assert.Null((await fixture.Factory.QueryAsync(Seats, new { id = nevers.Session }, regional))["errors"]);
    }

    [Fact]
    public async Task A_siret_mediator_acts_on_every_place_of_the_structure_and_nowhere_else()
    {
        // Places no other test of the class edits (they share one server): Auxerre and Sens, Mâcon, Besançon.
        var auxerre = await ObjectsAsync(47.798, 3.567, "Auxerre");
        var sens = await ObjectsAsync(48.197, 3.283, "Sens");
        var macon = await ObjectsAsync(46.306, 4.828, "Mâcon");
        var unknown = await ObjectsAsync(47.24, 6.02, "Besançon");
        Assert.Equal(4, new[] { auxerre.Site, sens.Site, macon.Site, unknown.Site }.Distinct().Count());
        await fixture.SetPivotAsync(auxerre.Site, StructureA);
        await fixture.SetPivotAsync(sens.Site, StructureA);
        await fixture.SetPivotAsync(macon.Site, StructureB);
        Assert.Equal("00000000000000", await PivotAsync(unknown.Site));
        var structure = await fixture.AccountTokenAsync("structure@example.org", AccountRole.Mediator, siret: StructureA);

        // Every mutation of the table on both places of the structure.
        foreach (var (place, other) in new[] { (auxerre, sens), (sens, auxerre) })
        {
            var offer = await fixture.CreateOfferAsync(place.Site, "Offre de la structure");
            var own = new Objects(place.Site, offer, await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(45)), await VersionAsync(place.Site));
            foreach (var mutation in Mutations)
            {
                var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(own, other with { Version = await VersionAsync(other.Site) }), structure);
                Assert.True(result["errors"] is null, mutation.Name + " : " + result["errors"]?.ToJsonString());
            }
        }

        // Refused on another structure's place and on a place whose SIRET is unknown (the placeholder).
        foreach (var foreign in new[] { macon, unknown })
        {
            var target = foreign with { Version = await VersionAsync(foreign.Site) };
            var refused = new List<string>();
            foreach (var mutation in Mutations)
            {
                var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(target, auxerre), structure);
                if (AccountsServerFixture.Code(result) == "FORBIDDEN" && result["data"] is null)
                {
                    refused.Add(mutation.Name);
                }
            }

            Assert.Equal(Mutations.Select(m => m.Name), refused);
        }

        var mine = await fixture.Factory.DataAsync("{ me { siret } }", token: structure);
        Assert.Equal(StructureA, mine["me"]!["siret"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("00000000000000")] // the standard's « unknown »: the pivot of nearly every seeded place
    [InlineData("00000000000018")] // a SIREN of zeros with a valid Luhn key
    [InlineData("21580194700016")] // a wrong control key
    [InlineData("35600000000016")] // La Poste's SIREN, neither Luhn nor its own rule
    public async Task A_siret_that_names_no_structure_is_refused_as_a_scope(string siret)
    {
        var direct = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("refus." + siret + "@example.org", AccountRole.Mediator, siret: siret));
        Assert.Equal(("INVALID_SIRET", "siret"), (direct.Code, direct.Field));
        Assert.Contains(siret, direct.Message, StringComparison.Ordinal);

        var api = await fixture.Factory.QueryAsync("mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { token } }",
            new { input = new { email = "api." + siret + "@example.org", role = "MEDIATOR", siret } }, AccountsServerFixture.AdminToken);
        Assert.Equal(("INVALID_SIRET", "siret"), (AccountsServerFixture.Code(api), AccountsServerFixture.Field(api)));
        Assert.Null(api["data"]);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        Assert.Null(await accounts.FindByEmailAsync("api." + siret + "@example.org", CancellationToken.None));
    }

    [Fact]
    public async Task A_la_poste_siret_is_accepted_as_a_scope()
    {
        // 356 000 000 establishments follow La Poste's rule (digit sum divisible by 5), not Luhn.
        var invitation = await fixture.InviteAsync("la.poste@example.org", AccountRole.Mediator, siret: "35600000000015");
        Assert.Equal("35600000000015", invitation.Account.ScopePivot);
    }

    [Fact]
    public async Task An_account_stored_with_the_placeholder_as_its_scope_matches_no_place()
    {
        // As written by a version that accepted the placeholder: the scope is in the database, the rule must still hold.
        var unknown = await ObjectsAsync(47.24, 6.02, "Besançon");
        Assert.Equal("00000000000000", await PivotAsync(unknown.Site));
        var token = await fixture.AccountTokenAsync("ancien.placeholder@example.org", AccountRole.Mediator, siret: StructureA);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var account = await db.Accounts.SingleAsync(a => a.Email == "ancien.placeholder@example.org");
            account.ScopePivot = "00000000000000";
            await db.SaveChangesAsync();
        }

        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Seats, new { id = unknown.Session }, token)));
        var site = await fixture.Factory.QueryAsync("mutation($id: ID!) { confirmSite(id: $id) { id } }", new { id = unknown.Site }, token);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(site));
        // A claim is not answered « already yours »: the placeholder gives nothing.
        var claim = await fixture.Factory.QueryAsync("mutation($id: ID!) { claimSite(id: $id, message: \"Notre structure.\") { id } }", new { id = unknown.Site }, token);
        Assert.Null(claim["errors"]);
    }

    private const string Seats = "mutation($id: ID!) { setSessionSeats(id: $id, seatsTaken: 1) { seatsTaken } }";

    private async Task<string> PivotAsync(string site) =>
        (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { pivot } }", new { id = site }))["site"]!["pivot"]!.GetValue<string>();

    private async Task<int> VersionAsync(string site) =>
        (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = site }))["site"]!["version"]!.GetValue<int>();

    /// <summary>A moderation mutation: its text and variables for a pending item and its place.</summary>
    public sealed record ModerationCase(string Name, string Query, Func<string, string, object> Variables);

    /// <summary>Every mutation that decides in a territory: refused to mediators and to moderators of another département.</summary>
    public static readonly ModerationCase[] ModerationMutations =
    [
        new("approveModerationItem", "mutation($id: ID!) { approveModerationItem(id: $id) { status } }", (item, _) => new { id = item }),
        new("rejectModerationItem", "mutation($id: ID!) { rejectModerationItem(id: $id, reason: \"Portée\") { status } }", (item, _) => new { id = item }),
        new("inviteAccount", "mutation($site: ID!, $email: String!) { inviteAccount(input: { email: $email, role: MEDIATOR, sites: [$site] }) { token } }",
            (item, site) => new { site, email = "invite." + item.Length + "." + Guid.NewGuid().ToString("N")[..8] + "@example.org" }),
    ];

    [Fact]
    public async Task Moderation_mutations_are_decided_by_the_moderation_of_the_places_departement_only()
    {
        var nevers = await fixture.PlaceNearAsync(46.99, 3.16);
        var moderator21 = await fixture.AccountTokenAsync("moderation.21.file@example.org", AccountRole.Moderator, departement: "21");
        var moderator58 = await fixture.AccountTokenAsync("moderation.58.file@example.org", AccountRole.Moderator, departement: "58");
        var mediator = await fixture.AccountTokenAsync("mediateur.58.file@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(nevers, "Site")]);

        foreach (var token in new[] { moderator21, mediator })
        {
            foreach (var mutation in ModerationMutations)
            {
                var item = await ReportAsync(nevers);
                var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(item, nevers), token);
                Assert.True(AccountsServerFixture.Code(result) == "FORBIDDEN" && result["data"] is null, mutation.Name + " : " + result.ToJsonString());
                var pending = await fixture.Factory.DataAsync("query { moderationQueue(departement: \"58\", first: 100) { nodes { id } } }", token: moderator58);
                Assert.Contains(pending["moderationQueue"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == item);
            }
        }

        foreach (var mutation in ModerationMutations)
        {
            var item = await ReportAsync(nevers);
            var result = await fixture.Factory.QueryAsync(mutation.Query, mutation.Variables(item, nevers), moderator58);
            Assert.True(result["errors"] is null, mutation.Name + " : " + result["errors"]?.ToJsonString());
        }
    }

    [Fact]
    public async Task Without_a_token_mutations_are_unauthenticated_and_an_unknown_token_is_refused()
    {
        var anonymous = await fixture.Factory.QueryAsync(Mutations[^1].Query, new { id = "T2ZmZXI6MQ" });
        var unknown = await fixture.Factory.QueryAsync(Mutations[^1].Query, new { id = "T2ZmZXI6MQ" }, "jeton-qui-n-existe-pas-du-tout");
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(anonymous));
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(unknown));
    }

    // Straight into the queue: the HTTP way is rate limited per address, and has its own tests.
    private async Task<string> ReportAsync(string site)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<ModerationQueue>()
            .ReportAsync(GlobalId.DecodeKey(site, "Site"), ["horaires"], "Portée", null, CancellationToken.None);
        return GlobalId.Encode("ModerationItem", item.Id);
    }

    private async Task<Objects> ObjectsAsync(double latitude, double longitude, string name)
    {
        var site = await fixture.PlaceNearAsync(latitude, longitude);
        var offer = await fixture.CreateOfferAsync(site, "Offre " + name);
        var session = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(30 + (name.Length % 5)));
        var version = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = site }))["site"]!["version"]!.GetValue<int>();
        return new Objects(site, offer, session, version);
    }
}
