using System.Globalization;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// web/tests/jours-feries.test.mjs: what a citizen reads about a place closed on a public holiday (« PH off »), on
/// Wednesday 11 November 2026 and on the evening before, with the server's clock (its <see cref="TimeProvider"/>)
/// and the browser's (Playwright's page.clock) both fixed at that instant. Two places near Autun get
/// <c>PH off</c> hours, a third is open until midnight; the widget's list and place detail, /lieux and
/// /lieu/{id} must say when they really open (Thursday 12 at 9 h 15 and 14 h), never « ouvre … à 0 h », and
/// « jusqu'à minuit » for the third.
/// </summary>
public abstract class HolidayBrowserRun(string now, string firstOpens, string secondOpens) : BrowserScriptRun("tests/jours-feries.test.mjs")
{
    public const string AdminToken = "jours-feries-admin-token-0123456789abcdef";

    /// <summary>Autun's town hall square: the places the script looks for are in its list of 20.</summary>
    private const string NearAutun = "{ latitude: 46.9512, longitude: 4.2988 }";

    private readonly DateTimeOffset _now = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);

    protected override void Configure(ScoranServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Auth:AdminToken"] = AdminToken;
        factory.Clock = new FixedClock(_now);
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var places = (await factory.DataAsync($"{{ nearestSites(near: {{ point: {NearAutun} }}, first: 3) {{ nodes {{ id nom version }} }} }}"))
            ["nearestSites"]!["nodes"]!.AsArray();
        string[] hours = ["Mo-Fr 09:15-12:00,14:00-17:00; PH off", "Tu-Sa 14:00-18:00; PH off \"fermé les jours fériés\"", "Mo-Su 08:00-24:00"];
        string[] texts = [$"Fermé, ouvre {firstOpens}.", $"Fermé, ouvre {secondOpens}.", "Ouvert maintenant, jusqu'à minuit."];
        for (var i = 0; i < hours.Length; i++)
        {
            await factory.DataAsync(
                "mutation($id: ID!, $v: Int!, $h: String!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: $h }) { version } }",
                new { id = places[i]!["id"]!.GetValue<string>(), v = places[i]!["version"]!.GetValue<int>(), h = hours[i] },
                AdminToken);
        }

        var environment = new Dictionary<string, string> { ["JF_NOW"] = _now.ToString("O", CultureInfo.InvariantCulture) };
        for (var i = 0; i < hours.Length; i++)
        {
            environment[$"JF_LIEU_{i + 1}"] = places[i]!["id"]!.GetValue<string>();
            environment[$"JF_NOM_{i + 1}"] = places[i]!["nom"]!.GetValue<string>();
            environment[$"JF_TEXTE_{i + 1}"] = texts[i];
        }

        return environment;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

/// <summary>Tuesday 10 November 2026, 20:30, the evening before the holiday.</summary>
public sealed class HolidayEveBrowserRun() : HolidayBrowserRun("2026-11-10T20:30:00+01:00", "jeudi à 9 h 15", "jeudi à 14 h");

/// <summary>Wednesday 11 November 2026, 10:00, Armistice day.</summary>
public sealed class HolidayDayBrowserRun() : HolidayBrowserRun("2026-11-11T10:00:00+01:00", "demain à 9 h 15", "demain à 14 h");

public static class HolidayScenarios
{
    /// <summary>The scenarios of web/tests/jours-feries.test.mjs.</summary>
    public static readonly string[] Names =
    [
        "jour férié : la liste du widget dit quand le lieu ouvre vraiment",
        "jour férié : la fiche du widget dit quand le lieu ouvre vraiment",
        "jour férié : /lieux et /lieu/{id} (rendus par le serveur) disent quand le lieu ouvre vraiment",
    ];

    public static TheoryData<string> Scenarios => new(Names);
}

[Trait("Category", "Browser")]
public sealed class HolidayEveBrowserTests(HolidayEveBrowserRun run, ITestOutputHelper output) : IClassFixture<HolidayEveBrowserRun>
{
    [Theory]
    [MemberData(nameof(HolidayScenarios.Scenarios), MemberType = typeof(HolidayScenarios))]
    public void Scenario_passes_on_the_evening_before_11_november(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(HolidayScenarios.Names, output);
}

[Trait("Category", "Browser")]
public sealed class HolidayDayBrowserTests(HolidayDayBrowserRun run, ITestOutputHelper output) : IClassFixture<HolidayDayBrowserRun>
{
    [Theory]
    [MemberData(nameof(HolidayScenarios.Scenarios), MemberType = typeof(HolidayScenarios))]
    public void Scenario_passes_on_11_november(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(HolidayScenarios.Names, output);
}
