using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sync;

namespace ScoranInclusion.Import.Sync;

/// <summary>The outcomes of a run, as stored in <see cref="SyncRunEntity.Outcome"/>.</summary>
public static class SyncOutcomes
{
    public const string Running = "running";
    public const string Imported = "imported";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    /// <summary>Runs whose validators, hash and row count the next run compares with.</summary>
    public static readonly string[] Successful = [Imported, Unchanged, Rejected];
}

/// <summary>A run as it ended (the row of <c>sync_runs</c>), with the import's report when there was one.</summary>
public sealed record SyncRunResult(SyncRunEntity Run, ImportReport? Report, IReadOnlyList<ImportIssue> Issues);

/// <summary>
/// Runs a configured source: claims it (<see cref="DatabaseLease"/>), records the run in <c>sync_runs</c>, downloads the
/// file (<see cref="SourceDownloader"/>), says « unchanged » and writes nothing on a 304 or the same content, otherwise
/// imports it through the <see cref="ImportPipeline"/> (same validation, report, merge, provenance and history; one
/// transaction: a killed run leaves the base as before), rows outside the source's départements skipped and counted,
/// then withdraws what the source no longer lists (<see cref="Withdrawals"/>, in the same transaction) and publishes
/// to the search. One instance per process; each run has its own scope.
/// </summary>
public sealed class SourceSync(
    IServiceScopeFactory scopes,
    IOptions<SyncOptions> options,
    ILogger<SourceSync> logger,
    TimeProvider? clock = null) : IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lazy<SourceDownloader> _downloader = new(() => new SourceDownloader(options.Value, clock));

    /// <summary>
    /// Claims <paramref name="source"/> and records a new run; null when another run holds it. The caller then runs
    /// it with <see cref="RunClaimedAsync"/> (which releases the claim).
    /// </summary>
    public async Task<ClaimedRun?> ClaimAsync(ConfiguredSource source, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var holder = DatabaseLease.NewHolder();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        if (!await DatabaseLease.TryClaimAsync(db, source.Name, holder, options.Value.LeaseDuration, _clock, cancellationToken))
        {
            return null;
        }

        var run = new SyncRunEntity
        {
            Source = source.Name,
            Provenance = source.Provenance,
            Url = source.Url,
            Format = source.Format,
            StartedAt = _clock.GetUtcNow(),
            Outcome = SyncOutcomes.Running,
            DryRun = dryRun,
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        // Runs still "running" were cut short by a process that died: the lease is ours, so none of them is going.
        await db.SyncRuns.Where(r => r.Source == source.Name && r.Id < run.Id && r.Outcome == SyncOutcomes.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Outcome, SyncOutcomes.Failed)
                .SetProperty(r => r.Error, "Synchronisation interrompue (processus arrêté) : rien n'a changé."), cancellationToken);
        return new ClaimedRun(source, run.Id, holder, dryRun);
    }

    /// <summary>Claims and runs; null when another run holds the source.</summary>
    public async Task<SyncRunResult?> RunAsync(ConfiguredSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(source, dryRun, cancellationToken);
        return claimed is null ? null : await RunClaimedAsync(claimed, cancellationToken);
    }

    public async Task<SyncRunResult> RunClaimedAsync(ClaimedRun claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var source = claimed.Source;
        using var activity = ScoranTelemetry.Source.StartActivity("scoran.sync");
        activity?.SetTag("scoran.sync.source", source.Name);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = DatabaseLease.KeepAsync(scopes, source.Name, claimed.Holder, options.Value.LeaseDuration, _clock, logger, renewing.Token);
        SyncRunEntity run;
        ImportReport? report = null;
        IReadOnlyList<ImportIssue> issues = [];
        string? temp = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == claimed.RunId, cancellationToken);
            try
            {
                var previous = await db.SyncRuns.AsNoTracking()
                    .Where(r => r.Source == source.Name && r.Id != run.Id && !r.DryRun && SyncOutcomes.Successful.Contains(r.Outcome))
                    .OrderByDescending(r => r.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                var download = await _downloader.Value.DownloadAsync(
                    source.Url, previous is null ? null : new DownloadValidators(previous.ETag, previous.LastModified), cancellationToken);
                temp = download.Path;
                run.HttpStatus = download.HttpStatus;
                run.Bytes = download.Bytes;
                run.ETag = download.ETag;
                run.LastModified = download.LastModified;
                run.ContentHash = download.ContentHash ?? previous?.ContentHash;
                if (download.NotModified || (previous is not null && download.ContentHash == previous.ContentHash))
                {
                    run.Outcome = SyncOutcomes.Unchanged;
                    // Validators carried on, so that the next run still asks conditionally.
                    run.ETag ??= previous?.ETag;
                    run.LastModified ??= previous?.LastModified;
                    run.Bytes = download.NotModified ? previous?.Bytes : run.Bytes;
                    run.RowsRead = previous?.RowsRead ?? 0;
                    run.Unchanged = previous?.RowsRead ?? 0;
                }
                else
                {
                    (report, issues) = await ImportAsync(scope.ServiceProvider, db, source, run, download.Path!, previous, claimed.DryRun, cancellationToken);
                }
            }
            catch (SourceUnreadableException e)
            {
                run.Outcome = SyncOutcomes.Failed;
                run.HttpStatus ??= e.HttpStatus;
                run.Error = Truncate("La source n'a pas pu être lue : " + e.Message, 2000);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                run.Outcome = SyncOutcomes.Failed;
                run.Error = "Synchronisation interrompue : rien n'a changé.";
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Database, disk, a reader's or the pipeline's failure: the transaction rolled back, the run says why.
                run.Outcome = SyncOutcomes.Failed;
                run.Error = Truncate($"L'import a échoué, rien n'a changé : {e.Message}", 2000);
                logger.LogDebug(e, "Synchronisation de {Source} : échec de l'import", source.Name);
            }
            finally
            {
                await renewing.CancelAsync();
                await renewal;
                SourceDownloader.Delete(temp);
                run.EndedAt = _clock.GetUtcNow();
                await FinishAsync(db, run, claimed.Holder);
                Record(activity, run);
            }
        }

        return new SyncRunResult(run, report, issues);
    }

    public void Dispose()
    {
        if (_downloader.IsValueCreated)
        {
            _downloader.Value.Dispose();
        }
    }

    private async Task<(ImportReport Report, IReadOnlyList<ImportIssue> Issues)> ImportAsync(
        IServiceProvider services, ScoranDbContext db, ConfiguredSource source, SyncRunEntity run, string path,
        SyncRunEntity? previous, bool dryRun, CancellationToken cancellationToken)
    {
        var format = ImportFormats.Parse(source.Format);
        var report = new ImportReport(source.Name, format);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        var departements = source.Departements.ToHashSet(StringComparer.Ordinal);
        var readOptions = new ImportReadOptions
        {
            Communes = format == ImportFormat.MedNumBfc
                ? CommuneLocator.Load(services.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory, services.GetRequiredService<CommuneDirectory>())
                : null,
        };

        // The rows of the file, those outside the départements left out and counted; the ids listed, for withdrawals.
        IEnumerable<ImportRow> Kept(IEnumerable<ImportRow> rows)
        {
            foreach (var row in rows)
            {
                if (!row.IsFileIssue && row.Site is { } site && departements.Count > 0
                    && SiteDepartement.Of(site.Adresse.CodeInsee, site.Adresse.CodePostal) is { Length: >= 2 } departement
                    && !departements.Contains(departement))
                {
                    skipped++;
                    continue;
                }

                if (!row.IsFileIssue && (row.Site?.Id ?? row.Id) is { } id)
                {
                    seen.Add(id);
                }

                yield return row;
            }
        }

        var withdrawals = new Withdrawals(db, _clock);
        WithdrawalOutcome? withdrawn = null;
        var pipeline = services.GetRequiredService<ImportPipeline>();
        ImportOutcome outcome;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
        {
            var rows = format == ImportFormat.DataInclusion
                ? (ImportFormats.DetectDataInclusionKind(path) == Formats.DataInclusion.DataInclusionFileKind.Services
                    ? ImportFormats.ReadDataInclusion(null, file, readOptions)
                    : ImportFormats.ReadDataInclusion(file, null, readOptions))
                : ImportFormats.Read(format, file, readOptions);
            outcome = await pipeline.RunAsync(
                source.Provenance,
                Kept(report.Track(rows)),
                dryRun ? ImportMode.DryRun : ImportMode.Default,
                async (transactionDb, ct) => withdrawn = await new Withdrawals(transactionDb, _clock).RunAsync(
                    source, seen, seen.Count + skipped, previous?.RowsRead, (int)report.FileErrors, options.Value.MaxWithdrawShare, apply: true, ct),
                cancellationToken);
        }

        if (dryRun)
        {
            withdrawn = await withdrawals.RunAsync(source, seen, seen.Count + skipped, previous?.RowsRead, (int)report.FileErrors,
                options.Value.MaxWithdrawShare, apply: false, cancellationToken);
        }

        var counts = outcome.Counts;
        run.RowsRead = counts.Rows + skipped;
        run.Added = counts.Inserted + counts.Merged;
        run.Updated = counts.Updated;
        run.Unchanged = counts.Unchanged;
        run.Rejected = counts.Rejected;
        run.Skipped = skipped;
        run.Withdrawn = withdrawn?.Places ?? 0;
        run.Suspicious = withdrawn?.SuspiciousReason is not null;
        run.SuspiciousReason = withdrawn?.SuspiciousReason is { } reason ? Truncate(char.ToUpperInvariant(reason[0]) + reason[1..] + ".", 1000) : null;
        run.Outcome = counts.Rejected > 0 || counts.FileErrors > 0 ? SyncOutcomes.Rejected : SyncOutcomes.Imported;

        report.Counters["Lieux créés"] = counts.Inserted;
        report.Counters["Lieux mis à jour"] = counts.Updated;
        report.Counters["Lignes inchangées"] = counts.Unchanged;
        report.Counters["Fusionnées avec un lieu d'une autre source"] = counts.Merged;
        report.Counters["Hors des départements de la source (ignorées)"] = skipped;
        report.Counters["Enregistrements que la source ne liste plus"] = withdrawn?.Records ?? 0;
        report.Counters["Lieux retirés"] = withdrawn?.Places ?? 0;
        report.Counters["Lieux de nouveau listés"] = withdrawn?.Reinstated ?? 0;
        using (var json = new MemoryStream())
        {
            await report.WriteJsonAsync(json, cancellationToken);
            run.Report = System.Text.Encoding.UTF8.GetString(json.ToArray());
        }

        if (outcome.Committed && withdrawn is { } done && (done.Changed.Count > 0 || done.WithdrawnPlaces.Count > 0))
        {
            // The pipeline published the rows it wrote; the withdrawals' places are published here, withdrawn ones taken out.
            var index = services.GetRequiredService<ISearchPublication>();
            foreach (var key in done.WithdrawnPlaces)
            {
                index.Remove(key);
            }

            await SearchIndexPublication.PublishAsync(db, index, done.Changed.Where(k => !done.WithdrawnPlaces.Contains(k)), cancellationToken);
        }

        return (report, outcome.Issues);
    }

    private async Task FinishAsync(ScoranDbContext db, SyncRunEntity run, string holder)
    {
        // Recorded whatever happened, even when the run was cancelled.
        db.ChangeTracker.Clear();
        db.SyncRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        await DatabaseLease.ReleaseAsync(db, run.Source, holder, _clock, CancellationToken.None);
        if (run.Outcome == SyncOutcomes.Failed || run.Suspicious)
        {
            // One warning per run; never the file's content.
            logger.LogWarning("Synchronisation de la source {Source} (run {RunId}) : {Outcome}. {Reason}",
                run.Source, run.Id, run.Suspicious ? "suspecte, aucun lieu retiré" : "échec, rien n'a changé", run.Error ?? run.SuspiciousReason);
        }
    }

    private static void Record(Activity? activity, SyncRunEntity run)
    {
        activity?.SetTag("scoran.sync.outcome", run.Outcome);
        activity?.SetTag("scoran.sync.suspicious", run.Suspicious);
        ScoranTelemetry.SyncRuns.Add(1,
            new KeyValuePair<string, object?>("scoran.sync.source", run.Source),
            new KeyValuePair<string, object?>("scoran.sync.outcome", run.Suspicious ? "suspicious" : run.Outcome));
        if (run.DryRun)
        {
            return;
        }

        if (run.Outcome == SyncOutcomes.Unchanged)
        {
            // Nothing was read: the rows of the last import are still there, unchanged.
            ScoranTelemetry.SyncRows.Add(run.Unchanged,
                new KeyValuePair<string, object?>("scoran.sync.source", run.Source),
                new KeyValuePair<string, object?>("scoran.sync.outcome", "unchanged"));
            return;
        }

        foreach (var (outcome, count) in new[]
        {
            ("read", run.RowsRead), ("added", run.Added), ("updated", run.Updated), ("unchanged", run.Unchanged),
            ("withdrawn", run.Withdrawn), ("rejected", run.Rejected), ("skipped", run.Skipped),
        })
        {
            if (count > 0)
            {
                ScoranTelemetry.SyncRows.Add(count,
                    new KeyValuePair<string, object?>("scoran.sync.source", run.Source),
                    new KeyValuePair<string, object?>("scoran.sync.outcome", outcome));
            }
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>A source claimed for one run: the run's row exists (<see cref="RunId"/>), the lease is held by <see cref="Holder"/>.</summary>
public sealed record ClaimedRun(ConfiguredSource Source, long RunId, string Holder, bool DryRun);
