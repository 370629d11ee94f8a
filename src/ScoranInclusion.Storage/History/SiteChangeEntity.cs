namespace ScoranInclusion.Storage.History;

/// <summary>What happened to a place in one change.</summary>
public enum SiteChangeKind
{
    /// <summary>The place was created (one row, no field: its values are its first source record's).</summary>
    Created,

    /// <summary>A field changed because a source sent new values (or a person edited it).</summary>
    Updated,

    /// <summary>A field changed because another source's record was merged into the place.</summary>
    Merged,

    /// <summary>A field changed because a merge was undone.</summary>
    Unmerged,

    /// <summary>The place was absorbed by a confirmed merge (one row, no field); its records moved to <see cref="SiteChangeEntity.RelatedSiteId"/>.</summary>
    Absorbed,

    /// <summary>The place was re-created by the undo of the merge that had absorbed it (one row, no field).</summary>
    Restored,

    /// <summary>A person confirmed the place is still true (one row, field <c>last_confirmed_at</c>).</summary>
    Confirmed,
}

/// <summary>
/// The change history of places (table <c>site_changes</c>): one row per changed field, with
/// who, when, and the old and new values as the standard writes them. Rows are never updated
/// nor deleted, and outlive the place (a place absorbed by a merge keeps its history).
/// </summary>
public sealed class SiteChangeEntity
{
    public long Id { get; set; }

    /// <summary>The place's key; deliberately not a foreign key, so that history survives the place.</summary>
    public long SiteId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Who made the change: <c>import:&lt;provenance&gt;</c>, <c>merge-review:&lt;user&gt;</c>, <c>account:&lt;id&gt;</c>, <c>admin-token</c>.</summary>
    public string Actor { get; set; } = "";

    public SiteChangeKind Kind { get; set; }

    /// <summary>Groups the rows of one operation: an import run's id, or <c>merge:&lt;id&gt;</c>.</summary>
    public string Operation { get; set; } = "";

    /// <summary>The standard's field name (or <c>location_precision</c>); null for <see cref="SiteChangeKind.Created"/>-like rows.</summary>
    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>For merges: the other place involved.</summary>
    public long? RelatedSiteId { get; set; }

    /// <summary>The place's version after the change (null on rows written before versions were recorded): what a stale <c>expectedVersion</c> missed.</summary>
    public int? SiteVersion { get; set; }
}
