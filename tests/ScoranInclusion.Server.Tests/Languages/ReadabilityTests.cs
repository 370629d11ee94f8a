using System.Text.Json;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Languages;

/// <summary>
/// Issue 21, item 8: the fixed French texts of the citizen pages and the widget (web/i18n/fr.json) read easily: a
/// Flesch–Kandel score of 60 at least for each page's texts taken together, and for each message of one sentence or
/// more (eight words and up). The standard's own labels (services, publics…) count in the pages' scores, not alone.
/// </summary>
public sealed class ReadabilityTests(ITestOutputHelper output)
{
    private const double Minimum = 60;

    private static readonly Dictionary<string, string> French =
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "i18n", "fr.json")))!;

    private static readonly string[] Standard = ["service", "public", "frais", "accompagnement", "acces", "priseEnCharge"];

    /// <summary>The catalogue's groups each page shows (the layout on all of them).</summary>
    public static readonly Dictionary<string, string[]> Pages = new(StringComparer.Ordinal)
    {
        ["/ (et la carte)"] = ["layout", "home", "search", "widget", "results", "open", "when", "fresh", "notice", "workshop", "card", "facts", "detail", "week", "distance", .. Standard],
        ["/lieux"] = ["layout", "list", "search", "card", "open", "when", "fresh", "notice", "workshop", "distance", "service", "frais"],
        ["/lieu/{id}"] = ["layout", "detail", "week", "facts", "open", "when", "fresh", "notice", "workshop", .. Standard],
        ["/lieu/{id}/signaler"] = ["layout", "report"],
    };

    public static TheoryData<string> PageNames => new(Pages.Keys);

    [Theory]
    [MemberData(nameof(PageNames))]
    public void The_french_texts_of_each_page_read_easily(string page)
    {
        var texts = French.Where(m => Pages[page].Contains(m.Key.Split('.')[0])).Select(m => m.Value).ToList();
        var score = FrenchReadability.Of(texts);
        output.WriteLine($"{page} : Flesch–Kandel {score.Value:0.0} ({score.Words} mots, {score.Sentences} phrases, {score.Syllables} syllabes, {texts.Count} textes)");
        Assert.True(texts.Count > 20, $"{page} : {texts.Count} textes seulement");
        Assert.True(score.Value >= Minimum, $"{page} : {score.Value:0.0} < {Minimum}");
    }

    [Fact]
    public void Every_french_sentence_of_the_pages_reads_easily()
    {
        var failing = new List<string>();
        var counted = 0;
        foreach (var (key, text) in French)
        {
            if (Standard.Contains(key.Split('.')[0]) || FrenchReadability.Words(text).Count < 8)
            {
                continue;
            }

            counted++;
            var score = FrenchReadability.Of([text]);
            if (score.Value < Minimum)
            {
                failing.Add($"{key} : {score.Value:0.0} — « {text} »");
            }
        }

        output.WriteLine($"{counted} phrases mesurées");
        Assert.True(counted > 40, $"{counted} phrases seulement");
        Assert.True(failing.Count == 0, string.Join('\n', failing));
    }

    [Theory]
    [InlineData("numérique", 3)]
    [InlineData("aide", 1)]
    [InlineData("lieux", 1)]
    [InlineData("téléphone", 3)]
    [InlineData("Bourgogne", 2)]
    [InlineData("ordinateur", 4)]
    [InlineData("démarches", 2)]
    [InlineData("quotidien", 3)]
    [InlineData("guide", 1)]
    [InlineData("le", 1)]
    [InlineData("administratives", 5)]
    [InlineData("souvent", 2)]
    public void Syllables_are_counted_as_spoken(string word, int syllables) =>
        Assert.Equal(syllables, FrenchReadability.Syllables(word));

    [Fact]
    public void A_plain_sentence_scores_higher_than_an_administrative_one()
    {
        var plain = FrenchReadability.Of(["Tapez le nom de votre ville. Puis cliquez sur Chercher."]);
        var heavy = FrenchReadability.Of(["L'acquisition de matériel informatique à prix solidaire nécessite une vérification préalable de votre éligibilité administrative."]);
        Assert.True(plain.Value >= 80, plain.ToString());
        Assert.True(heavy.Value < 30, heavy.ToString());
    }
}
