using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.History;

/// <summary>What happened to a place, as the public feed says it.</summary>
public enum PublicChangeKind
{
    Created,
    Updated,
    Merged,
    Removed,

    /// <summary>The place is no longer listed (withdrawn: no source lists it); nothing of its content is given.</summary>
    Withdrawn,
}

/// <summary>One change of the public feed: which place, what kind, which fields (names only), when. No actor.</summary>
/// <param name="Position">The last history row of the change: the feed's cursor.</param>
public sealed record PublicChange(long Position, long SiteId, PublicChangeKind Kind, IReadOnlyList<string> Fields, DateTimeOffset At, long? RelatedSiteId);

/// <summary>
/// The public feed of changes of places, read from the history (<c>site_changes</c>) in the order it was written,
/// so that an aggregator syncs incrementally: it asks for everything since a date, then pages with the cursor.
/// Who made a change (account ids, e-mails, import names) never appears.
/// </summary>
public sealed class ChangeFeed(ScoranDbContext db)
{
    private const int Batch = 500;

    public async Task<(IReadOnlyList<PublicChange> Page, bool HasNext)> ReadAsync(DateTimeOffset since, long afterPosition, int first, CancellationToken cancellationToken)
    {
        var start = await FirstPositionSinceAsync(since, cancellationToken);
        if (start is null)
        {
            return ([], false);
        }

        var cursor = Math.Max(afterPosition, start.Value - 1);
        var events = new List<PublicChange>();
        var sinceUtc = since.ToUniversalTime();
        SiteChangeEntity? head = null;
        var fields = new List<string>();
        PublicChangeKind? transition = null;
        long last = 0;
        while (events.Count <= first)
        {
            var rows = await db.SiteChanges.AsNoTracking().Where(c => c.Id > cursor).OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Id;
                if (row.ChangedAt < sinceUtc)
                {
                    continue;
                }

                if (head is null || row.SiteId != head.SiteId || row.Operation != head.Operation || row.Kind != head.Kind)
                {
                    Close();
                    head = row;
                    fields = [];
                    transition = null;
                }

                if (row.Field == SiteHistory.WithdrawnAtField)
                {
                    // A withdrawal, or the place coming back: said by the kind, not as a field.
                    transition = row.NewValue is null ? PublicChangeKind.Created : PublicChangeKind.Withdrawn;
                }
                else if (row.Field is { } field && !fields.Contains(field))
                {
                    fields.Add(field);
                }

                last = row.Id;
            }

            if (rows.Count < Batch)
            {
                Close();
                break;
            }
        }

        var page = events.Count > first ? events[..first] : events;
        page = await HideWithdrawnAsync(page, cancellationToken);
        return (page, events.Count > first);

        void Close()
        {
            if (head is not null)
            {
                events.Add(transition is { } moved
                    ? new PublicChange(last, head.SiteId, moved, [], head.ChangedAt, null)
                    : new PublicChange(last, head.SiteId, KindOf(head.Kind), fields, head.ChangedAt, head.RelatedSiteId));
                head = null;
            }
        }
    }

    /// <summary>
    /// A place withdrawn now is said withdrawn in every change of it the feed gives, without fields: an aggregator
    /// drops it, and learns nothing of what it was. A withdrawal itself (a row setting <see cref="SiteHistory.WithdrawnAtField"/>)
    /// is said withdrawn whatever the place became since; a row clearing it (a restoration) is a creation: the place comes back.
    /// </summary>
    private async Task<List<PublicChange>> HideWithdrawnAsync(List<PublicChange> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return page;
        }

        var ids = page.Select(p => p.SiteId).Distinct().ToList();
        var withdrawn = (await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id) && s.WithdrawnAt != null).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        return [.. page.Select(p => withdrawn.Contains(p.SiteId)
            ? p with { Kind = PublicChangeKind.Withdrawn, Fields = [], RelatedSiteId = null }
            : p)];
    }

    private static PublicChangeKind KindOf(SiteChangeKind kind) => kind switch
    {
        SiteChangeKind.Created or SiteChangeKind.Restored => PublicChangeKind.Created,
        SiteChangeKind.Merged => PublicChangeKind.Merged,
        SiteChangeKind.Absorbed => PublicChangeKind.Removed,
        _ => PublicChangeKind.Updated,
    };

    // The first history row at or after a date. REVIEW: raw SQL because EF's SQLite provider cannot compare
    // DateTimeOffset columns; history instants are all written in UTC, whose text form sorts like time.
    private async Task<long?> FirstPositionSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var utc = since.ToUniversalTime();
        return await db.Database
            .SqlQuery<long?>($"SELECT MIN(\"Id\") AS \"Value\" FROM \"site_changes\" WHERE \"ChangedAt\" >= {utc}")
            .SingleAsync(cancellationToken);
    }
}
