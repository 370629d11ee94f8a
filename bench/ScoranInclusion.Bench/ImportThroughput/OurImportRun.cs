using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Bench.ImportThroughput;

/// <summary>What one import in a child process measured (one JSON line on its standard output).</summary>
/// <param name="ImportSeconds">From opening the file to <c>RunAsync</c> returning (committed, search index published) and the text report written.</param>
/// <param name="SetupSeconds">Building the services and migrating the database (before the file is opened).</param>
/// <param name="ImportCpuSeconds">CPU time of the whole process (every thread: the import, the GC, the JIT's background compilations) over <paramref name="ImportSeconds"/>.</param>
/// <param name="CloseSeconds">Disposing the services and closing SQLite's pooled connections (WAL checkpoint into the database file).</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident set (VmHWM), start-up included.</param>
/// <param name="PeakGcHeapBytes">The largest managed heap seen after a GC during the import (sampled every 20 ms).</param>
/// <param name="RetainedManagedBytes">Managed memory still reachable after the import, services alive (after a full GC).</param>
/// <param name="BaselineManagedBytes">The same, just before the import (services built, database migrated).</param>
/// <param name="PublishSeconds">Without the search index only: publishing the imported places to one afterwards, as the pipeline does after its commit in a server (read back by 500, then one <see cref="SiteSearchIndex.PublishAsync"/>).</param>
/// <param name="PublishIndexSeconds">The part of <paramref name="PublishSeconds"/> spent in the index itself (facets, one rebuild of the tree), not reading the database.</param>
internal sealed record ChildResult(
    int Rows,
    int Inserted,
    int Updated,
    int Unchanged,
    int Merged,
    int Rejected,
    long ReportWarnings,
    long ReportCorrections,
    int PipelineIssues,
    bool SearchIndex,
    int SearchIndexCount,
    bool ServerGc,
    double SetupSeconds,
    double ImportSeconds,
    double ImportCpuSeconds,
    double CloseSeconds,
    long PeakWorkingSetBytes,
    long PeakGcHeapBytes,
    long BaselineManagedBytes,
    long RetainedManagedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    double? PublishSeconds = null,
    double? PublishIndexSeconds = null);

/// <summary>
/// One import, as the <c>import</c> verb does it (src/ScoranInclusion.Server/Cli/ImportCommand.cs),
/// run in a process of its own so that every run starts cold like the command and its memory
/// is its own: the server's services (configuration, storage, search index, import pipeline)
/// built on a host that is never started, the database migrated (no seed: empty store), the file
/// read by <see cref="ImportFormats.Read"/> with a progress sink and tracked by an
/// <see cref="ImportReport"/>, then <see cref="ImportPipeline.RunAsync(string, IEnumerable{Lmn.ImportRow}, ImportMode, CancellationToken)"/>
/// in the default mode with the provenance the verb would give the file.
/// </summary>
/// <remarks>
/// Differences with the verb, on purpose: the commune directory is registered directly (what
/// <c>AddScoranTerritories</c> of the Server registers, without its options), logging is the
/// console at Warning (the verb: its own writer at Warning), and the report goes nowhere.
/// As the verb, the search is registered but no index is loaded, so the pipeline publishes nowhere
/// (<c>withSearchIndex: false</c>); <c>true</c> loads the (empty) index first, as the server does before it
/// listens, so that the pipeline publishes to it after its commit, as in a server's process.
/// </remarks>
internal static class OurImportRun
{
    public static async Task<ChildResult> RunAsync(string file, string database, bool withSearchIndex, CancellationToken cancellationToken)
    {
        using var sampler = new GcHeapSampler(TimeSpan.FromMilliseconds(20));
        var setup = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder([
            $"--ConnectionStrings:Scoran=Data Source={database}",
            "--Storage:SeedOnStart=false",
        ]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_ => CommuneDirectory.Load(BenchData.Geodata));
        builder.Services.AddScoranStorage();
        builder.Services.AddScoranSearch();
        builder.Services.AddScoranImport();
        var app = builder.Build();
        app.Services.GetService<IStartupValidator>()?.Validate();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), cancellationToken);
        }

        // Loaded before the clock starts, as the verb's host has it ready.
        _ = app.Services.GetRequiredService<CommuneDirectory>();
        var index = app.Services.GetRequiredService<SiteSearchIndex>();
        if (withSearchIndex)
        {
            // What the server's start does (an empty store here): from now on the writers publish to it.
            index.Load([]);
        }

        setup.Stop();

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        sampler.Reset();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        // As ImportCommand: provenance from the file name, a report tracking the rows, a progress
        // sink (disabled, as when stderr is not a terminal: the counting stream stays in the path).
        var provenance = ExportFileName.Slug(Path.GetFileNameWithoutExtension(file)).ToLowerInvariant();
        var report = new ImportReport(Path.GetFileName(file), ImportFormat.LmnCsv);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var import = Stopwatch.StartNew();
        ImportOutcome outcome;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
        {
            var rows = ImportFormats.Read(ImportFormat.LmnCsv, stream, new ImportReadOptions
            {
                Progress = new ImportProgressPrinter(TextWriter.Null, enabled: false),
            });
            await using var scope = app.Services.CreateAsyncScope();
            var pipeline = scope.ServiceProvider.GetRequiredService<ImportPipeline>();
            outcome = await pipeline.RunAsync(provenance, report.Track(rows), ImportMode.Default, cancellationToken);
            report.WriteText(TextWriter.Null);
        }

        import.Stop();
        process.Refresh();
        var importCpu = process.TotalProcessorTime - cpuBefore;
        var peakHeap = sampler.Stop();
        var counts = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        var (publish, publishIndex) = withSearchIndex ? (null, null) : await PublishAfterwardsAsync(app.Services, outcome, cancellationToken);
        GC.KeepAlive(outcome);

        var close = Stopwatch.StartNew();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        close.Stop();

        process.Refresh();
        var c = outcome.Counts;
        return new ChildResult(
            c.Rows, c.Inserted, c.Updated, c.Unchanged, c.Merged, c.Rejected,
            report.Warnings, report.Corrections, outcome.Issues.Count,
            withSearchIndex, index.Count, GCSettings.IsServerGC,
            setup.Elapsed.TotalSeconds, import.Elapsed.TotalSeconds, importCpu.TotalSeconds, close.Elapsed.TotalSeconds,
            process.PeakWorkingSet64, peakHeap, baseline, retained,
            counts.Item1, counts.Item2, counts.Item3,
            publish, publishIndex);
    }

    /// <summary>
    /// What <c>SearchIndexPublication.PublishAsync</c> (internal to the pipeline) does after the
    /// commit in a server's process, timed alone: the places read back by 500 and published to a
    /// new index as one write (<see cref="SiteSearchIndex.PublishAsync"/>).
    /// </summary>
    private static async Task<(double? Total, double? InIndex)> PublishAfterwardsAsync(IServiceProvider services, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        var index = new SiteSearchIndex(services.GetService<ScheduleCache>() ?? new ScheduleCache());
        var keys = outcome.Sites.Select(s => s.SiteKey).ToHashSet();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var total = Stopwatch.StartNew();
        var read = new Stopwatch();
        await index.PublishAsync(Read(), cancellationToken);
        return (total.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds - read.Elapsed.TotalSeconds);

        async IAsyncEnumerable<(long, Domain.Sites.Site)> Read()
        {
            foreach (var chunk in keys.Chunk(500))
            {
                read.Start();
                var entities = await db.Sites.AsNoTracking().Where(s => chunk.Contains(s.Id)).ToListAsync(cancellationToken);
                var sites = entities.Select(e => (e.Id, e.ToDomain())).ToList();
                read.Stop();
                foreach (var site in sites)
                {
                    yield return site;
                }
            }
        }
    }

    /// <summary>The largest heap size a GC left, sampled on a thread of its own.</summary>
    private sealed class GcHeapSampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly TimeSpan _interval;
        private volatile bool _stopped;
        private long _peak;

        public GcHeapSampler(TimeSpan interval)
        {
            _interval = interval;
            _thread = new Thread(Loop) { IsBackground = true, Name = "gc-heap-sampler" };
            _thread.Start();
        }

        public void Reset() => Interlocked.Exchange(ref _peak, 0);

        public long Stop()
        {
            _stopped = true;
            _thread.Join();
            Sample();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose()
        {
            if (!_stopped)
            {
                Stop();
            }
        }

        private void Loop()
        {
            while (!_stopped)
            {
                Sample();
                Thread.Sleep(_interval);
            }
        }

        private void Sample()
        {
            var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
            long current;
            while (heap > (current = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, heap, current) != current)
            {
            }
        }
    }
}
