using System.Globalization;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// web/tests/fraicheur.test.mjs: the freshness line of places and the amber « Informations à vérifier » on
/// /lieu/{id}, /lieux and in the widget, with the server's clock (its <see cref="TimeProvider"/>) and the browser's
/// fixed on Monday 7 December 2026. Of two places near Autun, the first keeps its seeded MedNum BFC date_maj (years
/// old: stale), the second is confirmed by its team at that instant (fresh, « l'équipe du lieu »).
/// </summary>
public sealed class FreshnessBrowserRun() : BrowserScriptRun("tests/fraicheur.test.mjs")
{
    public const string AdminToken = "fraicheur-admin-token-0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    protected override void Configure(ScoranServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Auth:AdminToken"] = AdminToken;
        factory.Clock = new FixedClock(Now);
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var places = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 46.9512, longitude: 4.2988 } }, first: 2) { nodes { id nom dateMaj freshness { source stale } } } }"))
            ["nearestSites"]!["nodes"]!.AsArray();
        var old = places[0]!;
        // The seed's date_maj is years before the fixed now: the place is stale, by its source.
        if (old["freshness"]!["stale"]!.GetValue<bool>() != true || old["freshness"]!["source"]!.GetValue<string>() != "MedNum BFC")
        {
            throw new InvalidOperationException("le lieu de départ devrait être à vérifier, par MedNum BFC : " + old.ToJsonString());
        }

        var recent = places[1]!;
        await factory.DataAsync("mutation($id: ID!) { confirmSite(id: $id) { id } }", new { id = recent["id"]!.GetValue<string>() }, AdminToken);
        var oldDay = DateOnly.ParseExact(old["dateMaj"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["FR_NOW"] = Now.ToString("O", CultureInfo.InvariantCulture),
            ["FR_ANCIEN_ID"] = old["id"]!.GetValue<string>(),
            ["FR_ANCIEN_NOM"] = old["nom"]!.GetValue<string>(),
            ["FR_ANCIEN_DATE"] = InWords(oldDay),
            ["FR_ANCIEN_SOURCE"] = "MedNum BFC",
            ["FR_RECENT_ID"] = recent["id"]!.GetValue<string>(),
            ["FR_RECENT_NOM"] = recent["nom"]!.GetValue<string>(),
            ["FR_RECENT_DATE"] = "7 décembre 2026",
            ["FR_RECENT_SOURCE"] = "l'équipe du lieu",
        };
    }

    private static string InWords(DateOnly day) =>
        (day.Day == 1 ? "1er" : day.Day.ToString(French)) + " " + day.ToString("MMMM yyyy", French);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

[Trait("Category", "Browser")]
public sealed class FreshnessBrowserTests(FreshnessBrowserRun run, ITestOutputHelper output) : IClassFixture<FreshnessBrowserRun>
{
    public static readonly string[] Names =
    [
        "fraîcheur : /lieu/{id} dit la date en mots et la source, et « Informations à vérifier » une fois trop ancienne",
        "fraîcheur : /lieux montre la ligne de chaque lieu",
        "fraîcheur : la liste et la fiche du widget disent la date, la source et « Informations à vérifier »",
    ];

    public static TheoryData<string> Scenarios => new(Names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(Names, output);
}
