using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// web/tests/moderation.test.mjs: a citizen's report and its moderation in chromium. The moderator of the place's
/// département is made here (invitation through <see cref="AccountService"/>, accepted through the API), for a place in Dijon.
/// </summary>
public sealed class ModerationBrowserRun() : BrowserScriptRun("tests/moderation.test.mjs")
{
    public const string Email = "moderation.navigateur@example.org";
    public const string Password = "une phrase de passe pour la moderation";

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.3220, longitude: 5.0415 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync(Email, AccountRole.Moderator, null, null, "21", CancellationToken.None);
        await factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }", new { t = invitation.Token, p = Password });
        return new()
        {
            ["MODERATION_EMAIL"] = Email,
            ["MODERATION_PASSWORD"] = Password,
            ["MODERATION_LIEU"] = place,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class ModerationBrowserTests(ModerationBrowserRun run, ITestOutputHelper output) : IClassFixture<ModerationBrowserRun>
{
    /// <summary>The scenarios of web/tests/moderation.test.mjs, in the order they run (each one continues the previous).</summary>
    private static readonly string[] s_names =
    [
        "un citoyen signale une erreur depuis la fiche du lieu, au clavier seul et sans cookie",
        "la modération voit le signalement, refuse sans raison (erreur), puis accepte au clavier",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Moderation_flow_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_moderation_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
