using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.History;

/// <summary>One change of a place: who, when, what kind, and the fields with old and new values.</summary>
public sealed record SiteChangeEvent(
    DateTimeOffset ChangedAt,
    string Actor,
    SiteChangeKind Kind,
    string Operation,
    long? RelatedSiteId,
    IReadOnlyList<FieldChange> Fields);

/// <summary>Reads the change history of places (<c>site_changes</c>), for the API and audits.</summary>
public sealed class SiteHistory(ScoranDbContext db)
{
    /// <summary>The pseudo-field of confirmations (<see cref="SiteChangeKind.Confirmed"/>).</summary>
    public const string LastConfirmedAtField = "last_confirmed_at";

    /// <summary>
    /// The pseudo-field of withdrawals: a sync's withdrawal writes it (no old value; new value: the reason), a sync's
    /// reinstatement clears it (old value: the reason); a moderator's restoration (<see cref="SiteChangeKind.Restored"/>, operation <see cref="RestoreOperation"/>) clears it (old value: the instant).
    /// </summary>
    public const string WithdrawnAtField = "withdrawn_at";

    /// <summary>
    /// The <see cref="SiteChangeEntity.Operation"/> of a moderator's restoration of a withdrawn place: a place with such a row is held
    /// by a person's decision, which a sync never withdraws again on its own.
    /// </summary>
    public const string RestoreOperation = "restoreSite";

    /// <summary>The pseudo-field of a withdrawal's reason (in French), cleared by a restoration as <see cref="WithdrawnAtField"/>.</summary>
    public const string WithdrawnReasonField = "withdrawn_reason";

    /// <summary>
    /// The changes of one place, oldest first; the rows of one operation are one event. A place
    /// absorbed by a merge keeps its history under its former key.
    /// </summary>
    public async Task<IReadOnlyList<SiteChangeEvent>> ForSiteAsync(long siteKey, CancellationToken cancellationToken)
    {
        var rows = await db.SiteChanges.AsNoTracking()
            .Where(c => c.SiteId == siteKey)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return Events(rows);
    }

    /// <summary><see cref="ForSiteAsync"/> for many places in one query; every place in the answer (an empty list without changes).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<SiteChangeEvent>>> ForSitesAsync(IReadOnlyCollection<long> siteKeys, CancellationToken cancellationToken)
    {
        var rows = siteKeys.Count == 0 ? [] : await db.SiteChanges.AsNoTracking()
            .Where(c => siteKeys.Contains(c.SiteId))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var bySite = rows.ToLookup(r => r.SiteId);
        return siteKeys.Distinct().ToDictionary(k => k, k => Events([.. bySite[k]]));
    }

    private static IReadOnlyList<SiteChangeEvent> Events(List<SiteChangeEntity> rows)
    {
        var events = new List<SiteChangeEvent>();
        List<FieldChange>? fields = null;
        SiteChangeEntity? head = null;
        foreach (var row in rows)
        {
            if (head is null || row.Operation != head.Operation || row.Kind != head.Kind || row.ChangedAt != head.ChangedAt)
            {
                Close();
                head = row;
                fields = [];
            }

            if (row.Field is not null)
            {
                fields!.Add(new FieldChange(row.Field, row.OldValue, row.NewValue));
            }
        }

        Close();
        return events;

        void Close()
        {
            if (head is not null)
            {
                events.Add(new SiteChangeEvent(head.ChangedAt, head.Actor, head.Kind, head.Operation, head.RelatedSiteId, fields!));
            }
        }
    }
}
