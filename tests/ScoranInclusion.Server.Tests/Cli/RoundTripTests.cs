namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>
/// The round trip: export the seeded base (CSV and JSON), import the export into an
/// empty base, export again: the same bytes.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Export_import_into_an_empty_base_and_export_again_gives_identical_files()
    {
        var seededCsv = _cli.PathOf("seeded.csv");
        var seededJson = _cli.PathOf("seeded.json");
        await ExpectAsync(0, "seeded.db", seed: true, "export", "--format", "lmn-csv", "--out", seededCsv);
        await ExpectAsync(0, "seeded.db", seed: true, "export", "--format", "lmn-json", "--out", seededJson);

        // From the CSV.
        var import = await ExpectAsync(0, "from-csv.db", seed: false, "import", seededCsv);
        Assert.Contains("Rejetées : 0", import.Out, StringComparison.Ordinal);
        await ExpectAsync(0, "from-csv.db", seed: false, "export", "--format", "lmn-csv", "--out", _cli.PathOf("again.csv"));
        await ExpectAsync(0, "from-csv.db", seed: false, "export", "--format", "lmn-json", "--out", _cli.PathOf("again.json"));

        Assert.Equal(await File.ReadAllBytesAsync(seededCsv), await File.ReadAllBytesAsync(_cli.PathOf("again.csv")));
        Assert.Equal(await File.ReadAllBytesAsync(seededJson), await File.ReadAllBytesAsync(_cli.PathOf("again.json")));

        // From the JSON.
        await ExpectAsync(0, "from-json.db", seed: false, "import", seededJson);
        await ExpectAsync(0, "from-json.db", seed: false, "export", "--format", "lmn-json", "--out", _cli.PathOf("again-from-json.json"));
        Assert.Equal(await File.ReadAllBytesAsync(seededJson), await File.ReadAllBytesAsync(_cli.PathOf("again-from-json.json")));
    }

    private async Task<CliResult> ExpectAsync(int code, string database, bool seed, params string[] args)
    {
        var result = await _cli.RunAsync(database, seed, args);
        Assert.True(result.ExitCode == code, $"{string.Join(' ', args)} → {result}");
        return result;
    }
}
