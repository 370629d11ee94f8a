using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Bulk;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Pipeline;

/// <summary>
/// Imports the rows of one source (any format's reader yields <see cref="ImportRow"/>s) in one
/// transaction: a known (provenance, id) updates the place it feeds, an identical row changes
/// nothing, an unknown one is merged into the same place of another source or creates a place.
/// Never deletes a place. Rows are streamed and saved in batches inside the transaction, with
/// the change tracker emptied after each batch, so memory does not grow with the file; a crash
/// or an exception mid-file rolls everything back. The search index is updated after the
/// commit only.
/// </summary>
/// <remarks>
/// The pipeline owns its transaction and empties the context's change tracker when done: give
/// it a context with nothing pending. On SQLite the transaction holds the write lock for the
/// whole import; readers are not blocked (WAL), other writers wait (busy timeout).
/// </remarks>
public sealed class ImportPipeline(
    ScoranDbContext db,
    ISearchPublication index,
    CommuneDirectory? communes,
    TimeProvider clock,
    ImportPipelineOptions? options = null)
{
    private readonly ScoranDbContext _db = db;
    private readonly CommuneDirectory? _communes = communes;
    private readonly TimeProvider _clock = clock;
    private readonly ImportPipelineOptions _options = options ?? new ImportPipelineOptions();

    public Task<ImportOutcome> RunAsync(string provenance, IEnumerable<ImportRow> rows, ImportMode mode, CancellationToken cancellationToken = default) =>
        RunAsync(provenance, rows, mode, null, cancellationToken);

    /// <param name="provenance">The dataset's key (e.g. <c>mednum-bfc</c>): with each row's id, what makes a record known.</param>
    /// <param name="beforeCommit">Runs inside the transaction just before it commits (e.g. to record a seed run with the data).</param>
    public async Task<ImportOutcome> RunAsync(
        string provenance,
        IEnumerable<ImportRow> rows,
        ImportMode mode,
        Func<ScoranDbContext, CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provenance);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        if (_db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("L'import ouvre sa propre transaction : appelez-le hors de toute transaction.");
        }

        using var activity = ScoranTelemetry.Source.StartActivity("scoran.import");
        activity?.SetTag("scoran.import.provenance", provenance);
        activity?.SetTag("scoran.import.mode", mode.ToString());
        var run = new Run(this, provenance, mode);
        bool committed;
        // Opened here so that it stays open past the commit, for the page cache to be put back.
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var transaction = await _db.Database.BeginTransactionAsync(cancellationToken))
            {
                var cache = await SqliteWriteCache.WidenAsync(_db, cancellationToken);
                try
                {
                    await run.ImportAsync(rows, cancellationToken);
                    committed = mode == ImportMode.Default || (mode == ImportMode.Strict && run.Rejected == 0 && run.FileErrors == 0);
                    if (committed)
                    {
                        if (beforeCommit is not null)
                        {
                            await beforeCommit(_db, cancellationToken);
                            await _db.SaveChangesAsync(cancellationToken);
                        }

                        await transaction.CommitAsync(cancellationToken);
                    }
                    else
                    {
                        await transaction.RollbackAsync(cancellationToken);
                    }
                }
                finally
                {
                    _db.ChangeTracker.Clear();
                    if (cache is not null)
                    {
                        await cache.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }

        if (committed)
        {
            await SearchIndexPublication.PublishAsync(_db, index, run.Touched, cancellationToken);
        }

        var outcome = run.Outcome(committed);
        Record(activity, outcome);
        return outcome;
    }

    /// <summary>The counts of the import as metrics (and on its span): the rows read, then what became of them.</summary>
    private static void Record(System.Diagnostics.Activity? activity, ImportOutcome outcome)
    {
        var counts = outcome.Counts;
        activity?.SetTag("scoran.import.committed", outcome.Committed);
        foreach (var (result, count) in new[]
        {
            ("lues", counts.Rows), ("creees", counts.Inserted), ("mises_a_jour", counts.Updated),
            ("inchangees", counts.Unchanged), ("fusionnees", counts.Merged), ("rejetees", counts.Rejected),
        })
        {
            activity?.SetTag("scoran.import.rows." + result, count);
            ScoranTelemetry.ImportRows.Add(count,
                new KeyValuePair<string, object?>("scoran.import.provenance", outcome.Provenance),
                new KeyValuePair<string, object?>("scoran.import.result", result),
                new KeyValuePair<string, object?>("scoran.import.committed", outcome.Committed));
        }
    }

    /// <summary>The state of one import; lives for one <see cref="RunAsync(string, IEnumerable{ImportRow}, ImportMode, CancellationToken)"/>.</summary>
    private sealed class Run
    {
        private readonly ImportPipeline _pipeline;
        private readonly ScoranDbContext _db;
        private readonly string _provenance;
        private readonly ImportMode _mode;
        private readonly string _actor;
        private readonly string _operation = $"import:{Guid.NewGuid():N}";
        private readonly DateTimeOffset _startedAt;
        private readonly SiteRecorder _recorder;
        private readonly SiteMerger _merger;
        private readonly DuplicateFinder _finder;
        private readonly SiteLocator _locator;

        // Records of this provenance already stored: all an identical row needs, without loading it.
        private Dictionary<string, (long RecordId, long SiteId, string Hash)> _known = [];
        private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
        private readonly HashSet<long> _mergedInto = [];
        private readonly List<long> _unchangedRecords = [];
        private readonly List<Func<ImportedSite>> _pendingSites = [];
        private readonly List<ImportedSite> _sites = [];
        private readonly List<ImportIssue> _issues = [];
        private int _rowsInBatch;
        private int _rows, _inserted, _updated, _unchanged, _merged, _approximate, _withoutLocation, _far, _pairs, _fileErrors;

        public Run(ImportPipeline pipeline, string provenance, ImportMode mode)
        {
            _pipeline = pipeline;
            _db = pipeline._db;
            _provenance = provenance;
            _mode = mode;
            _actor = $"import:{provenance}";
            _startedAt = pipeline._clock.GetUtcNow();
            _recorder = new SiteRecorder(_db, pipeline._clock);
            _merger = new SiteMerger(_db, _recorder, pipeline._clock);
            _finder = new DuplicateFinder(_db, pipeline._options.Merge);
            _locator = new SiteLocator(pipeline._communes);
        }

        public int Rejected { get; private set; }

        public int FileErrors => _fileErrors;

        /// <summary>The places to show in searches once committed.</summary>
        public HashSet<long> Touched { get; } = [];

        public async Task ImportAsync(IEnumerable<ImportRow> rows, CancellationToken cancellationToken)
        {
            _known = await _db.SourceRecords.AsNoTracking()
                .Where(r => r.Provenance == _provenance)
                .Select(r => new { r.SourceId, r.Id, r.SiteId, r.ContentHash })
                .ToDictionaryAsync(r => r.SourceId, r => (r.Id, r.SiteId, r.ContentHash), StringComparer.Ordinal, cancellationToken);
            await _finder.PrepareAsync(_provenance, cancellationToken);

            foreach (var row in ReadAhead.Of(rows, _pipeline._options.ReadAhead, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ImportRowAsync(row, cancellationToken);
                if (++_rowsInBatch >= _pipeline._options.BatchSize)
                {
                    await FlushAsync(cancellationToken);
                }
            }

            await FlushAsync(cancellationToken);
        }

        public ImportOutcome Outcome(bool committed) => new(
            _provenance,
            _mode,
            committed,
            _operation,
            new ImportCounts(_rows, _inserted, _updated, _unchanged, _merged, Rejected, _approximate, _withoutLocation, _far, _pairs, _fileErrors),
            _sites,
            _issues,
            _startedAt,
            _pipeline._clock.GetUtcNow());

        private async Task ImportRowAsync(ImportRow row, CancellationToken cancellationToken)
        {
            if (row.IsFileIssue)
            {
                // A problem of the file as a whole (malformed JSON, missing column), not a data
                // row: the rows before it are imported, except in strict mode when it is an error.
                _fileErrors += row.HasErrors ? 1 : 0;
                return;
            }

            _rows++;
            if (row.Site is not { } site)
            {
                // The reader's issues say why; they are in the row, for the report.
                Rejected++;
                return;
            }

            if (!_seenIds.Add(site.Id))
            {
                Rejected++;
                Issue(row, ImportIssueCode.DuplicateId, ValidationSeverity.Error, SiteFields.Id,
                    $"L'identifiant « {site.Id} » apparaît déjà plus haut dans le fichier : ligne ignorée.");
                return;
            }

            var located = Locate(row, site);
            if (_known.TryGetValue(site.Id, out var known))
            {
                await UpdateAsync(row, site, located, known, cancellationToken);
            }
            else
            {
                await InsertOrMergeAsync(row, site, located, cancellationToken);
            }
        }

        private LocatedSite Locate(ImportRow row, Site site)
        {
            var located = _locator.Locate(site);
            switch (located.Precision)
            {
                case LocationPrecision.Commune:
                    _approximate++;
                    Issue(row, ImportIssueCode.ApproximateLocation, ValidationSeverity.Warning, SiteFields.Latitude,
                        $"Pas de coordonnées : le lieu est placé au point de la commune {located.Commune!.Nom} ({located.Commune.CodeInsee}), position approximative.");
                    break;
                case LocationPrecision.None:
                    _withoutLocation++;
                    Issue(row, ImportIssueCode.NoLocation, ValidationSeverity.Warning, SiteFields.Latitude,
                        "Pas de coordonnées et commune introuvable : le lieu est gardé, mais n'apparaîtra pas dans les recherches par distance.");
                    break;
                case LocationPrecision.Address
                    when located.DistanceFromCommuneMeters > _pipeline._options.FarFromCommuneMeters:
                    _far++;
                    Issue(row, ImportIssueCode.FarFromCommune, ValidationSeverity.Warning, SiteFields.Latitude, string.Create(CultureInfo.InvariantCulture,
                        $"Le point est à {located.DistanceFromCommuneMeters / 1000:0.0} km de la commune {located.Commune!.Nom} ({located.Commune.CodeInsee}) : hors de la commune ? (coordonnées inversées ou fausses, mauvaise commune)"));
                    break;
            }

            return located;
        }

        private async Task UpdateAsync(ImportRow row, Site site, LocatedSite located, (long RecordId, long SiteId, string Hash) known, CancellationToken cancellationToken)
        {
            var hash = SiteSnapshot.Hash(SiteSnapshot.Serialize(site), located.Location, located.Precision);
            if (hash == known.Hash)
            {
                _unchanged++;
                _unchangedRecords.Add(known.RecordId);
                return;
            }

            var record = await _db.SourceRecords.SingleAsync(r => r.Id == known.RecordId, cancellationToken);
            _recorder.Refresh(record, site, located.Location, located.Precision);
            var write = await _recorder.RecomposeAsync(
                record.SiteId, new ChangeContext(_actor, _operation, SiteChangeKind.Updated), null, cancellationToken);
            if (!write.Changed)
            {
                // The record changed, but another source's values still win for the place.
                _unchanged++;
                return;
            }

            _updated++;
            _pendingSites.Add(() => new ImportedSite(row.RowNumber, site.Id, write.Key, ImportAction.Updated, write.Changes));
        }

        private async Task InsertOrMergeAsync(ImportRow row, Site site, LocatedSite located, CancellationToken cancellationToken)
        {
            var record = _recorder.NewRecord(_provenance, site, located.Location, located.Precision, out var asStored);
            var decision = await _finder.FindAsync(
                _provenance, site, located.Location, located.Precision, site.Adresse.CodeInsee ?? located.Commune?.CodeInsee,
                _mergedInto, cancellationToken);
            if (decision.MergeInto is { } into)
            {
                var (write, merge) = await _merger.MergeRecordAsync(record, into, _actor, _operation, cancellationToken);
                _merged++;
                _mergedInto.Add(into.SiteKey);
                Issue(row, ImportIssueCode.MergedIntoExisting, ValidationSeverity.Warning, SiteFields.Id, string.Create(CultureInfo.InvariantCulture,
                    $"Même lieu que « {into.Nom} » (lieu {into.SiteKey}, score {into.Score.Total:0}) : fusionné, annulable. Règle {into.Score.Reason}."));
                _pendingSites.Add(() => new ImportedSite(row.RowNumber, site.Id, write.Key, ImportAction.Merged, write.Changes, merge.Id, into.Score));
                return;
            }

            var created = _recorder.CreateNewSite(record, new ChangeContext(_actor, _operation, SiteChangeKind.Created), asStored);
            _inserted++;
            foreach (var candidate in decision.Uncertain)
            {
                _pairs++;
                Issue(row, ImportIssueCode.UncertainDuplicate, ValidationSeverity.Warning, SiteFields.Nom, string.Create(CultureInfo.InvariantCulture,
                    $"Ressemble à « {candidate.Nom} » (lieu {candidate.SiteKey}, score {candidate.Score.Total:0}) : créé à part, paire à examiner."));
                var score = candidate.Score;
                _recorder.AfterSave(() => _db.MergeCandidates.Add(new MergeCandidateEntity
                {
                    SiteId = created.Key,
                    OtherSiteId = candidate.SiteKey,
                    Score = score.Total,
                    NameScore = score.Name,
                    StreetScore = score.Street,
                    DistanceScore = score.Distance,
                    DistanceMeters = score.DistanceMeters,
                    DetectedAt = _pipeline._clock.GetUtcNow(),
                    DetectedBy = _actor,
                    Status = MergeCandidateStatus.Pending,
                }));
            }

            _pendingSites.Add(() => new ImportedSite(row.RowNumber, site.Id, created.Key, ImportAction.Inserted, []));
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            await _recorder.SaveAsync(cancellationToken);
            if (_unchangedRecords.Count > 0)
            {
                var seenAt = _pipeline._clock.GetUtcNow();
                var ids = _unchangedRecords.ToArray();
                await _db.SourceRecords.Where(r => ids.Contains(r.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.LastSeenAt, seenAt), cancellationToken);
                _unchangedRecords.Clear();
            }

            foreach (var pending in _pendingSites)
            {
                var site = pending();
                _sites.Add(site);
                Touched.Add(site.SiteKey);
            }

            _pendingSites.Clear();
            _db.ChangeTracker.Clear();
            _rowsInBatch = 0;
        }

        private void Issue(ImportRow row, ImportIssueCode code, ValidationSeverity severity, string field, string message) =>
            _issues.Add(new ImportIssue(row.RowNumber, row.Id ?? row.Site?.Id, code, severity, field, message));
    }
}
