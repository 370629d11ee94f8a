using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Formats;

public class FranceServicesFormatReaderTests
{
    private const string Header =
        "id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation";

    private const string Luzy =
        "1234,58,France services de Luzy,12 avenue Marceau,,58149,58170,Luzy,46.787368,3.96471,france-services@luzy.fr,03 86 30 02 34,09:00 - 12:00 / 13:30 - 17:00,09:00 - 12:00 / 13:30 - 17:00,09:00 - 12:00,09:00 - 12:00 / 13:30 - 17:00,09:00 - 12:00 / 13:30 - 17:00,Fermé,Accueil sur rendez-vous l'après-midi,Non,Fixe,Communauté de communes,2020-01-01";

    private static List<ImportRow> Read(string csv) => TestData.Read(ImportFormat.FranceServices, csv);

    [Fact]
    public void Maps_a_row_of_the_national_list_to_the_standard()
    {
        var row = Assert.Single(Read(Header + "\n" + Luzy + "\n"));

        var site = row.Site!;
        Assert.Equal("1234", site.Id);
        Assert.Equal(Pivot.Unknown, site.Pivot);
        Assert.Equal("France services de Luzy", site.Nom);
        Assert.Equal(("12 avenue Marceau", "58170", "58149", "Luzy"), (site.Adresse.Voie, site.Adresse.CodePostal, site.Adresse.CodeInsee, site.Adresse.Commune));
        Assert.Equal((46.787368, 3.96471), (site.Location!.Value.Latitude, site.Location.Value.Longitude));
        Assert.Equal(["france-services@luzy.fr"], site.Courriels);
        Assert.Equal("+33386300234", site.Telephone);
        Assert.Equal("Mo-Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; Th-Fr 09:00-12:00,13:30-17:00", site.Horaires);
        Assert.True(OpeningHoursParser.Parse(site.Horaires!).IsValid);
        Assert.Equal("Accueil sur rendez-vous l'après-midi", site.PresentationResume);
        Assert.Empty(site.Itinerance);
        Assert.Equal([DispositifProgrammeNational.FranceServices], site.DispositifProgrammesNationaux);
        Assert.Equal([Service.AideAuxDemarchesAdministratives], site.Services);
        Assert.Equal(FranceServicesFormatReader.SourceName, site.Source);
        Assert.Equal(TestData.Today, site.DateMaj);
        Assert.Empty(site.Typologie);
        // The phone was written the French way: one correction, on the list's column.
        Assert.Equal("telephone", Assert.Single(row.Issues).Field);
        Assert.Equal(ValidationSeverity.Correction, row.Issues[0].Severity);
        // The exact strings of the national standard.
        var values = SiteFields.Values(site);
        Assert.Equal("France Services", values[SiteFields.All.ToList().IndexOf(SiteFields.DispositifProgrammesNationaux)]);
        Assert.Equal("Aide aux démarches administratives", values[SiteFields.All.ToList().IndexOf(SiteFields.Services)]);
    }

    [Theory]
    [InlineData("9h-12h", "09:00-12:00")]
    [InlineData("9h00 à 12h00", "09:00-12:00")]
    [InlineData("09h00-12h00 et 14h00-17h00", "09:00-12:00,14:00-17:00")]
    [InlineData("de 9h à 12h et de 14h à 17h", "09:00-12:00,14:00-17:00")]
    [InlineData("08:30-12:00, 13:30-17:00", "08:30-12:00,13:30-17:00")]
    [InlineData("08:30-12:00; 13:30-17:00", "08:30-12:00,13:30-17:00")]
    [InlineData("9H00 - 12H00 / 14H00 - 17H30.", "09:00-12:00,14:00-17:30")]
    public void Reads_the_hours_people_really_write(string cell, string expected)
    {
        var cells = new Dictionary<string, string> { ["h_lundi"] = cell, ["h_mardi"] = "Fermé", ["h_mercredi"] = "" };

        var (horaires, issues) = FranceServicesFormatReader.OpeningHours(cells);

        Assert.Empty(issues);
        Assert.Equal("Mo " + expected, horaires);
        Assert.True(OpeningHoursParser.Parse(horaires!).IsValid);
    }

    [Fact]
    public void An_unreadable_hours_cell_leaves_the_hours_empty_with_a_warning_and_keeps_the_row()
    {
        var csv = Header + "\n" + Luzy.Replace("09:00 - 12:00,09:00 - 12:00 / 13:30", "Sur rendez-vous,09:00 - 12:00 / 13:30", StringComparison.Ordinal) + "\n";

        var row = Assert.Single(Read(csv));

        Assert.NotNull(row.Site);
        Assert.Null(row.Site.Horaires);
        var warning = TestData.Issue(row, "h_mercredi", ValidationSeverity.Warning);
        Assert.Equal("Sur rendez-vous", warning.Value);
        Assert.Contains("ne sont pas repris", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, row.RowNumber);
    }

    [Theory]
    [InlineData("Oui")]
    [InlineData("oui")]
    [InlineData("1")]
    [InlineData("true")]
    public void Itinerance_oui_marks_a_mobile_service(string value)
    {
        var row = Assert.Single(Read(Header + "\n" + Luzy.Replace(",Non,", $",{value},", StringComparison.Ordinal) + "\n"));

        Assert.Equal([Itinerance.Itinerant], row.Site!.Itinerance);
    }

    [Fact]
    public void Reads_semicolons_a_bom_columns_in_any_order_extra_columns_and_decimal_commas()
    {
        var columns = Header.Split(',');
        var cells = Luzy.Split(',');
        var order = Enumerable.Range(0, columns.Length).Reverse().ToList();
        var header = string.Join(';', order.Select(i => columns[i])) + ";autre";
        var line = string.Join(';', order.Select(i => cells[i] switch
        {
            "46.787368" => "46,787368",
            "3.96471" => "3,96471",
            var other => other,
        })) + ";ignorée";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(header + "\r\n" + line + "\r\n")).ToArray();

        var rows = ImportFormats.Read(ImportFormat.FranceServices, new MemoryStream(bytes), TestData.Options).ToList();

        var warning = Assert.Single(rows, r => r.IsFileIssue);
        Assert.Contains("autre", warning.Issues[0].Message, StringComparison.Ordinal);
        var row = Assert.Single(rows, r => !r.IsFileIssue);
        Assert.Equal((46.787368, 3.96471), (row.Site!.Location!.Value.Latitude, row.Site.Location.Value.Longitude));
        Assert.Equal("France services de Luzy", row.Site.Nom);
        Assert.Equal("Mo-Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; Th-Fr 09:00-12:00,13:30-17:00", row.Site.Horaires);
    }

    [Fact]
    public void Rejects_rows_with_real_errors_naming_row_and_column()
    {
        var noName = Luzy.Replace("1234,58,France services de Luzy", "5678,58,", StringComparison.Ordinal);
        var badPostcode = Luzy.Replace("1234,", "9012,", StringComparison.Ordinal).Replace(",58170,", ",5817A,", StringComparison.Ordinal);
        var badMail = Luzy.Replace("1234,", "3456,", StringComparison.Ordinal).Replace("france-services@luzy.fr", "pas un courriel", StringComparison.Ordinal);

        var rows = Read(Header + "\n" + Luzy + "\n" + noName + "\n" + badPostcode + "\n" + badMail + "\n" + Luzy + "\n");

        Assert.NotNull(rows[0].Site);
        Assert.Null(rows[1].Site);
        Assert.Equal(3, rows[1].RowNumber);
        TestData.Issue(rows[1], "lib_fs", ValidationSeverity.Error);
        Assert.Null(rows[2].Site);
        TestData.Issue(rows[2], SiteFields.CodePostal, ValidationSeverity.Error);
        // An optional value that is wrong is dropped, the row kept.
        Assert.NotNull(rows[3].Site);
        Assert.Empty(rows[3].Site!.Courriels);
        TestData.Issue(rows[3], "mail", ValidationSeverity.Error);
        // The same id_fs twice: the second is rejected, naming the first.
        Assert.Null(rows[4].Site);
        Assert.Contains("la ligne 2", TestData.Issue(rows[4], "id_fs", ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_without_the_required_columns_and_is_detected_from_its_header()
    {
        var other = Read("id,nom\na,b\n");

        Assert.True(Assert.Single(other).IsFileIssue);
        Assert.Contains("id_fs", other[0].Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(ImportFormat.FranceServices, ImportFormats.Detect(Encoding.UTF8.GetBytes(Header + "\n" + Luzy + "\n"), "fs.csv").Format);
        Assert.Equal(ImportFormat.FranceServices, ImportFormats.Parse("france-services"));
        Assert.Equal("france-services", ImportFormats.CliName(ImportFormat.FranceServices));
    }

    [Fact]
    public void A_long_comment_becomes_the_detailed_presentation()
    {
        var comment = string.Concat(Enumerable.Repeat("Accueil et accompagnement. ", 20));

        var row = Assert.Single(Read(Header + "\n" + Luzy.Replace("Accueil sur rendez-vous l'après-midi", comment.Trim(), StringComparison.Ordinal) + "\n"));

        Assert.Null(row.Site!.PresentationResume);
        Assert.Equal(comment.Trim(), row.Site.PresentationDetail);
    }
}
