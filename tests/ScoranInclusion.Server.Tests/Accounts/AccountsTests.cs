using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Accounts;

public sealed class AccountsTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt account { id email role } } }";
    private const string Me = "{ me { email role departement } }";

    [Fact]
    public async Task An_invited_moderator_sets_a_password_logs_in_and_out()
    {
        var invitation = await fixture.InviteAsync("Mod.21@Example.org", AccountRole.Moderator, departement: "21");
        const string accept = "mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token account { email } } }";

        var tooShort = await fixture.Factory.QueryAsync(accept, new { t = invitation.Token, p = "court" });
        var accepted = await fixture.Factory.DataAsync(accept, new { t = invitation.Token, p = AccountsServerFixture.Password });
        var again = await fixture.Factory.QueryAsync(accept, new { t = invitation.Token, p = AccountsServerFixture.Password });

        Assert.Equal(("INVALID_PASSWORD", "password"), (AccountsServerFixture.Code(tooShort), AccountsServerFixture.Field(tooShort)));
        Assert.Contains("12 caractères", tooShort["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("mod.21@example.org", accepted["acceptInvitation"]!["account"]!["email"]!.GetValue<string>());
        Assert.Equal("INVALID_INVITATION", AccountsServerFixture.Code(again));

        var login = await fixture.Factory.DataAsync(Login, new { e = "mod.21@example.org", p = AccountsServerFixture.Password });
        var token = login["login"]!["token"]!.GetValue<string>();
        var expires = DateTimeOffset.Parse(login["login"]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        var me = await fixture.Factory.DataAsync(Me, token: token);
        Assert.Equal(("MODERATOR", "21"), (me["me"]!["role"]!.GetValue<string>(), me["me"]!["departement"]!.GetValue<string>()));

        var logout = await fixture.Factory.DataAsync("mutation { logout }", token: token);
        Assert.True(logout["logout"]!.GetValue<bool>());
        var afterLogout = await fixture.Factory.QueryAsync(Me, token: token);
        Assert.Null(afterLogout["data"]!["me"]);
        var mutationAfterLogout = await fixture.Factory.QueryAsync("""mutation { cancelSession(id: "U2Vzc2lvbjox") { id } }""", token: token);
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(mutationAfterLogout));
    }

    [Fact]
    public async Task Tokens_and_passwords_are_stored_hashed_only()
    {
        var token = await fixture.AccountTokenAsync("hash@example.org", AccountRole.Admin);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var account = db.Accounts.Single(a => a.Email == "hash@example.org");
        var tokens = db.AccountTokens.Where(t => t.AccountId == account.Id).Select(t => t.TokenHash).ToList();

        Assert.DoesNotContain(AccountsServerFixture.Password, account.PasswordHash!, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", account.PasswordHash!, StringComparison.Ordinal); // PasswordHasher v3 format
        Assert.DoesNotContain(token, tokens);
        Assert.Contains(AccountService.HashToken(token), tokens);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_from_one_address_block_it_for_that_account_for_a_while()
    {
        await fixture.AccountTokenAsync("lock@example.org", AccountRole.Moderator);
        var unknown = await fixture.Factory.QueryAsync(Login, new { e = "personne@example.org", p = "peu importe vraiment" });
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(unknown));

        var first = await fixture.Factory.QueryAsync(Login, new { e = "lock@example.org", p = "mauvais mot de passe 1" });
        var second = await fixture.Factory.QueryAsync(Login, new { e = "lock@example.org", p = "mauvais mot de passe 2" });
        var third = await fixture.Factory.QueryAsync(Login, new { e = "lock@example.org", p = "mauvais mot de passe 3" });
        var rightButLocked = await fixture.Factory.QueryAsync(Login, new { e = "lock@example.org", p = AccountsServerFixture.Password });

        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(first));
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(second));
        Assert.Equal("ACCOUNT_LOCKED", AccountsServerFixture.Code(third));
        Assert.Equal("ACCOUNT_LOCKED", AccountsServerFixture.Code(rightButLocked));
        Assert.Contains("15 minutes", rightButLocked["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(rightButLocked["data"]);
    }

    [Fact]
    public async Task An_administrator_revokes_every_token_of_an_account()
    {
        var admin = await fixture.AccountTokenAsync("chef@example.org", AccountRole.Admin);
        var moderator = await fixture.AccountTokenAsync("revoque@example.org", AccountRole.Moderator);
        var id = (await fixture.Factory.DataAsync(Login, new { e = "revoque@example.org", p = AccountsServerFixture.Password }))["login"]!["account"]!["id"]!.GetValue<string>();
        const string revoke = "mutation($id: ID!) { revokeAccount(id: $id, disable: true) }";

        var byModerator = await fixture.Factory.QueryAsync(revoke, new { id }, moderator);
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(byModerator));

        var revoked = await fixture.Factory.DataAsync(revoke, new { id }, admin);
        Assert.Equal(2, revoked["revokeAccount"]!.GetValue<int>());
        Assert.Null((await fixture.Factory.DataAsync(Me, token: moderator))["me"]);
        var relogin = await fixture.Factory.QueryAsync(Login, new { e = "revoque@example.org", p = AccountsServerFixture.Password });
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(relogin));
        Assert.Equal("Account", GlobalId.TryDecode(id, out var type, out _) ? type : null);
    }

    [Fact]
    public async Task Invitations_check_the_scope_against_the_role()
    {
        var noPlaces = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("m1@example.org", AccountRole.Mediator));
        var unknownPlace = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("m2@example.org", AccountRole.Mediator, sites: [987654321]));
        var badSiret = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("m3@example.org", AccountRole.Mediator, siret: "123"));
        var badDepartement = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("m4@example.org", AccountRole.Moderator, departement: "Côte-d'Or"));
        var badEmail = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("pas une adresse", AccountRole.Admin));
        await fixture.InviteAsync("double@example.org", AccountRole.Admin);
        var twice = await Assert.ThrowsAsync<AccountException>(() => fixture.InviteAsync("DOUBLE@example.org", AccountRole.Admin));

        Assert.Equal(
            ["INVALID_SCOPE", "INVALID_SCOPE", "INVALID_SIRET", "INVALID_SCOPE", "INVALID_EMAIL", "ACCOUNT_EXISTS"],
            new[] { noPlaces, unknownPlace, badSiret, badDepartement, badEmail, twice }.Select(e => e.Code));
        Assert.Contains("987654321", unknownPlace.Message, StringComparison.Ordinal);
    }
}
