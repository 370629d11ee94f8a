using System.Text;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Formats.DataInclusion;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Reports;

namespace ScoranInclusion.Import.Tests.Formats;

public class ImportFormatsTests
{
    private static ImportFormatDetection Detect(string text, string fileName = "fichier") => ImportFormats.Detect(Encoding.UTF8.GetBytes(text), fileName);

    [Theory]
    [InlineData("lmn-csv", ImportFormat.LmnCsv)]
    [InlineData("LMN-JSON", ImportFormat.LmnJson)]
    [InlineData(" data-inclusion ", ImportFormat.DataInclusion)]
    [InlineData("mednum_bfc", ImportFormat.MedNumBfc)]
    public void Parses_the_command_line_names(string name, ImportFormat expected)
    {
        Assert.Equal(expected, ImportFormats.Parse(name));
        Assert.Equal(name.Trim().ToLowerInvariant().Replace('_', '-'), ImportFormats.CliName(expected));
    }

    [Fact]
    public void Lists_the_accepted_names_when_a_name_is_unknown()
    {
        var error = Assert.Throws<ArgumentException>(() => ImportFormats.Parse("geojson"));

        Assert.Contains("lmn-csv, lmn-json, data-inclusion, mednum-bfc", error.Message, StringComparison.Ordinal);
        Assert.False(ImportFormats.TryParse(null, out _));
    }

    [Theory]
    [InlineData("lmn-oddities.csv", ImportFormat.LmnCsv)]
    [InlineData("lmn-v01.csv", ImportFormat.LmnCsv)]
    [InlineData("lmn-nested.json", ImportFormat.LmnJson)]
    [InlineData("data-inclusion-structures.json", ImportFormat.DataInclusion)]
    [InlineData("data-inclusion-services.jsonl", ImportFormat.DataInclusion)]
    public void Detects_the_test_files(string name, ImportFormat expected)
    {
        var detection = ImportFormats.Detect(TestData.PathOf(name));

        Assert.True(detection.Succeeded, detection.Explanation);
        Assert.Equal(expected, detection.Format);
    }

    [Fact]
    public void Detects_by_content_first_and_says_why()
    {
        var mednum = Detect("bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville\n", "export.csv");
        var semicolons = Detect("id;pivot;nom;commune;code_postal;adresse;date_maj\n", "lieux.csv");
        var jsonNamedCsv = Detect("[{\"id\":\"a\",\"pivot\":\"00000000000000\",\"services\":\"x\"}]", "lieux.csv");
        var flat = Detect("[{\"id\":\"a\",\"pivot\":\"00000000000000\",\"frais_a_charge\":\"Gratuit\"}]");
        var nested = Detect("{\"id\":\"a\",\"adresse\":{\"commune\":\"Dijon\"},\"localisation\":{\"latitude\":47},\"services\":[\"x\"]}\n{\"id\":\"b\"}");
        var wrapped = Detect("{\"total\": 1, \"items\": [{\"id\":\"d\",\"structure_id\":\"s\",\"thematiques\":[]}]}");
        var lieux = Detect("{\"lieux\": [{\"id\":\"a\",\"nom\":\"b\"}]}");

        Assert.Equal(ImportFormat.MedNumBfc, mednum.Format);
        Assert.Equal(ImportFormat.LmnCsv, semicolons.Format);
        Assert.Contains("« ; »", semicolons.Explanation, StringComparison.Ordinal);
        Assert.Equal(ImportFormat.LmnJson, jsonNamedCsv.Format);
        Assert.Contains("malgré l'extension .csv", jsonNamedCsv.Explanation, StringComparison.Ordinal);
        Assert.Contains("à plat", flat.Explanation, StringComparison.Ordinal);
        Assert.Equal(ImportFormat.LmnJson, nested.Format);
        Assert.Contains("imbriquée", nested.Explanation, StringComparison.Ordinal);
        Assert.Equal(ImportFormat.DataInclusion, wrapped.Format);
        Assert.Contains("services", wrapped.Explanation, StringComparison.Ordinal);
        Assert.Equal(ImportFormat.LmnJson, lieux.Format);
    }

    [Fact]
    public void Tells_a_data_inclusion_services_file_from_a_structures_file()
    {
        Assert.Equal(DataInclusionFileKind.Structures, ImportFormats.DetectDataInclusionKind(TestData.PathOf("data-inclusion-structures.json")));
        Assert.Equal(DataInclusionFileKind.Services, ImportFormats.DetectDataInclusionKind(TestData.PathOf("data-inclusion-services.jsonl")));
        Assert.Null(ImportFormats.DetectDataInclusionKind(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
    }

    [Fact]
    public void Explains_in_french_what_it_cannot_tell()
    {
        var header = Detect("nom;adresse;ville\nx;y;z\n", "liste.csv");
        var json = Detect("[{\"name\":\"x\",\"city\":\"y\"}]", "x.json");
        var excel = ImportFormats.Detect("PK\x03\x04rest"u8, "lieux.xlsx");
        var empty = Detect("  \n", "vide.csv");
        var utf16 = ImportFormats.Detect(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("[{\"id\":1}]")).ToArray(), "x.json");
        var missing = ImportFormats.Detect(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".csv"));

        Assert.All([header, json, excel, empty, utf16, missing], d => Assert.False(d.Succeeded));
        Assert.Contains("En-tête non reconnu", header.Explanation, StringComparison.Ordinal);
        Assert.Contains("--format", header.Explanation, StringComparison.Ordinal);
        Assert.Contains("name, city", json.Explanation, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", excel.Explanation, StringComparison.Ordinal);
        Assert.Contains("vide", empty.Explanation, StringComparison.Ordinal);
        Assert.Contains("UTF-16", utf16.Explanation, StringComparison.Ordinal);
        Assert.Contains("ne peut pas être lu", missing.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_50000_row_csv_lazily_in_bounded_memory_with_progress()
    {
        const int count = 50_000;
        var csv = new StringBuilder(TestData.Header).Append('\n');
        for (var i = 0; i < count; i++)
        {
            csv.Append(TestData.Row($"lieu-{i}", ("nom", $"Lieu n° {i}"))).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var counting = new CountingStream(new MemoryStream(bytes));

        // The first row comes after one buffer, not after the file.
        using (var rows = ImportFormats.Read(ImportFormat.LmnCsv, counting, TestData.Options).GetEnumerator())
        {
            Assert.True(rows.MoveNext());
            Assert.Equal("lieu-0", rows.Current.Id);
            Assert.True(counting.BytesRead < bytes.Length / 20, $"{counting.BytesRead} octets lus sur {bytes.Length} pour la première ligne");
        }

        // The whole file through the report, with no row kept by anyone.
        var progress = new ProgressLog();
        var report = new ImportReport("lieux.csv", ImportFormat.LmnCsv);
        long last = 0;
        foreach (var row in report.Track(ImportFormats.Read(ImportFormat.LmnCsv, new MemoryStream(bytes), TestData.Options with { Progress = progress })))
        {
            last = row.RowNumber;
        }

        Assert.Equal(count + 1, last);
        Assert.Equal((count, count, 0L), (report.RowsRead, report.Accepted, report.Errors + report.Warnings + report.Corrections));
        Assert.Equal(count / ImportFormats.ProgressInterval + 1, progress.Reports.Count);
        Assert.True(progress.Reports[^1].Completed);
        Assert.Equal((count, (long)bytes.Length, (long?)bytes.Length), (progress.Reports[^1].Rows, progress.Reports[^1].BytesRead, progress.Reports[^1].TotalBytes));
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.True(progress.Reports[0].Fraction < 0.1);
    }

    [Fact]
    public void Reports_progress_over_both_data_inclusion_files()
    {
        var progress = new ProgressLog();
        using var structures = TestData.Open("data-inclusion-structures.json");
        using var services = TestData.Open("data-inclusion-services.jsonl");

        var rows = ImportFormats.ReadDataInclusion(structures, services, TestData.Options with { Progress = progress }).ToList();

        var last = Assert.Single(progress.Reports);
        Assert.True(last.Completed);
        Assert.Equal(rows.Count, last.Rows);
        Assert.Equal(new FileInfo(TestData.PathOf("data-inclusion-structures.json")).Length + new FileInfo(TestData.PathOf("data-inclusion-services.jsonl")).Length, last.TotalBytes);
    }

    [Fact]
    public void Reads_each_format_through_one_entry_point()
    {
        Assert.Equal(3, TestData.ReadFile(ImportFormat.LmnCsv, "lmn-oddities.csv").Count);
        Assert.Equal(2, TestData.ReadFile(ImportFormat.LmnJson, "lmn-nested.json").Count);
        Assert.Equal(3, TestData.ReadFile(ImportFormat.DataInclusion, "data-inclusion-structures.json").Count);
        Assert.All(TestData.ReadFile(ImportFormat.LmnJson, "lmn-nested.json"), r => Assert.IsType<ImportRow>(r));
    }
}
