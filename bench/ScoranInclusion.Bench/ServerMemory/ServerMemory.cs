using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Bench.ImportThroughput;
using static ScoranInclusion.Bench.VerbArgs;

namespace ScoranInclusion.Bench.ServerMemory;

/// <summary>
/// <c>server-memory [--mode quick|full] [--places N] [--queries 300] [--work DIR]</c> (quick: 100,000
/// places, full: 1,000,000): the server at scale, run as an operator would. A generated LMN CSV
/// (<see cref="LmnBenchFile"/>) is imported by the real <c>import</c> verb of the built server into
/// a new SQLite file, then the server is started on that file: the time from starting the process to
/// the first answered <c>nearestSites</c> query (cold start), a few hundred queries, and the peak
/// resident set (VmHWM) against the 1.5 GB target; the same for a server on a new database seeded
/// with the 697 real places, as the baseline. Progress on stderr, one Markdown section on stdout.
/// </summary>
internal static class ServerMemory
{
    public const string Verb = "server-memory";

    private const long TargetBytes = 1_500_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var mode = Option(args, "--mode") ?? "full";
        if (mode is not ("quick" or "full"))
        {
            await Console.Error.WriteLineAsync($"--mode {mode} : quick ou full attendu.");
            return 2;
        }

        var places = Option(args, "--places") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : mode == "quick" ? 100_000 : 1_000_000;
        var queries = Option(args, "--queries") is { } q ? int.Parse(q, CultureInfo.InvariantCulture) : 300;
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "scoran-bench-server");
        Directory.CreateDirectory(work);
        var started = DateTimeOffset.Now;

        var serverDll = await EnsureServerBuiltAsync();
        var csv = Path.Combine(work, $"lmn-bench-{places}.csv");
        var watch = Stopwatch.StartNew();
        var file = LmnBenchFile.Write(csv, places);
        Log($"{csv}: {file.Rows} rows, {file.Bytes / 1e6:0.0} MB, generated and read back in {watch.Elapsed.TotalSeconds:0} s");

        var origins = Origins(queries);

        // Baseline: a new database, seeded on first start with the real places of geodata/.
        var seededDb = Path.Combine(work, "seeded.db");
        DeleteDatabase(seededDb);
        var seeded = await RunServerAsync(serverDll, seededDb, seed: true, origins, "seeded (697 real places)");

        // The imported database: the import verb, then the server on it.
        var importedDb = Path.Combine(work, $"imported-{places}.db");
        DeleteDatabase(importedDb);
        var import = await RunImportAsync(serverDll, csv, importedDb, file.Rows);
        var imported = await RunServerAsync(serverDll, importedDb, seed: false, origins, $"{places:N0} imported places");
        var dbBytes = new FileInfo(importedDb).Length;

        WriteSummary(Console.Out, started, args, file, import, dbBytes, seeded, imported, queries);
        DeleteDatabase(seededDb);
        DeleteDatabase(importedDb);
        return 0;
    }

    private static async Task<string> EnsureServerBuiltAsync()
    {
        var dll = Path.Combine(BenchData.Root, "src", "ScoranInclusion.Server", "bin", "Release", "net10.0", "ScoranInclusion.Server.dll");
        if (!File.Exists(dll))
        {
            Log("Building the server (dotnet build src/ScoranInclusion.Server -c Release)…");
            var (code, _, errors) = await RunToEndAsync("dotnet", ["build", Path.Combine(BenchData.Root, "src", "ScoranInclusion.Server"), "-c", "Release"], BenchData.Root);
            if (code != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"La compilation du serveur a échoué ({code}) : {errors}");
            }
        }

        return dll;
    }

    private static async Task<ImportRun> RunImportAsync(string serverDll, string csv, string database, int rows)
    {
        Log($"import of {rows:N0} rows by the verb into {database}…");
        var start = ServerStart(serverDll, ["import", csv, $"--ConnectionStrings:Scoran=Data Source={database}", "--Storage:SeedOnStart=false"]);
        var cpu = ChildProcessCpu.Seconds();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("L'import n'a pas démarré.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadStatus(process.Id).Hwm);
            await Task.Delay(100);
        }

        await process.WaitForExitAsync();
        watch.Stop();
        cpu = ChildProcessCpu.Seconds() - cpu;
        // 0: every row imported; 1: some rows rejected (the report says which).
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"import : code {process.ExitCode}\n{await output}\n{await errors}");
        }

        Log($"import: {watch.Elapsed.TotalSeconds:0.0} s ({rows / watch.Elapsed.TotalSeconds:0} rows/s, CPU {cpu:0.0} s), exit code {process.ExitCode}, peak RSS {peak / 1e6:0} MB");
        return new ImportRun(watch.Elapsed.TotalSeconds, cpu, peak, process.ExitCode);
    }

    private static async Task<ServerRun> RunServerAsync(string serverDll, string database, bool seed, IReadOnlyList<(double Lat, double Lon)> origins, string label)
    {
        var port = FreePort();
        var start = ServerStart(serverDll, [
            "--urls", $"http://127.0.0.1:{port}",
            $"--ConnectionStrings:Scoran=Data Source={database}",
            $"--Storage:SeedOnStart={(seed ? "true" : "false")}",
            "--RateLimiting:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        Log($"server on {label}, port {port}…");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Le serveur n'a pas démarré.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            // Cold start: until the first nearestSites query is answered with places.
            double? firstAnswer = null;
            while (firstAnswer is null)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Le serveur s'est arrêté (code {process.ExitCode}) :\n{await output}\n{await errors}");
                }

                if (watch.Elapsed > TimeSpan.FromMinutes(15))
                {
                    throw new TimeoutException("Le serveur n'a pas répondu en 15 minutes.");
                }

                try
                {
                    if (await NearestAsync(http, origins[0]) > 0)
                    {
                        firstAnswer = watch.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(50);
                }
            }

            var afterStart = ReadStatus(process.Id);
            var latencies = new List<double>(origins.Count);
            var answered = 0;
            foreach (var origin in origins)
            {
                var one = Stopwatch.StartNew();
                answered += await NearestAsync(http, origin) > 0 ? 1 : 0;
                latencies.Add(one.Elapsed.TotalMilliseconds);
            }

            var status = ReadStatus(process.Id);
            Log($"{label}: first answer after {firstAnswer:0.00} s, {origins.Count} queries (median {Percentile(latencies, 0.5):0.0} ms), "
                + $"peak RSS {status.Hwm / 1e6:0} MB (after the first answer {afterStart.Hwm / 1e6:0} MB), RSS now {status.Rss / 1e6:0} MB");
            return new ServerRun(label, firstAnswer.Value, afterStart.Hwm, status.Hwm, status.Rss, latencies, answered);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
        }
    }

    /// <summary>One nearest-10 query, as the home page sends it; the number of places answered.</summary>
    private static async Task<int> NearestAsync(HttpClient http, (double Lat, double Lon) origin)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"{{ nearestSites(near: {{ point: {{ latitude: {origin.Lat:R}, longitude: {origin.Lon:R} }} }}, first: 10) {{ edges {{ distanceMeters node {{ nom adresse {{ voie commune }} services horaires }} }} }} }}");
        using var content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/graphql", content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (json.RootElement.TryGetProperty("errors", out var problems))
        {
            throw new InvalidOperationException("Erreur GraphQL : " + problems.GetRawText());
        }

        return json.RootElement.GetProperty("data").GetProperty("nearestSites").GetProperty("edges").GetArrayLength();
    }

    private static IReadOnlyList<(double Lat, double Lon)> Origins(int count)
    {
        var communes = BenchData.Communes();
        var random = new Random(20261129);
        return [.. Enumerable.Range(0, Math.Max(1, count)).Select(_ => communes[random.Next(communes.Count)].Location).Select(p => (p.Latitude, p.Longitude))];
    }

    private static ProcessStartInfo ServerStart(string serverDll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As the README's `dotnet run --project src/ScoranInclusion.Server` from the clone's root (dotnet run
            // keeps the shell's folder): relative paths of the configuration from there.
            WorkingDirectory = BenchData.Root,
        };
        start.ArgumentList.Add(serverDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<(int Code, string Output, string Errors)> RunToEndAsync(string file, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>VmHWM (peak resident set) and VmRSS of a process, in bytes (0 once it has exited).</summary>
    private static (long Hwm, long Rss) ReadStatus(int pid)
    {
        try
        {
            long hwm = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
            }

            return (hwm, rss);
        }
        catch (IOException)
        {
            return (0, 0);
        }

        static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static void WriteSummary(
        TextWriter o, DateTimeOffset started, string[] args, GeneratedFile file, ImportRun import, long dbBytes, ServerRun seeded, ServerRun imported, int queries)
    {
        var n = file.Rows;
        o.WriteLine($"## Server at scale: {n:N0} places, memory and cold start");
        o.WriteLine();
        o.WriteLine($"- Date: {started:yyyy-MM-dd HH:mm zzz}. Command: `dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll {Verb}{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
        o.WriteLine($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average at the end: {LoadAverage()}.");
        o.WriteLine($"- File: the `import-throughput` generator (`LmnBenchFile`), {n:N0} rows, {file.Bytes / 1e6:0} MB. Imported by the built server's verb: "
            + $"`dotnet src/ScoranInclusion.Server/bin/Release/net10.0/ScoranInclusion.Server.dll import FILE --ConnectionStrings:Scoran=\"Data Source=NEW.db\" --Storage:SeedOnStart=false` "
            + $"in {import.Seconds:0.0} s ({n / import.Seconds:N0} rows/s; CPU {import.CpuSeconds:0.0} s), exit code {import.ExitCode}, peak RSS of the import {import.PeakBytes / 1e6:0} MB; database file {dbBytes / 1e6:0} MB.");
        o.WriteLine($"- Server: `dotnet …/ScoranInclusion.Server.dll --urls http://127.0.0.1:PORT --ConnectionStrings:Scoran=\"Data Source=DB\" --Storage:SeedOnStart=false --RateLimiting:Enabled=false` "
            + $"(the baseline: a new database and `SeedOnStart=true`, the 697 real places). Cold start = from starting the process to the first `nearestSites` answer with places "
            + $"(migrations, source backfill check, seeding for the baseline, loading the search index, JIT); then {queries} nearest-10 queries one after the other from commune points (the home page's fields).");
        o.WriteLine();
        o.WriteLine("| server | cold start to the first answer | peak RSS (VmHWM) | against 1.5 GB | peak RSS at the first answer | RSS at the end | query median | query p95 | answered |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in new[] { seeded, imported })
        {
            o.WriteLine($"| {run.Label} | {run.ColdStartSeconds:0.00} s | {run.PeakBytes / 1e6:N0} MB | {(double)run.PeakBytes / TargetBytes:0.00} "
                + $"| {run.PeakAtFirstAnswerBytes / 1e6:N0} MB | {run.RssBytes / 1e6:N0} MB | {Percentile(run.LatenciesMs, 0.5):0.0} ms | {Percentile(run.LatenciesMs, 0.95):0.0} ms | {run.Answered}/{run.LatenciesMs.Count} |");
        }

        o.WriteLine();
        o.WriteLine($"Ratios: peak RSS {(double)imported.PeakBytes / seeded.PeakBytes:0.0} times the seeded server's, "
            + $"{(imported.PeakBytes - seeded.PeakBytes) / (double)Math.Max(1, n - 697):0} bytes per extra place; cold start {imported.ColdStartSeconds / seeded.ColdStartSeconds:0.0} times; "
            + $"target {(imported.PeakBytes <= TargetBytes ? "met" : "**not met**")} ({imported.PeakBytes / 1e6:N0} MB for ≤ 1,500 MB).");
    }

    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
    }

    private sealed record ImportRun(double Seconds, double CpuSeconds, long PeakBytes, int ExitCode);

    private sealed record ServerRun(string Label, double ColdStartSeconds, long PeakAtFirstAnswerBytes, long PeakBytes, long RssBytes, IReadOnlyList<double> LatenciesMs, int Answered);
}
