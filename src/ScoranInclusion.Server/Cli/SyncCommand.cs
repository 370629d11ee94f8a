using System.Globalization;
using System.Text.Json;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Storage.Sync;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>sync [NOM...] [--dry-run] [--report FICHIER]</c>: runs configured sources (<c>Sources:NOM:…</c>) once, as the
/// server does on schedule (<see cref="SourceSync"/>): the enabled ones when none is named. Exit codes as <c>import</c>:
/// 0 done or unchanged, 1 rows rejected (the others imported), 2 usage (unknown source), 3 a source could not be read
/// or imported (nothing changed for it) or another process is syncing it.
/// </summary>
internal static class SyncCommand
{
    public const string Verb = "sync";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["dry-run"] = false,
        ["report"] = true,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var dryRun = args.Has("dry-run");
        var report = args.Value("report") is { } path ? CliPaths.Resolve(path) : null;
        if (report is not null && !Directory.Exists(Path.GetDirectoryName(report)))
        {
            throw new CliUsageException($"dossier introuvable pour --report : {Path.GetDirectoryName(report)}", args.Verb);
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        var catalog = app.Services.GetRequiredService<ISourceCatalog>();
        var sources = Sources(args, catalog);

        // A dry run writes nothing but its run's row: not even the first-use seed.
        await CliHost.PrepareDatabaseAsync(app.Services, seed: !dryRun, console.Error, cancellationToken);
        var sync = app.Services.GetRequiredService<SourceSync>();
        var failed = false;
        var rejected = false;
        foreach (var source in sources)
        {
            var result = await sync.RunAsync(source, dryRun, cancellationToken);
            if (result is null)
            {
                await console.Out.WriteLineAsync($"{source.Name} : une synchronisation de cette source est déjà en cours ailleurs ; rien n'a été fait.");
                failed = true;
                continue;
            }

            var run = result.Run;
            result.Report?.WriteText(console.Out, moreHint: report is null ? "voir --report FICHIER" : $"voir {ReportPath(report, source, sources.Count)}");
            await console.Out.WriteLineAsync(Summary(run));
            if (report is not null)
            {
                var file = ReportPath(report, source, sources.Count);
                await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    await WriteJsonAsync(stream, run, cancellationToken);
                }

                await console.Error.WriteLineAsync($"Rapport JSON écrit dans {file}.");
            }

            failed |= run.Outcome == SyncOutcomes.Failed;
            rejected |= run.Outcome == SyncOutcomes.Rejected;
        }

        return failed ? CliVerbs.Failure : rejected ? CliVerbs.RejectedRows : CliVerbs.Success;
    }

    private static List<ConfiguredSource> Sources(CliArguments args, ISourceCatalog catalog)
    {
        var configured = catalog.Sources.Count == 0
            ? "aucune n'est configurée (Sources:NOM:Url et Sources:NOM:Format, voir docs/deploiement.md)"
            : "configurées : " + string.Join(", ", catalog.Sources.Select(s => s.Name));
        if (args.Files.Count == 0)
        {
            var enabled = catalog.Sources.Where(s => s.Enabled).ToList();
            return enabled.Count > 0 ? enabled : throw new CliUsageException($"aucune source à synchroniser : {configured}", args.Verb);
        }

        return [.. args.Files.Distinct(StringComparer.OrdinalIgnoreCase).Select(name =>
            catalog.Find(name) ?? throw new CliUsageException($"source inconnue : « {name} » ({configured})", args.Verb))];
    }

    private static string Summary(SyncRunEntity run)
    {
        var head = $"{run.Source} (synchronisation {run.Id}{(run.DryRun ? ", essai --dry-run : rien n'a été écrit" : "")}) : ";
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{run.RowsRead} lignes lues, {run.Added} ajoutées, {run.Updated} mises à jour, {run.Unchanged} inchangées, {run.Withdrawn} lieux retirés, {run.Rejected} rejetées, {run.Skipped} hors départements.");
        var text = run.Outcome switch
        {
            SyncOutcomes.Unchanged => head + (run.HttpStatus == 304 ? "inchangée (304 Not Modified)" : "inchangée (même contenu)") + " : rien n'a été écrit.",
            SyncOutcomes.Failed => head + "échec, rien n'a changé. " + run.Error,
            _ => head + counts,
        };
        return run.Suspicious ? text + Environment.NewLine + "Suspecte : " + run.SuspiciousReason : text;
    }

    private static string ReportPath(string path, ConfiguredSource source, int sources) =>
        sources == 1
            ? path
            : Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-{source.Name.ToLowerInvariant()}{Path.GetExtension(path)}");

    /// <summary>The run as stored, with the import's report (when there was an import) as a nested object.</summary>
    private static async Task WriteJsonAsync(Stream stream, SyncRunEntity run, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("source", run.Source);
        json.WriteNumber("run", run.Id);
        json.WriteString("provenance", run.Provenance);
        json.WriteString("url", run.Url);
        json.WriteString("format", run.Format);
        json.WriteString("outcome", run.Outcome);
        json.WriteBoolean("dryRun", run.DryRun);
        json.WriteString("startedAt", run.StartedAt);
        if (run.EndedAt is { } ended)
        {
            json.WriteString("endedAt", ended);
        }

        WriteNullable(json, "httpStatus", run.HttpStatus);
        WriteNullable(json, "bytes", run.Bytes);
        json.WriteNumber("rowsRead", run.RowsRead);
        json.WriteNumber("added", run.Added);
        json.WriteNumber("updated", run.Updated);
        json.WriteNumber("unchanged", run.Unchanged);
        json.WriteNumber("withdrawn", run.Withdrawn);
        json.WriteNumber("rejected", run.Rejected);
        json.WriteNumber("skipped", run.Skipped);
        json.WriteBoolean("suspicious", run.Suspicious);
        json.WriteString("suspiciousReason", run.SuspiciousReason);
        json.WriteString("error", run.Error);
        if (run.Report is { } inner)
        {
            json.WritePropertyName("report");
            json.WriteRawValue(inner);
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
