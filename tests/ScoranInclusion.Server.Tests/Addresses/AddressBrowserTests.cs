using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Addresses;

/// <summary>
/// web/tests/adresse.test.mjs: the search by address in chromium, over a server whose address index holds the fixture
/// (geodata/adresses-lieux-bfc.csv, loaded at first start by Storage:SeedExampleAddresses, as `dotnet run` does).
/// </summary>
public sealed class AddressBrowserRun() : BrowserScriptRun("tests/adresse.test.mjs")
{
    protected override void Configure(ScoranServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Storage:SeedExampleAddresses"] = "true";
    }
}

[Trait("Category", "Browser")]
public sealed class AddressBrowserTests(AddressBrowserRun run, ITestOutputHelper output) : IClassFixture<AddressBrowserRun>
{
    private static readonly string[] s_names =
    [
        "clavier seul : une adresse tapée vite, choisie, les lieux triés par distance depuis elle",
        "sans index des adresses (ADDRESS_INDEX_EMPTY) : les communes, comme avant, sans message",
        "téléphone (375 px) : la liste d'abord, la carte derrière « Voir sur la carte », le focus sur le titre des résultats",
        "sans JavaScript : /lieux cherche une adresse par le formulaire (POST), l'adresse dans aucune URL",
        "/lieux avec JavaScript : la même case propose les adresses ; une adresse est envoyée par le formulaire, une commune ouvre sa page",
        "aucune requête ne quitte 127.0.0.1, aucune URL ne porte une adresse, aucune erreur JavaScript",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
