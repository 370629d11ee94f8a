using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Tests.MedNumBfc;

namespace ScoranInclusion.Import.Tests.Formats;

public class MedNumBfcFormatReaderTests
{
    private const string Header =
        "bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp,lundi matin,lundi après-midi,mardi matin,mardi après-midi,mercredi matin,mercredi après-midi,jeudi matin,jeudi après-midi,vendredi matin,vendredi après-midi,samedi matin,samedi après-midi,dimanche matin,dimanche après-midi";

    // mednumBFC_TL_3_ of the 2022-12-30 file, verbatim.
    private const string ArnayLeDuc =
        "mednumBFC_TL_3_,18/05/2020,4.491110,47.130870,3 rue de la Gare,21230,ARNAY LE DUC,21,Espace numérique de Côte-d'Or - Centre social d'Arnay-le-Duc,https://csarnayleduc.fr,accueil@csarnayleduc.fr,03 80 90 17 55,I,APTIC-MSAP-MFS,A-L-RDV-G,-,18h30-20h,10h-11h30,15h30-18h30,-,15h30-17h30,9h30-11h30,-,-,15h30-18h30,-,14h30-15h30,,";

    private static readonly ImportReadOptions _options = TestData.Options with { Communes = FakeCommuneLocator.Bfc() };

    private static List<ImportRow> Read(string csv) => TestData.Read(ImportFormat.MedNumBfc, csv, _options);

    [Fact]
    public void Converts_then_validates_as_the_standard_does()
    {
        var row = Assert.Single(Read(Header + "\n" + ArnayLeDuc + "\n"));

        Assert.Empty(row.Issues);
        Assert.Equal("mednumBFC_TL_3_", row.Site!.Id);
        Assert.Equal("Mo 18:30-20:00; Tu 10:00-11:30,15:30-18:30; We 15:30-17:30; Th 09:30-11:30; Fr 15:30-18:30; Sa 14:30-15:30", row.Site.Horaires);
        Assert.Equal((2, 2), (row.RowNumber, row.LineNumber));
    }

    [Fact]
    public void Reports_the_conversion_and_the_standard_alike_and_rejects_a_duplicate_id()
    {
        var tooLong = ArnayLeDuc.Replace("Espace numérique de Côte-d'Or", new string('E', 10_001), StringComparison.Ordinal);

        var rows = Read(Header + "\n" + ArnayLeDuc + "\n" + ArnayLeDuc + "\n" + tooLong.Replace("mednumBFC_TL_3_", "autre", StringComparison.Ordinal) + "\n");

        Assert.Null(rows[1].Site);
        Assert.Contains("la ligne 2", TestData.Issue(rows[1], SiteFields.Id, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Null(rows[2].Site);
        TestData.Issue(rows[2], SiteFields.Nom, ValidationSeverity.Error);
    }

    [Fact]
    public void Rejects_a_row_with_a_wrong_number_of_cells_and_refuses_a_file_that_is_not_an_export()
    {
        var rows = Read(Header + "\n" + ArnayLeDuc + ",en trop\n");
        var other = Read("id,nom\na,b\n");

        Assert.Contains("30 colonnes au lieu des 29", TestData.Issue(Assert.Single(rows), ImportRow.RowField, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Equal("mednumBFC_TL_3_", rows[0].Id);
        Assert.True(Assert.Single(other).IsFileIssue);
        Assert.Contains("bfc_id", other[0].Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_the_communes_to_place_the_rows()
    {
        var error = Assert.Throws<ArgumentException>(() => ImportFormats.Read(ImportFormat.MedNumBfc, TestData.Utf8(Header), TestData.Options));

        Assert.Contains("communes", error.Message, StringComparison.Ordinal);
    }
}
