using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Tests.Merge;

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

    [Theory]
    [InlineData("12bis, r. du Gal-de-Gaulle", "12 bis rue general gaulle")]
    [InlineData("12 B Rue du Général de Gaulle", "12 bis rue general gaulle")]
    [InlineData("Av. Jean Jaurès", "avenue jean jaures")]
    [InlineData("Bd de la Marne", "boulevard marne")]
    [InlineData("PL. ST-BÉNIGNE", "place saint benigne")]
    [InlineData("Rte de Œuilly", "route oeuilly")]
    public void Streets_are_compared_without_case_accents_punctuation_or_abbreviations(string text, string expected) =>
        Assert.Equal(expected, PlaceText.Street(text));

    [Fact]
    public void Names_drop_the_little_words_and_commune_names_keep_them()
    {
        Assert.Equal("mediatheque ile", PlaceText.Name("Médiathèque de l'Île"));
        Assert.Equal("saint martin en bresse", PlaceText.Commune("St-Martin-en-Bresse"));
    }

    [Fact]
    public void The_score_is_the_mean_of_name_street_and_distance_and_leaves_out_an_unknown_distance()
    {
        var here = new GeoPoint(47.3223, 5.0375);
        var a = new MatchScore.Side("Médiathèque Champollion", "14 rue Champollion", here, LocationPrecision.Address);

        Assert.Equal(100, MatchScore.Of(a, a, 300).Total, 6);

        var sixtyMetresAway = a with { Location = new GeoPoint(47.32284, 5.0375) };
        var score = MatchScore.Of(a, sixtyMetresAway, 300);
        Assert.Equal(60, score.DistanceMeters!.Value, 0);
        Assert.Equal(80, score.Distance!.Value, 0);
        Assert.Equal((100 + 100 + score.Distance.Value) / 3, score.Total, 6);

        var tooFar = a with { Location = new GeoPoint(47.3300, 5.0375) };
        Assert.Equal(0, MatchScore.Of(a, tooFar, 300).Distance);

        var approximate = a with { Nom = "Mediatheque Champolion", Precision = LocationPrecision.Commune };
        var withoutDistance = MatchScore.Of(a, approximate, 300);
        Assert.Null(withoutDistance.Distance);
        Assert.Equal((withoutDistance.Name + withoutDistance.Street) / 2, withoutDistance.Total, 6);
    }
}
