using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Moderation;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Accounts;

/// <summary>
/// Issue 17, 3.1 and 3.8: one password check per operation, a per-address login limit, a cost that reflects the hash;
/// the same answer and the same work (one PBKDF2) for known and unknown addresses; failed logins throttle one
/// (client address, account) pair, never the account for everyone.
/// </summary>
public sealed class LoginHardeningTests
{
    private const string Login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";
    private const string Known = "connue@example.org";
    private const string Unknown = "inconnue@example.org";
    private const string Attacker = "203.0.113.66";
    private const string Elsewhere = "198.51.100.12";

    [Fact]
    public async Task Aliased_logins_and_two_password_fields_in_one_operation_are_refused_before_any_hash()
    {
        var hasher = new CountingHasher();
        var (owner, server) = Server(hasher);
        using var owned = owner;
        using var derived = server;
        var aliases = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"l{i}: login(email: \"x{i}@example.org\", password: \"p\") {{ token }}"));
        var documents = new[]
        {
            "mutation { " + aliases + " }",
            "mutation { a: login(email: \"a@example.org\", password: \"p\") { token } b: acceptInvitation(token: \"t\", password: \"une phrase assez longue\") { token } }",
            // Hidden behind fragments and inline fragments: counted where they are spread.
            "mutation { ...F ...F } fragment F on Mutation { ... on Mutation { login(email: \"a@example.org\", password: \"p\") { token } } }",
            "mutation { ...F b: login(email: \"b@example.org\", password: \"p\") { token } } fragment F on Mutation { a: login(email: \"a@example.org\", password: \"p\") { token } }",
        };
        foreach (var document in documents)
        {
            var (status, body, _) = await AddressedRequests.PostAsync(server, document, address: Attacker);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("TOO_MANY_PASSWORD_FIELDS", AccountsServerFixture.Code(body));
            Assert.Contains("une seule", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.Null(body["data"]);
        }

        Assert.Equal(0, hasher.Work);

        // One login per operation is still fine, and costs exactly one hash.
        var single = await AddressedRequests.PostAsync(server, Login, new { e = Unknown, p = "pas le bon" }, address: Attacker);
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(single.Body));
        Assert.Equal(1, hasher.Work);
    }

    [Fact]
    public async Task A_login_costs_like_a_big_search_in_the_complexity_budget()
    {
        using var server = new ScoranServerFactory();
        server.Settings["GraphQL:MaxComplexity"] = "999";
        var refused = await server.QueryAsync(Login, new { e = Unknown, p = "x" });
        Assert.Equal("QUERY_TOO_COMPLEX", AccountsServerFixture.Code(refused));

        using var normal = new ScoranServerFactory();
        Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(await normal.QueryAsync(Login, new { e = Unknown, p = "x" })));
    }

    [Fact]
    public async Task Past_the_login_limit_an_address_gets_429_while_another_address_logs_in_and_an_IPv6_64_is_one_address()
    {
        var hasher = new CountingHasher();
        var (owner, server) = Server(hasher, loginLimit: 4);
        using var owned = owner;
        using var derived = server;
        await AccountAsync(server);
        for (var i = 0; i < 4; i++)
        {
            var tried = await AddressedRequests.PostAsync(server, Login, new { e = $"x{i}@example.org", p = "faux" }, address: "2001:db8:1:2::1");
            Assert.Equal("INVALID_CREDENTIALS", AccountsServerFixture.Code(tried.Body));
        }

        var work = hasher.Work;
        // Another address of the same /64 shares the budget: one customer's prefix is one client.
        var (status, body, response) = await AddressedRequests.PostAsync(server, Login, new { e = Known, p = AccountsServerFixture.Password }, address: "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMITED", AccountsServerFixture.Code(body));
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(work, hasher.Work);

        // Another /64, and an IPv4 address, are other clients.
        var other = await AddressedRequests.PostAsync(server, Login, new { e = Known, p = AccountsServerFixture.Password }, address: "2001:db8:1:3::1");
        Assert.Null(other.Body["errors"]);
        var ipv4 = await AddressedRequests.PostAsync(server, Login, new { e = Known, p = AccountsServerFixture.Password }, address: Elsewhere);
        Assert.Null(ipv4.Body["errors"]);
    }

    [Fact]
    public async Task Known_unknown_and_locked_elsewhere_addresses_get_the_same_answer_and_a_legitimate_user_still_logs_in()
    {
        var hasher = new CountingHasher();
        var (owner, server) = Server(hasher);
        using var owned = owner;
        using var derived = server;
        await AccountAsync(server);

        // From the attacker's address: three failures on the known account and on an unknown one (Auth:MaxFailedLogins = 3).
        var known = new List<JsonObject>();
        var unknown = new List<JsonObject>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(await PostAsync(server, Known, "mauvais mot de passe", Attacker));
            unknown.Add(await PostAsync(server, Unknown, "mauvais mot de passe", Attacker));
        }

        Assert.Equal(known.Select(Answer), unknown.Select(Answer));
        Assert.Equal(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "ACCOUNT_LOCKED"], known.Select(AccountsServerFixture.Code));
        // Throttled from there, even with the right password.
        Assert.Equal("ACCOUNT_LOCKED", AccountsServerFixture.Code(await PostAsync(server, Known, AccountsServerFixture.Password, Attacker)));

        // From elsewhere, the account is not locked: a wrong password answers as for an unknown address, the right one logs in.
        Assert.Equal(Answer(await PostAsync(server, Unknown, "mauvais mot de passe", Elsewhere)), Answer(await PostAsync(server, Known, "mauvais mot de passe", Elsewhere)));
        var legitimate = await PostAsync(server, Known, AccountsServerFixture.Password, Elsewhere);
        Assert.Null(legitimate["errors"]);
        Assert.False(string.IsNullOrEmpty(legitimate["data"]!["login"]!["token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_login_costs_exactly_one_password_hash_whatever_the_address_and_its_state()
    {
        var hasher = new CountingHasher();
        var (owner, server) = Server(hasher);
        using var owned = owner;
        using var derived = server;
        await AccountAsync(server);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await accounts.InviteAsync("en.attente@example.org", AccountRole.Moderator, null, null, null, CancellationToken.None);
            var disabled = await accounts.InviteAsync("desactive@example.org", AccountRole.Moderator, null, null, null, CancellationToken.None);
            await accounts.AcceptInvitationAsync(disabled.Token, AccountsServerFixture.Password, CancellationToken.None);
            await accounts.RevokeAsync(disabled.Account.Id, disable: true, CancellationToken.None);
        }

        var cases = new (string Email, string Password, string Address)[]
        {
            (Known, AccountsServerFixture.Password, Elsewhere),
            (Known, "mauvais mot de passe", Attacker),
            (Unknown, "mauvais mot de passe", Attacker),
            ("pas une adresse", "mauvais mot de passe", Attacker),
            ("en.attente@example.org", "mauvais mot de passe", Attacker),
            ("desactive@example.org", AccountsServerFixture.Password, Attacker),
            // Up to and past the throttle of both pairs (Auth:MaxFailedLogins = 3), then the right password while throttled.
            (Known, "mauvais mot de passe", Attacker),
            (Unknown, "mauvais mot de passe", Attacker),
            (Known, "mauvais mot de passe", Attacker),
            (Unknown, "mauvais mot de passe", Attacker),
            (Known, "mauvais mot de passe", Attacker),
            (Unknown, "mauvais mot de passe", Attacker),
            (Known, AccountsServerFixture.Password, Attacker),
        };
        foreach (var (email, password, address) in cases)
        {
            var before = hasher.Work;
            await PostAsync(server, email, password, address);
            Assert.True(hasher.Work - before == 1, $"{email} depuis {address} : {hasher.Work - before} calculs de mot de passe au lieu d'un");
        }
    }

    /// <summary>The message and code of the first error: what a client (or an attacker) reads.</summary>
    private static string Answer(JsonObject result) =>
        AccountsServerFixture.Code(result) + " " + result["errors"]?[0]?["message"]?.GetValue<string>() + " " + result["data"]?.ToJsonString();

    private static async Task<JsonObject> PostAsync(WebApplicationFactory<Program> server, string email, string password, string address) =>
        (await AddressedRequests.PostAsync(server, Login, new { e = email, p = password }, address: address)).Body;

    /// <summary>A server whose requests carry a chosen address and whose password hashes are counted (dispose both).</summary>
    private static (ScoranServerFactory Owner, WebApplicationFactory<Program> Server) Server(CountingHasher hasher, int loginLimit = 1000)
    {
        var owner = new ScoranServerFactory();
        owner.Settings["Auth:MaxFailedLogins"] = "3";
        owner.Settings["RateLimiting:LoginPermitLimit"] = loginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (owner, owner.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>();
            s.AddSingleton<IPasswordHasher<AccountEntity>>(hasher);
        })));
    }

    private static async Task AccountAsync(WebApplicationFactory<Program> server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var invitation = await accounts.InviteAsync(Known, AccountRole.Moderator, null, null, null, CancellationToken.None);
        await accounts.AcceptInvitationAsync(invitation.Token, AccountsServerFixture.Password, CancellationToken.None);
    }

    /// <summary>The real hasher, counting its PBKDF2 runs (a hash or a verification each).</summary>
    private sealed class CountingHasher : IPasswordHasher<AccountEntity>
    {
        private readonly PasswordHasher<AccountEntity> _inner = new();
        private int _work;

        public int Work => Volatile.Read(ref _work);

        public string HashPassword(AccountEntity user, string password)
        {
            Interlocked.Increment(ref _work);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AccountEntity user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _work);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
