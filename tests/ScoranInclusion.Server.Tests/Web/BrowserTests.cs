using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>web/tests/browser.test.mjs: the citizen pages, the widget and /integrer in chromium.</summary>
public sealed class BrowserRun() : BrowserScriptRun("tests/browser.test.mjs");

[Trait("Category", "Browser")]
public sealed class BrowserTests(BrowserRun run, ITestOutputHelper output) : IClassFixture<BrowserRun>
{
    /// <summary>The scenarios of web/tests/browser.test.mjs, by name.</summary>
    private static readonly string[] s_names =
    [
        "accueil : chercher une commune par autocomplétion (Autun)",
        "filtres : un service et un jour d'ouverture",
        "fiche d'un lieu : horaires, contact, itinéraire, signalement, source",
        "page d'un lieu (/lieu/{id}) lisible sans JavaScript",
        "axe-core : accueil avec résultats et fiche ouverte",
        "ateliers : filtre des 14 prochains jours, prochain atelier dans la liste, « Prochains ateliers » dans la fiche (Chenôve)",
        "ateliers sans JavaScript : /lieux?ateliers=14 et « Prochains ateliers » de /lieu/{id}",
        "clavier seul : tabulation, code postal, Entrée, ouverture d'une fiche",
        "« Utiliser ma position » : position arrondie, jamais dans l'adresse de la page",
        "liste simple sans JavaScript (/lieux?commune=21231)",
        "/integrer : intercommunalité, aperçu et code à copier",
        "widget intégré avec les paramètres de la Cartographie nationale",
        "exemple du README collé dans une page : des lieux, et des filtres qui ne retiennent rien",
        "captures d'écran de l'accueil",
        "aucune requête ne quitte le serveur local, aucune erreur JavaScript",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
