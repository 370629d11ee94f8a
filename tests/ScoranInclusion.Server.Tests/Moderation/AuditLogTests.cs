using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>
/// The audit trail (<c>ScoranInclusion.Audit</c>): logins that succeed and fail, lockouts, refused permissions, invitations and
/// moderation decisions are written there; no password, token, client address or reporter's contact is ever written to any log.
/// </summary>
public sealed class AuditLogTests
{
    private const string Address = "203.0.113.99";
    private const string Contact = "temoin.secret@example.org";
    private const string Invite = "mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { token invitationUrl account { id } } }";
    private const string Accept = "mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }";
    private const string Login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

    [Fact]
    public async Task Security_events_are_audited_without_secrets_addresses_or_contacts()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Auth:AdminToken"] = AccountsServerFixture.AdminToken;
        server.Settings["Auth:MaxFailedLogins"] = "2";
        using var audited = server.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(sink);
            s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>();
        }));
        var secrets = new List<string> { AccountsServerFixture.AdminToken, AccountsServerFixture.Password, Address, Contact, "wrong password one", "wrong password two" };
        async Task<JsonObject> Post(string query, object? variables = null, string? token = null) =>
            (await AddressedRequests.PostAsync(audited, query, variables, token, Address)).Body;

        var place = (await Post("{ nearestSites(near: { commune: \"21231\" }, first: 1) { nodes { id } } }"))["data"]!["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();

        // Invitations (administrator token), accepted; a login; failed logins up to the lockout.
        var invitation = (await Post(Invite, new { input = new { email = "audit.mediation@example.org", role = "MEDIATOR", sites = new[] { place } } }, AccountsServerFixture.AdminToken))["data"]!["inviteAccount"]!;
        var moderatorInvitation = (await Post(Invite, new { input = new { email = "audit.moderation@example.org", role = "MODERATOR", departement = "21" } }, AccountsServerFixture.AdminToken))["data"]!["inviteAccount"]!;
        secrets.AddRange([invitation["token"]!.GetValue<string>(), moderatorInvitation["token"]!.GetValue<string>(), "audit.mediation@example.org", "audit.moderation@example.org"]);
        var mediator = (await Post(Accept, new { t = invitation["token"]!.GetValue<string>(), p = AccountsServerFixture.Password }))["data"]!["acceptInvitation"]!["token"]!.GetValue<string>();
        await Post(Accept, new { t = moderatorInvitation["token"]!.GetValue<string>(), p = AccountsServerFixture.Password });
        var session = (await Post(Login, new { e = "audit.mediation@example.org", p = AccountsServerFixture.Password }))["data"]!["login"]!["token"]!.GetValue<string>();
        secrets.AddRange([mediator, session]);
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(await Post(Login, new { e = "audit.moderation@example.org", p = "wrong password one" })));
        Assert.Equal("ACCOUNT_LOCKED", AccountsServerFixture.Code(await Post(Login, new { e = "audit.moderation@example.org", p = "wrong password two" })));

        // A citizen's report with a contact, a refused decision by the mediator, the decision of the administration.
        var report = (await Post("mutation($id: ID!, $c: String) { reportSiteError(id: $id, fields: [\"telephone\"], message: \"Numéro faux.\", contactEmail: $c) { id } }",
            new { id = place, c = Contact }))["data"]!["reportSiteError"]!["id"]!.GetValue<string>();
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Post("mutation($id: ID!) { approveModerationItem(id: $id) { id } }", new { id = report }, mediator)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await Post("{ moderationQueue { nodes { id } } }", token: session)));
        Assert.Null((await Post("mutation($id: ID!) { rejectModerationItem(id: $id, reason: \"Le numéro est juste.\") { id } }", new { id = report }, AccountsServerFixture.AdminToken))["errors"]);

        var audit = sink.Messages.Where(m => m.StartsWith("ScoranInclusion.Audit ", StringComparison.Ordinal)).ToList();
        Assert.Contains(audit, m => m.Contains("Invitation : compte", StringComparison.Ordinal) && m.Contains("(Mediator) créé par admin-token", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("Invitation acceptée", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("Connexion : compte", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("Connexion refusée (INVALID_CREDENTIALS)", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("Connexion refusée (ACCOUNT_LOCKED)", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("action ApproveModerationItem", StringComparison.Ordinal) && m.Contains("(Mediator)", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("Permission refusée : FORBIDDEN sur approveModerationItem", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("action ModerationQueue", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("erreur signalée sur le lieu", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("(Report) refusé par admin-token", StringComparison.Ordinal));

        Assert.NotEmpty(sink.Messages);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(sink.Messages, m => m.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_refused_mutation_is_logged_with_the_account_of_the_token_and_a_bounded_operation_name()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Auth:AdminToken"] = AccountsServerFixture.AdminToken;
        using var audited = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        long accountId;
        string token;
        await using (var scope = audited.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<ScoranInclusion.Workflows.Accounts.AccountService>();
            var invitation = await accounts.InviteAsync("audit.refus@example.org", ScoranInclusion.Storage.Accounts.AccountRole.Moderator, null, null, "21", CancellationToken.None);
            token = (await accounts.AcceptInvitationAsync(invitation.Token, AccountsServerFixture.Password, CancellationToken.None)).Token;
            accountId = invitation.Account.Id;
        }

        // A moderator may not revoke an account; the operation's name is as long as the client likes.
        var name = "Operation" + new string('A', 1000);
        var refused = (await AddressedRequests.PostAsync(audited, $"mutation {name} {{ revokeAccount(id: \"{ScoranInclusion.GraphQL.Relay.GlobalId.Encode("Account", accountId)}\") }}", token: token)).Body;
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(refused));

        var line = Assert.Single(sink.Messages, m => m.StartsWith("ScoranInclusion.Audit Permission refusée", StringComparison.Ordinal));
        Assert.Contains($"compte account:{accountId}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(aucun)", line, StringComparison.Ordinal);
        Assert.Contains("Operation" + new string('A', 64 - "Operation".Length), line, StringComparison.Ordinal);
        Assert.DoesNotContain("Operation" + new string('A', 65 - "Operation".Length), line, StringComparison.Ordinal);
        Assert.All(sink.Messages.Where(m => m.StartsWith("ScoranInclusion.Audit ", StringComparison.Ordinal)),
            m => Assert.DoesNotContain(new string('A', 65), m, StringComparison.Ordinal));

        // Without a token, the refusal names no account.
        var anonymous = (await AddressedRequests.PostAsync(audited, $"mutation Anonyme {{ revokeAccount(id: \"{ScoranInclusion.GraphQL.Relay.GlobalId.Encode("Account", accountId)}\") }}")).Body;
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(anonymous));
        Assert.Contains(sink.Messages, m => m.StartsWith("ScoranInclusion.Audit Permission refusée : UNAUTHENTICATED", StringComparison.Ordinal)
            && m.Contains("opération Anonyme, compte (aucun)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Nom\r\nFaux : connexion réussie", "NomFaux : connexion réussie")]
    [InlineData("\u001b[31mrouge", "[31mrouge")]
    [InlineData(null, "(anonyme)")]
    public void Operation_names_lose_their_control_characters_and_stop_at_64_characters(string? name, string expected)
    {
        Assert.Equal(expected, ScoranInclusion.GraphQL.Audit.AuditLog.OperationName(name));
        Assert.Equal(64, ScoranInclusion.GraphQL.Audit.AuditLog.OperationName(new string('x', 500)).Length);
    }
}
