using System.Diagnostics;
using System.Globalization;

namespace ScoranInclusion.Bench.ImportThroughput;

/// <summary>What one <c>sqlite3</c> <c>.import</c> took, and what it left in the database.</summary>
/// <param name="CpuSeconds">User + system CPU time of the sqlite3 process.</param>
internal sealed record SqliteCliResult(double Seconds, double CpuSeconds, long RowsInTable, string Errors);

/// <summary>
/// The baseline: the sqlite3 command-line shell importing the same CSV into a fresh database
/// (<c>.mode csv</c>, <c>.separator ,</c>, <c>.import FILE lieux</c>: a table of 32 TEXT
/// columns named by the header, no constraint, no index, one transaction), measured as the
/// wall time of the child process.
/// </summary>
internal static class SqliteCliImport
{
    public const string Table = "lieux";

    public static string Executable { get; set; } = "/usr/bin/sqlite3";

    public static string Version() => Run([Executable, "--version"]).Output.Trim();

    public static SqliteCliResult Import(string file, string database)
    {
        DeleteDatabase(database);
        var cpu = ChildProcessCpu.Seconds();
        var watch = Stopwatch.StartNew();
        var (exitCode, _, errors) = Run([
            Executable, database,
            "-cmd", ".mode csv",
            "-cmd", ".separator ,",
            $".import \"{file}\" {Table}",
        ]);
        watch.Stop();
        cpu = ChildProcessCpu.Seconds() - cpu;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 .import : code {exitCode} : {errors}");
        }

        var count = Run([Executable, database, $"SELECT count(*) FROM {Table};"]).Output.Trim();
        return new SqliteCliResult(watch.Elapsed.TotalSeconds, cpu, long.Parse(count, CultureInfo.InvariantCulture), errors.Trim());
    }

    public static void DeleteDatabase(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }

    private static (int ExitCode, string Output, string Errors) Run(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} n'a pas démarré.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }
}
