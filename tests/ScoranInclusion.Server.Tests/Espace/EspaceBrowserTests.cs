using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// web/tests/espace.test.mjs: the whole mediator flow in chromium. The invitation is made here, through
/// <see cref="AccountService"/> as the <c>accounts invite</c> verb makes it, for a place near Beaune.
/// </summary>
public sealed class EspaceBrowserRun() : BrowserScriptRun("tests/espace.test.mjs")
{
    public const string Email = "mediatrice.navigateur@example.org";

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.0237, longitude: 4.8383 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync(Email, AccountRole.Mediator, [GlobalId.DecodeKey(place, "Site")], null, null, CancellationToken.None);
        return new()
        {
            ["ESPACE_INVITATION"] = $"{baseUrl}/espace/invitation?jeton={invitation.Token}",
            ["ESPACE_EMAIL"] = Email,
            ["ESPACE_LIEU"] = place,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class EspaceBrowserTests(EspaceBrowserRun run, ITestOutputHelper output) : IClassFixture<EspaceBrowserRun>
{
    /// <summary>The scenarios of web/tests/espace.test.mjs, in the order they run (each one continues the previous).</summary>
    private static readonly string[] s_names =
    [
        "invitation : choisir son mot de passe, arriver connecté sur « Mes lieux »",
        "déconnexion puis connexion avec l'adresse et le mot de passe",
        "modifier les horaires au clavier seul : aperçu en direct, erreur et suggestion, enregistrement",
        "ajouter une offre et une séance, les voir dans la recherche",
        "historique : qui, quand, horaires avant → après",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP, pages no-store",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Mediator_flow_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_mediator_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
