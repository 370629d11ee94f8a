using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Merges;

/// <summary>A place as it was at one moment: its identity and the standard's fields as stored.</summary>
public sealed record PlaceState(
    long Key,
    string Provenance,
    string SourceId,
    IReadOnlyDictionary<string, string?> Fields,
    LocationPrecision LocationPrecision,
    int Version,
    DateTimeOffset CreatedAt)
{
    public static PlaceState Of(SiteEntity site) => new(
        site.Id,
        site.Provenance,
        site.SourceId,
        site.StandardColumns().ToDictionary(c => c.Field, c => SiteRecorder.Format(c.Value), StringComparer.Ordinal),
        site.LocationPrecision,
        site.Version,
        site.CreatedAt);
}

/// <summary>A registry record moved by a merge, and the merge that had attached it before (to put back on undo).</summary>
public sealed record MovedRecord(long RecordId, long? PreviousMergeId);

/// <summary>
/// What a merge saw (<see cref="MergeEventEntity.Before"/>): the target place, the absorbed
/// place when a pair was confirmed, and the records that moved. The undo recomputes both
/// places from their records; these states are the reference it is checked against, and the
/// audit of what the merge changed.
/// </summary>
/// <param name="Reason">Why an import merged, in French (the rule and what agreed); null for a person's merge and for older merges.</param>
public sealed record MergeSnapshot(PlaceState Target, PlaceState? Absorbed, IReadOnlyList<MovedRecord> MovedRecords, string? Reason = null)
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, s_options);

    public static MergeSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<MergeSnapshot>(json, s_options) ?? throw new InvalidOperationException("Instantané de fusion vide.");
}
