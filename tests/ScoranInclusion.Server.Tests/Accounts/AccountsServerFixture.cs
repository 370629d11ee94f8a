using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Offers;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Accounts;

/// <summary>A server with the administrator token (for set-up) and helpers to invite and log in accounts.</summary>
public class AccountsServerFixture : ServerFixture
{
    public const string AdminToken = OffersServerFixture.Token;
    public const string Password = "une phrase de passe assez longue";

    public AccountsServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected AccountsServerFixture(StorageProvider provider)
        : base(provider)
    {
        Factory.Settings["Auth:AdminToken"] = AdminToken;
        Factory.Settings["Auth:MaxFailedLogins"] = "3";
        // Every test of a class logs in from the same (absent) address: the per-address login limit has its own tests.
        Factory.Settings["RateLimiting:LoginPermitLimit"] = "1000";
    }

    public async Task<Invitation> InviteAsync(string email, AccountRole role, IReadOnlyCollection<long>? sites = null, string? siret = null, string? departement = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().InviteAsync(email, role, sites, siret, departement, CancellationToken.None);
    }

    /// <summary>Invites, accepts the invitation over the API, and returns the login token.</summary>
    public async Task<string> AccountTokenAsync(string email, AccountRole role, IReadOnlyCollection<long>? sites = null, string? siret = null, string? departement = null)
    {
        var invitation = await InviteAsync(email, role, sites, siret, departement);
        var data = await Factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = invitation.Token, p = Password });
        return data["acceptInvitation"]!["token"]!.GetValue<string>();
    }

    public async Task<string> PlaceNearAsync(double latitude, double longitude)
    {
        var data = await Factory.DataAsync("""
            query($lat: Float!, $lon: Float!) { nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: 1) { nodes { id } } }
            """, new { lat = latitude, lon = longitude });
        return data["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// Gives a place a SIRET, as its structure would through updateSite: the seed's places all carry the
    /// « unknown » placeholder, so tests of SIRET scopes set real-looking (Luhn-valid, fictitious) numbers first.
    /// </summary>
    public async Task SetPivotAsync(string siteId, string pivot)
    {
        var version = (await Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = siteId }))["site"]!["version"]!.GetValue<int>();
        var updated = await Factory.DataAsync("mutation($id: ID!, $v: Int!, $p: String) { updateSite(id: $id, expectedVersion: $v, input: { pivot: $p }) { pivot } }",
            new { id = siteId, v = version, p = pivot }, AdminToken);
        Assert.Equal(pivot, updated["updateSite"]!["pivot"]!.GetValue<string>());
    }

    public async Task<string> CreateOfferAsync(string siteId, string title)
    {
        var data = await Factory.DataAsync("""
            mutation($site: ID, $title: String!) { createOffer(input: { title: $title, summary: "S", themes: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES], format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true }, siteId: $site }) { id } }
            """, new { site = siteId, title }, AdminToken);
        return data["createOffer"]!["id"]!.GetValue<string>();
    }

    public async Task<string> CreateSessionAsync(string offerId, DateTimeOffset startsAt)
    {
        var data = await Factory.DataAsync("""
            mutation($input: SessionInput!) { createSession(input: $input) { id } }
            """, new { input = new { offerId, startsAt = OffersServerFixture.Iso(startsAt), endsAt = OffersServerFixture.Iso(startsAt.AddHours(2)), capacity = 10 } }, AdminToken);
        return data["createSession"]!["id"]!.GetValue<string>();
    }

    public static string? Code(JsonObject result) => result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    public static string? Field(JsonObject result) => result["errors"]?[0]?["extensions"]?["data"]?["field"]?.GetValue<string>();
}

/// <summary>The same on PostgreSQL + PostGIS.</summary>
public sealed class PostgresAccountsServerFixture() : AccountsServerFixture(StorageProvider.Postgres);
