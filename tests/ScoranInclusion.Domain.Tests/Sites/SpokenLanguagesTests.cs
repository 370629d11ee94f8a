using System.Text.Json;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

/// <summary>The table of languages spoken at a place (web/src/langues-parlees.json) and its rules.</summary>
public sealed class SpokenLanguagesTests
{
    [Fact]
    public void The_table_is_the_widget_s_file_every_code_two_lower_case_letters_sorted_by_french_name()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "src", "langues-parlees.json")));
        var codes = file.RootElement.GetProperty("langues").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(codes, SpokenLanguages.All.Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.InRange(SpokenLanguages.All.Count, 30, 64);
        Assert.All(SpokenLanguages.All, l =>
        {
            Assert.Matches("^[a-z]{2}$", l.Code);
            Assert.False(string.IsNullOrWhiteSpace(l.Nom));
            Assert.False(string.IsNullOrWhiteSpace(l.NomNatif));
        });
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase);
        Assert.Equal(SpokenLanguages.All.Select(l => l.Nom).Order(french), SpokenLanguages.All.Select(l => l.Nom));
        // The six languages of the interface are all there.
        Assert.All(new[] { "fr", "en", "ar", "uk", "tr", "ro" }, code => Assert.NotNull(SpokenLanguages.Find(code)));
    }

    [Theory]
    [InlineData("uk", "ukrainien — українська", false, "Ukrainian")]
    [InlineData("ar", "arabe — العربية", true, "Arabic")]
    [InlineData("fr", "français", false, "French")]
    [InlineData("ro", "roumain — română", false, "Romanian")]
    public void A_language_has_its_french_and_its_own_name(string code, string label, bool rtl, string english)
    {
        var language = SpokenLanguages.Find(code)!;

        Assert.Equal(label, language.Label);
        Assert.Equal(rtl, language.RightToLeft);
        // The name in the reader's language (web/src/langues-parlees.json), French for French and for an unknown one.
        Assert.Equal(english, language.NameIn("en"));
        Assert.Equal(language.Nom, language.NameIn("fr"));
        Assert.Equal(language.Nom, language.NameIn("xx"));
    }

    [Fact]
    public void Codes_are_normalised_validated_and_stored_in_the_table_s_order()
    {
        var codes = SpokenLanguages.Normalize([" UK", "ar", "uk", "", "Tr "]);

        Assert.Equal(["uk", "ar", "tr"], codes);
        Assert.Empty(SpokenLanguages.Validate(codes));
        Assert.Equal("ar|tr|uk", SpokenLanguages.Format(codes));
        Assert.Equal(["ar", "tr", "uk"], SpokenLanguages.Parse("ar|tr|uk"));
        Assert.Null(SpokenLanguages.Format([]));
        Assert.Empty(SpokenLanguages.Parse(null));
    }

    [Fact]
    public void An_unknown_code_or_too_many_are_refused_in_french_on_the_field()
    {
        var issues = SpokenLanguages.Validate(["uk", "xx", "ukr"]);

        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(SpokenLanguages.Field, i.Field));
        Assert.Equal("xx", issues[0].Value);
        Assert.StartsWith("Langue « xx » inconnue : donnez un code ISO 639-1", issues[0].Message, StringComparison.Ordinal);
        var many = SpokenLanguages.All.Take(SpokenLanguages.MaxCount + 1).Select(l => l.Code).ToList();
        Assert.Equal("Trop de langues : 21, 20 au plus.", Assert.Single(SpokenLanguages.Validate(many)).Message);
    }
}
