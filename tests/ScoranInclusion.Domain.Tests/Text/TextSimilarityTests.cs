using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Tests.Text;

public sealed class TextSimilarityTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("mairie", "mairie", 0)]
    public void Levenshtein_counts_insertions_deletions_and_substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, TextSimilarity.Levenshtein(a, b));
        Assert.Equal(expected, TextSimilarity.Levenshtein(b, a));
    }

    [Fact]
    public void Ratio_goes_from_100_for_equal_strings_to_0_for_nothing_in_common()
    {
        Assert.Equal(100, TextSimilarity.Ratio("mediatheque", "mediatheque"));
        Assert.Equal(0, TextSimilarity.Ratio("abc", "xyz"));
        Assert.Equal(100 * (1 - 3.0 / 7), TextSimilarity.Ratio("kitten", "sitting"), 6);
    }

    [Fact]
    public void Token_ratios_ignore_word_order_and_tolerate_an_added_word()
    {
        Assert.Equal(100, TextSimilarity.TokenSortRatio("mairie dole", "dole mairie"));
        Assert.Equal(100, TextSimilarity.TokenSetRatio("france services montbard", "espace france services montbard"));
        Assert.True(TextSimilarity.TokenSortRatio("france services montbard", "espace france services montbard") < 80);
        Assert.True(TextSimilarity.TokenSetRatio("mairie", "mediatheque") < 40);
    }
}
