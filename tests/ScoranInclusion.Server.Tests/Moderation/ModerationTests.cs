using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Hardening;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>The moderation queue through HTTP GraphQL: each kind of item from submission to decision, and who may see and decide what.</summary>
public sealed class ModerationTests(ModerationServerFixture fixture) : IClassFixture<ModerationServerFixture>
{
    private const string Item = "id kind status departement message reportedFields contactEmail submittedBy decidedAt decidedBy reason site { id nom } proposal { nom location { latitude longitude } }";
    private const string Propose = "mutation($input: SiteInput!, $m: String) { proposeSite(input: $input, message: $m) { " + Item + " } }";
    private const string Claim = "mutation($id: ID!, $m: String!) { claimSite(id: $id, message: $m) { " + Item + " } }";
    private const string Report = "mutation($id: ID!, $f: [String!]!, $m: String, $c: String) { reportSiteError(id: $id, fields: $f, message: $m, contactEmail: $c) { " + Item + " } }";
    private const string Approve = "mutation($id: ID!, $r: String) { approveModerationItem(id: $id, reason: $r) { " + Item + " } }";
    private const string Reject = "mutation($id: ID!, $r: String) { rejectModerationItem(id: $id, reason: $r) { " + Item + " } }";
    private const string Queue = "query($d: String, $k: ModerationKind) { moderationQueue(departement: $d, kind: $k, first: 100) { nodes { " + Item + " } pageInfo { hasNextPage endCursor } } }";
    private const string Mine = "{ mySubmissions { nodes { " + Item + " } } }";

    private static readonly (double Lat, double Lon) Dijon = (47.322, 5.041);
    private static readonly (double Lat, double Lon) Besancon = (47.24, 6.02);
    private static readonly (double Lat, double Lon) Nevers = (46.99, 3.16);

    private AccountsServerFixture Accounts => fixture;

    [Fact]
    public async Task A_proposed_place_approved_by_the_moderation_of_its_departement_is_found_by_search_with_its_history()
    {
        var home = await Accounts.PlaceNearAsync(Dijon.Lat, Dijon.Lon);
        var mediator = await Accounts.AccountTokenAsync("propose@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(home, "Site")]);
        var moderator21 = await Accounts.AccountTokenAsync("mod21.propose@example.org", AccountRole.Moderator, departement: "21");
        var moderator25 = await Accounts.AccountTokenAsync("mod25.propose@example.org", AccountRole.Moderator, departement: "25");
        var input = new
        {
            nom = "Tiers-lieu numérique du Lac Kir",
            adresse = new { voie = "3 avenue du Lac", codePostal = "21000", codeInsee = "21231", commune = "Dijon" },
            location = new { latitude = 47.31917, longitude = 4.99583 },
            services = new[] { "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" },
            horaires = "Mo-Fr 09:00-12:00",
            telephone = "03 80 11 22 33",
        };

        var proposed = (await Accounts.Factory.DataAsync(Propose, new { input, m = "Ouvert depuis septembre." }, mediator))["proposeSite"]!;
        Assert.Equal(("PROPOSAL", "PENDING", "21"), (S(proposed["kind"]), S(proposed["status"]), S(proposed["departement"])));
        Assert.Null(proposed["site"]);
        var id = S(proposed["id"]);

        // Pending: not in search; the moderation of 21 sees it, that of 25 neither sees nor decides it; the mediator cannot decide.
        Assert.DoesNotContain(await NearestNamesAsync(47.31917, 4.99583), n => n == input.nom);
        Assert.Contains(await QueueIdsAsync(moderator21), i => i == id);
        Assert.DoesNotContain(await QueueIdsAsync(moderator25), i => i == id);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, moderator25)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, mediator)));
        var pending = (await Accounts.Factory.DataAsync(Queue, new { d = (string?)null, k = "PROPOSAL" }, moderator21))["moderationQueue"]!["nodes"]!.AsArray().Single(n => S(n!["id"]) == id)!;
        Assert.Equal((input.nom, 47.31917), (S(pending["proposal"]!["nom"]), pending["proposal"]!["location"]!["latitude"]!.GetValue<double>()));
        Assert.Equal("Ouvert depuis septembre.", S(pending["message"]));

        var approved = (await Accounts.Factory.DataAsync(Approve, new { id }, moderator21))["approveModerationItem"]!;
        var moderatorId = GlobalId.DecodeKey(S((await Accounts.Factory.DataAsync("{ me { id } }", token: moderator21))["me"]!["id"]), "Account");
        Assert.Equal(("APPROVED", "account:" + moderatorId), (S(approved["status"]), S(approved["decidedBy"])));
        var siteId = S(approved["site"]!["id"]);

        // Visible at once in search, at the proposed point; created in history by the deciding moderator; in the public feed.
        var first = (await Accounts.Factory.DataAsync("""
            { nearestSites(near: { point: { latitude: 47.31917, longitude: 4.99583 } }, first: 1) { edges { distanceMeters node { id nom telephone horaires provenance } } } }
            """))["nearestSites"]!["edges"]![0]!;
        Assert.Equal((siteId, input.nom, "+33380112233"), (S(first["node"]!["id"]), S(first["node"]!["nom"]), S(first["node"]!["telephone"])));
        Assert.True(first["distanceMeters"]!.GetValue<double>() < 1);
        var history = (await Accounts.Factory.DataAsync("query($id: ID!) { site(id: $id) { history { kind actor } } }", new { id = siteId }, moderator21))["site"]!["history"]!.AsArray();
        Assert.Equal(("CREATED", "account:" + moderatorId), (S(history[0]!["kind"]), S(history[0]!["actor"])));

        // The mediator sees the decision, and now keeps the new place up to date.
        var mine = (await Accounts.Factory.DataAsync(Mine, token: mediator))["mySubmissions"]!["nodes"]!.AsArray();
        Assert.Equal(("APPROVED", siteId), (S(mine.Single(n => S(n!["id"]) == id)!["status"]), S(mine.Single(n => S(n!["id"]) == id)!["site"]!["id"])));
        var edited = await Accounts.Factory.QueryAsync("mutation($id: ID!) { updateSite(id: $id, expectedVersion: 1, input: { horaires: \"Mo-Sa 09:00-12:00\" }) { version } }", new { id = siteId }, mediator);
        Assert.Null(edited["errors"]);

        var twice = await Accounts.Factory.QueryAsync(Reject, new { id, r = "Finalement non." }, moderator21);
        Assert.Equal("ALREADY_DECIDED", AccountsServerFixture.Code(twice));
        Assert.Null(twice["data"]);
    }

    [Fact]
    public async Task A_proposal_with_invalid_fields_is_refused_field_by_field_and_nothing_is_written()
    {
        var mediator = await Accounts.AccountTokenAsync("propose.mal@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(await Accounts.PlaceNearAsync(Dijon.Lat, Dijon.Lon), "Site")]);
        var before = await CountItemsAsync();
        var input = new
        {
            nom = "",
            adresse = new { voie = "3 avenue du Lac", codePostal = "2100", commune = "Dijon" },
            horaires = "Mo-Fr 25:00-26:00",
            courriels = new[] { "pas-un-courriel" },
            siteWeb = new[] { "www.sans-protocole.fr" },
        };

        var result = await Accounts.Factory.QueryAsync(Propose, new { input }, mediator);

        Assert.Equal("INVALID_SITE", AccountsServerFixture.Code(result));
        Assert.Null(result["data"]);
        var fields = result["errors"]![0]!["extensions"]!["data"]!["fields"]!.AsArray().Select(f => S(f!["field"])).ToHashSet();
        Assert.Superset(new HashSet<string> { "nom", "adresse.codePostal", "horaires", "courriels", "siteWeb", "location" }, fields);
        Assert.Equal(before, await CountItemsAsync());
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Propose, new { input })));
    }

    [Fact]
    public async Task An_approved_claim_adds_the_place_to_the_mediators_places_and_only_its_departement_decides()
    {
        var home = await Accounts.PlaceNearAsync(Dijon.Lat, Dijon.Lon);
        var claimed = await Accounts.PlaceNearAsync(Nevers.Lat, Nevers.Lon);
        var mediator = await Accounts.AccountTokenAsync("revendique@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(home, "Site")]);
        var moderator21 = await Accounts.AccountTokenAsync("mod21.claim@example.org", AccountRole.Moderator, departement: "21");
        var moderator58 = await Accounts.AccountTokenAsync("mod58.claim@example.org", AccountRole.Moderator, departement: "58");
        const string confirm = "mutation($id: ID!) { confirmSite(id: $id) { id } }";
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(confirm, new { id = claimed }, mediator)));

        Assert.Equal("INVALID_CLAIM", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Claim, new { id = home, m = "C'est le mien." }, mediator)));
        Assert.Equal("INVALID_CLAIM", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Claim, new { id = claimed, m = "   " }, mediator)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Claim, new { id = claimed, m = "Moi aussi." }, moderator58)));
        var item = (await Accounts.Factory.DataAsync(Claim, new { id = claimed, m = "J'y anime les ateliers du mardi." }, mediator))["claimSite"]!;
        var id = S(item["id"]);
        Assert.Equal(("CLAIM", "PENDING", "58", claimed), (S(item["kind"]), S(item["status"]), S(item["departement"]), S(item["site"]!["id"])));

        Assert.DoesNotContain(await QueueIdsAsync(moderator21), i => i == id);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, moderator21)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, mediator)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Queue, new { d = (string?)null, k = (string?)null }, mediator)));
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id })));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(confirm, new { id = claimed }, mediator)));

        var approved = (await Accounts.Factory.DataAsync(Approve, new { id, r = "Vérifié auprès de la structure." }, moderator58))["approveModerationItem"]!;
        Assert.Equal(("APPROVED", "Vérifié auprès de la structure."), (S(approved["status"]), S(approved["reason"])));
        Assert.Null((await Accounts.Factory.QueryAsync(confirm, new { id = claimed }, mediator))["errors"]);
        var sites = (await Accounts.Factory.DataAsync("{ me { sites { id } } }", token: mediator))["me"]!["sites"]!.AsArray().Select(s => S(s!["id"]));
        Assert.Equal(new[] { home, claimed }.Order(), sites.Order());
        Assert.Equal("ALREADY_DECIDED", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, moderator58)));
    }

    [Fact]
    public async Task An_anonymous_report_reaches_the_moderation_of_its_departement_only_and_its_contact_is_erased_once_decided()
    {
        var place = await Accounts.PlaceNearAsync(Besancon.Lat, Besancon.Lon);
        var moderator21 = await Accounts.AccountTokenAsync("mod21.report@example.org", AccountRole.Moderator, departement: "21");
        var moderator25 = await Accounts.AccountTokenAsync("mod25.report@example.org", AccountRole.Moderator, departement: "25");
        var regional = await Accounts.AccountTokenAsync("bfc.report@example.org", AccountRole.Moderator);
        var mediator = await Accounts.AccountTokenAsync("mediateur.report@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);

        var report = (await Accounts.Factory.DataAsync(Report, new { id = place, f = new[] { "horaires", "telephone" }, m = "Fermé le lundi, le numéro ne répond pas.", c = "lectrice.25@example.org" }))["reportSiteError"]!;
        var id = S(report["id"]);
        // The reporter gets a receipt, never the moderation's fields.
        Assert.Equal(("REPORT", "PENDING", "25"), (S(report["kind"]), S(report["status"]), S(report["departement"])));
        Assert.Null(report["contactEmail"]);
        Assert.Null(report["submittedBy"]);

        Assert.DoesNotContain(await QueueIdsAsync(moderator21), i => i == id);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Queue, new { d = "25", k = (string?)null }, moderator21)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Reject, new { id, r = "Non." }, moderator21)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Reject, new { id, r = "Non." }, mediator)));
        Assert.Contains(await QueueIdsAsync(regional, "25"), i => i == id);
        var seen = (await Accounts.Factory.DataAsync(Queue, new { d = (string?)null, k = "REPORT" }, moderator25))["moderationQueue"]!["nodes"]!.AsArray().Single(n => S(n!["id"]) == id)!;
        Assert.Equal("lectrice.25@example.org", S(seen["contactEmail"]));
        Assert.Equal(new[] { "horaires", "telephone" }, seen["reportedFields"]!.AsArray().Select(f => S(f)));

        foreach (var reason in new string?[] { null, "", "   " })
        {
            var refused = await Accounts.Factory.QueryAsync(Reject, new { id, r = reason }, moderator25);
            Assert.Equal(("REASON_REQUIRED", "reason"), (AccountsServerFixture.Code(refused), AccountsServerFixture.Field(refused)));
        }

        var rejected = (await Accounts.Factory.DataAsync(Reject, new { id, r = "Horaires vérifiés par téléphone : ils sont justes." }, moderator25))["rejectModerationItem"]!;
        Assert.Equal("REJECTED", S(rejected["status"]));
        Assert.Null(rejected["contactEmail"]);
        Assert.Equal("ALREADY_DECIDED", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(Approve, new { id }, moderator25)));

        // A second report, approved (handled): its contact goes too. Neither is anywhere in the database.
        var second = S((await Accounts.Factory.DataAsync(Report, new { id = place, f = new[] { "nom" }, c = "autre.lecteur@example.org" }))["reportSiteError"]!["id"]);
        Assert.Equal("APPROVED", S((await Accounts.Factory.DataAsync(Approve, new { id = second }, regional))["approveModerationItem"]!["status"]));
        await using var scope = Accounts.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var keys = new[] { GlobalId.DecodeKey(id, "ModerationItem"), GlobalId.DecodeKey(second, "ModerationItem") };
        Assert.All(await db.ModerationItems.Where(i => keys.Contains(i.Id)).ToListAsync(), i => Assert.Null(i.ContactEmail));
    }

    [Fact]
    public async Task Reports_with_unusable_input_get_a_code_never_a_server_error()
    {
        var place = await Accounts.PlaceNearAsync(Nevers.Lat, Nevers.Lon);
        var before = await CountItemsAsync();
        var cases = new (object Variables, string Code)[]
        {
            (new { id = place, f = new[] { "mot_de_passe" } }, "INVALID_REPORT"),
            (new { id = place, f = Array.Empty<string>() }, "INVALID_REPORT"),
            (new { id = place, f = Array.Empty<string>(), m = new string('x', 2001) }, "INVALID_REPORT"),
            (new { id = place, f = new[] { "nom" }, c = "pas une adresse" }, "INVALID_REPORT"),
            (new { id = "U2l0ZTo5OTk5OTk5", f = new[] { "nom" } }, "NOT_FOUND"),
            (new { id = "n'importe quoi", f = new[] { "nom" } }, "INVALID_ID"),
            (new { id = place, f = new[] { "nom'); DROP TABLE moderation_items; --" } }, "INVALID_REPORT"),
        };

        foreach (var (variables, code) in cases)
        {
            var (status, body, _) = await AddressedRequests.PostAsync(Accounts.Factory, Report, variables);
            Assert.True((int)status < 500, body.ToJsonString());
            Assert.Equal(code, AccountsServerFixture.Code(body));
        }

        var huge = await AddressedRequests.PostAsync(Accounts.Factory, Report, new { id = place, f = new[] { "nom" }, m = new string('x', 100_000) });
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal(before, await CountItemsAsync());
    }

    [Theory]
    [MemberData(nameof(HostileRequestsTests.Injections), MemberType = typeof(HostileRequestsTests))]
    public async Task Injection_strings_in_every_moderation_and_account_argument_are_answered_with_a_code(string evil)
    {
        var place = await Accounts.PlaceNearAsync(Nevers.Lat, Nevers.Lon);
        var before = await CountItemsAsync();
        var admin = AccountsServerFixture.AdminToken;
        (string Query, object Variables, string? Token)[] requests =
        [
            ("mutation($s: ID!) { reportSiteError(id: $s, fields: [\"nom\"]) { id } }", new { s = evil }, null),
            ("mutation($id: ID!, $s: String!) { reportSiteError(id: $id, fields: [$s], message: $s, contactEmail: $s) { id } }", new { id = place, s = evil }, null),
            ("mutation($id: ID!, $s: String!) { reportSiteError(id: $id, fields: [\"nom\"], message: \"Faux.\", contactEmail: $s) { id } }", new { id = place, s = evil }, null),
            ("mutation($s: String!) { proposeSite(input: { nom: $s, horaires: $s, telephone: $s, courriels: [$s], adresse: { voie: $s, codePostal: $s, commune: $s } }, message: $s) { id } }", new { s = evil }, admin),
            ("mutation($s: ID!) { claimSite(id: $s, message: \"Le mien.\") { id } }", new { s = evil }, admin),
            ("mutation($s: ID!) { approveModerationItem(id: $s, reason: \"Oui.\") { id } }", new { s = evil }, admin),
            ("mutation($s: String) { rejectModerationItem(id: \"TW9kZXJhdGlvbkl0ZW06OTk5OTk5\", reason: $s) { id } }", new { s = evil }, admin),
            ("query($s: String) { moderationQueue(departement: $s) { nodes { id } } }", new { s = evil }, admin),
            ("query($s: String) { moderationQueue(after: $s) { nodes { id } } }", new { s = evil }, admin),
            ("query($s: String) { mySubmissions(after: $s) { nodes { id } } }", new { s = evil }, admin),
            ("query($s: String) { accounts(after: $s) { nodes { id } } }", new { s = evil }, admin),
            ("mutation($s: String!) { inviteAccount(input: { email: $s, role: MEDIATOR, siret: $s }) { token } }", new { s = evil }, admin),
            ("mutation($s: String!) { inviteAccount(input: { email: \"ok.injection@example.org\", role: MODERATOR, departement: $s }) { token } }", new { s = evil }, admin),
        ];

        foreach (var (query, variables, token) in requests)
        {
            var (status, body, _) = await AddressedRequests.PostAsync(Accounts.Factory, query, variables, token);
            Assert.True(status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.BadRequest, query + " → " + status);
            var errors = Assert.IsType<JsonArray>(body["errors"]);
            Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e!["extensions"]?["code"]?.GetValue<string>()), query + " → " + body.ToJsonString()));
            Assert.DoesNotContain(errors, e => e!["extensions"]!["code"]!.GetValue<string>() == "INTERNAL_ERROR");
        }

        Assert.Equal(before, await CountItemsAsync());
    }

    [Fact]
    public async Task Pages_of_the_queue_follow_each_other_without_overlap()
    {
        var place = await Accounts.PlaceNearAsync(47.5, 6.8);
        var regional = await Accounts.AccountTokenAsync("bfc.pages@example.org", AccountRole.Moderator);
        for (var i = 0; i < 3; i++)
        {
            await Accounts.Factory.DataAsync(Report, new { id = place, f = new[] { "horaires" }, m = "Page " + i });
        }

        const string page = "query($after: String) { moderationQueue(kind: REPORT, first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }";
        var seen = new List<string>();
        string? after = null;
        do
        {
            var queue = (await Accounts.Factory.DataAsync(page, new { after }, regional))["moderationQueue"]!;
            seen.AddRange(queue["nodes"]!.AsArray().Select(n => S(n!["id"])));
            after = queue["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? S(queue["pageInfo"]!["endCursor"]) : null;
        }
        while (after is not null);

        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(i => GlobalId.DecodeKey(i, "ModerationItem")), seen);
        Assert.Equal("INVALID_CURSOR", AccountsServerFixture.Code(await Accounts.Factory.QueryAsync(page, new { after = "pas un curseur" }, regional)));
    }

    private async Task<List<string>> QueueIdsAsync(string token, string? departement = null) =>
        [.. (await Accounts.Factory.DataAsync(Queue, new { d = departement, k = (string?)null }, token))["moderationQueue"]!["nodes"]!.AsArray().Select(n => S(n!["id"]))];

    private async Task<List<string>> NearestNamesAsync(double latitude, double longitude) =>
        [.. (await Accounts.Factory.DataAsync("query($lat: Float!, $lon: Float!) { nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: 3) { nodes { nom } } }",
            new { lat = latitude, lon = longitude }))["nearestSites"]!["nodes"]!.AsArray().Select(n => S(n!["nom"]))];

    private async Task<int> CountItemsAsync()
    {
        await using var scope = Accounts.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().ModerationItems.CountAsync();
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();
}
