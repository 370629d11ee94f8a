using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Basemap;

/// <summary>
/// web/tests/fond-de-carte.test.mjs in chromium: the widget's basemap from 127.0.0.1 only (ranges of
/// /fond-de-carte.pmtiles), the communes' names drawn, keyboard pan and zoom, axe-core; and the same basemap under
/// the place's map of /espace (a mediator invited here for a place near Beaune).
/// </summary>
public sealed class BasemapBrowserRun() : BrowserScriptRun("tests/fond-de-carte.test.mjs")
{
    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.0237, longitude: 4.8383 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        await using var scope = factory.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .InviteAsync("fond.de.carte@example.org", AccountRole.Mediator, [GlobalId.DecodeKey(place, "Site")], null, null, CancellationToken.None);
        return new()
        {
            ["ESPACE_INVITATION"] = $"{baseUrl}/espace/invitation?jeton={invitation.Token}",
            ["ESPACE_LIEU"] = place,
        };
    }
}

[Trait("Category", "Browser")]
public sealed class BasemapBrowserTests(BasemapBrowserRun run, ITestOutputHelper output) : IClassFixture<BasemapBrowserRun>
{
    private static readonly string[] s_names =
    [
        "widget : fond de carte du serveur (plages 206), noms des communes, clavier, axe-core sans violation",
        "espace : la carte de la position du lieu a le même fond, avec les noms",
        "aucune requête hors du serveur local, aucune erreur JavaScript",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Basemap_scenario_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_basemap_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}

/// <summary>
/// web/tests/fond-de-carte-osm.test.mjs: with an OpenStreetMap extract in Basemap:Path (<see cref="OsmLikeExtract"/>),
/// the widget draws it in the OpenStreetMap style, a street's name visible, « © OpenStreetMap » credited, still from
/// 127.0.0.1 only.
/// </summary>
public sealed class BasemapOsmBrowserRun() : BrowserScriptRun("tests/fond-de-carte-osm.test.mjs")
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("scoran-fond-osm-");

    protected override void Configure(ScoranServerFactory factory)
    {
        var extract = Path.Combine(_folder.FullName, "bfc.pmtiles");
        OsmLikeExtract.Write(extract);
        factory.Settings["Basemap:Path"] = extract;
    }

    protected override void Release()
    {
        // Called by both DisposeAsync and Dispose.
        if (Directory.Exists(_folder.FullName))
        {
            _folder.Delete(recursive: true);
        }
    }
}

[Trait("Category", "Browser")]
public sealed class BasemapOsmBrowserTests(BasemapOsmBrowserRun run, ITestOutputHelper output) : IClassFixture<BasemapOsmBrowserRun>
{
    private const string Scenario = "extrait OpenStreetMap : style OpenStreetMap, nom de rue dessiné, mention ODbL, aucune requête hors du serveur";

    [Fact]
    public void The_widget_draws_an_operators_extract_with_its_streets()
    {
        run.AssertPassed(Scenario, output);
        run.AssertRanExactly([Scenario], output);
    }
}
