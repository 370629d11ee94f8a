using System.Globalization;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// web/tests/lieu.test.mjs (issue 21, items 4 to 6) with the server's clock and the browser's fixed on Monday 14 December
/// 2026, 10:00: a place near Autun books online and speaks Ukrainian, its neighbour gives only a phone number and speaks
/// Turkish; the example route seeded with the server stops at Corbigny on Tuesdays, 9:30–12:00. axe-core: no violation.
/// </summary>
public sealed class LieuBrowserRun() : BrowserScriptRun("tests/lieu.test.mjs")
{
    public const string AdminToken = "lieu-browser-admin-token-0123456789abcdef";
    public const string BookingUrl = "https://rdv.example.org/autun";

    private static readonly DateTimeOffset s_now = DateTimeOffset.Parse("2026-12-14T10:00:00+01:00", CultureInfo.InvariantCulture);

    protected override void Configure(ScoranServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Auth:AdminToken"] = AdminToken;
        factory.Clock = new FixedClock(s_now);
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var nodes = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 46.9512, longitude: 4.2988 } }, first: 2) { nodes { id nom version } } }"))
            ["nearestSites"]!["nodes"]!.AsArray();
        const string Update = "mutation($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { version } }";
        var (booking, calling) = (nodes[0]!, nodes[1]!);
        await factory.DataAsync(Update, new
        {
            id = booking["id"]!.GetValue<string>(),
            v = booking["version"]!.GetValue<int>(),
            input = new { languesParlees = new[] { "uk" }, priseRdv = BookingUrl },
        }, AdminToken);
        await factory.DataAsync(Update, new
        {
            id = calling["id"]!.GetValue<string>(),
            v = calling["version"]!.GetValue<int>(),
            input = new { languesParlees = new[] { "tr" }, priseRdv = (string?)null, telephone = "+33385000002" },
        }, AdminToken);
        return new Dictionary<string, string>
        {
            ["LI_NOW"] = s_now.ToString("O", CultureInfo.InvariantCulture),
            ["LI_RDV"] = booking["id"]!.GetValue<string>(),
            ["LI_RDV_NOM"] = booking["nom"]!.GetValue<string>(),
            ["LI_RDV_URL"] = BookingUrl,
            ["LI_TEL"] = calling["id"]!.GetValue<string>(),
            ["LI_TEL_NOM"] = calling["nom"]!.GetValue<string>(),
            ["LI_TEL_NUMERO"] = "03 85 00 00 02",
            ["LI_BUS"] = "Exemple — Bus numérique du Morvan passe à Corbigny mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville",
        };
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

public static class LieuScenarios
{
    /// <summary>The scenarios of web/tests/lieu.test.mjs.</summary>
    public static readonly string[] Names =
    [
        "langues : le filtre du widget (lire-url langues=uk) et les langues d'un lieu",
        "rendez-vous : la fiche du widget commence par « Prendre rendez-vous », sinon « Appeler » ; pleine largeur sur téléphone",
        "bus : les prochains arrêts près de la commune cherchée, dans la liste et sur la carte",
    ];

    public static TheoryData<string> Scenarios => new(Names);
}

[Trait("Category", "Browser")]
public sealed class LieuBrowserTests(LieuBrowserRun run, ITestOutputHelper output) : IClassFixture<LieuBrowserRun>
{
    [Theory]
    [MemberData(nameof(LieuScenarios.Scenarios), MemberType = typeof(LieuScenarios))]
    public void Scenario_passes(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(LieuScenarios.Names, output);
}
