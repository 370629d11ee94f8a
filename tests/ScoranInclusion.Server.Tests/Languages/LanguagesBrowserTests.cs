using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Languages;

/// <summary>
/// web/tests/langues.test.mjs: the citizen pages and the widget in Arabic (right to left, the map not mirrored) and in
/// Ukrainian (by the browser's language), the language kept in links and forms, /integrer's language, and axe-core
/// with no violation at all in each of the six languages. The place: the nearest to Autun's centre.
/// </summary>
public sealed class LanguagesBrowserRun() : BrowserScriptRun("tests/langues.test.mjs")
{
    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var place = (await factory.DataAsync("{ nearestSites(near: { commune: \"71014\" }, first: 1) { nodes { id nom } } }"))["nearestSites"]!["nodes"]![0]!;
        return new Dictionary<string, string>
        {
            ["LG_LIEU"] = place["id"]!.GetValue<string>(),
            ["LG_NOM"] = place["nom"]!.GetValue<string>(),
        };
    }
}

public static class LanguagesScenarios
{
    public static readonly string[] Names =
    [
        "langues : /lieux, /lieu et /signaler en arabe, de droite à gauche, la langue gardée de page en page",
        "langues : la carte en arabe, la liste à droite, la carte elle-même pas inversée",
        "langues : en ukrainien par la langue du navigateur, recherche au clavier, dates en ukrainien",
        "langues : axe sans aucune violation dans chaque langue, sur chaque page citoyenne et le widget",
        "langues : /integrer ajoute la langue au code et l'aperçu la prend",
        "langues : aucune requête ne quitte le serveur local, aucune erreur JavaScript",
    ];

    public static TheoryData<string> Scenarios => new(Names);
}

[Trait("Category", "Browser")]
public sealed class LanguagesBrowserTests(LanguagesBrowserRun run, ITestOutputHelper output) : IClassFixture<LanguagesBrowserRun>
{
    [Theory]
    [MemberData(nameof(LanguagesScenarios.Scenarios), MemberType = typeof(LanguagesScenarios))]
    public void Scenario_passes(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(LanguagesScenarios.Names, output);
}
