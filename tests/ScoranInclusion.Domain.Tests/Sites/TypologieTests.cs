using System.Text.RegularExpressions;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class TypologieTests
{
    [Theory]
    [InlineData("ACI", Typologie.Aci)]
    [InlineData("ASSO", Typologie.Asso)]
    [InlineData("BIB", Typologie.Bib)]
    [InlineData("CAF", Typologie.Caf)]
    [InlineData("CCAS", Typologie.Ccas)]
    [InlineData("CD", Typologie.Cd)]
    [InlineData("CIAS", Typologie.Cias)]
    [InlineData("CS", Typologie.Cs)]
    [InlineData("CSC", Typologie.Csc)]
    [InlineData("EPCI", Typologie.Epci)]
    [InlineData("EPN", Typologie.Epn)]
    [InlineData("ESAT", Typologie.Esat)]
    [InlineData("FABLAB", Typologie.Fablab)]
    [InlineData("FABRIQUE", Typologie.Fabrique)]
    [InlineData("FT", Typologie.Ft)]
    [InlineData("LA_POSTE", Typologie.LaPoste)]
    [InlineData("MDH", Typologie.Mdh)]
    [InlineData("MDS", Typologie.Mds)]
    [InlineData("MJC", Typologie.Mjc)]
    [InlineData("ML", Typologie.Ml)]
    [InlineData("MQ", Typologie.Mq)]
    [InlineData("MSAP", Typologie.Msap)]
    [InlineData("MUNI", Typologie.Muni)]
    [InlineData("PIJ_BIJ", Typologie.PijBij)]
    [InlineData("PIMMS", Typologie.Pimms)]
    [InlineData("RELAIS_LECTURE", Typologie.RelaisLecture)]
    [InlineData("RESSOURCERIE", Typologie.Ressourcerie)]
    [InlineData("TIERS_LIEUX", Typologie.TiersLieux)]
    [InlineData("UDAF", Typologie.Udaf)]
    [InlineData("Autre", Typologie.Autre)]
    public void Codes_of_the_standard_parse_exactly(string code, Typologie expected)
    {
        Assert.True(Vocabularies.Typologies.TryParseExact(code, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(code, Vocabularies.Typologies.Label(expected));
    }

    [Fact]
    public void Codes_are_upper_snake_case_except_autre()
    {
        var codes = Vocabularies.Typologies.Labels.Where(l => l != "Autre").ToList();
        Assert.Equal(91, codes.Count);
        Assert.All(codes, c => Assert.Matches(new Regex("^[A-Z0-9]+(_[A-Z0-9]+)*$"), c));
    }

    [Fact]
    public void Every_code_has_a_french_label_that_parses_back_to_it()
    {
        Assert.Equal(92, TypologieLabels.All.Count);
        foreach (var typologie in Enum.GetValues<Typologie>())
        {
            var libelle = TypologieLabels.Libelle(typologie);
            Assert.False(string.IsNullOrWhiteSpace(libelle));
            Assert.True(Vocabularies.Typologies.TryParseLenient(libelle, out var parsed), libelle);
            Assert.Equal(typologie, parsed);
        }
    }

    [Theory]
    [InlineData(Typologie.Ccas, "Centres communaux d’action sociale (CCAS)")]
    [InlineData(Typologie.TiersLieux, "Tiers lieu & coworking")]
    [InlineData(Typologie.Cs, "Centre social")]
    [InlineData(Typologie.Ft, "France Travail")]
    [InlineData(Typologie.RelaisLecture, "Relais lecture")]
    public void Labels_come_from_data_inclusion(Typologie typologie, string libelle) =>
        Assert.Equal(libelle, TypologieLabels.Libelle(typologie));

    [Theory]
    [InlineData("tiers lieux", Typologie.TiersLieux)]
    [InlineData("Centre social", Typologie.Cs)]
    [InlineData("Mission locale", Typologie.Ml)]
    [InlineData("PE", Typologie.Ft)]
    [InlineData("Pôle emploi", Typologie.Ft)]
    public void Codes_and_french_names_parse_leniently(string text, Typologie expected)
    {
        Assert.True(Vocabularies.Typologies.TryParseLenient(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("ETABL_PRI")]
    [InlineData("ETABL_PUB")]
    [InlineData("ETAT")]
    [InlineData("PE")]
    public void Codes_outside_the_library_list_are_not_exact(string code) =>
        Assert.False(Vocabularies.Typologies.TryParseExact(code, out _));
}
