using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// web/tests/comptes.test.mjs: /espace/comptes in chromium, on a server without SMTP (the link is shown once). The
/// administrator is made here.
/// </summary>
public sealed class AccountsBrowserRun() : BrowserScriptRun("tests/comptes.test.mjs")
{
    public const string Email = "administration.comptes.navigateur@example.org";
    public const string Password = "une phrase de passe pour les comptes";

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync(Email, AccountRole.Admin, null, null, null, CancellationToken.None);
        await factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }", new { t = invitation.Token, p = Password });
        return new()
        {
            ["COMPTES_EMAIL"] = Email,
            ["COMPTES_PASSWORD"] = Password,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class AccountsBrowserTests(AccountsBrowserRun run, ITestOutputHelper output) : IClassFixture<AccountsBrowserRun>
{
    /// <summary>The scenarios of web/tests/comptes.test.mjs, in the order they run.</summary>
    private static readonly string[] s_names =
    [
        "l'administration ouvre « Comptes » et invite au clavier, avec des erreurs à côté de leurs champs",
        "« Renvoyer l'invitation » au clavier donne un nouveau lien, l'ancien ne marche plus",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Accounts_page_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_accounts_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
