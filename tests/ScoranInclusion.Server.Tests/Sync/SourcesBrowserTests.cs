using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Tests.Operations;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// web/tests/sources.test.mjs: /espace/sources and /espace/retraits in chromium. The administrator, the source (a local file
/// of three places), its first run and a withdrawn place (set in the database, then published as the sync does) are made here.
/// </summary>
public sealed class SourcesBrowserRun() : BrowserScriptRun("tests/sources.test.mjs")
{
    public const string Email = "administration.navigateur@example.org";
    public const string Password = "une phrase de passe pour les sources";
    public const string Source = "essai-navigateur";
    public const string Withdrawn = "Lieu retiré pour le navigateur";

    protected override void Configure(ScoranServerFactory factory)
    {
        Directory.CreateDirectory(factory.DataFolder);
        var file = Path.Combine(factory.DataFolder, Source + ".csv");
        File.WriteAllText(file, OperationsData.Csv(Enumerable.Range(0, 3).Select(i => OperationsData.Row($"nav-{i}", $"Espace numérique du navigateur {i}", i))));
        factory.Settings[$"Sources:{Source}:Url"] = file;
        factory.Settings[$"Sources:{Source}:Format"] = "lmn-csv";
        factory.Settings[$"Sources:{Source}:Enabled"] = "false";
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync(Email, AccountRole.Admin, null, null, null, CancellationToken.None);
        await factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }", new { t = invitation.Token, p = Password });
        await factory.Services.GetRequiredService<ISourceSyncTrigger>().RunNowAsync(Source, "test", CancellationToken.None);
        await factory.Services.GetRequiredService<SourceSyncTrigger>().WhenIdleAsync();

        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var place = await db.Sites.Where(s => s.Commune == "Dijon").OrderBy(s => s.Id).FirstAsync();
        place.Nom = Withdrawn;
        place.WithdrawnAt = DateTimeOffset.UtcNow;
        place.WithdrawnReason = "N'est plus dans la source du navigateur.";
        await db.SaveChangesAsync();
        await SearchIndexPublication.PublishAsync(db, scope.ServiceProvider.GetRequiredService<ISearchPublication>(), [place.Id], CancellationToken.None);
        return new()
        {
            ["SOURCES_EMAIL"] = Email,
            ["SOURCES_PASSWORD"] = Password,
            ["SOURCES_NOM"] = Source,
            ["RETRAIT_NOM"] = Withdrawn,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class SourcesBrowserTests(SourcesBrowserRun run, ITestOutputHelper output) : IClassFixture<SourcesBrowserRun>
{
    /// <summary>The scenarios of web/tests/sources.test.mjs, in the order they run.</summary>
    private static readonly string[] s_names =
    [
        "l'administration lance une source au clavier et lit le rapport d'un passage",
        "la modération rétablit un lieu retiré au clavier",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Sources_flow_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_sources_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
