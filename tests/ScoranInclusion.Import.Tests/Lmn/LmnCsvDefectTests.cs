using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Tests.Formats;

namespace ScoranInclusion.Import.Tests.Lmn;

/// <summary>Every defect of a CSV is reported on its row and field, and the file goes on; valid oddities import intact.</summary>
public class LmnCsvDefectTests
{
    private static List<ImportRow> Read(string csv) => TestData.Read(ImportFormat.LmnCsv, csv);

    [Fact]
    public void Rejects_a_row_with_a_wrong_number_of_cells_saying_expected_and_found()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a"),
            TestData.Row("b") + ",en trop",
            TestData.Row("c")[..TestData.Row("c").LastIndexOf(',')],
            TestData.Row("d")));

        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r.Id));
        Assert.NotNull(rows[0].Site);
        Assert.NotNull(rows[3].Site);
        var extra = TestData.Issue(rows[1], ImportRow.RowField, ValidationSeverity.Error);
        Assert.Null(rows[1].Site);
        Assert.Contains("33 colonnes au lieu des 32", extra.Message, StringComparison.Ordinal);
        var missing = TestData.Issue(rows[2], ImportRow.RowField, ValidationSeverity.Error);
        Assert.Contains("31 colonnes au lieu des 32", missing.Message, StringComparison.Ordinal);
        Assert.Equal(3, rows[1].RowNumber);
    }

    [Fact]
    public void Rejects_the_row_an_unclosed_quote_swallowed_keeping_the_rows_before()
    {
        var tail = string.Concat(Enumerable.Repeat(TestData.Row("perdu") + "\n", 2_000));
        var csv = TestData.Csv(TestData.Row("a")) + TestData.Row("b") + "\"début jamais fermé\n" + tail;

        var rows = Read(csv);

        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].Site);
        Assert.Null(rows[1].Site);
        Assert.Equal("b", rows[1].Id);
        Assert.Contains("guillemet ouvert ligne 3", TestData.Issue(rows[1], ImportRow.RowField, ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_row_with_a_nul_character_naming_the_field_instead_of_stripping_it()
    {
        var row = Assert.Single(Read(TestData.Csv(TestData.Row("a", (SiteFields.Nom, "Média\0thèque\0")))));

        Assert.Null(row.Site);
        var error = TestData.Issue(row, SiteFields.Nom, ValidationSeverity.Error);
        Assert.Contains("U+0000 (NUL) (caractère 6)", error.Message, StringComparison.Ordinal);
        Assert.Equal("Média␀thèque␀", error.Value);
    }

    [Fact]
    public void Refuses_a_value_beyond_the_length_limit_and_an_id_beyond_its_own()
    {
        var atLimit = new string('a', LmnRecordParser.MaxFieldLength);
        var beyond = new string('b', LmnRecordParser.MaxFieldLength + 1);
        var longId = new string('i', LmnRecordParser.MaxIdLength + 1);

        var rows = Read(TestData.Csv(
            TestData.Row("a", (SiteFields.PresentationDetail, atLimit)),
            TestData.Row("b", (SiteFields.PresentationDetail, beyond)),
            TestData.Row(longId)));

        Assert.Equal(atLimit, rows[0].Site!.PresentationDetail);
        Assert.Empty(rows[0].Issues);

        Assert.Null(rows[1].Site!.PresentationDetail);
        var error = TestData.Issue(rows[1], SiteFields.PresentationDetail, ValidationSeverity.Error);
        Assert.Contains("dépasse 10 000 caractères", error.Message, StringComparison.Ordinal);
        Assert.True(error.Value!.Length <= 80);

        Assert.Null(rows[2].Site);
        Assert.Null(rows[2].Id);
        Assert.Contains("dépasse 200 caractères", TestData.Issue(rows[2], SiteFields.Id, ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_memory_bounded_on_a_giant_cell()
    {
        var giant = new string('x', 5_000_000);
        var row = Assert.Single(Read(TestData.Csv(TestData.Row("a", (SiteFields.PresentationDetail, giant)))));

        Assert.NotNull(row.Site);
        Assert.Null(row.Site.PresentationDetail);
        Assert.Contains("dépasse 10 000 caractères", TestData.Issue(row, SiteFields.PresentationDetail, ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_second_row_with_an_id_already_kept_naming_the_first()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a"),
            TestData.Row("b"),
            TestData.Row("a", (SiteFields.Nom, "Autre lieu")),
            TestData.Row("c", (SiteFields.DateMaj, "")),
            TestData.Row("c")));

        Assert.Equal("Médiathèque", rows[0].Site!.Nom);
        Assert.Null(rows[2].Site);
        var duplicate = TestData.Issue(rows[2], SiteFields.Id, ValidationSeverity.Error);
        Assert.Contains("la ligne 2", duplicate.Message, StringComparison.Ordinal);

        // The first "c" was rejected: the second is the only one left, kept with a warning.
        Assert.Null(rows[3].Site);
        Assert.NotNull(rows[4].Site);
        Assert.Contains("la ligne 5", TestData.Issue(rows[4], SiteFields.Id, ValidationSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drops_coordinates_out_of_range_and_keeps_the_row()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a", (SiteFields.Latitude, "147.2"), (SiteFields.Longitude, "5.04")),
            TestData.Row("b", (SiteFields.Latitude, "47.32"), (SiteFields.Longitude, "-190")),
            TestData.Row("c", (SiteFields.Latitude, "47,32"), (SiteFields.Longitude, "5,04"))));

        Assert.Null(rows[0].Site!.Location);
        Assert.Contains("-90 et 90", TestData.Issue(rows[0], SiteFields.Latitude, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Null(rows[1].Site!.Location);
        TestData.Issue(rows[1], SiteFields.Longitude, ValidationSeverity.Error);
        Assert.Equal(new GeoPoint(47.32, 5.04), rows[2].Site!.Location);
    }

    [Fact]
    public void Reports_bad_patterns_rejecting_the_row_only_for_a_required_field()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a", (SiteFields.CodePostal, "2100A")),
            TestData.Row("b", (SiteFields.CodeInsee, "2X231")),
            TestData.Row("c", (SiteFields.Pivot, "SIRET-123")),
            TestData.Row("d", (SiteFields.Courriels, "contact@mairie|pas une adresse")),
            TestData.Row("e", (SiteFields.SiteWeb, "www.mairie.fr"))));

        Assert.Null(rows[0].Site);
        Assert.Equal("2100A", TestData.Issue(rows[0], SiteFields.CodePostal, ValidationSeverity.Error).Value);
        Assert.Null(rows[1].Site!.Adresse.CodeInsee);
        TestData.Issue(rows[1], SiteFields.CodeInsee, ValidationSeverity.Error);
        Assert.Null(rows[2].Site);
        TestData.Issue(rows[2], SiteFields.Pivot, ValidationSeverity.Error);
        Assert.Empty(rows[3].Site!.Courriels);
        Assert.Equal(2, rows[3].Issues.Count(i => i.Field == SiteFields.Courriels && i.Severity == ValidationSeverity.Error));
        Assert.Empty(rows[4].Site!.SiteWeb);
    }

    [Fact]
    public void Puts_back_the_leading_zero_a_spreadsheet_dropped()
    {
        var row = Assert.Single(Read(TestData.Csv(TestData.Row("a", (SiteFields.CodePostal, "1500"), (SiteFields.CodeInsee, "1053"), (SiteFields.Commune, "Bourg-en-Bresse")))));

        Assert.Equal(("01500", "01053"), (row.Site!.Adresse.CodePostal, row.Site.Adresse.CodeInsee));
        TestData.Issue(row, SiteFields.CodePostal, ValidationSeverity.Correction);
        TestData.Issue(row, SiteFields.CodeInsee, ValidationSeverity.Correction);
    }

    [Fact]
    public void Reports_an_unknown_enumeration_value_and_a_bad_date()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a", (SiteFields.FraisACharge, "Gratuit|Prix libre")),
            TestData.Row("b", (SiteFields.DateMaj, "31/02/2024")),
            TestData.Row("c", (SiteFields.DateMaj, "2099-01-01"))));

        Assert.Equal([FraisACharge.Gratuit], rows[0].Site!.FraisACharge);
        Assert.Equal("Prix libre", TestData.Issue(rows[0], SiteFields.FraisACharge, ValidationSeverity.Error).Value);
        Assert.Null(rows[1].Site);
        Assert.Equal("31/02/2024", TestData.Issue(rows[1], SiteFields.DateMaj, ValidationSeverity.Error).Value);
        Assert.Null(rows[2].Site);
        Assert.Contains("futur", TestData.Issue(rows[2], SiteFields.DateMaj, ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drops_opening_hours_that_cannot_be_read_and_corrects_an_obvious_slip()
    {
        var rows = Read(TestData.Csv(
            TestData.Row("a", (SiteFields.Horaires, "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off")),
            TestData.Row("b", (SiteFields.Horaires, "sur rendez-vous uniquement")),
            TestData.Row("c", (SiteFields.Horaires, "lundi 9h-12h"))));

        Assert.Equal("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off", rows[0].Site!.Horaires);
        Assert.Empty(rows[0].Issues);

        Assert.NotNull(rows[1].Site);
        Assert.Null(rows[1].Site!.Horaires);
        var error = TestData.Issue(rows[1], SiteFields.Horaires, ValidationSeverity.Error);
        Assert.Equal("sur rendez-vous uniquement", error.Value);
        Assert.Contains("opening_hours", error.Message, StringComparison.Ordinal);

        Assert.Equal("Mo 09:00-12:00", rows[2].Site!.Horaires);
        Assert.Contains("Mo 09:00-12:00", TestData.Issue(rows[2], SiteFields.Horaires, ValidationSeverity.Correction).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warns_about_text_that_was_not_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(TestData.Csv(TestData.Row("a", (SiteFields.Nom, "MEDIA"))))
            .ToList();
        var at = bytes.IndexOf((byte)'M');
        bytes.InsertRange(at + 5, [0x20, 0xE9, 0x74, 0xE9]); // " été" in Latin-1

        var row = Assert.Single(ImportFormats.Read(ImportFormat.LmnCsv, new MemoryStream([.. bytes]), TestData.Options));

        Assert.Contains('\uFFFD', row.Site!.Nom);
        Assert.Contains("UTF-8", TestData.Issue(row, SiteFields.Nom, ValidationSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_utf16_with_its_byte_order_mark()
    {
        var csv = TestData.Csv(TestData.Row("a", (SiteFields.Nom, "Médiathèque 🖥️")));
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(csv)).ToArray();

        var row = Assert.Single(ImportFormats.Read(ImportFormat.LmnCsv, new MemoryStream(bytes), TestData.Options));

        Assert.Equal("Médiathèque 🖥️", row.Site!.Nom);
    }

    [Fact]
    public void Reads_a_file_a_french_spreadsheet_saved_with_semicolons()
    {
        var csv = TestData.Csv(TestData.Row("a", (SiteFields.Services, "Aide aux démarches administratives|Accès internet et matériel informatique"), (SiteFields.Nom, "Mairie, annexe")))
            .Replace(',', ';')
            .Replace("Mairie; annexe", "Mairie, annexe", StringComparison.Ordinal);

        var row = Assert.Single(Read(csv));

        Assert.Equal("Mairie, annexe", row.Site!.Nom);
        Assert.Equal(2, row.Site.Services.Count);
    }

    [Fact]
    public void Warns_once_about_unknown_and_repeated_columns()
    {
        var csv = TestData.Header + ",telephone_fixe,nom\n" + TestData.Row("a") + ",0380000000,Autre nom\n";

        var rows = Read(csv);

        Assert.Equal(3, rows.Count);
        var unknown = Assert.Single(rows[0].Issues);
        Assert.True(rows[0].IsFileIssue);
        Assert.Equal(ValidationSeverity.Warning, unknown.Severity);
        Assert.Contains("telephone_fixe", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("nom", Assert.Single(rows[1].Issues).Message, StringComparison.Ordinal);
        Assert.Equal("Médiathèque", rows[2].Site!.Nom);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public void Reports_an_empty_file(string text)
    {
        var row = Assert.Single(Read(text));

        Assert.True(row.IsFileIssue);
        Assert.Contains("vide", row.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_at_a_mednum_export_read_as_the_standard()
    {
        var row = Assert.Single(Read("bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,nom_structure\nx,,,,,,,\n"));

        Assert.True(row.IsFileIssue);
        Assert.Contains("mednum-bfc", row.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Imports_valid_oddities_intact()
    {
        var rows = TestData.ReadFile(ImportFormat.LmnCsv, "lmn-oddities.csv");

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Empty(r.Issues));
        var accents = rows[0].Site!;
        Assert.Equal("Médiathèque Françoise-Sagan — Espace numérique 🖥️✨", accents.Nom);
        Assert.Equal("Bâtiment « Œuvre », 2ᵉ étage", accents.Adresse.Complement);
        Assert.Equal("Première ligne avec des \"guillemets\",\nseconde ligne ; et une virgule, là.\r\nTroisième ligne : ça marche 👍", accents.PresentationDetail);
        Assert.Equal(["Label « Ça m'intéresse »", "Réseau, local"], accents.AutresFormationsLabels);
        Assert.Equal((2, 2), (rows[0].RowNumber, rows[0].LineNumber));
        Assert.Equal((3, 5), (rows[1].RowNumber, rows[1].LineNumber));

        var sql = rows[1].Site!;
        Assert.Equal("'; DROP TABLE sites; --", sql.Nom);
        Assert.Equal("1 rue Robert'); DROP TABLE Students;--", sql.Adresse.Voie);
        Assert.Equal("\" OR \"1\"=\"1", sql.StructureParente);

        var html = rows[2].Site!;
        Assert.Equal("<script>alert('x')</script>", html.Nom);
        Assert.Equal("<p onclick=\"alert(1)\">Texte &amp; HTML</p><img src=x onerror=alert(2)>", html.PresentationDetail);

        // And they write back to the same file.
        Assert.Equal(File.ReadAllText(TestData.PathOf("lmn-oddities.csv")), TestSites.Write([.. rows.Select(r => r.Site!)]));
    }

    [Fact]
    public void Reads_a_v01_file_with_its_old_names_labels_and_separators()
    {
        var rows = TestData.ReadFile(ImportFormat.LmnCsv, "lmn-v01.csv");

        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, r => r.IsFileIssue);
        Assert.DoesNotContain(rows.SelectMany(r => r.Issues), i => i.Severity == ValidationSeverity.Error);
        var site = rows[0].Site!;
        Assert.Equal([Typologie.TiersLieux, Typologie.Asso], site.Typologie);
        Assert.Equal("+33380488414", site.Telephone);
        Assert.Equal(["contact@laquincaillerie.tl"], site.Courriels);
        Assert.Equal(["https://www.laquincaillerie.tl/", "https://m.facebook.com/laquincaillerienumerique/"], site.SiteWeb);
        Assert.Equal(
            [Service.AideAuxDemarchesAdministratives, Service.MaitriseDesOutilsNumeriquesDuQuotidien, Service.AccesInternetEtMaterielInformatique],
            site.Services);
        Assert.Equal([PublicSpecifiquementAdresse.FamillesEtOuEnfants], site.PublicsSpecifiquementAdresses);
        Assert.Equal([PriseEnChargeSpecifique.DeficienceVisuelle], site.PriseEnChargeSpecifique);
        Assert.Equal([FraisACharge.Payant, FraisACharge.GratuitSousCondition], site.FraisACharge);
        Assert.Equal([DispositifProgrammeNational.FranceServices, DispositifProgrammeNational.PointDAccesNumeriqueCaf], site.DispositifProgrammesNationaux);
        Assert.Equal(["SudLabs", "Nièvre médiation numérique", "APTIC"], site.AutresFormationsLabels);
        Assert.Equal([ModaliteAccompagnement.EnAutonomie, ModaliteAccompagnement.AccompagnementIndividuel], site.ModalitesAccompagnement);
        Assert.Equal("https://acceslibre.beta.gouv.fr/app/21-dijon/a/mediatheque/erp/mediatheque-1/", site.FicheAccesLibre);
        var frais = TestData.Issue(rows[0], SiteFields.FraisACharge, ValidationSeverity.Correction);
        Assert.Contains("conditions_acces", frais.Message, StringComparison.Ordinal);
        Assert.Contains(rows[0].Issues, i => i.Field == SiteFields.PublicsSpecifiquementAdresses && i.Message.Contains("Adultes", StringComparison.Ordinal));

        var second = rows[1].Site!;
        Assert.Equal([FraisACharge.Gratuit], second.FraisACharge);
        Assert.Equal([PublicSpecifiquementAdresse.Jeunes, PublicSpecifiquementAdresse.Femmes], second.PublicsSpecifiquementAdresses);
        Assert.Equal([Service.MaitriseDesOutilsNumeriquesDuQuotidien], second.Services);
    }

    [Fact]
    public void Reports_an_unknown_v01_label()
    {
        var csv = "id,pivot,nom,commune,code_postal,adresse,date_maj,services,conditions_acces\n"
            + "a,00000000000000,A,Dijon,21000,1 rue,2022-06-02,Accéder à du matériel,Gratuit : pour tous;Sur devis\n";

        var row = Assert.Single(Read(csv));

        Assert.Equal([FraisACharge.Gratuit], row.Site!.FraisACharge);
        Assert.Equal("Sur devis", TestData.Issue(row, SiteFields.FraisACharge, ValidationSeverity.Error).Value);
    }
}
