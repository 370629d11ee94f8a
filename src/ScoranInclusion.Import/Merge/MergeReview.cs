using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Import.Merge;

/// <summary>One side of an uncertain pair, as a reviewer needs to see it.</summary>
public sealed record PairSide(long Key, string Nom, string Adresse, string CodePostal, string Commune, IReadOnlyList<string> Provenances);

/// <summary>Two places that may be the same, waiting for a person (<see cref="MergeReview.ConfirmAsync"/> or <see cref="MergeReview.RejectAsync"/>).</summary>
/// <param name="Site">The place created by the import; a confirmation merges it into <paramref name="Other"/>.</param>
public sealed record UncertainPair(long Id, PairSide Site, PairSide Other, MatchScore Score, DateTimeOffset DetectedAt, string DetectedBy);

/// <summary>A merge as listed for review or undo; <see cref="MatchScore.Reason"/> of <paramref name="Score"/> says which rule made an import's merge.</summary>
public sealed record MergeInfo(
    long Id, MergeKind Kind, long TargetSiteKey, long? AbsorbedSiteKey, string Provenance, string SourceId, MatchScore Score,
    DateTimeOffset MergedAt, string MergedBy, DateTimeOffset? UndoneAt, string? UndoneBy, long? RestoredSiteKey);

/// <summary>
/// The human side of merging: list the uncertain pairs, confirm (merge) or reject them, list
/// merges and undo one. Each call is one transaction; the search index follows once committed.
/// </summary>
public sealed class MergeReview(ScoranDbContext db, ISearchPublication index, TimeProvider clock)
{
    private const string DefaultReviewer = "merge-review";

    public async Task<IReadOnlyList<UncertainPair>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        var pairs = await db.MergeCandidates.AsNoTracking()
            .Where(p => p.Status == MergeCandidateStatus.Pending)
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var keys = pairs.SelectMany(p => new[] { p.SiteId, p.OtherSiteId }).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id))
            .Select(s => new { s.Id, s.Nom, s.Adresse, s.CodePostal, s.Commune })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var provenances = (await db.SourceRecords.AsNoTracking().Where(r => keys.Contains(r.SiteId))
                .Select(r => new { r.SiteId, r.Provenance }).ToListAsync(cancellationToken))
            .GroupBy(r => r.SiteId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Provenance).Distinct().Order(StringComparer.Ordinal)]);

        PairSide? Side(long key) => sites.TryGetValue(key, out var s)
            ? new PairSide(s.Id, s.Nom, s.Adresse, s.CodePostal, s.Commune, provenances.GetValueOrDefault(key, []))
            : null;

        var result = new List<UncertainPair>();
        foreach (var pair in pairs)
        {
            // A pair whose place has since been absorbed elsewhere is obsolete, not pending.
            if (Side(pair.SiteId) is { } site && Side(pair.OtherSiteId) is { } other)
            {
                result.Add(new UncertainPair(pair.Id, site, other,
                    new MatchScore(pair.Score, pair.NameScore, pair.StreetScore, pair.DistanceScore, pair.DistanceMeters),
                    pair.DetectedAt, pair.DetectedBy));
            }
        }

        return result;
    }

    /// <summary>The two places are the same: the imported one is merged into the existing one (undoable).</summary>
    public async Task<MergeWrites> ConfirmAsync(long pairId, string? reviewer = null, CancellationToken cancellationToken = default)
    {
        var actor = Actor(reviewer);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        MergeWrites writes;
        try
        {
            var pair = await PendingPairAsync(pairId, cancellationToken);
            var recorder = new SiteRecorder(db, clock);
            writes = await new SiteMerger(db, recorder, clock).AbsorbAsync(
                pair.SiteId, pair.OtherSiteId,
                new MatchScore(pair.Score, pair.NameScore, pair.StreetScore, pair.DistanceScore, pair.DistanceMeters),
                MergeKind.Confirmed, actor, cancellationToken);
            pair.Status = MergeCandidateStatus.Confirmed;
            pair.DecidedAt = clock.GetUtcNow();
            pair.DecidedBy = actor;
            pair.MergeId = writes.MergeId;
            // Other pairs of the absorbed place can no longer be decided.
            await db.MergeCandidates
                .Where(p => p.Id != pairId && p.Status == MergeCandidateStatus.Pending
                    && (p.SiteId == pair.SiteId || p.OtherSiteId == pair.SiteId))
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, MergeCandidateStatus.Obsolete), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        await PublishAsync(writes, cancellationToken);
        return writes;
    }

    /// <summary>The two places are different: the pair leaves the list, nothing else changes.</summary>
    public async Task RejectAsync(long pairId, string? reviewer = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var pair = await PendingPairAsync(pairId, cancellationToken);
            pair.Status = MergeCandidateStatus.Rejected;
            pair.DecidedAt = clock.GetUtcNow();
            pair.DecidedBy = Actor(reviewer);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Merges, most recent first; with <paramref name="siteKey"/>, those where it is the target, the absorbed or the restored place.</summary>
    public async Task<IReadOnlyList<MergeInfo>> ListMergesAsync(long? siteKey = null, CancellationToken cancellationToken = default)
    {
        var query = db.Merges.AsNoTracking();
        if (siteKey is { } key)
        {
            query = query.Where(m => m.TargetSiteId == key || m.AbsorbedSiteId == key || m.RestoredSiteId == key);
        }

        var merges = await query.OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
        return [.. merges.Select(m => new MergeInfo(m.Id, m.Kind, m.TargetSiteId, m.AbsorbedSiteId, m.Provenance, m.SourceId,
            new MatchScore(m.Score, m.NameScore, m.StreetScore, m.DistanceScore, m.DistanceMeters) { Reason = MergeSnapshot.FromJson(m.Before).Reason },
            m.MergedAt, m.MergedBy, m.UndoneAt, m.UndoneBy, m.RestoredSiteId))];
    }

    /// <summary>Undoes a merge (automatic or confirmed): see <see cref="SiteMerger.UndoAsync"/>.</summary>
    public async Task<MergeWrites> UndoMergeAsync(long mergeId, string? reviewer = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        MergeWrites writes;
        try
        {
            var recorder = new SiteRecorder(db, clock);
            writes = await new SiteMerger(db, recorder, clock).UndoAsync(mergeId, Actor(reviewer), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        await PublishAsync(writes, cancellationToken);
        return writes;
    }

    private static string Actor(string? reviewer) => string.IsNullOrWhiteSpace(reviewer) ? DefaultReviewer : $"merge-review:{reviewer}";

    private async Task<MergeCandidateEntity> PendingPairAsync(long pairId, CancellationToken cancellationToken)
    {
        var pair = await db.MergeCandidates.SingleOrDefaultAsync(p => p.Id == pairId, cancellationToken)
            ?? throw new InvalidOperationException($"La paire {pairId} n'existe pas.");
        return pair.Status == MergeCandidateStatus.Pending
            ? pair
            : throw new InvalidOperationException($"La paire {pairId} a déjà été traitée ({pair.Status}).");
    }

    private async Task PublishAsync(MergeWrites writes, CancellationToken cancellationToken)
    {
        if (writes.RemovedSiteKey is { } removed)
        {
            index.Remove(removed);
        }

        List<long> keys = [writes.Target.Key];
        if (writes.Restored is { } restored)
        {
            keys.Add(restored.Key);
        }

        await SearchIndexPublication.PublishAsync(db, index, keys, cancellationToken);
    }
}
