using System.IO.Compression;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Import.Tests.MedNumBfc;

namespace ScoranInclusion.Import.Tests.Formats;

/// <summary>
/// One damaged cell rejects its row, never the file: <c>Data/lmn-damaged-70.csv</c> is a
/// real-looking export of 70 places in which 35 rows are damaged (a NUL byte in a name, other
/// control characters in 20 different fields, bad required values, a wrong cell count, a
/// repeated id). Binary files and UTF-16 without its byte order mark are still refused whole.
/// </summary>
public class DamagedFileTests
{
    private const string DamagedFile = "lmn-damaged-70.csv";

    /// <summary>The spreadsheet row of each damaged row of <see cref="DamagedFile"/>, and the field its report must name.</summary>
    public static readonly IReadOnlyDictionary<int, string> DamagedRows = new Dictionary<int, string>
    {
        [3] = SiteFields.Nom, // « Médiathèque\0 de Dijon »: the audit's case
        [5] = SiteFields.PresentationResume, // NUL in an optional field
        [7] = SiteFields.Id, // NUL in the id
        [9] = SiteFields.Adresse, // ESC (a terminal colour code)
        [11] = SiteFields.Horaires, // BEL
        [13] = SiteFields.Commune, // VT
        [15] = SiteFields.Nom, // DEL
        [17] = SiteFields.PresentationResume, // C1 U+0085
        [19] = SiteFields.Courriels, // SUB
        [21] = SiteFields.SiteWeb, // FF
        [23] = SiteFields.Telephone, // BS
        [25] = SiteFields.CodePostal, // U+0001
        [27] = SiteFields.DateMaj, // NUL in a date
        [29] = SiteFields.Source, // U+001F
        [31] = SiteFields.ComplementAdresse, // U+001E
        [33] = SiteFields.CodePostal, // 2100A
        [35] = SiteFields.DateMaj, // 31/02/2024
        [37] = SiteFields.DateMaj, // 2099-05-01, in the future
        [39] = SiteFields.Nom, // empty
        [41] = SiteFields.Adresse, // empty
        [43] = SiteFields.Commune, // empty
        [45] = SiteFields.Pivot, // 12345
        [47] = SiteFields.Id, // empty
        [49] = ImportRow.RowField, // one cell too many
        [51] = ImportRow.RowField, // one cell missing
        [53] = SiteFields.Id, // the id of row 2 again
        [55] = SiteFields.CodePostal, // ABCDE
        [57] = SiteFields.DateMaj, // « hier »
        [59] = SiteFields.Services, // NUL in one value of a list
        [61] = SiteFields.Latitude, // ESC in a number
        [63] = SiteFields.FraisACharge, // U+0004
        [65] = SiteFields.Nom, // NUL after a line break in a quoted cell
        [67] = SiteFields.ModalitesAccompagnement, // U+0002
        [69] = SiteFields.StructureParente, // U+0003
        [71] = SiteFields.DateMaj, // 2024-13-45
    };

    [Fact]
    public void A_nul_byte_in_one_cell_does_not_refuse_the_file()
    {
        var detection = ImportFormats.Detect(TestData.PathOf(DamagedFile));

        Assert.True(detection.Succeeded, detection.Explanation);
        Assert.Equal(ImportFormat.LmnCsv, detection.Format);
        Assert.Null(ImportFormats.WhyNotText(TestData.PathOf(DamagedFile)));
    }

    [Fact]
    public void Imports_every_valid_row_of_the_damaged_file_and_reports_every_damaged_row_with_its_field()
    {
        var rows = TestData.ReadFile(ImportFormat.LmnCsv, DamagedFile);

        Assert.Equal(70, rows.Count);
        Assert.DoesNotContain(rows, r => r.IsFileIssue);
        Assert.Equal(Enumerable.Range(2, 70), rows.Select(r => r.RowNumber));
        foreach (var row in rows)
        {
            if (DamagedRows.TryGetValue(row.RowNumber, out var field))
            {
                Assert.True(row.IsRejected, $"row {row.RowNumber} should be rejected");
                Assert.Contains(row.Issues, i => i.Field == field && i.Severity == ValidationSeverity.Error);
            }
            else
            {
                Assert.False(row.IsRejected, $"row {row.RowNumber} should be kept: {string.Join(" / ", row.Issues.Select(i => i.Message))}");
                Assert.Equal(row.Id, $"bfc-lieu-{row.RowNumber - 2:000}");
                Assert.DoesNotContain(row.Issues, i => i.Severity == ValidationSeverity.Error && i.Field != SiteFields.Telephone);
            }
        }

        // The audit's row: the NUL named, its position given, the value shown with the NUL visible.
        var nul = TestData.Issue(rows[1], SiteFields.Nom, ValidationSeverity.Error);
        Assert.Contains("U+0000 (NUL) (caractère 12)", nul.Message, StringComparison.Ordinal);
        Assert.Equal("Médiathèque\u2400 de Dijon", nul.Value);
        Assert.Contains("U+0085", TestData.Issue(rows[15], SiteFields.PresentationResume, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Contains("U+0085", TestData.Issue(rows[15], SiteFields.PresentationResume, ValidationSeverity.Error).Message, StringComparison.Ordinal);

        // Tab and line break inside a quoted cell are the format's own: kept.
        Assert.Equal("Ateliers pour les seniors\tle jeudi\net le samedi.", rows[2].Site!.PresentationResume);

        // A byte that is not UTF-8 (a Latin-1 « é ») leaves its row in, with a warning on its field.
        var latin1 = TestData.Issue(rows[6], SiteFields.PresentationResume, ValidationSeverity.Warning);
        Assert.Contains("UTF-8", latin1.Message, StringComparison.Ordinal);
        Assert.Equal("Accompagnement aux usages du num\uFFFDrique, sur rendez-vous.", rows[6].Site!.PresentationResume);

        // A bad optional value is dropped, the row kept.
        Assert.Null(rows[4].Site!.Telephone);
        TestData.Issue(rows[4], SiteFields.Telephone, ValidationSeverity.Error);
    }

    [Fact]
    public void The_report_counts_35_kept_and_35_rejected_and_names_each_rejected_row_and_field()
    {
        var report = new ImportReport(DamagedFile, ImportFormat.LmnCsv);
        using (var stream = TestData.Open(DamagedFile))
        {
            foreach (var _ in report.Track(ImportFormats.Read(ImportFormat.LmnCsv, stream, TestData.Options)))
            {
            }
        }

        using var text = new StringWriter();
        report.WriteText(text, maxIssueLines: 1000);
        var printed = text.ToString();

        Assert.Equal(70, report.RowsRead);
        Assert.Equal(35, report.Rejected);
        Assert.Equal(35, report.Accepted);
        foreach (var (row, field) in DamagedRows)
        {
            Assert.Contains(report.Issues, i => i.Row == row && i.Field == field && i.RowRejected);
            Assert.Contains($"Ligne {row} ", printed, StringComparison.Ordinal);
        }

        // No control character reaches the console: they are shown as symbols.
        Assert.DoesNotContain(printed, c => c is '\0' or '\u001B' or '\u0007');
    }

    [Fact]
    public void Refuses_utf16_without_byte_order_mark_and_binary_files_as_a_whole()
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(TestData.PathOf("lmn-oddities.csv")));
        var littleEndian = Encoding.Unicode.GetBytes(text);
        var bigEndian = Encoding.BigEndianUnicode.GetBytes(text);
        var gzip = Gzip(File.ReadAllBytes(TestData.PathOf(DamagedFile)));
        var png = Png();
        var random = new byte[20_000];
        new Random(17).NextBytes(random);
        var executable = new byte[4_096];
        for (var i = 0; i < executable.Length; i += 16)
        {
            executable[i] = 0x48;
        }

        Assert.Contains("UTF-16 (petit-boutiste) sans marque", Refusal(littleEndian, "lieux.csv"), StringComparison.Ordinal);
        Assert.Contains("UTF-16 (gros-boutiste) sans marque", Refusal(bigEndian, "lieux.csv"), StringComparison.Ordinal);
        Assert.Contains("gzip", Refusal(gzip, "lieux.csv"), StringComparison.Ordinal);
        Assert.Contains("image PNG", Refusal(png, "lieux.csv"), StringComparison.Ordinal);
        Assert.Contains("n'est pas du texte", Refusal(random, "lieux.csv"), StringComparison.Ordinal);
        Assert.Contains("n'est pas du texte", Refusal(executable, "lieux.json"), StringComparison.Ordinal);

        // With its byte order mark, UTF-16 CSV is read.
        var withBom = Encoding.Unicode.GetPreamble().Concat(littleEndian).ToArray();
        Assert.Null(ImportFormats.WhyNotText(withBom));
        Assert.Equal(ImportFormat.LmnCsv, ImportFormats.Detect(withBom, "lieux.csv").Format);

        static string Refusal(byte[] bytes, string name)
        {
            var detection = ImportFormats.Detect(bytes, name);
            Assert.False(detection.Succeeded);
            Assert.Equal(detection.Explanation, ImportFormats.WhyNotText(bytes));
            return detection.Explanation;
        }
    }

    [Fact]
    public void A_text_file_with_a_few_control_characters_per_row_is_still_text()
    {
        // Every one of 200 rows damaged by a control character: under 1 % of the bytes.
        var csv = TestData.Csv([.. Enumerable.Range(0, 200).Select(i => TestData.Row($"l{i}", (SiteFields.Nom, $"Lieu\u001B{i}")))]);
        var bytes = Encoding.UTF8.GetBytes(csv);

        Assert.Null(ImportFormats.WhyNotText(bytes));
        var rows = TestData.Read(ImportFormat.LmnCsv, csv);
        Assert.All(rows, r => Assert.Contains("U+001B (ESC)", TestData.Issue(r, SiteFields.Nom, ValidationSeverity.Error).Message, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(r.IsRejected));
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\u0001')]
    [InlineData('\u001B')]
    [InlineData('\u007F')]
    [InlineData('\u0080')]
    [InlineData('\u009F')]
    public void A_control_character_in_any_field_rejects_its_row_in_the_lmn_csv(char control)
    {
        var rows = TestData.Read(ImportFormat.LmnCsv, TestData.Csv(
            TestData.Row("a"),
            TestData.Row("b", (SiteFields.FicheAccesLibre, $"https://acceslibre.beta.gouv.fr/{control}x")),
            TestData.Row("c", (SiteFields.Nom, $"Média{control}thèque")),
            TestData.Row("d")));

        Assert.Equal([false, true, true, false], rows.Select(r => r.IsRejected));
        TestData.Issue(rows[1], SiteFields.FicheAccesLibre, ValidationSeverity.Error);
        TestData.Issue(rows[2], SiteFields.Nom, ValidationSeverity.Error);
        Assert.Equal("b", rows[1].Id);
    }

    [Fact]
    public void A_control_character_rejects_its_object_in_lmn_json_and_data_inclusion()
    {
        var lmn = TestData.Read(ImportFormat.LmnJson, """
            [
              {"id": "a", "pivot": "00000000000000", "nom": "Médiathèque", "commune": "Dijon", "code_postal": "21000", "adresse": "1 place de la Mairie", "date_maj": "2024-04-02", "services": ["Accès internet et matériel informatique"]},
              {"id": "b", "pivot": "00000000000000", "nom": "Média\u0000thèque", "commune": "Dijon", "code_postal": "21000", "adresse": "1 place de la Mairie", "date_maj": "2024-04-02"},
              {"id": "c", "pivot": "00000000000000", "nom": "Médiathèque", "commune": "Dijon", "code_postal": "21000", "adresse": "1 place de la Mairie", "date_maj": "2024-04-02", "services": ["Accès internet et matériel informatique", "x\u001b"]},
              {"id": "d", "pivot": "00000000000000", "nom": "Médiathèque", "commune": "Dijon", "code_postal": "21000", "adresse": "1 place de la Mairie", "date_maj": "2024-04-02"}
            ]
            """);
        var dataInclusion = TestData.Read(ImportFormat.DataInclusion, """
            [
              {"id": "s1", "nom": "Espace numérique", "commune": "Dijon", "code_postal": "21000", "adresse": "2 rue Jean Jaurès", "date_maj": "2024-04-02", "siret": null},
              {"id": "s2", "nom": "Espace numérique", "commune": "Dijon", "code_postal": "21000", "adresse": "2 rue Jean Jaurès", "date_maj": "2024-04-02", "description": "Ateliers\u0007 du lundi"}
            ]
            """);

        Assert.Equal([false, true, true, false], lmn.Select(r => r.IsRejected));
        TestData.Issue(lmn[1], SiteFields.Nom, ValidationSeverity.Error);
        TestData.Issue(lmn[2], SiteFields.Services, ValidationSeverity.Error);
        Assert.Equal([false, true], dataInclusion.Select(r => r.IsRejected));
        Assert.Contains("U+0007 (BEL)", dataInclusion[1].Issues.Single(i => i.Severity == ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_control_byte_inside_a_json_string_rejects_its_object_and_the_objects_after_it_are_read()
    {
        static string Place(string id, string nom) =>
            $$"""{"id": "{{id}}", "pivot": "00000000000000", "nom": "{{nom}}", "commune": "Dijon", "code_postal": "21000", "adresse": "1 place de la Mairie", "date_maj": "2024-04-02"}""";
        var json = "[\n" + string.Join(",\n",
            Place("a", "Médiathèque"),
            Place("b", "Média\0thèque"),
            Place("c", "Espace \u001B[31mrouge"),
            Place("d", "Antislash \\\u0001 collé"),
            Place("e", "Médiathèque")) + "\n]\n";
        var structures = "[\n{\"id\": \"s1\", \"nom\": \"Espace\u0002 numérique\", \"commune\": \"Dijon\", \"code_postal\": \"21000\", \"adresse\": \"2 rue Jean Jaurès\", \"date_maj\": \"2024-04-02\"},\n"
            + "{\"id\": \"s2\", \"nom\": \"Espace numérique\", \"commune\": \"Dijon\", \"code_postal\": \"21000\", \"adresse\": \"2 rue Jean Jaurès\", \"date_maj\": \"2024-04-02\"}\n]";

        var lmn = TestData.Read(ImportFormat.LmnJson, json);
        var dataInclusion = TestData.Read(ImportFormat.DataInclusion, structures);

        Assert.DoesNotContain(lmn, r => r.IsFileIssue);
        Assert.Equal(["a", null, null, null, "e"], lmn.Select(r => r.Site?.Id));
        Assert.Contains("U+0000 (NUL)", TestData.Issue(lmn[1], SiteFields.Nom, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Contains("U+001B (ESC)", TestData.Issue(lmn[2], SiteFields.Nom, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Contains("U+0001", TestData.Issue(lmn[3], SiteFields.Nom, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Equal([3, 4, 5, 6], lmn.Skip(1).Select(r => r.LineNumber));
        Assert.Equal([true, false], dataInclusion.Select(r => r.IsRejected));
        Assert.Null(ImportFormats.WhyNotText(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ImportFormat.LmnJson, ImportFormats.Detect(Encoding.UTF8.GetBytes(json), "lieux.json").Format);
    }

    [Fact]
    public void A_control_character_rejects_its_row_in_the_mednum_bfc_export_naming_the_export_s_column()
    {
        const string header = "bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp,lundi matin,lundi après-midi,mardi matin,mardi après-midi,mercredi matin,mercredi après-midi,jeudi matin,jeudi après-midi,vendredi matin,vendredi après-midi,samedi matin,samedi après-midi,dimanche matin,dimanche après-midi";
        const string row = "mednumBFC_TL_3_,18/05/2020,4.491110,47.130870,3 rue de la Gare,21230,ARNAY LE DUC,21,Espace numérique d'Arnay-le-Duc,https://csarnayleduc.fr,accueil@csarnayleduc.fr,03 80 90 17 55,I,APTIC-MSAP-MFS,A-L-RDV-G,-,18h30-20h,10h-11h30,15h30-18h30,-,15h30-17h30,9h30-11h30,-,-,15h30-18h30,-,14h30-15h30,,";
        var damaged = row.Replace("mednumBFC_TL_3_", "autre", StringComparison.Ordinal).Replace("9h30-11h30", "9h30\u0000-11h30", StringComparison.Ordinal);
        var options = TestData.Options with { Communes = FakeCommuneLocator.Bfc() };

        var rows = TestData.Read(ImportFormat.MedNumBfc, header + "\n" + row + "\n" + damaged + "\n", options);

        Assert.False(rows[0].IsRejected);
        Assert.True(rows[1].IsRejected);
        Assert.Equal("autre", rows[1].Id);
        Assert.Contains("U+0000", TestData.Issue(rows[1], "jeudi matin", ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>A PNG's signature and IHDR chunk, then compressed-looking bytes.</summary>
    private static byte[] Png()
    {
        var bytes = new byte[2_000];
        new Random(3).NextBytes(bytes);
        byte[] head = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        head.CopyTo(bytes, 0);
        return bytes;
    }
}
