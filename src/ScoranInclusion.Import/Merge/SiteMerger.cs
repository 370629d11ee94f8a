using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Merge;

/// <summary>The places a merge or its undo changed: to publish to the search index once committed.</summary>
public sealed record MergeWrites(long MergeId, SiteWrite Target, long? RemovedSiteKey, SiteWrite? Restored);

/// <summary>
/// Merges records into places and undoes merges, recording a <see cref="MergeEventEntity"/>
/// with everything the undo needs. Every value of a place is recomputed from its records by
/// <see cref="SiteComposer"/>, so a merge unions lists and keeps the most recent scalars, and
/// its undo gives the place back the values it had from its own records. Never commits.
/// </summary>
public sealed class SiteMerger(ScoranDbContext db, SiteRecorder recorder, TimeProvider clock)
{
    /// <summary>Attaches a new source record to an existing place (an import's automatic merge).</summary>
    public async Task<(SiteWrite Target, MergeEventEntity Merge)> MergeRecordAsync(
        SourceRecordEntity record, MatchCandidate into, string actor, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(into);
        var target = await db.Sites.SingleAsync(s => s.Id == into.SiteKey, cancellationToken);
        var merge = NewEvent(target, MergeKind.Automatic, record.Provenance, record.SourceId, into.Score, actor);
        merge.Before = new MergeSnapshot(PlaceState.Of(target), null, [], into.Score.Reason).ToJson();
        db.Merges.Add(merge);
        record.Merge = merge;
        var write = await recorder.RecomposeAsync(
            target.Id, new ChangeContext(actor, operation, SiteChangeKind.Merged), [record], cancellationToken);
        return (write, merge);
    }

    /// <summary>
    /// Merges a whole place into another (a confirmed pair): its records move to
    /// <paramref name="targetKey"/>, the place itself goes (its history stays under its key).
    /// </summary>
    public async Task<MergeWrites> AbsorbAsync(long absorbedKey, long targetKey, MatchScore score, MergeKind kind, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (absorbedKey == targetKey)
        {
            throw new InvalidOperationException("Un lieu ne peut pas être fusionné avec lui-même.");
        }

        var absorbed = await db.Sites.SingleOrDefaultAsync(s => s.Id == absorbedKey, cancellationToken)
            ?? throw new InvalidOperationException($"Le lieu {absorbedKey} n'existe plus.");
        var target = await db.Sites.SingleOrDefaultAsync(s => s.Id == targetKey, cancellationToken)
            ?? throw new InvalidOperationException($"Le lieu {targetKey} n'existe plus.");
        var records = await db.SourceRecords.Where(r => r.SiteId == absorbedKey).ToListAsync(cancellationToken);

        var merge = NewEvent(target, kind, absorbed.Provenance, absorbed.SourceId, score, actor);
        merge.AbsorbedSiteId = absorbedKey;
        merge.Before = new MergeSnapshot(
            PlaceState.Of(target), PlaceState.Of(absorbed), [.. records.Select(r => new MovedRecord(r.Id, r.MergeId))]).ToJson();
        db.Merges.Add(merge);
        await recorder.SaveAsync(cancellationToken);

        var operation = $"merge:{merge.Id}";
        foreach (var record in records)
        {
            record.SiteId = targetKey;
            record.MergeId = merge.Id;
        }

        // Their per-field provenance (GivenFields) is recomputed with the target below.
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = absorbedKey,
            ChangedAt = clock.GetUtcNow(),
            Actor = actor,
            Kind = SiteChangeKind.Absorbed,
            Operation = operation,
            RelatedSiteId = targetKey,
        });
        await recorder.SaveAsync(cancellationToken);
        // Workshops given at the absorbed place are now given at the merged one.
        await Storage.Offers.OfferSites.MoveAsync(db, absorbedKey, targetKey, cancellationToken);
        db.Sites.Remove(absorbed);
        await recorder.SaveAsync(cancellationToken);

        var write = await recorder.RecomposeAsync(
            targetKey, new ChangeContext(actor, operation, SiteChangeKind.Merged, absorbedKey), null, cancellationToken);
        await recorder.SaveAsync(cancellationToken);
        return new MergeWrites(merge.Id, write, absorbedKey, null);
    }

    /// <summary>
    /// Undoes a merge: the records it moved leave the target, which is recomputed from the
    /// records it had; the place they came from is re-created (with its former key when the
    /// merge had absorbed a place). Refused when the target was itself merged away since (undo
    /// that merge first) or when the merge was already undone.
    /// </summary>
    public async Task<MergeWrites> UndoAsync(long mergeId, string actor, CancellationToken cancellationToken)
    {
        var merge = await db.Merges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken)
            ?? throw new InvalidOperationException($"La fusion {mergeId} n'existe pas.");
        if (merge.UndoneAt is not null)
        {
            throw new InvalidOperationException($"La fusion {mergeId} a déjà été annulée.");
        }

        var records = await db.SourceRecords.Where(r => r.MergeId == mergeId).ToListAsync(cancellationToken);
        if (records.Count == 0 || records.Any(r => r.SiteId != merge.TargetSiteId))
        {
            throw new InvalidOperationException(
                $"La fusion {mergeId} ne peut plus être annulée telle quelle : le lieu {merge.TargetSiteId} a été fusionné depuis ; annulez d'abord cette fusion-là.");
        }

        var snapshot = MergeSnapshot.FromJson(merge.Before);
        var previous = snapshot.MovedRecords.ToDictionary(m => m.RecordId, m => m.PreviousMergeId);
        foreach (var record in records)
        {
            record.MergeId = previous.GetValueOrDefault(record.Id);
        }

        SiteEntity? shell = null;
        if (merge.AbsorbedSiteId is { } formerKey && snapshot.Absorbed is { } absorbed)
        {
            shell = new SiteEntity
            {
                Id = formerKey,
                Provenance = absorbed.Provenance,
                SourceId = absorbed.SourceId,
                CreatedAt = absorbed.CreatedAt,
                Version = absorbed.Version + 1,
            };
        }
        else
        {
            // The record merged by an import becomes a place of its own, named after it.
            records = [.. records.OrderBy(r => r.Provenance == merge.Provenance && r.SourceId == merge.SourceId ? 0 : 1)];
        }

        var operation = $"unmerge:{mergeId}";
        var restored = recorder.CreateSite(records, new ChangeContext(actor, operation, SiteChangeKind.Restored, merge.TargetSiteId), shell);
        await recorder.SaveAsync(cancellationToken);

        var target = await recorder.RecomposeAsync(
            merge.TargetSiteId, new ChangeContext(actor, operation, SiteChangeKind.Unmerged, restored.Key), null, cancellationToken);
        merge.UndoneAt = clock.GetUtcNow();
        merge.UndoneBy = actor;
        merge.RestoredSiteId = restored.Key;
        await recorder.SaveAsync(cancellationToken);
        return new MergeWrites(mergeId, target, null, restored);
    }

    private MergeEventEntity NewEvent(SiteEntity target, MergeKind kind, string provenance, string sourceId, MatchScore score, string actor) => new()
    {
        TargetSiteId = target.Id,
        Kind = kind,
        Provenance = provenance,
        SourceId = sourceId,
        Score = score.Total,
        NameScore = score.Name,
        StreetScore = score.Street,
        DistanceScore = score.Distance,
        DistanceMeters = score.DistanceMeters,
        MergedAt = clock.GetUtcNow(),
        MergedBy = actor,
    };
}
