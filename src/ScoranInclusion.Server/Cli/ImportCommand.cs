using Microsoft.Extensions.Options;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Search;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>import FILE... [--format X] [--dry-run] [--strict] [--report FILE] [--provenance NAME]</c>:
/// each source through the import pipeline, in its own transaction; the report (text) on
/// stdout, progress on stderr, the JSON report in <c>--report</c>.
/// </summary>
internal static class ImportCommand
{
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["format"] = true,
        ["dry-run"] = false,
        ["strict"] = false,
        ["report"] = true,
        ["provenance"] = true,
        ["progress"] = false,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var sources = ImportArguments.Sources(args);
        var provenances = sources.Select(s => ImportArguments.Provenance(args.Value("provenance"), s, args.Verb)).ToList();
        if (args.Has("provenance") && sources.Count > 1)
        {
            throw new CliUsageException("--provenance ne vaut que pour un seul fichier (ou la paire structures + services de data.inclusion)", args.Verb);
        }

        // --dry-run --strict: a trial that tells whether a strict import would pass (exit code).
        var mode = args.Has("dry-run") ? ImportMode.DryRun : args.Has("strict") ? ImportMode.Strict : ImportMode.Default;

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        // A dry run writes nothing: not even the first-use seed (so the counts compare with
        // the places already there, if any).
        await CliHost.PrepareDatabaseAsync(app.Services, seed: mode != ImportMode.DryRun, console.Error, cancellationToken);

        var rejected = false;
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var report = new ImportReport(source.Name, source.Format);
            await using var read = SourceReader.Open(source, app.Services, console, args);
            await using var scope = app.Services.CreateAsyncScope();
            var pipeline = scope.ServiceProvider.GetRequiredService<ImportPipeline>();
            var outcome = await pipeline.RunAsync(provenances[i], report.Track(read.Rows), mode, cancellationToken);

            AddCounters(report, outcome);
            await SourceReader.WriteReportAsync(report, source, console, cancellationToken);
            await WriteOutcomeAsync(console.Out, outcome);
            rejected |= report.HasRejections || outcome.Counts.Rejected > 0;
        }

        return rejected ? CliVerbs.RejectedRows : CliVerbs.Success;
    }

    private static void AddCounters(ImportReport report, ImportOutcome outcome)
    {
        var counts = outcome.Counts;
        report.Counters["Lieux créés"] = counts.Inserted;
        report.Counters["Lieux mis à jour"] = counts.Updated;
        report.Counters["Lignes inchangées"] = counts.Unchanged;
        report.Counters["Fusionnées avec un lieu d'une autre source"] = counts.Merged;
        if (counts.ApproximateLocations > 0)
        {
            report.Counters["Sans coordonnées, placés au point de leur commune"] = counts.ApproximateLocations;
        }

        if (counts.WithoutLocation > 0)
        {
            report.Counters["Sans coordonnées ni commune reconnue"] = counts.WithoutLocation;
        }

        if (counts.FarFromCommune > 0)
        {
            report.Counters["Loin de leur commune"] = counts.FarFromCommune;
        }

        if (counts.UncertainPairs > 0)
        {
            report.Counters["Doublons possibles à examiner"] = counts.UncertainPairs;
        }
    }

    private const int MaxPipelineIssueLines = 50;

    private static async Task WriteOutcomeAsync(TextWriter output, ImportOutcome outcome)
    {
        if (outcome.Issues.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Fusion et positions :");
            foreach (var issue in outcome.Issues.Take(MaxPipelineIssueLines))
            {
                var id = issue.SourceId is null ? "" : $", id « {issue.SourceId} »";
                await output.WriteLineAsync($"  Ligne {issue.RowNumber}{id} : [{issue.Severity}] {issue.Field} : {issue.Message}");
            }

            if (outcome.Issues.Count > MaxPipelineIssueLines)
            {
                await output.WriteLineAsync($"  … et {outcome.Issues.Count - MaxPipelineIssueLines} autres");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(outcome switch
        {
            { Mode: ImportMode.DryRun } => $"Essai (--dry-run), provenance « {outcome.Provenance} » : rien n'a été écrit en base.",
            { RefusedByStrictMode: true } => $"--strict : des lignes sont rejetées, rien n'a été importé (provenance « {outcome.Provenance} »).",
            _ => $"Import enregistré, provenance « {outcome.Provenance} » (opération {outcome.Operation}).",
        });
    }
}

/// <summary>
/// <c>validate FILE... [--format X] [--report FILE]</c>: reads and checks each source exactly
/// as an import would, and prints the report. The database is not opened.
/// </summary>
internal static class ValidateCommand
{
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["format"] = true,
        ["report"] = true,
        ["progress"] = false,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var sources = ImportArguments.Sources(args);
        await using var app = CliHost.Build(args.HostArgs, console.Error);
        var rejected = false;
        foreach (var source in sources)
        {
            var report = new ImportReport(source.Name, source.Format);
            await using (var read = SourceReader.Open(source, app.Services, console, args))
            {
                foreach (var _ in report.Track(read.Rows))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            await SourceReader.WriteReportAsync(report, source, console, cancellationToken);
            rejected |= report.HasRejections;
        }

        return rejected ? CliVerbs.RejectedRows : CliVerbs.Success;
    }
}

/// <summary>The rows of a source, read lazily from its open file(s), with progress on stderr.</summary>
internal sealed class SourceReader : IAsyncDisposable
{
    private readonly List<Stream> _streams = [];

    private SourceReader()
    {
    }

    public IEnumerable<ImportRow> Rows { get; private set; } = [];

    /// <param name="args">The verb's command line: <c>--progress</c> prints progress lines even when stderr is not a terminal (a log).</param>
    public static SourceReader Open(ImportSource source, IServiceProvider services, CliConsole console, CliArguments args)
    {
        var verb = args.Verb;
        var progress = console.Error == Console.Error
            ? ImportProgressPrinter.ForConsole(force: args.Has("progress"))
            : new ImportProgressPrinter(console.Error, enabled: true);
        var options = new ImportReadOptions
        {
            Progress = progress,
            Communes = source.Format == ImportFormat.MedNumBfc ? LoadCommuneLocator(services) : null,
        };

        var reader = new SourceReader();
        if (source.Format == ImportFormat.DataInclusion)
        {
            var (structures, servicesFile) = ImportArguments.DataInclusionFiles(source, verb);
            var structuresStream = reader.OpenFile(structures);
            var servicesStream = reader.OpenFile(servicesFile);
            reader.Rows = ImportFormats.ReadDataInclusion(structuresStream, servicesStream, options);
        }
        else
        {
            reader.Rows = ImportFormats.Read(source.Format, reader.OpenFile(source.Files[0])!, options);
        }

        return reader;
    }

    /// <summary>The text report on stdout; the JSON one in its file, when asked.</summary>
    public static async Task WriteReportAsync(ImportReport report, ImportSource source, CliConsole console, CancellationToken cancellationToken)
    {
        report.WriteText(console.Out, moreHint: source.ReportPath is null ? "voir --report FICHIER" : $"voir {source.ReportPath}");
        if (source.ReportPath is not null)
        {
            await using var file = new FileStream(source.ReportPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await report.WriteJsonAsync(file, cancellationToken);
            await console.Error.WriteLineAsync($"Rapport JSON écrit dans {source.ReportPath}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stream in _streams)
        {
            await stream.DisposeAsync();
        }
    }

    private static CommuneLocator LoadCommuneLocator(IServiceProvider services) =>
        CommuneLocator.Load(
            services.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory,
            services.GetRequiredService<CommuneDirectory>());

    private FileStream? OpenFile(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        _streams.Add(stream);
        return stream;
    }
}
