using System.Text;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Import.Tests.Addresses;

/// <summary>The BAN reader: columns by name, each bad row with its row and field, the file refused only when it is not a BAN file.</summary>
public sealed class BanCsvReaderTests
{
    private static (List<BanAddress> Rows, List<BanRejection> Rejected) Read(string text)
    {
        var rows = new List<BanAddress>();
        var rejected = new List<BanRejection>();
        BanCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), rows.Add, rejected.Add);
        return (rows, rejected);
    }

    [Fact]
    public void Reads_the_columns_by_name_whatever_their_order()
    {
        var (rows, rejected) = Read("lat;lon;nom_commune;code_insee;code_postal;nom_voie;rep;numero;nom_ancienne_commune\n"
            + "46.94604;4.31071;Autun;71014;71400;Rue de l'Arquebuse;;21;\n"
            + "47.3;5.0;Dijon;21231;21000;\"Rue; entre guillemets\";bis;3;Ancienne\n");

        Assert.Empty(rejected);
        Assert.Equal(new BanAddress(21, null, "Rue de l'Arquebuse", "71400", "71014", "Autun", null, 4.31071, 46.94604), rows[0]);
        Assert.Equal("Rue; entre guillemets", rows[1].NomVoie);
        Assert.Equal("bis", rows[1].Rep);
        Assert.Equal("Ancienne", rows[1].NomAncienneCommune);
        Assert.Equal("71", rows[0].Departement);
    }

    [Theory]
    [InlineData("x;;Rue A;21000;21231;Dijon;5.0;47.3", "numero")]
    [InlineData("1;b1;Rue A;21000;21231;Dijon;5.0;47.3", "rep")]
    [InlineData("1;;;21000;21231;Dijon;5.0;47.3", "nom_voie")]
    [InlineData("1;;Rue A;2100A;21231;Dijon;5.0;47.3", "code_postal")]
    [InlineData("1;;Rue A;21000;2C231;Dijon;5.0;47.3", "code_insee")]
    [InlineData("1;;Rue A;21000;21231;;5.0;47.3", "nom_commune")]
    [InlineData("1;;Rue A;21000;21231;Dijon;500;47.3", "lon")]
    [InlineData("1;;Rue A;21000;21231;Dijon;5.0;NaN", "lat")]
    [InlineData("1;;Rue A;21000", "(ligne)")]
    public void A_bad_row_is_rejected_with_its_row_and_field(string row, string field)
    {
        var (rows, rejected) = Read("numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n1;;Rue B;21000;21231;Dijon;5.0;47.3\n" + row + "\n");

        Assert.Single(rows);
        var rejection = Assert.Single(rejected);
        Assert.Equal(3, rejection.Row);
        Assert.Equal(field, rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
    }

    [Fact]
    public void A_file_without_the_columns_is_refused_whole()
    {
        var missing = Assert.Throws<BanFileException>(() => Read("numero;nom_voie;code_postal;code_insee;nom_commune;lon\n1;Rue;21000;21231;Dijon;5\n"));
        Assert.Contains("rep, lat", missing.Message, StringComparison.Ordinal);
        Assert.Throws<BanFileException>(() => Read(""));
        Assert.Contains("Base Adresse Nationale", Assert.Throws<BanFileException>(() => Read("id,nom\n1,a\n")).Message, StringComparison.Ordinal);
    }
}
