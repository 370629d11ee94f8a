using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// The <c>import</c> verb killed with SIGKILL in the middle of a large file: the database passes
/// <c>PRAGMA integrity_check</c>, holds exactly the places it held before (every column of every place), the
/// server starts on it and serves them, and the next import works. The kill comes at a point drawn at random:
/// when the WAL has grown by a random amount or the progress passes a random share of the file.
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed partial class ImportCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 60_000;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex(@"(\d+) %")]
    private static partial Regex Percent();

    [Fact]
    public async Task An_import_killed_with_kill_9_leaves_the_previous_data_exactly()
    {
        var before = _cli.Write("avant.csv", OperationsData.Csv(Enumerable.Range(0, 3).Select(i => OperationsData.Row("n" + i, "Lieu de Nevers " + i, i))));
        var first = await _cli.RunAsync("db.sqlite", seed: false, "import", before, "--provenance", "lot");
        Assert.True(first.ExitCode == CliVerbs.Success, first.ToString());
        SqliteConnection.ClearAllPools();
        var database = _cli.PathOf("db.sqlite");
        var snapshot = OperationsData.SitesSnapshot(database);
        Assert.Equal(3, snapshot.Count);

        // The big file changes a known place and adds many.
        var big = new StringBuilder(OperationsData.Header).Append('\n');
        big.Append(OperationsData.Row("n0", "Lieu de Nevers 0 (modifié)", 0)).Append('\n');
        for (var i = 0; i < Rows; i++)
        {
            big.Append(OperationsData.Row("g" + i.ToString(CultureInfo.InvariantCulture), "Lieu numéro " + i.ToString(CultureInfo.InvariantCulture), i + 3)).Append('\n');
        }

        var bigFile = _cli.Write("gros.csv", big.ToString());
        var walGrowth = Random.Shared.Next(256, 4096) * 1024L;
        var percent = Random.Shared.Next(5, 60);
        var walBefore = WalLength(database);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[ServerProcess.Assembly, "import", bigFile, "--provenance", "lot", "--progress", .. ServerProcess.Settings(database)])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var seen = new StringBuilder();
        var progressed = 0;
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (seen)
                {
                    seen.AppendLine(line);
                }

                if (Percent().Match(line) is { Success: true } match && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var p))
                {
                    Volatile.Write(ref progressed, p);
                }
            }
        });
        var stdout = process.StandardOutput.ReadToEndAsync();

        string? reason = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (reason is null && !process.HasExited && DateTime.UtcNow < deadline)
        {
            if (WalLength(database) - walBefore >= walGrowth)
            {
                reason = $"journal WAL grossi de {walGrowth / 1024} Kio";
            }
            else if (Volatile.Read(ref progressed) >= percent)
            {
                reason = $"progression à {Volatile.Read(ref progressed)} %";
            }
            else
            {
                await Task.Delay(10);
            }
        }

        var stillRunning = !process.HasExited;
        if (stillRunning)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await stderr;
        var printed = await stdout;
        Assert.True(stillRunning && reason is not null, $"l'import s'est terminé (ou n'a pas avancé) avant d'être tué (code {process.ExitCode}) :\n{printed}\n{seen}");
        output.WriteLine($"import tué : {reason}");

        Assert.Equal("ok", OperationsData.IntegrityCheck(database));
        Assert.Equal(snapshot, OperationsData.SitesSnapshot(database));

        // The server starts on it and serves the place the import was changing, unchanged.
        using (var server = ServerProcess.Start(database))
        {
            await server.WaitReadyAsync();
            using var http = CrashTests.Client(server);
            long key;
            using (var connection = OperationsData.Open(database))
            {
                key = OperationsData.Rows(connection, "SELECT Id FROM sites WHERE SourceId = 'n0';", r => r.GetInt64(0)).Single();
            }

            var site = (await CrashTests.PostAsync(http, "query($id: ID!) { site(id: $id) { nom } }", new { id = OperationsData.SiteId(key) }))!["data"]!["site"]!;
            Assert.Equal("Lieu de Nevers 0", site["nom"]!.GetValue<string>());
            server.Terminate();
            Assert.True(await server.WaitForExitAsync(TimeSpan.FromMinutes(1)), server.Output);
        }

        // The next import starts from the previous data.
        var again = _cli.Write("suite.csv", OperationsData.Csv([OperationsData.Row("n0", "Lieu de Nevers 0 (modifié)", 0), OperationsData.Row("n9", "Espace numérique", 9)]));
        var next = await _cli.RunAsync("db.sqlite", seed: false, "import", again, "--provenance", "lot");
        Assert.True(next.ExitCode == CliVerbs.Success, next.ToString());
        Assert.Contains("Lieux créés : 1", next.Out, StringComparison.Ordinal);
        Assert.Contains("Lieux mis à jour : 1", next.Out, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal("ok", OperationsData.IntegrityCheck(database));
        Assert.Equal(4, OperationsData.SitesSnapshot(database).Count);
    }

    private static long WalLength(string database)
    {
        var wal = new FileInfo(database + "-wal");
        return wal.Exists ? wal.Length : 0;
    }
}
