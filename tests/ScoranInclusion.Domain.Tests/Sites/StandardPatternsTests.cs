using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class StandardPatternsTests
{
    [Theory]
    [InlineData("21000", true)]
    [InlineData("97400", true)]
    [InlineData("2100", false)]
    [InlineData("210000", false)]
    [InlineData("2A000", false)]
    [InlineData("21000\n", false)]
    [InlineData("٢١٠٠٠", false)] // Arabic-Indic digits, which .NET's \d would accept
    [InlineData("", false)]
    public void IsCodePostal(string value, bool expected) => Assert.Equal(expected, StandardPatterns.IsCodePostal(value));

    [Theory]
    [InlineData("21231", true)]
    [InlineData("2A004", true)]
    [InlineData("2B033", true)]
    [InlineData("97411", true)]
    [InlineData("01053", true)]
    [InlineData("20004", false)]
    [InlineData("2C004", false)]
    [InlineData("2a004", false)]
    [InlineData("02A004", false)]
    [InlineData("1234", false)]
    public void IsCodeInsee(string value, bool expected) => Assert.Equal(expected, StandardPatterns.IsCodeInsee(value));

    [Theory]
    [InlineData("21231", "21000", true)]
    [InlineData("2A004", "20000", true)]
    [InlineData("2B033", "20200", true)]
    [InlineData("97411", "97400", true)]
    [InlineData("97701", "97133", true)] // Saint-Barthélemy keeps Guadeloupe's postcode
    [InlineData("75056", "21000", false)]
    [InlineData("97411", "97100", false)]
    [InlineData("21231", "2100", false)]
    public void CodeInseeMatchesCodePostal(string insee, string postal, bool expected) =>
        Assert.Equal(expected, StandardPatterns.CodeInseeMatchesCodePostal(insee, postal));

    [Theory]
    [InlineData("+33380488414", true)]
    [InlineData("+262262123456", true)]
    [InlineData("+687123456", true)]
    [InlineData("0380488414", false)]
    [InlineData("+33 3 80 48 84 14", false)]
    [InlineData("+4412345678", false)]
    [InlineData("+3338048841412", false)]
    [InlineData("+33380488414\n", false)]
    public void IsTelephone(string value, bool expected) => Assert.Equal(expected, StandardPatterns.IsTelephone(value));

    [Theory]
    [InlineData("contact@mairie-dijon.fr", true)]
    [InlineData("prenom.nom+ateliers@sub.example.org", true)]
    [InlineData("contact@médiathèque-besançon.fr", true)]
    [InlineData("contact@", false)]
    [InlineData("@ville-dijon.fr", false)]
    [InlineData("contact@localhost", false)]
    [InlineData("con tact@ville-dijon.fr", false)]
    [InlineData("a@@ville-dijon.fr", false)]
    [InlineData("a|b@ville-dijon.fr", false)]
    [InlineData("a..b@ville-dijon.fr", false)]
    [InlineData(".a@ville-dijon.fr", false)]
    [InlineData("contact@ville-dijon.f", false)]
    [InlineData("contact@-dijon.fr", false)]
    [InlineData("contact@ville-dijon.fr;autre@ville-dijon.fr", false)]
    public void IsEmail(string value, bool expected) => Assert.Equal(expected, StandardPatterns.IsEmail(value));

    [Theory]
    [InlineData("https://www.dijon.fr/", true)]
    [InlineData("http://example.org/a?b=c#d", true)]
    [InlineData("https://m.facebook.com/laquincaillerienumerique/", true)]
    [InlineData("www.dijon.fr", false)]
    [InlineData("ftp://dijon.fr/fichier", false)]
    [InlineData("https://", false)]
    [InlineData("https://localhost/", false)]
    [InlineData("https://www.di jon.fr/", false)]
    [InlineData("mailto:contact@dijon.fr", false)]
    [InlineData("/chemin/relatif", false)]
    [InlineData("", false)]
    public void IsHttpUrl(string value, bool expected) => Assert.Equal(expected, StandardPatterns.IsHttpUrl(value));

    [Fact]
    public void Resume_length_counts_characters_not_utf16_units()
    {
        var emojis = string.Concat(Enumerable.Repeat("📱", 280));
        Assert.Equal(560, emojis.Length);
        Assert.Equal(280, StandardPatterns.Length(emojis));
        Assert.True(StandardPatterns.IsPresentationResume(emojis));
        Assert.False(StandardPatterns.IsPresentationResume(new string('a', 281)));
    }
}
