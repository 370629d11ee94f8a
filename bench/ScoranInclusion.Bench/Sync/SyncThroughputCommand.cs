using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScoranInclusion.Bench.ImportThroughput;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Bench.Sync;

/// <summary>
/// <c>sync-throughput --mode quick|full [--rows N] [--work DIR]</c>: the <c>sync</c> verb of the built server on a
/// source of N rows (a national-standard CSV from <see cref="LmnBenchFile"/>; full: 50,000), each step a process of
/// its own as an operator's cron would run it, against a plain <c>import</c> of the same file in the same run:
/// the first sync (everything new) against the import into an empty base; a second sync of the same file (unchanged:
/// nothing written) against the same; the file changed at 10 % (names) synced, against a plain import of the changed
/// file over a base that had the first one. Targets (issue 19): unchanged under 10 s, changed at 10 % under 60 s.
/// </summary>
internal static class SyncThroughputCommand
{
    public const string Verb = "sync-throughput";

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = VerbArgs.Mode(args);
        var rows = VerbArgs.Int(args, "--rows", mode == "full" ? 50_000 : 10_000);
        var work = VerbArgs.Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "scoran-bench-sync-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var server = Path.Combine(BenchData.Root, "src", "ScoranInclusion.Server", "bin", "Release", "net10.0", "ScoranInclusion.Server.dll");
        if (!File.Exists(server))
        {
            Console.Error.WriteLine($"sync-throughput : {server} manque (dotnet build src/ScoranInclusion.Server -c Release).");
            return 1;
        }

        try
        {
            var source = Path.Combine(work, "source.csv");
            VerbArgs.Log($"sync-throughput: {rows} rows → {source}");
            var generated = LmnBenchFile.Write(source, rows);
            var original = Path.Combine(work, "original.csv");
            File.Copy(source, original);
            var changedFile = Path.Combine(work, "changed.csv");
            var changedRows = WriteChanged(original, changedFile, every: 10);

            var importDb = Path.Combine(work, "import.db");
            var syncDb = Path.Combine(work, "sync.db");
            VerbArgs.Log("import (plain, empty base)");
            var importFirst = await RunAsync(server, ["import", original, "--provenance", "source"], importDb);
            VerbArgs.Log("sync (first: everything new)");
            var syncFirst = await RunAsync(server, ["sync", .. SourceArgs(source)], syncDb);
            VerbArgs.Log("sync (unchanged)");
            var syncUnchanged = await RunAsync(server, ["sync", .. SourceArgs(source)], syncDb);
            VerbArgs.Log("import (plain, changed at 10 %, over the first)");
            var importChanged = await RunAsync(server, ["import", changedFile, "--provenance", "source"], importDb);
            File.Copy(changedFile, source, overwrite: true);
            VerbArgs.Log("sync (changed at 10 %)");
            var syncChanged = await RunAsync(server, ["sync", .. SourceArgs(source)], syncDb);

            var o = Console.Out;
            o.WriteLine("## sync-throughput");
            o.WriteLine();
            o.WriteLine($"Command: `dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll sync-throughput --mode {mode} --rows {rows}`");
            o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Source: a national-standard CSV of {generated.Rows:N0} rows ({generated.Bytes / 1e6:0.0} MB, `LmnBenchFile`), given as a local path (`Sources:source:Url`, format `lmn-csv`); changed file: {changedRows:N0} names changed (one row in ten). Each step is a process of the built server (`dotnet …/ScoranInclusion.Server.dll sync|import …`, SQLite file, no seed), start-up included; the plain `import` of the same file in the same run is the baseline."));
            o.WriteLine();
            o.WriteLine("| step | sync (s) | import of the same file (s) | ratio sync / import | target | exit codes |");
            o.WriteLine("|---|---:|---:|---:|---|---|");
            Row(o, "first run (everything new)", syncFirst, importFirst, "");
            Row(o, "unchanged (same content: nothing written)", syncUnchanged, importFirst, syncUnchanged.Seconds < 10 ? "< 10 s: met" : "< 10 s: **missed**");
            Row(o, "changed at 10 %", syncChanged, importChanged, syncChanged.Seconds < 60 ? "< 60 s: met" : "< 60 s: **missed**");
            o.WriteLine();
            o.WriteLine($"Last lines of each sync: `{Last(syncFirst.Output)}` · `{Last(syncUnchanged.Output)}` · `{Last(syncChanged.Output)}`");
            o.WriteLine();
            o.WriteLine("Reading: an unchanged source costs the process start, the copy and a SHA-256 of the file (no parse, no write); "
                + "a changed one costs what the import of the same file costs, plus the withdrawals' pass over the source's records.");
            return new[] { importFirst, syncFirst, syncUnchanged, importChanged, syncChanged }.All(r => r.Code == 0) ? 0 : 1;
        }
        finally
        {
            if (VerbArgs.Option(args, "--work") is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string[] SourceArgs(string path) =>
        [$"--Sources:source:Url={path}", "--Sources:source:Format=lmn-csv"];

    private static void Row(TextWriter o, string step, StepResult sync, StepResult import, string target) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} | {sync.Seconds:0.0} | {import.Seconds:0.0} | {sync.Seconds / import.Seconds:0.00} | {target} | {sync.Code} / {import.Code} |"));

    private static string Last(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?.Replace("|", "/", StringComparison.Ordinal) ?? "";

    /// <summary>The same places, one in <paramref name="every"/> renamed, read and written with the project's reader and writer.</summary>
    private static int WriteChanged(string from, string to, int every)
    {
        var changed = 0;
        using var input = File.OpenRead(from);
        using var writer = new StreamWriter(to, false, new UTF8Encoding(false), 1 << 16);
        var csv = new LmnCsvWriter(writer);
        csv.WriteHeader();
        var i = 0;
        foreach (var row in ImportFormats.Read(ImportFormat.LmnCsv, input))
        {
            if (row.Site is not { } site)
            {
                continue;
            }

            if (i++ % every == 0)
            {
                site = site with { Nom = "Nouveau " + site.Nom };
                changed++;
            }

            csv.Write(site);
        }

        return changed;
    }

    private sealed record StepResult(int Code, double Seconds, string Output);

    private static async Task<StepResult> RunAsync(string server, string[] arguments, string database)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = BenchData.Root,
        };
        start.ArgumentList.Add(server);
        foreach (var argument in arguments.Concat([$"--ConnectionStrings:Scoran=Data Source={database}", "--Storage:SeedOnStart=false"]))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        var text = await output;
        if (process.ExitCode != 0)
        {
            VerbArgs.Log($"exit {process.ExitCode}: {Last(text)} {(await errors).Trim()}");
        }

        return new StepResult(process.ExitCode, clock.Elapsed.TotalSeconds, text);
    }
}
