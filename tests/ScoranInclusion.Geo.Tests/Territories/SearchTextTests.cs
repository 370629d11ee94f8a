using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Geo.Tests.Territories;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Chalon-sur-Saône", "chalon sur saone")]
    [InlineData("L'Isle-sur-le-Doubs", "l isle sur le doubs")]
    [InlineData("L’Isle  sur -- le Doubs ", "l isle sur le doubs")]
    [InlineData("Saint-Jean-de-Bœuf", "saint jean de boeuf")]
    [InlineData("St-Jean-de-Boeuf", "saint jean de boeuf")]
    [InlineData("STE HÉLÈNE", "sainte helene")]
    [InlineData("Stigny", "stigny")]
    [InlineData("Læ", "lae")]
    [InlineData("", "")]
    [InlineData(" - ", "")]
    public void Normalizes_accents_case_punctuation_and_abbreviations(string text, string expected)
    {
        Assert.Equal(expected, SearchText.Normalize(text));
    }

    [Theory]
    [InlineData("st", new[] { "saint", "st" })]
    [InlineData("saint st", new[] { "saint saint", "saint st" })]
    [InlineData("st ", new[] { "saint" })]
    [InlineData("st-jean", new[] { "saint jean" })]
    [InlineData("Dijon", new[] { "dijon" })]
    [InlineData("  ", new string[0])]
    public void Query_forms_keep_a_trailing_abbreviation_open(string text, string[] expected)
    {
        Assert.Equal(expected, SearchText.QueryForms(text));
    }
}
