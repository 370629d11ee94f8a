using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Tests.Merge;

/// <summary>How two sources' places are compared for the merge review: their folded texts and the score.</summary>
public sealed class PlaceTextTests
{
    [Theory]
    [InlineData("12bis, r. du Gal-de-Gaulle", "12 bis rue general gaulle")]
    [InlineData("12 B Rue du Général de Gaulle", "12 bis rue general gaulle")]
    [InlineData("Av. Jean Jaurès", "avenue jean jaures")]
    [InlineData("Bd de la Marne", "boulevard marne")]
    [InlineData("PL. ST-BÉNIGNE", "place saint benigne")]
    [InlineData("Rte de Œuilly", "route oeuilly")]
    [InlineData("3 che. des Vignes", "3 chemin vignes")]
    [InlineData("Pl. Sts-Pierre-et-Paul", "place saints pierre paul")]
    [InlineData("5 t Gde Rue", "5 ter grande rue")]
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
