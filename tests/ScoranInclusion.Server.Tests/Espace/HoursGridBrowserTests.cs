using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>web/tests/grille-horaires.test.mjs: the hours grid (and the map point) of the edit page, keyboard only, in chromium.</summary>
public sealed class HoursGridBrowserRun() : BrowserScriptRun("tests/grille-horaires.test.mjs")
{
    private const string AdminToken = "jeton-de-test-grille-0123456789";

    protected override void Configure(ScoranServerFactory factory) => factory.Settings["Auth:AdminToken"] = AdminToken;

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.3220, longitude: 5.0415 } }, first: 1) { nodes { id version } } }"))
            ["nearestSites"]!["nodes"]![0]!;
        var id = place["id"]!.GetValue<string>();
        await factory.DataAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: null }) { version } }",
            new { id, v = place["version"]!.GetValue<int>() }, AdminToken);
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync("grille.navigateur@example.org", AccountRole.Mediator, [GlobalId.DecodeKey(id, "Site")], null, null, CancellationToken.None);
        return new()
        {
            ["GRILLE_INVITATION"] = $"{baseUrl}/espace/invitation?jeton={invitation.Token}",
            ["GRILLE_LIEU"] = id,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class HoursGridBrowserTests(HoursGridBrowserRun run, ITestOutputHelper output) : IClassFixture<HoursGridBrowserRun>
{
    private static readonly string[] s_names =
    [
        "connexion par l'invitation",
        "grille des horaires au clavier seul : remplir, erreur nommée par champ, enregistrer l'expression",
        "placer le point : le marqueur déplacé aux flèches, la latitude et la longitude suivent, enregistrement",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Hours_grid_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
