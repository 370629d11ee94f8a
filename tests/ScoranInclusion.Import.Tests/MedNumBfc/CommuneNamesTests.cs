using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Import.Tests.MedNumBfc;

public class CommuneNamesTests
{
    [Theory]
    [InlineData("ARNAY LE DUC", "Arnay-le-Duc")]
    [InlineData("ST LOUP SUR SEMOUSE", "Saint-Loup-sur-Semouse")]
    [InlineData("STE CROIX EN BRESSE", "Sainte-Croix-en-Bresse")]
    [InlineData("NEVERS CEDEX", "Nevers")]
    [InlineData("VESOUL CEDEX 9", "Vesoul")]
    [InlineData("ChÂTEAU-CHINON (VILLE)", "Château-Chinon (Ville)")]
    [InlineData("SAINT BENIN D AZY", "Saint-Benin-d'Azy")]
    [InlineData("CHARNAY LES MACON", "Charnay-lès-Mâcon")]
    public void Same_name_ignores_case_accents_punctuation_saint_and_cedex(string written, string official)
    {
        Assert.True(CommuneNames.SameName(written, official));
    }

    [Theory]
    [InlineData("LOUHANS", "Louhans-Châteaurenaud")]
    [InlineData("COSNE-SUR-LOIRE", "Cosne-Cours-sur-Loire")]
    [InlineData("SANCEY-LE-GRAND", "Sancey")]
    [InlineData("NUIT-SAINT-GEORGES", "Nuits-Saint-Georges")]
    [InlineData("BLETTRANS", "Bletterans")]
    [InlineData("MONTIGNY-PRES-LOUHANS", "Montagny-près-Louhans")]
    public void Close_names_are_a_word_more_or_a_typo(string written, string official)
    {
        Assert.False(CommuneNames.SameName(written, official));
        Assert.True(CommuneNames.CloseNames(written, official));
    }

    [Theory]
    [InlineData("MACON", "Charnay-lès-Mâcon")]
    [InlineData("AUTUN", "Avallon")]
    [InlineData("DOLE", "Dale")]
    [InlineData("SAINT MARCEL", "Saint-Désert")]
    public void Different_towns_are_not_close(string written, string official)
    {
        Assert.False(CommuneNames.CloseNames(written, official));
    }

    [Fact]
    public void Index_finds_by_postal_code_former_name_and_cedex()
    {
        var index = FakeCommuneLocator.Bfc().Index;

        Assert.Equal("39300", Assert.Single(index.FindByAddress("39003", "LONS LE SAUNIER")).Commune.CodeInsee);
        Assert.Equal(CommuneMatchKind.NomHorsCodePostal, index.FindByAddress("39003", "LONS LE SAUNIER")[0].Kind);

        var morez = Assert.Single(index.FindByAddress("39400", "MOREZ"));
        Assert.Equal(("39368", CommuneMatchKind.AncienNom), (morez.Commune.CodeInsee, morez.Kind));

        var louhans = Assert.Single(index.FindByAddress("71500", "LOUHANS"));
        Assert.Equal(("71263", CommuneMatchKind.NomApproche), (louhans.Commune.CodeInsee, louhans.Kind));

        Assert.Equal(2, index.FindByAddress("58120", "CHATEAU CHINON").Count);
        Assert.Empty(index.FindByAddress("71000", "VILLE INCONNUE"));
    }

    [Fact]
    public void Index_does_not_guess_close_names_outside_the_postal_code()
    {
        var index = FakeCommuneLocator.Bfc().Index;

        Assert.Empty(index.FindByAddress("39999", "LONS"));
    }

    [Fact]
    public void Commune_records_keep_their_representative_point()
    {
        var dijon = FakeCommuneLocator.Bfc().Index.FindByInsee("21231")!;

        Assert.Equal(new GeoPoint(47.32, 5.03), dijon.Location);
    }
}
