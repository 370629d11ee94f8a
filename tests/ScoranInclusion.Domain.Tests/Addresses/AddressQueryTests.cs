using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;

namespace ScoranInclusion.Domain.Tests.Addresses;

/// <summary>How a typed address is read, and how a street is scored against it.</summary>
public sealed class AddressQueryTests
{
    private static readonly AddressStreet Arquebuse = new(1, "Rue de l'Arquebuse", "71400", "71014", "Autun", null, new GeoPoint(46.94604, 4.31071), false);

    [Theory]
    [InlineData("21 rue de l arquebuse autun", 21, null, null, "rue arquebuse autun")]
    [InlineData("21bis, Rue de l’Arquebuse 71400 AUTUN", 21, "bis", "71400", "rue arquebuse autun")]
    [InlineData("21 b av. Saint-Jean", 21, "bis", null, "av saint jean")]
    [InlineData("12 ter bd Clémenceau", 12, "ter", null, "bd clemenceau")]
    [InlineData("rue de l'arquebuse autun 21", 21, null, null, "rue arquebuse autun")]
    [InlineData("rue de l'arquebuse 21 bis", 21, "bis", null, "rue arquebuse")]
    [InlineData("71400 arquebuse", null, null, "71400", "arquebuse")]
    [InlineData("rue du 8 mai 1945 dijon", null, null, null, "rue 8 mai 1945 dijon")]
    public void Reads_number_repetition_postal_code_and_words(string text, int? numero, string? rep, string? postalCode, string words)
    {
        var query = AddressQuery.Parse(text);

        Assert.Equal(numero, query.Numero);
        Assert.Equal(rep, query.Rep);
        Assert.Equal(postalCode, query.PostalCode);
        Assert.Equal(words, string.Join(' ', query.Words.Select(w => w.Word)));
    }

    [Theory]
    [InlineData("Gde Rue", "grande rue")]
    [InlineData("qu. Veil-Picard", "quai veil picard")]
    [InlineData("espl. Erasme", "esplanade erasme")]
    [InlineData("Lot. les Vignes", "lotissement vignes")]
    [InlineData("pl. Sts-Pierre-et-Paul", "place saints pierre paul")]
    public void The_street_types_of_the_one_table_are_written_in_full_in_the_index(string voie, string indexed) =>
        Assert.Equal(indexed, string.Join(' ', AddressWords.Indexed(voie)));

    [Fact]
    public void Abbreviations_carry_their_full_form_and_only_the_last_short_word_is_a_beginning()
    {
        var query = AddressQuery.Parse("r st jean g");

        Assert.Equal(["rue", "saint", null, null], query.Words.Select(w => w.Expansion));
        Assert.False(query.Words[0].Prefix);
        Assert.True(query.Words[1].Prefix);
        Assert.True(query.Words[^1].Prefix);
        Assert.Empty(AddressQuery.Parse("de la").Words);
    }

    [Fact]
    public void The_index_writes_abbreviations_in_full_without_small_words()
    {
        Assert.Equal("rue saint martin dijon 21000", AddressWords.SearchText("R. St-Martin", "Dijon", null, "21000"));
        Assert.Equal("avenue marechal foch chalon sur saone 71100", AddressWords.SearchText("Av Mal Foch", "Chalon-sur-Saône", null, "71100"));
    }

    [Fact]
    public void Whole_words_score_one_beginnings_less_and_a_missing_word_excludes()
    {
        Assert.Equal(1.0, AddressMatching.Score(AddressQuery.Parse("21 rue de l arquebuse autun"), Arquebuse));
        var partial = AddressMatching.Score(AddressQuery.Parse("21 rue de l arqueb"), Arquebuse)!.Value;
        Assert.InRange(partial, 0.5, 0.99);
        Assert.Null(AddressMatching.Score(AddressQuery.Parse("21 rue de l arquebuse dijon"), Arquebuse));
        Assert.Null(AddressMatching.Score(AddressQuery.Parse("rue de l arquebuse 21000"), Arquebuse));
        // A longer street name typed in part scores below the one typed whole.
        var longer = Arquebuse with { Id = 2, Voie = "Rue de l'Arquebuse Prolongée" };
        Assert.True(AddressMatching.Score(AddressQuery.Parse("rue arquebuse autun"), longer) < AddressMatching.Score(AddressQuery.Parse("rue arquebuse autun"), Arquebuse));
    }

    [Fact]
    public void The_number_asked_is_picked_with_its_repetition_and_a_missing_one_lowers_the_score()
    {
        var numbers = new[]
        {
            new AddressNumber(1, 21, null, new GeoPoint(1, 1)),
            new AddressNumber(1, 21, "bis", new GeoPoint(2, 2)),
        };
        Assert.Equal(new GeoPoint(2, 2), AddressMatching.PickNumber(AddressQuery.Parse("21 b rue arquebuse"), numbers)!.Location);
        Assert.Equal(new GeoPoint(1, 1), AddressMatching.PickNumber(AddressQuery.Parse("21 rue arquebuse"), numbers)!.Location);
        Assert.Null(AddressMatching.PickNumber(AddressQuery.Parse("22 rue arquebuse"), numbers));
        Assert.Equal(0.95, AddressMatching.WithNumber(AddressQuery.Parse("22 rue arquebuse"), 1.0, null));
        Assert.Equal(1.0, AddressMatching.WithNumber(AddressQuery.Parse("rue arquebuse"), 1.0, null));
    }
}
