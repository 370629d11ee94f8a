using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>
/// An import process killed (SIGKILL, no chance to clean up) in the middle of a large file,
/// its open transaction holding thousands of written rows:
/// the places stored before are all there, unchanged, and the database takes the next import.
/// </summary>
[Trait("Category", "Process")]
public sealed class KilledImportTests : IDisposable
{
    private const int Rows = 30_000;


    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_import_killed_halfway_leaves_the_previous_data_intact()
    {
        // Before: two places in Nevers, one of which the big file changes.
        var before = _cli.Write("avant.csv", $"{Operations.OperationsData.Header}\n{Operations.OperationsData.Row("n1", "Médiathèque de Nevers", 0)}\n{Operations.OperationsData.Row("n2", "France Services Nevers", 1)}\n");
        var first = await _cli.RunAsync("db.sqlite", seed: false, "import", before, "--provenance", "lot");
        Assert.True(first.ExitCode == CliVerbs.Success, first.ToString());
        var exportBefore = await ExportAsync();

        var big = new StringBuilder(Operations.OperationsData.Header).Append('\n');
        big.Append(Operations.OperationsData.Row("n1", "Médiathèque de Nevers (modifiée)", 0)).Append('\n');
        for (var i = 0; i < Rows; i++)
        {
            big.Append(Operations.OperationsData.Row("g" + i.ToString(CultureInfo.InvariantCulture), "Lieu numéro " + i.ToString(CultureInfo.InvariantCulture), i + 2)).Append('\n');
        }

        var bigFile = _cli.Write("gros.csv", big.ToString());

        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Operations.ServerProcess.Assembly, "import", bigFile, "--provenance", "lot", "--progress",
                $"--ConnectionStrings:Scoran=Data Source={_cli.PathOf("db.sqlite")}",
                $"--Geodata:Directory={RepoPaths.Geodata}",
                "--Storage:SeedOnStart=false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();

        // Killed once a progress line says that a good part of the file went into the open
        // transaction (rows are written by batches of 1,000 as they are read).
        var seen = new StringBuilder();
        var killedAt = -1;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            seen.AppendLine(line);
            var match = System.Text.RegularExpressions.Regex.Match(line, @"· (\d+) %");
            if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is >= 20 and < 90 and var percent)
            {
                process.Kill(entireProcessTree: true);
                killedAt = percent;
                break;
            }
        }

        await process.WaitForExitAsync();
        await output;
        Assert.True(killedAt >= 0, "no progress line between 20 % and 90 % before the end:\n" + seen);
        Assert.Equal(exportBefore, await ExportAsync());

        // The next import of the same file starts from the previous data, normally.
        var again = _cli.Write("suite.csv", $"{Operations.OperationsData.Header}\n{Operations.OperationsData.Row("n1", "Médiathèque de Nevers (modifiée)", 0)}\n{Operations.OperationsData.Row("n3", "Espace numérique", 5)}\n");
        var next = await _cli.RunAsync("db.sqlite", seed: false, "import", again, "--provenance", "lot");
        Assert.True(next.ExitCode == CliVerbs.Success, next.ToString());
        Assert.Contains("Lieux créés : 1", next.Out, StringComparison.Ordinal);
        Assert.Contains("Lieux mis à jour : 1", next.Out, StringComparison.Ordinal);
    }

    private async Task<string> ExportAsync()
    {
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-csv");
        Assert.True(export.ExitCode == CliVerbs.Success, export.ToString());
        return export.Out;
    }
}
