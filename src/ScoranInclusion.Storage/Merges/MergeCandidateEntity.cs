namespace ScoranInclusion.Storage.Merges;

public enum MergeCandidateStatus
{
    /// <summary>Waiting for a person.</summary>
    Pending,

    /// <summary>A person said they are the same place: merged (see <see cref="MergeCandidateEntity.MergeId"/>).</summary>
    Confirmed,

    /// <summary>A person said they are different places.</summary>
    Rejected,

    /// <summary>One of the two places no longer exists (absorbed by another merge).</summary>
    Obsolete,
}

/// <summary>
/// An uncertain pair (table <c>site_merge_candidates</c>): a place created by an import that
/// looks like an existing place of another source, with a score between the review and the
/// merge thresholds. Nothing is merged until a person confirms.
/// </summary>
public sealed class MergeCandidateEntity
{
    public long Id { get; set; }

    /// <summary>The place the import created.</summary>
    public long SiteId { get; set; }

    /// <summary>The existing place it looks like; on confirmation, <see cref="SiteId"/> is merged into it.</summary>
    public long OtherSiteId { get; set; }

    public double Score { get; set; }

    public double NameScore { get; set; }

    public double StreetScore { get; set; }

    /// <summary>Null when either point is only a commune's: the distance then says nothing and is left out of the score.</summary>
    public double? DistanceScore { get; set; }

    public double? DistanceMeters { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public string DetectedBy { get; set; } = "";

    public MergeCandidateStatus Status { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public long? MergeId { get; set; }
}
