using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Accounts;

/// <summary>inviteAccount and accounts: who may invite whom, the same one-time link as the accounts verb, and listings without secrets.</summary>
public sealed class AccountAdministrationTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Invite = "mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { invitationUrl token expiresAt account { id email role departement sites { id } invitationPending } } }";
    private const string List = "query($role: AccountRole, $first: Int, $after: String) { accounts(role: $role, first: $first, after: $after) { nodes { id email role siret departement createdAt invitationPending disabled sites { id } } pageInfo { hasNextPage endCursor } } }";

    [Fact]
    public async Task An_administrator_invites_any_role_with_the_link_of_the_accounts_verb_and_the_link_works()
    {
        var admin = await fixture.AccountTokenAsync("admin.invite@example.org", AccountRole.Admin);
        var payload = (await fixture.Factory.DataAsync(Invite, new { input = new { email = "Nouvelle.Moderation@example.org", role = "MODERATOR", departement = "71" } }, admin))["inviteAccount"]!;
        var token = payload["token"]!.GetValue<string>();

        Assert.Equal("http://127.0.0.1:5178/espace/invitation?jeton=" + token, payload["invitationUrl"]!.GetValue<string>());
        Assert.Equal(("nouvelle.moderation@example.org", "MODERATOR", "71", true),
            (payload["account"]!["email"]!.GetValue<string>(), payload["account"]!["role"]!.GetValue<string>(), payload["account"]!["departement"]!.GetValue<string>(), payload["account"]!["invitationPending"]!.GetValue<bool>()));
        var accepted = await fixture.Factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { account { role } } }", new { t = token, p = AccountsServerFixture.Password });
        Assert.Equal("MODERATOR", accepted["acceptInvitation"]!["account"]!["role"]!.GetValue<string>());

        var twice = await fixture.Factory.QueryAsync(Invite, new { input = new { email = "nouvelle.moderation@example.org", role = "ADMIN" } }, admin);
        Assert.Equal(("ACCOUNT_EXISTS", "email"), (AccountsServerFixture.Code(twice), AccountsServerFixture.Field(twice)));
        var badScope = await fixture.Factory.QueryAsync(Invite, new { input = new { email = "sans.lieu@example.org", role = "MEDIATOR" } }, admin);
        Assert.Equal("INVALID_SCOPE", AccountsServerFixture.Code(badScope));
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Invite, new { input = new { email = "x@example.org", role = "ADMIN" } })));
    }

    [Fact]
    public async Task A_moderator_invites_mediators_of_their_territory_only_and_a_mediator_nobody()
    {
        var dijon = await fixture.PlaceNearAsync(47.322, 5.041);
        var nevers = await fixture.PlaceNearAsync(46.99, 3.16);
        var moderator = await fixture.AccountTokenAsync("mod21.invite@example.org", AccountRole.Moderator, departement: "21");
        var regional = await fixture.AccountTokenAsync("bfc.invite@example.org", AccountRole.Moderator);
        var mediator = await fixture.AccountTokenAsync("med.invite@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(dijon, "Site")]);

        var invited = (await fixture.Factory.DataAsync(Invite, new { input = new { email = "med.dijon@example.org", role = "MEDIATOR", sites = new[] { dijon } } }, moderator))["inviteAccount"]!;
        Assert.Equal(dijon, invited["account"]!["sites"]![0]!["id"]!.GetValue<string>());

        var refusals = new[]
        {
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "med.nevers@example.org", role = "MEDIATOR", sites = new[] { nevers } } }, moderator),
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "med.deux@example.org", role = "MEDIATOR", sites = new[] { dijon, nevers } } }, moderator),
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "med.siret@example.org", role = "MEDIATOR", siret = "13002526500013" } }, moderator),
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "autre.mod@example.org", role = "MODERATOR", departement = "21" } }, moderator),
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "admin.bis@example.org", role = "ADMIN" } }, regional),
            await fixture.Factory.QueryAsync(Invite, new { input = new { email = "collegue@example.org", role = "MEDIATOR", sites = new[] { dijon } } }, mediator),
        };
        Assert.All(refusals, r => Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(r)));
        Assert.All(refusals, r => Assert.Null(r["data"]));
        var regionalInvite = await fixture.Factory.QueryAsync(Invite, new { input = new { email = "med.nevers@example.org", role = "MEDIATOR", sites = new[] { nevers } } }, regional);
        Assert.Null(regionalInvite["errors"]);
    }

    [Fact]
    public async Task Administrators_list_every_account_moderators_the_mediators_of_their_territory_never_a_secret()
    {
        var dijon = await fixture.PlaceNearAsync(47.322, 5.041);
        var nevers = await fixture.PlaceNearAsync(46.99, 3.16);
        var admin = await fixture.AccountTokenAsync("admin.list@example.org", AccountRole.Admin);
        var moderator = await fixture.AccountTokenAsync("mod21.list@example.org", AccountRole.Moderator, departement: "21");
        var mediator = await fixture.AccountTokenAsync("med21.list@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(dijon, "Site")]);
        await fixture.AccountTokenAsync("med58.list@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(nevers, "Site")]);

        var all = await fixture.Factory.QueryAsync(List, new { first = 100 }, admin);
        var emails = all["data"]!["accounts"]!["nodes"]!.AsArray().Select(n => n!["email"]!.GetValue<string>()).ToList();
        Assert.Contains("med21.list@example.org", emails);
        Assert.Contains("med58.list@example.org", emails);
        Assert.Contains("mod21.list@example.org", emails);
        Assert.DoesNotContain("AQAAAA", all.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mediator, all.ToJsonString(), StringComparison.Ordinal);
        var moderators = (await fixture.Factory.DataAsync(List, new { role = "MODERATOR", first = 100 }, admin))["accounts"]!["nodes"]!.AsArray();
        Assert.All(moderators, n => Assert.Equal("MODERATOR", n!["role"]!.GetValue<string>()));

        var seen = (await fixture.Factory.DataAsync(List, new { first = 100 }, moderator))["accounts"]!["nodes"]!.AsArray().Select(n => n!["email"]!.GetValue<string>()).ToList();
        Assert.Contains("med21.list@example.org", seen);
        Assert.DoesNotContain("med58.list@example.org", seen);
        Assert.DoesNotContain("mod21.list@example.org", seen);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(List, new { role = "ADMIN" }, moderator)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(List, null, mediator)));

        // Pages of one: every account once, in creation order.
        var paged = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.Factory.DataAsync(List, new { first = 1, after }, admin))["accounts"]!;
            paged.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null && paged.Count < 200);
        Assert.Equal(paged.Distinct().Count(), paged.Count);
        Assert.True(paged.Count >= 4);
    }
}
