using System.Text.Json;
using System.Text.RegularExpressions;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Web.Languages;

namespace ScoranInclusion.Server.Tests.Languages;

/// <summary>
/// The message catalogues of web/i18n, the one source of the citizen pages and the widget: every key in every
/// language, the same placeholders, plural forms the language has, a label for every value of the standard's
/// enumerations and every public holiday, and every key the C# pages and the widget's code name exists.
/// </summary>
public sealed partial class CatalogueTests
{
    private static readonly string I18n = Path.Combine(RepoPaths.Root, "web", "i18n");

    private static readonly Dictionary<string, string[]> PluralCategories = new(StringComparer.Ordinal)
    {
        ["fr"] = ["one", "many", "other"],
        ["en"] = ["one", "other"],
        ["ar"] = ["zero", "one", "two", "few", "many", "other"],
        ["uk"] = ["one", "few", "many", "other"],
        ["tr"] = ["one", "other"],
        ["ro"] = ["one", "few", "other"],
    };

    public static TheoryData<string> Languages => new(Language.All.Select(l => l.Code));

    private static Dictionary<string, string> Read(string code) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(I18n, code + ".json")))!;

    private static string Base(string key) => key.Split('#')[0];

    [GeneratedRegex(@"\{([^}|]+)(?:\|[^}]*)?\}")]
    private static partial Regex Placeholder();

    private static SortedSet<string> Placeholders(string text, bool plural) =>
        new(Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(n => !plural || n != "n")
            // A time is written with the hour as it is (« 9 h ») or on two digits (« 09:00 »): the same value.
            .Select(n => n == "hh" ? "h" : n), StringComparer.Ordinal);

    [Fact]
    public void There_is_one_catalogue_file_a_language_and_no_other()
    {
        var files = Directory.GetFiles(I18n, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(Language.All.Select(l => l.Code).Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_of_french_is_in_the_catalogue_and_nothing_else(string code)
    {
        var french = Read("fr").Keys.Select(Base).ToHashSet(StringComparer.Ordinal);
        var keys = Read(code).Keys.Select(Base).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(french.Except(keys).Order(StringComparer.Ordinal));
        Assert.Empty(keys.Except(french).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_has_the_placeholders_of_the_french_one_and_no_empty_text(string code)
    {
        var french = Read("fr");
        var problems = new List<string>();
        foreach (var (key, text) in Read(code))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{key} : vide");
                continue;
            }

            var plural = key.Contains('#', StringComparison.Ordinal);
            // A plural form may say its number in words (« مكانان », two places): {n} is optional there, the others are not.
            var expected = plural
                ? new SortedSet<string>(french.Where(f => Base(f.Key) == Base(key)).SelectMany(f => Placeholders(f.Value, true)), StringComparer.Ordinal)
                : Placeholders(french[key], false);
            var actual = Placeholders(text, plural);
            if (!expected.SetEquals(actual))
            {
                problems.Add($"{key} : {{{string.Join(", ", actual)}}} au lieu de {{{string.Join(", ", expected)}}} — « {text} »");
            }

            if (code != "fr" && text.Contains('|', StringComparison.Ordinal) && Placeholder().Matches(text).Any(m => m.Value.Contains('|', StringComparison.Ordinal)))
            {
                problems.Add($"{key} : une règle de grammaire française ({{x|de}}, {{x|a}}) hors du catalogue français — « {text} »");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Plural_messages_have_an_other_form_and_only_the_forms_of_the_language(string code)
    {
        var messages = Read(code);
        var problems = new List<string>();
        foreach (var group in messages.Keys.Where(k => k.Contains('#', StringComparison.Ordinal)).GroupBy(Base))
        {
            var forms = group.Select(k => k.Split('#')[1]).ToList();
            if (!forms.Contains("other"))
            {
                problems.Add($"{group.Key} : pas de forme #other");
            }

            problems.AddRange(forms.Where(f => !PluralCategories[code].Contains(f)).Select(f => $"{group.Key}#{f} : forme inconnue en {code}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_fills_in_every_language_without_error(string code)
    {
        var texts = new Texts(Language.Find(code)!, chosen: false);
        var args = new (string, object?)[] { ("n", 3), ("h", 9), ("hh", "09"), ("mm", "30") }
            .Concat(Read("fr").Values.SelectMany(v => Placeholder().Matches(v)).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)
                .Where(n => n is not ("n" or "h" or "hh" or "mm")).Select(n => (n, (object?)"Autun")))
            .ToArray();
        foreach (var key in Read(code).Keys)
        {
            var filled = key.Contains('#', StringComparison.Ordinal) ? texts.P(Base(key), 3, args) : texts.H(key, args);
            Assert.DoesNotContain("{", filled, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_standard_enumerations_and_the_public_holidays_have_a_label_in_every_language(string code)
    {
        var messages = Read(code);
        var expected = new List<string>();
        void Add<T>(string group, ScoranInclusion.Domain.Vocabulary<T> vocabulary) where T : struct, Enum =>
            expected.AddRange(vocabulary.Values.Select(v => $"{group}.{EnumNames.FromLabel(vocabulary.Label(v))}"));
        Add("service", Vocabularies.Services);
        Add("public", Vocabularies.Publics);
        Add("frais", Vocabularies.Frais);
        Add("accompagnement", Vocabularies.ModalitesAccompagnement);
        Add("acces", Vocabularies.ModalitesAcces);
        Add("priseEnCharge", Vocabularies.PrisesEnCharge);
        expected.AddRange(FrenchPublicHolidays.Of(2027).Select(h => "holiday." + h.Name));
        var missing = expected.Where(k => !messages.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [GeneratedRegex(@"\bt\.(?:T|H|P|HP)\(""([a-zA-Z][\w.]*\w)""")]
    private static partial Regex CSharpKey();

    [GeneratedRegex(@"\b(?:tx|this\._tx)\.(?:t|h|p|hp)\('([a-zA-Z][\w.]*\w)'")]
    private static partial Regex JsKey();

    [Fact]
    public void Every_key_the_pages_and_the_widget_name_is_in_the_catalogues()
    {
        var french = Read("fr").Keys.Select(Base).ToHashSet(StringComparer.Ordinal);
        var named = new List<(string File, string Key)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "ScoranInclusion.Web"), "*.cs", SearchOption.AllDirectories))
        {
            named.AddRange(CSharpKey().Matches(File.ReadAllText(file)).Select(m => (Path.GetFileName(file), m.Groups[1].Value)));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "web", "src"), "*.js"))
        {
            named.AddRange(JsKey().Matches(File.ReadAllText(file)).Select(m => (Path.GetFileName(file), m.Groups[1].Value)));
        }

        Assert.True(named.Count > 150, $"{named.Count} clés trouvées dans le code : l'expression ne les reconnaît plus");
        var missing = named.Where(n => !french.Contains(n.Key)).Select(n => $"{n.File} : {n.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Clés absentes de web/i18n/fr.json :\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("fr", 0, "one")]
    [InlineData("fr", 1, "one")]
    [InlineData("fr", 2, "other")]
    [InlineData("en", 1, "one")]
    [InlineData("en", 0, "other")]
    [InlineData("ar", 0, "zero")]
    [InlineData("ar", 2, "two")]
    [InlineData("ar", 7, "few")]
    [InlineData("ar", 103, "few")]
    [InlineData("ar", 11, "many")]
    [InlineData("ar", 100, "other")]
    [InlineData("uk", 1, "one")]
    [InlineData("uk", 21, "one")]
    [InlineData("uk", 11, "many")]
    [InlineData("uk", 3, "few")]
    [InlineData("uk", 14, "many")]
    [InlineData("uk", 25, "many")]
    [InlineData("ro", 1, "one")]
    [InlineData("ro", 0, "few")]
    [InlineData("ro", 19, "few")]
    [InlineData("ro", 20, "other")]
    [InlineData("ro", 102, "few")]
    [InlineData("tr", 5, "other")]
    public void Plural_categories_are_the_ones_of_the_browser(string code, int n, string category) =>
        Assert.Equal(category, Language.Find(code)!.PluralCategory(n));

    [Fact]
    public void The_french_grammar_rules_apply_in_french_only()
    {
        var french = new Texts(Language.French, chosen: false);
        Assert.Equal("Lieux près d'Autun", french.T("list.titleNear", ("commune", "Autun")));
        Assert.Equal("Lieux près du Creusot", french.T("list.titleNear", ("commune", "Le Creusot")));
        Assert.Equal("Lieux près des Rousses", french.T("list.titleNear", ("commune", "Les Rousses")));
        Assert.Equal("Places near Le Creusot", new Texts(Language.Find("en")!, false).T("list.titleNear", ("commune", "Le Creusot")));
        Assert.Equal("3 lieux près d&#x27;Autun (71400)", french.HP("list.count", 3, ("commune", new FrenchText("Autun")), ("code", "71400")));
        // On a page in another language, the place's French name is marked so (a screen reader reads it in French).
        Assert.Equal("3 places near <span lang=\"fr\">Le Creusot</span> (71200)",
            new Texts(Language.Find("en")!, false).HP("list.count", 3, ("commune", new FrenchText("Le Creusot")), ("code", "71200")));
    }

    [Fact]
    public void A_missing_key_throws_rather_than_showing_the_key()
    {
        var texts = new Texts(Language.Find("uk")!, chosen: false);
        Assert.Throws<KeyNotFoundException>(() => texts.T("clé.inexistante"));
    }
}
