using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class PivotTests
{
    [Theory]
    [InlineData("00000000000000", true)]
    [InlineData(" 00000000000000 ", true)]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("43493312300029", false)]
    [InlineData("W212001234", false)]
    public void IsUnknown(string? pivot, bool expected) => Assert.Equal(expected, Pivot.IsUnknown(pivot));

    [Theory]
    [InlineData("43493312300029")]
    [InlineData("W212001234")]
    [InlineData("552100554")]
    [InlineData("00000000000000")]
    [InlineData("ABCDEF123456")]
    public void Valid_pivots_match_the_schema_pattern(string pivot) => Assert.True(Pivot.IsValid(pivot));

    [Theory]
    [InlineData("434 933 123 00029")]
    [InlineData("12345678")]
    [InlineData("123456789012345")]
    [InlineData("43493312300029\n")]
    [InlineData("W21200123é")]
    [InlineData("")]
    public void Invalid_pivots_do_not_match_the_schema_pattern(string pivot) => Assert.False(Pivot.IsValid(pivot));

    [Theory]
    [InlineData("43493312300029", PivotKind.Siret)]
    [InlineData("43493312300028", PivotKind.Siret)]
    [InlineData("552100554", PivotKind.Siren)]
    [InlineData("W212001234", PivotKind.Rna)]
    [InlineData("00000000000000", PivotKind.Unknown)]
    [InlineData("", PivotKind.Unknown)]
    [InlineData("ABCDEF123456", PivotKind.Other)]
    [InlineData("w212001234", PivotKind.Other)]
    public void Kind(string pivot, PivotKind expected) => Assert.Equal(expected, Pivot.Kind(pivot));

    [Theory]
    [InlineData("43493312300029", true)]
    [InlineData("43493312300028", false)]
    [InlineData("552100554", true)]
    [InlineData("552100555", false)]
    [InlineData("35600000000048", true)] // La Poste's head office, Luhn
    [InlineData("35600000000015", true)] // a La Poste establishment: digit sum divisible by 5, not Luhn
    [InlineData("35600000000016", false)]
    [InlineData("W212001234", false)]
    public void HasValidCheckDigit(string pivot, bool expected) => Assert.Equal(expected, Pivot.HasValidCheckDigit(pivot));
}
