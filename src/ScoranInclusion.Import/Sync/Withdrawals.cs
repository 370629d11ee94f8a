using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Import.Sync;

/// <summary>What the withdrawals of a run did, or would do (dry run, safety valve).</summary>
/// <param name="Records">Records the source no longer lists (withdrawn, or that would be).</param>
/// <param name="Places">Places withdrawn (nothing else held them), or that would be.</param>
/// <param name="Reinstated">Places listed again and live again.</param>
/// <param name="SuspiciousReason">Why nothing was withdrawn (French), null when the safety valve did not trip.</param>
/// <param name="Changed">Places whose row changed (recomposed, withdrawn or reinstated): to publish to the search.</param>
/// <param name="WithdrawnPlaces">The places withdrawn: to take out of the search.</param>
public sealed record WithdrawalOutcome(
    int Records,
    int Places,
    int Reinstated,
    string? SuspiciousReason,
    IReadOnlyCollection<long> Changed,
    IReadOnlyCollection<long> WithdrawnPlaces);

/// <summary>
/// Withdrawals of one run of a source, inside the import's transaction (just before it commits): a record of the
/// source's provenance that the file no longer lists stops contributing; its place is recomposed from its other
/// records, or, when nothing else holds it, withdrawn (with a French reason and a history row). What holds a place:
/// another live source record, a person's edit record (then the place keeps its values as they are: an edit record
/// alone does not describe a whole place), or a moderator's « Rétablir » (a <c>site_changes</c> row whose operation
/// is <see cref="RestoreOperation"/>). Records listed again are live again, and their place too, unless a person
/// withdrew it. The safety valve holds every withdrawal back when too many would go.
/// </summary>
internal sealed class Withdrawals(ScoranDbContext db, TimeProvider clock)
{
    /// <summary>The operation a moderator's « Rétablir » writes on the place's history (one name, kept by the history).</summary>
    public const string RestoreOperation = SiteHistory.RestoreOperation;

    /// <summary>
    /// The history pseudo-field of a withdrawal (no old value, the reason as new value) or of a reinstatement (the
    /// reason as old value, no new value), on an <see cref="SiteChangeKind.Updated"/> row: the API's kinds stay as they are.
    /// </summary>
    public const string WithdrawnField = SiteHistory.WithdrawnAtField;

    public const string ActorPrefix = "sync:";

    /// <param name="seen">The ids the file lists (rejected rows included: an invalid row is still listed).</param>
    /// <param name="rowsRead">The file's rows; <paramref name="previousRows"/>: those of the last successful run, if any.</param>
    /// <param name="apply">False for a dry run: counts only.</param>
    public async Task<WithdrawalOutcome> RunAsync(
        ConfiguredSource source,
        IReadOnlySet<string> seen,
        int rowsRead,
        int? previousRows,
        int fileErrors,
        double maxShare,
        bool apply,
        CancellationToken cancellationToken)
    {
        var provenance = source.Provenance;
        var records = await db.SourceRecords.AsNoTracking()
            .Where(r => r.Provenance == provenance)
            .Select(r => new { r.Id, r.SourceId, r.SiteId, Withdrawn = r.WithdrawnAt != null })
            .ToListAsync(cancellationToken);
        var live = records.Where(r => !r.Withdrawn).ToList();
        var gone = live.Where(r => !seen.Contains(r.SourceId)).ToList();
        var back = records.Where(r => r.Withdrawn && seen.Contains(r.SourceId)).ToList();
        var places = live.Select(r => r.SiteId).Distinct().Count();
        var goneSites = gone.Select(r => r.SiteId).Distinct().ToList();

        string? suspicious = null;
        if (gone.Count > 0)
        {
            if (fileErrors > 0)
            {
                suspicious = $"le fichier a {fileErrors} erreur{(fileErrors > 1 ? "s" : "")} de structure (tronqué ?) : aucun lieu retiré";
            }
            else if (previousRows is > 0 and var previous && rowsRead * 2 < previous)
            {
                suspicious = string.Create(CultureInfo.InvariantCulture,
                    $"le fichier a {rowsRead} lignes, moins de la moitié des {previous} de la dernière synchronisation réussie : aucun lieu retiré");
            }
            else if (places > 0 && goneSites.Count > maxShare * places)
            {
                suspicious = string.Create(CultureInfo.InvariantCulture,
                    $"{goneSites.Count} des {places} lieux de la source ({100.0 * goneSites.Count / places:0.#} %) auraient été retirés, au-delà de Sync:MaxWithdrawShare ({100 * maxShare:0.#} %) : aucun lieu retiré");
            }
        }

        var changed = new HashSet<long>();
        var withdrawnPlaces = new HashSet<long>();
        var recorder = new SiteRecorder(db, clock);
        var actor = ActorPrefix + source.Name;
        var operation = $"sync:{Guid.NewGuid():N}";
        var now = clock.GetUtcNow();
        var placesWithdrawn = 0;

        if (suspicious is null && gone.Count > 0)
        {
            if (!apply)
            {
                placesWithdrawn = await CountUnheldAsync(goneSites, gone.Select(r => r.Id).ToHashSet(), cancellationToken);
            }
            else
            {
                foreach (var chunk in gone.Select(r => r.Id).Chunk(500))
                {
                    await db.SourceRecords.Where(r => chunk.Contains(r.Id))
                        .ExecuteUpdateAsync(set => set.SetProperty(r => r.WithdrawnAt, now).SetProperty(r => r.GivenFields, (string?)null), cancellationToken);
                }

                var stillLive = await LiveRecordsOfAsync(goneSites, cancellationToken);
                var restored = await RestoredByModeratorAsync(goneSites, cancellationToken);
                foreach (var siteId in goneSites)
                {
                    var others = stillLive.GetValueOrDefault(siteId) ?? [];
                    if (others.Any(r => r.Provenance != SiteEdits.Provenance))
                    {
                        var write = await recorder.RecomposeAsync(siteId, new ChangeContext(actor, operation, SiteChangeKind.Updated), null, cancellationToken);
                        if (write.Changed)
                        {
                            changed.Add(siteId);
                        }
                    }
                    else if (others.Count == 0 && !restored.Contains(siteId))
                    {
                        await WithdrawAsync(siteId, source, actor, operation, now, cancellationToken);
                        withdrawnPlaces.Add(siteId);
                        placesWithdrawn++;
                    }
                }

                await recorder.SaveAsync(cancellationToken);
            }
        }

        var reinstated = 0;
        if (apply && back.Count > 0)
        {
            foreach (var chunk in back.Select(r => r.Id).Chunk(500))
            {
                await db.SourceRecords.Where(r => chunk.Contains(r.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.WithdrawnAt, (DateTimeOffset?)null), cancellationToken);
            }
        }

        if (apply)
        {
            // Places withdrawn by a sync that hold a live record again (listed again, or a new record merged into
            // them): live again. The withdrawn places are few; their ids are read, then checked one by one.
            var withdrawnIds = await db.Sites.AsNoTracking().Where(s => s.WithdrawnAt != null).Select(s => s.Id).ToListAsync(cancellationToken);
            foreach (var chunk in withdrawnIds.Where(id => !withdrawnPlaces.Contains(id)).Chunk(500))
            {
                var held = await db.SourceRecords.AsNoTracking()
                    .Where(r => chunk.Contains(r.SiteId) && r.WithdrawnAt == null && r.Provenance != SiteEdits.Provenance)
                    .Select(r => r.SiteId).Distinct().ToListAsync(cancellationToken);
                foreach (var siteId in held)
                {
                    if (await ReinstateAsync(siteId, recorder, actor, operation, cancellationToken))
                    {
                        changed.Add(siteId);
                        reinstated++;
                    }
                }
            }

            // Places not withdrawn whose record is live again: that record contributes again.
            foreach (var siteId in back.Select(r => r.SiteId).Distinct().Where(id => !changed.Contains(id)))
            {
                var write = await recorder.RecomposeAsync(siteId, new ChangeContext(actor, operation, SiteChangeKind.Updated), null, cancellationToken);
                if (write.Changed)
                {
                    changed.Add(siteId);
                }
            }

            await recorder.SaveAsync(cancellationToken);
        }
        else
        {
            reinstated = back.Select(r => r.SiteId).Distinct().Count();
        }

        db.ChangeTracker.Clear();
        return new WithdrawalOutcome(suspicious is null ? gone.Count : 0, placesWithdrawn, reinstated, suspicious, changed, withdrawnPlaces);
    }

    private async Task<int> CountUnheldAsync(IReadOnlyList<long> sites, HashSet<long> goneRecords, CancellationToken cancellationToken)
    {
        var live = await LiveRecordsOfAsync(sites, cancellationToken);
        var restored = await RestoredByModeratorAsync(sites, cancellationToken);
        return sites.Count(siteId =>
            (live.GetValueOrDefault(siteId) ?? []).All(r => goneRecords.Contains(r.Id)) && !restored.Contains(siteId));
    }

    /// <summary>The live (not withdrawn) records of these places, by place: one query per 500 places, not one per place.</summary>
    private async Task<Dictionary<long, List<(long Id, string Provenance)>>> LiveRecordsOfAsync(IReadOnlyList<long> sites, CancellationToken cancellationToken)
    {
        var bySite = new Dictionary<long, List<(long Id, string Provenance)>>();
        foreach (var chunk in sites.Chunk(500))
        {
            var rows = await db.SourceRecords.AsNoTracking()
                .Where(r => chunk.Contains(r.SiteId) && r.WithdrawnAt == null)
                .Select(r => new { r.SiteId, r.Id, r.Provenance })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!bySite.TryGetValue(row.SiteId, out var list))
                {
                    bySite[row.SiteId] = list = [];
                }

                list.Add((row.Id, row.Provenance));
            }
        }

        return bySite;
    }

    /// <summary>Those of these places a moderator restored (« Rétablir »): the sync never withdraws them again.</summary>
    private async Task<HashSet<long>> RestoredByModeratorAsync(IReadOnlyList<long> sites, CancellationToken cancellationToken)
    {
        var restored = new HashSet<long>();
        foreach (var chunk in sites.Chunk(500))
        {
            restored.UnionWith(await db.SiteChanges.AsNoTracking()
                .Where(c => chunk.Contains(c.SiteId) && c.Operation.StartsWith(RestoreOperation))
                .Select(c => c.SiteId)
                .Distinct()
                .ToListAsync(cancellationToken));
        }

        return restored;
    }

    private async Task WithdrawAsync(long siteId, ConfiguredSource source, string actor, string operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var site = await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken);
        if (site.WithdrawnAt is not null)
        {
            return;
        }

        var day = TimeZoneInfo.ConvertTime(now, Paris).ToString("d MMMM yyyy", French);
        site.WithdrawnAt = now;
        site.WithdrawnReason = $"n'est plus dans la source {source.Name} depuis le {day}";
        site.Version++;
        site.UpdatedAt = now;
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = siteId,
            ChangedAt = now,
            Actor = actor,
            Kind = SiteChangeKind.Updated,
            Operation = operation,
            Field = WithdrawnField,
            OldValue = null,
            NewValue = site.WithdrawnReason,
            SiteVersion = site.Version,
        });
    }

    /// <summary>Live again, unless the last withdrawal was not a sync's (a person withdrew it: a person brings it back).</summary>
    private async Task<bool> ReinstateAsync(long siteId, SiteRecorder recorder, string actor, string operation, CancellationToken cancellationToken)
    {
        var lastWithdrawal = await db.SiteChanges.AsNoTracking()
            .Where(c => c.SiteId == siteId && c.Field == WithdrawnField && c.OldValue == null)
            .OrderByDescending(c => c.Id)
            .Select(c => c.Actor)
            .FirstOrDefaultAsync(cancellationToken);
        if (lastWithdrawal is not null && !lastWithdrawal.StartsWith(ActorPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        await recorder.RecomposeAsync(siteId, new ChangeContext(actor, operation, SiteChangeKind.Updated), null, cancellationToken);
        var site = await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken);
        var now = clock.GetUtcNow();
        var reason = site.WithdrawnReason;
        site.WithdrawnAt = null;
        site.WithdrawnReason = null;
        site.Version++;
        site.UpdatedAt = now;
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = siteId,
            ChangedAt = now,
            Actor = actor,
            Kind = SiteChangeKind.Updated,
            Operation = operation,
            Field = WithdrawnField,
            OldValue = reason,
            NewValue = null,
            SiteVersion = site.Version,
        });
        return true;
    }

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}
