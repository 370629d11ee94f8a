using System.Text.RegularExpressions;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>The <c>accounts</c> verb: invitations with a one-time link, scopes checked, revocation.</summary>
public sealed partial class AccountsVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_invited_mediator_accepts_the_printed_link_and_is_revoked_later()
    {
        var invite = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "Camille@Example.org", "--role", "mediator", "--sites", "1,U2l0ZToy");
        Assert.Equal(CliVerbs.Success, invite.ExitCode);
        Assert.Contains("médiateur, lieux 1,2", invite.Out, StringComparison.Ordinal);
        var token = TokenInLink().Match(invite.Out).Groups[1].Value;
        Assert.Equal(43, token.Length);

        var twice = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "camille@example.org", "--role", "moderator");
        var noPlaces = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "x@example.org", "--role", "mediator");
        var badRole = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "y@example.org", "--role", "pirate");
        var badSite = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "z@example.org", "--role", "mediator", "--sites", "Dijon");
        Assert.Equal((CliVerbs.UsageError, true), (twice.ExitCode, twice.Error.Contains("existe déjà", StringComparison.Ordinal)));
        Assert.Equal((CliVerbs.UsageError, true), (noPlaces.ExitCode, noPlaces.Error.Contains("SIRET", StringComparison.Ordinal)));
        Assert.Equal((CliVerbs.UsageError, true), (badRole.ExitCode, badRole.Error.Contains("rôle inconnu", StringComparison.Ordinal)));
        Assert.Equal((CliVerbs.UsageError, true), (badSite.ExitCode, badSite.Error.Contains("« Dijon »", StringComparison.Ordinal)));
        // The standard's « unknown » SIRET is every seeded place's pivot: as a scope it would open the whole region.
        var placeholder = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "p@example.org", "--role", "mediator", "--siret", "00000000000000");
        var badKey = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "k@example.org", "--role", "mediator", "--siret", "21580194700016");
        Assert.Equal((CliVerbs.UsageError, true), (placeholder.ExitCode, placeholder.Error.Contains("SIRET inconnu", StringComparison.Ordinal)));
        Assert.Equal((CliVerbs.UsageError, true), (badKey.ExitCode, badKey.Error.Contains("clé de contrôle", StringComparison.Ordinal)));
        Assert.DoesNotContain("Compte ", placeholder.Out + badKey.Out, StringComparison.Ordinal);
        var structure = await _cli.RunAsync("scoran.db", seed: true, "accounts", "invite", "s@example.org", "--role", "mediator", "--siret", "21580194700015");
        Assert.Equal(CliVerbs.Success, structure.ExitCode);
        Assert.Contains("médiateur, SIRET 21580194700015", structure.Out, StringComparison.Ordinal);

        string login;
        using (var server = new ScoranServerFactory(_cli.Folder))
        {
            var accepted = await server.DataAsync("mutation($t: String!) { acceptInvitation(token: $t, password: \"une longue phrase de passe\") { token account { role sites { id } } } }", new { t = token });
            login = accepted["acceptInvitation"]!["token"]!.GetValue<string>();
            Assert.Equal("MEDIATOR", accepted["acceptInvitation"]!["account"]!["role"]!.GetValue<string>());
            Assert.Equal(["U2l0ZTox", "U2l0ZToy"], accepted["acceptInvitation"]!["account"]!["sites"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        }

        var revoke = await _cli.RunAsync("scoran.db", seed: true, "accounts", "revoke", "camille@example.org", "--disable");
        Assert.Equal(CliVerbs.Success, revoke.ExitCode);
        Assert.Contains("1 jeton(s) révoqué(s), compte désactivé", revoke.Out, StringComparison.Ordinal);
        using (var server = new ScoranServerFactory(_cli.Folder))
        {
            Assert.Null((await server.DataAsync("{ me { role } }", token: login))["me"]);
        }
    }

    [GeneratedRegex(@"/espace/invitation\?jeton=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();
}
