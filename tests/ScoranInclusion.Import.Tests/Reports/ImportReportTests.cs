using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Import.Tests.Formats;

namespace ScoranInclusion.Import.Tests.Reports;

public class ImportReportTests
{
    private static ImportReport Small()
    {
        var report = new ImportReport("report-small.csv", ImportFormat.LmnCsv);
        using var stream = TestData.Open("report-small.csv");
        foreach (var row in ImportFormats.Read(ImportFormat.LmnCsv, stream, TestData.Options))
        {
            report.Add(row);
        }

        return report;
    }

    private static string Text(ImportReport report, int maxIssueLines = 50)
    {
        var writer = new StringWriter { NewLine = "\n" };
        report.WriteText(writer, maxIssueLines);
        return writer.ToString();
    }

    private static async Task<string> JsonOf(ImportReport report)
    {
        using var stream = new MemoryStream();
        await report.WriteJsonAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Counts_rows_and_issues_as_they_stream_by()
    {
        var report = Small();

        Assert.Equal(5, report.RowsRead);
        Assert.Equal(3, report.Accepted);
        Assert.Equal(2, report.AcceptedWithCorrections);
        Assert.Equal(2, report.Rejected);
        Assert.Equal((0, 1), (report.FileErrors, report.FileWarnings));
        Assert.True(report.HasRejections);
        Assert.Equal(report.Errors + report.Warnings + report.Corrections, report.Issues.Count);
        var codePostal = Assert.Single(report.Fields, f => f.Field == SiteFields.CodePostal);
        Assert.Equal((1, 0, 0), (codePostal.Errors, codePostal.Warnings, codePostal.Corrections));
        Assert.Equal(SiteFields.Id, report.Fields[0].Field);
    }

    [Fact]
    public void Cuts_values_at_80_characters_without_breaking_an_emoji()
    {
        var report = Small();

        var value = Assert.Single(report.Issues, i => i.Field == SiteFields.Courriels).Value!;
        Assert.Equal(ImportReport.ValueLength, value.Length);
        Assert.EndsWith("…", value, StringComparison.Ordinal);

        var emoji = new ImportReport();
        emoji.Add(new ImportRow(2, 2, "a", null, [new ValidationIssue("nom", new string('a', 78) + "😀😀", "x", ValidationSeverity.Error)]));
        Assert.Equal(new string('a', 78) + "…", emoji.Issues[0].Value);
    }

    [Fact]
    public void Writes_the_summary_first_then_the_issues_grouped_by_row_in_french()
    {
        var text = Text(Small());

        Assert.StartsWith(
            "Import de « report-small.csv » (standard des lieux de médiation numérique, CSV)\n"
            + "  Lignes lues : 5\n"
            + "  Acceptées : 3, dont 2 avec corrections (valeur corrigée ou valeur invalide écartée)\n"
            + "  Rejetées : 2\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("Par champ :\n  id ", text, StringComparison.Ordinal);
        Assert.Contains("  Fichier (ligne 1) :\n    [avertissement] Colonne(s) inconnue(s) du standard, ignorée(s) : remarque.", text, StringComparison.Ordinal);
        Assert.Contains("  Ligne 4 (id « rejete-3 ») — rejetée :\n    [erreur] code_postal « 2100A » : Le code postal doit comporter 5 chiffres", text, StringComparison.Ordinal);
        Assert.Contains("  Ligne 3 (id « corrige-2 ») :\n    [correction] telephone « 03 80 48 84 14 » : ", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Fichier (ligne 1)", StringComparison.Ordinal) < text.IndexOf("Ligne 3", StringComparison.Ordinal));
        Assert.DoesNotContain("… et", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Caps_the_listing_and_points_to_the_full_report()
    {
        var report = new ImportReport();
        for (var i = 0; i < 200; i++)
        {
            report.Add(new ImportRow(i + 2, i + 2, $"id-{i}", null, [new ValidationIssue("nom", null, "Le nom du lieu est obligatoire.", ValidationSeverity.Error)]));
        }

        var text = Text(report, maxIssueLines: 10);

        Assert.Equal(10, text.Split('\n').Count(l => l.StartsWith("    [erreur]", StringComparison.Ordinal)));
        Assert.EndsWith("  … et 190 autres, voir --report\n", text, StringComparison.Ordinal);
        Assert.Contains("  Rejetées : 200\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_at_most_the_stored_issues_and_counts_the_rest()
    {
        var report = new ImportReport(maxStoredIssues: 3);
        for (var i = 0; i < 5; i++)
        {
            report.Add(new ImportRow(i + 2, i + 2, null, null, [new ValidationIssue("nom", null, "x", ValidationSeverity.Error)]));
        }

        Assert.Equal(3, report.Issues.Count);
        Assert.Equal(2, report.IssuesOmitted);
        Assert.Equal(5, report.Errors);
        Assert.EndsWith("… et 2 autres, voir --report\n", Text(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_pipelines_counters_and_names_json_rows_as_objects()
    {
        var report = new ImportReport("lieux.json", ImportFormat.LmnJson);
        report.Counters["Lieux créés"] = 12_345;
        report.Counters["Lieux inchangés"] = 3;
        report.Add(new ImportRow(4, 17, "x", null, [new ValidationIssue("nom", null, "Le nom du lieu est obligatoire.", ValidationSeverity.Error)]));

        var text = Text(report);

        Assert.Contains("  Objets lus : 1\n", text, StringComparison.Ordinal);
        Assert.Contains("  Lieux créés : 12 345\n  Lieux inchangés : 3\n", text, StringComparison.Ordinal);
        Assert.Contains("  Objet n° 4 (ligne 17, id « x ») — rejeté :", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_a_value_with_line_breaks_on_one_line()
    {
        var report = new ImportReport();
        report.Add(new ImportRow(2, 2, "a", null, [new ValidationIssue("adresse", "1 rue\nbis", "x", ValidationSeverity.Error)]));

        Assert.Contains("adresse « 1 rue⏎bis »", Text(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_json_in_its_documented_shape()
    {
        var report = Small();
        report.Counters["lieux_crees"] = 2;

        var json = await JsonOf(report);

        // On a change, the new output is left in the temporary folder to review and copy over Data/report-small.expected.json.
        var expected = (await File.ReadAllTextAsync(TestData.PathOf("report-small.expected.json"))).ReplaceLineEndings("\n").TrimEnd();
        var actual = json.ReplaceLineEndings("\n").TrimEnd();
        if (expected != actual)
        {
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "report-small.actual.json"), actual + "\n");
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Writes_json_that_parses_with_every_key_present()
    {
        var report = new ImportReport();
        report.Add(ImportRow.FileIssue(3, 7, "JSON mal formé"));

        using var document = JsonDocument.Parse(await JsonOf(report));

        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("report_version").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("source").ValueKind);
        Assert.Equal(1, root.GetProperty("totals").GetProperty("file_errors").GetInt32());
        Assert.Equal(0, root.GetProperty("totals").GetProperty("rows_read").GetInt32());
        var issue = root.GetProperty("issues")[0];
        Assert.Equal("file", issue.GetProperty("scope").GetString());
        Assert.Equal(ImportRow.FileField, issue.GetProperty("field").GetString());
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.False(issue.GetProperty("row_rejected").GetBoolean());
        Assert.Equal(0, root.GetProperty("issues_omitted").GetInt32());
    }

    [Fact]
    public void Tracks_rows_while_passing_them_on()
    {
        var report = new ImportReport();

        var rows = report.Track(TestData.Read(ImportFormat.LmnCsv, TestData.Csv(TestData.Row("a"), TestData.Row("b")))).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal((2, 2, false), (report.RowsRead, report.Accepted, report.HasRejections));
    }
}
