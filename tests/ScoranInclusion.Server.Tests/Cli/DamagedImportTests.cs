using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>
/// The <c>import</c> verb on a real-looking file with 35 damaged rows out of 70 (one of them a
/// NUL byte in a name): the 35 others are stored, every damaged row is in the report with its
/// field, and the exit code is 1. A binary file is still refused whole, with or without --format.
/// </summary>
public sealed class DamagedImportTests : IDisposable
{
    private static readonly string s_damaged = Path.Combine(RepoPaths.Root, "tests", "ScoranInclusion.Import.Tests", "Data", "lmn-damaged-70.csv");

    // The spreadsheet rows of the damaged rows, as listed in Import.Tests' DamagedFileTests.
    private static readonly int[] s_damagedRows = [.. Enumerable.Range(1, 35).Select(i => 2 * i + 1)];

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Imports_the_35_valid_rows_reports_the_35_damaged_ones_and_exits_with_1()
    {
        var file = _cli.PathOf("lieux-bfc.csv");
        File.Copy(s_damaged, file);
        var reportPath = _cli.PathOf("rapport.json");

        var import = await _cli.RunAsync("db.sqlite", seed: false, "import", file, "--report", reportPath);
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-json");

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains("Rejetées : 35", import.Out, StringComparison.Ordinal);
        Assert.Contains("Lieux créés : 35", import.Out, StringComparison.Ordinal);
        Assert.Contains("U+0000 (NUL)", import.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', import.Out);

        using var report = JsonDocument.Parse(await File.ReadAllBytesAsync(reportPath));
        var rejected = report.RootElement.GetProperty("issues").EnumerateArray()
            .Where(i => i.GetProperty("row_rejected").GetBoolean() && i.GetProperty("severity").GetString() == "error")
            .Select(i => (Row: i.GetProperty("row").GetInt32(), Field: i.GetProperty("field").GetString()))
            .ToList();
        Assert.Equal(s_damagedRows, rejected.Select(r => r.Row).Distinct().Order());
        Assert.Contains((3, "nom"), rejected);
        Assert.Equal(0, report.RootElement.GetProperty("totals").GetProperty("file_errors").GetInt32());

        using var places = JsonDocument.Parse(export.Out);
        var ids = places.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(35, ids.Count);
        Assert.Equal(Enumerable.Range(0, 35).Select(i => $"bfc-lieu-{2 * i:000}"), ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_gzip_or_a_utf16_file_without_byte_order_mark_is_refused_whole_even_with_format(bool withFormat)
    {
        var gzip = _cli.PathOf("lieux.csv.gz");
        await using (var output = File.Create(gzip))
        await using (var compress = new GZipStream(output, CompressionLevel.Fastest))
        {
            compress.Write(await File.ReadAllBytesAsync(s_damaged));
        }

        var utf16 = _cli.PathOf("lieux-utf16.csv");
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(s_damaged));
        await File.WriteAllBytesAsync(utf16, Encoding.Unicode.GetBytes(text));
        string[] format = withFormat ? ["--format", "lmn-csv"] : [];

        var gzipped = await _cli.RunAsync("db.sqlite", seed: false, ["import", gzip, .. format]);
        var wide = await _cli.RunAsync("db.sqlite", seed: false, ["import", utf16, .. format]);

        Assert.True(gzipped.ExitCode == 2, gzipped.ToString());
        Assert.Contains("gzip", gzipped.Error, StringComparison.Ordinal);
        Assert.True(wide.ExitCode == 2, wide.ToString());
        Assert.Contains("UTF-16", wide.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Lieux créés", gzipped.Out + wide.Out, StringComparison.Ordinal);
    }
}
