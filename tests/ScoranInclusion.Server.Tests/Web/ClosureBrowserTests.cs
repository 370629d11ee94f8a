using System.Globalization;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// web/tests/fermetures.test.mjs: the banner of a place's temporary closure (22 December 2026 to 2 January 2027, « congés »)
/// and of its notice (December 2026, « Permanence déplacée en mairie ») on /lieu/{id}, /lieux and in the widget, during
/// their dates and not after, with the server's clock (its <see cref="TimeProvider"/>) and the browser's fixed. The
/// place is given office hours and the closure at 15 December (the rules refuse a closure already over), then the clock
/// moves to the instant of the run. axe-core: no violation at all on every page state.
/// </summary>
public abstract class ClosureBrowserRun(string now, bool during, string opening) : BrowserScriptRun("tests/fermetures.test.mjs")
{
    public const string AdminToken = "fermetures-admin-token-0123456789abcdef";
    public const string Notice = "Permanence déplacée en mairie";

    private readonly ClosureClock _clock = new(DateTimeOffset.Parse("2026-12-15T10:00:00+01:00", CultureInfo.InvariantCulture));

    protected override void Configure(ScoranServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Auth:AdminToken"] = AdminToken;
        factory.Clock = _clock;
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 46.9512, longitude: 4.2988 } }, first: 1) { nodes { id nom version } } }"))
            ["nearestSites"]!["nodes"]![0]!;
        await factory.DataAsync(
            """
            mutation($id: ID!, $v: Int!, $n: String!) { updateSite(id: $id, expectedVersion: $v, input: {
              horaires: "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
              closures: [{ startDate: "2026-12-22", endDate: "2027-01-02", reason: "congés" }],
              notices: [{ startDate: "2026-12-01", endDate: "2026-12-31", text: $n }] }) { version } }
            """,
            new { id = place["id"]!.GetValue<string>(), v = place["version"]!.GetValue<int>(), n = Notice },
            AdminToken);
        var instant = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);
        _clock.Now = instant;
        return new Dictionary<string, string>
        {
            ["FE_NOW"] = instant.ToString("O", CultureInfo.InvariantCulture),
            ["FE_LIEU"] = place["id"]!.GetValue<string>(),
            ["FE_NOM"] = place["nom"]!.GetValue<string>(),
            ["FE_FERMETURE"] = "Fermé du 22 décembre au 2 janvier (congés)",
            ["FE_AVIS"] = Notice,
            ["FE_PENDANT"] = during ? "1" : "0",
            ["FE_HORAIRE"] = opening,
        };
    }

    private sealed class ClosureClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}

/// <summary>Wednesday 23 December 2026, 10:00: closed for the holidays, the notice in force.</summary>
public sealed class ClosureDuringBrowserRun() : ClosureBrowserRun("2026-12-23T10:00:00+01:00", during: true, "Fermé jusqu'au 2 janvier inclus, ouvre le 4 janvier à 9 h.");

/// <summary>Monday 4 January 2027, 10:00: both over, open as usual.</summary>
public sealed class ClosureAfterBrowserRun() : ClosureBrowserRun("2027-01-04T10:00:00+01:00", during: false, "Ouvert maintenant, jusqu'à 12 h.");

public static class ClosureScenarios
{
    /// <summary>The scenarios of web/tests/fermetures.test.mjs.</summary>
    public static readonly string[] Names =
    [
        "fermeture : /lieu/{id} et /lieux montrent le bandeau pendant ses dates, pas après",
        "fermeture : le widget montre le bandeau dans la liste et la fiche pendant ses dates, pas après",
    ];

    public static TheoryData<string> Scenarios => new(Names);
}

[Trait("Category", "Browser")]
public sealed class ClosureDuringBrowserTests(ClosureDuringBrowserRun run, ITestOutputHelper output) : IClassFixture<ClosureDuringBrowserRun>
{
    [Theory]
    [MemberData(nameof(ClosureScenarios.Scenarios), MemberType = typeof(ClosureScenarios))]
    public void Scenario_passes_during_the_closure(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(ClosureScenarios.Names, output);
}

[Trait("Category", "Browser")]
public sealed class ClosureAfterBrowserTests(ClosureAfterBrowserRun run, ITestOutputHelper output) : IClassFixture<ClosureAfterBrowserRun>
{
    [Theory]
    [MemberData(nameof(ClosureScenarios.Scenarios), MemberType = typeof(ClosureScenarios))]
    public void Scenario_passes_after_the_closure(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(ClosureScenarios.Names, output);
}
