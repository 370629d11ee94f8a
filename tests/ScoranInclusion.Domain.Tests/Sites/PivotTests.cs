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

    [Theory]
    [InlineData("43493312300029")]
    [InlineData("13002526500013")]
    [InlineData("35600000000048")] // La Poste's head office, Luhn
    [InlineData("35600000000015")] // a La Poste establishment: digit sum divisible by 5, not Luhn
    public void A_real_siret_identifies_a_structure(string siret)
    {
        Assert.True(Pivot.IsStructureSiret(siret));
        Assert.Null(Pivot.StructureSiretProblem(siret));
        Assert.True(Pivot.SameStructure(siret, siret));
        Assert.True(Pivot.SameStructure(siret, " " + siret + " "));
    }

    [Theory]
    [InlineData("00000000000000", "SIRET inconnu")] // the standard's placeholder: Luhn-valid, yet nobody
    [InlineData("00000000000018", "SIRET inconnu")] // a SIREN of zeros passing Luhn
    [InlineData("43493312300028", "clé de contrôle")]
    [InlineData("35600000000016", "clé de contrôle")] // La Poste, neither rule
    [InlineData("123", "14 chiffres")]
    [InlineData("434 933 123 00029", "14 chiffres")]
    [InlineData("W212001234", "14 chiffres")]
    [InlineData("43493312300029\n", "14 chiffres")]
    [InlineData("", "14 chiffres")]
    [InlineData(null, "14 chiffres")]
    public void Anything_else_identifies_no_structure_and_says_why(string? siret, string reason)
    {
        Assert.False(Pivot.IsStructureSiret(siret));
        Assert.Contains(reason, Pivot.StructureSiretProblem(siret), StringComparison.Ordinal);
        // Even a scope stored before the rule matches no place, not even one with the same pivot.
        Assert.False(Pivot.SameStructure(siret, siret));
    }

    [Theory]
    [InlineData("43493312300029", "13002526500013")]
    [InlineData("43493312300029", "00000000000000")]
    [InlineData("43493312300029", null)]
    [InlineData("43493312300029", "")]
    public void A_structure_does_not_match_another_pivot(string scope, string? pivot) => Assert.False(Pivot.SameStructure(scope, pivot));
}
