namespace ScoranInclusion.Storage.Merges;

public enum MergeKind
{
    /// <summary>Made by an import: the score passed the merge threshold.</summary>
    Automatic,

    /// <summary>Made by a person confirming an uncertain pair.</summary>
    Confirmed,
}

/// <summary>
/// One merge of a source's record (or of a whole place) into a place (table <c>site_merges</c>),
/// with the scores that decided it and what is needed to undo it. Never deleted; an undo
/// fills <see cref="UndoneAt"/>.
/// </summary>
public sealed class MergeEventEntity
{
    public long Id { get; set; }

    /// <summary>The place that absorbed the records.</summary>
    public long TargetSiteId { get; set; }

    /// <summary>The place that disappeared when a pair was confirmed; null when an import merged a new record.</summary>
    public long? AbsorbedSiteId { get; set; }

    public MergeKind Kind { get; set; }

    /// <summary>The absorbed record's (first) provenance and id, for display.</summary>
    public string Provenance { get; set; } = "";

    public string SourceId { get; set; } = "";

    public double Score { get; set; }

    public double NameScore { get; set; }

    public double StreetScore { get; set; }

    /// <summary>Null when either point is only a commune's: the distance then says nothing and is left out of the score.</summary>
    public double? DistanceScore { get; set; }

    public double? DistanceMeters { get; set; }

    public DateTimeOffset MergedAt { get; set; }

    public string MergedBy { get; set; } = "";

    /// <summary>JSON (<see cref="MergeSnapshot"/>): both places as they were, and the records moved.</summary>
    public string Before { get; set; } = "";

    public DateTimeOffset? UndoneAt { get; set; }

    public string? UndoneBy { get; set; }

    /// <summary>The place re-created by the undo.</summary>
    public long? RestoredSiteId { get; set; }
}
