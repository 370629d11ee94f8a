using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using ScoranInclusion.Bench.Search;

namespace ScoranInclusion.Bench.Micro;

/// <summary>
/// <c>micro --mode quick|full</c>: the micro benchmarks (BenchmarkDotNet, in-process toolchain: no project
/// generated and built per benchmark) with a short job, printed as one Markdown table; BenchmarkDotNet's
/// own log goes to stderr. quick: a subset with a very short job (~30 s); full: every benchmark, longer.
/// </summary>
internal static class MicroCommand
{
    public const string Verb = "micro";

    private static readonly Type[] Classes = [typeof(GeodesicBenchmarks), typeof(IndexBenchmarks), typeof(OpeningHoursBenchmarks), typeof(CursorBenchmarks)];

    // The quick subset: one of each kind, the index at 100,000 places only.
    private static readonly HashSet<string> QuickMethods =
    [
        nameof(GeodesicBenchmarks.Vincenty), nameof(GeodesicBenchmarks.Haversine),
        nameof(IndexBenchmarks.Nearest10), nameof(IndexBenchmarks.Within5Km), nameof(IndexBenchmarks.SiteSearchNearest10OpenNow),
        nameof(IndexBenchmarks.Nearest10FreeParentingFilterAfter), nameof(IndexBenchmarks.Nearest10FreeParentingFilterInside),
        nameof(OpeningHoursBenchmarks.IsOpen), nameof(OpeningHoursBenchmarks.NextChange),
        nameof(CursorBenchmarks.SiteCursorEncode), nameof(CursorBenchmarks.SiteCursorDecode),
    ];

    // Tier-0 code is promoted to optimised code only after a 100 ms delay by default: the short quick
    // job would measure unoptimised code. The process is started again with the delay off (the runtime
    // reads it at start-up only).
    private const string CallCountingDelay = "DOTNET_TC_CallCountingDelayMs";

    public static int Run(string[] args)
    {
        if (Environment.GetEnvironmentVariable(CallCountingDelay) != "0")
        {
            var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("ScoranInclusion.Bench", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(MicroCommand).Assembly.Location);
            }

            start.ArgumentList.Add(Verb);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment[CallCountingDelay] = "0";
            using var child = System.Diagnostics.Process.Start(start)!;
            child.WaitForExit();
            return child.ExitCode;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var mode = VerbArgs.Mode(args);
        var full = mode == "full";
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(full ? 3 : 2)
            .WithIterationCount(full ? 10 : 3)
            .WithIterationTime(TimeInterval.FromMilliseconds(full ? 250 : 40))
            .WithId(full ? "full" : "quick");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(new StderrLogger())
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scoran-bench-micro"))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        if (!full)
        {
            config = config.AddFilter(new SimpleFilter(b =>
                QuickMethods.Contains(b.Descriptor.WorkloadMethod.Name)
                && b.Parameters.Items.All(p => p.Name != nameof(IndexBenchmarks.Places) || (int)p.Value == 100_000)));
        }

        var started = DateTime.UtcNow;
        var summaries = BenchmarkRunner.Run(Classes, config);
        // Grouped by class (in the order above), then as BenchmarkDotNet ran them.
        var reports = summaries.SelectMany(s => s.Reports)
            .Select((r, i) => (Report: r, Order: i))
            .OrderBy(x => Array.IndexOf(Classes, x.Report.BenchmarkCase.Descriptor.Type)).ThenBy(x => x.Order)
            .Select(x => x.Report).ToList();
        Console.Out.Write(Markdown(args, mode, job, reports, DateTime.UtcNow - started));
        return reports.All(r => r.Success) ? 0 : 1;
    }

    private static string Markdown(string[] args, string mode, Job job, List<BenchmarkReport> reports, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("## Micro benchmarks (`micro`)");
        text.AppendLine();
        text.AppendLine($"- Command: `dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll {Verb} {string.Join(' ', args)}` (mode {mode}, {elapsed.TotalSeconds:0} s).");
        text.AppendLine($"- BenchmarkDotNet, in-process emit toolchain, job: {job.Run.WarmupCount} warm-up and {job.Run.IterationCount} measured iterations of ~{job.Run.IterationTime.ToMilliseconds():0} ms, one launch, `{CallCountingDelay}=0` (tiered JIT promotes hot code at once)"
            + (mode == "quick" ? "; quick: a subset, the index at 100,000 places only (short iterations: indications, ± tens of per cent)." : "."));
        text.AppendLine("- Per operation (one distance, one query, one evaluation, one encoding); ratio: against the first (baseline) row of the same class and parameters.");
        text.AppendLine();
        text.AppendLine("| class | benchmark | params | mean | ± stderr | median | ratio | allocated |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var report in reports)
        {
            var descriptor = report.BenchmarkCase.Descriptor;
            var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
            var stats = report.ResultStatistics;
            var baseline = reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type == descriptor.Type
                && r.BenchmarkCase.Descriptor.Baseline
                && r.BenchmarkCase.Parameters.DisplayInfo == parameters);
            var ratio = stats is not null && baseline?.ResultStatistics is { } b && b.Mean > 0 ? (stats.Mean / b.Mean).ToString("0.00", CultureInfo.InvariantCulture) : "–";
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? $"{bytes:#,0} B" : "–";
            text.AppendLine(string.Join(" | ",
                "| " + descriptor.Type.Name.Replace("Benchmarks", "", StringComparison.Ordinal),
                descriptor.WorkloadMethod.Name,
                string.IsNullOrEmpty(parameters) || parameters == "[Empty]" ? "" : parameters,
                stats is null ? "failed" : Time(stats.Mean),
                stats is null ? "" : Time(stats.StandardError),
                stats is null ? "" : Time(stats.Median),
                ratio,
                allocated + " |"));
        }

        return text.ToString();
    }

    private static string Time(double nanoseconds) =>
        nanoseconds < 1_000 ? $"{nanoseconds:0.0} ns"
        : nanoseconds < 1_000_000 ? $"{nanoseconds / 1_000:0.00} µs"
        : $"{nanoseconds / 1_000_000:0.00} ms";

    /// <summary>BenchmarkDotNet's log, on stderr: stdout carries the Markdown section only.</summary>
    private sealed class StderrLogger : ILogger
    {
        public string Id => nameof(StderrLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text) => Console.Error.Write(text);

        public void WriteLine() => Console.Error.WriteLine();

        public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

        public void Flush() => Console.Error.Flush();
    }
}
