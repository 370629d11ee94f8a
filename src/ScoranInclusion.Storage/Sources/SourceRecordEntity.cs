using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>
/// One source record that contributed to a place (the same-as registry): a dataset's row
/// as it was last received, and the place it belongs to. (<see cref="Provenance"/>,
/// <see cref="SourceId"/>) is unique: it is the key imports upsert by. Records are never
/// deleted; a merge moves them to another place and its undo moves them back.
/// </summary>
public sealed class SourceRecordEntity
{
    public long Id { get; set; }

    /// <summary>The place this record currently feeds.</summary>
    public long SiteId { get; set; }

    public SiteEntity? Site { get; set; }

    /// <summary>The dataset (e.g. <c>mednum-bfc</c>, <c>data-inclusion</c>, later <c>mediateur</c>).</summary>
    public string Provenance { get; set; } = "";

    /// <summary>The standard's <c>id</c> in that dataset.</summary>
    public string SourceId { get; set; } = "";

    /// <summary>The record's <c>date_maj</c>: decides which source's scalar values a merged place shows.</summary>
    public DateOnly DateMaj { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>The last import that contained the record, changed or not.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// When the source stopped listing the record (a sync that no longer found its id): the record no
    /// longer contributes to its place, which is composed from its other records. Cleared when the
    /// source lists it again. Null: the record is live.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The record as received, as the standard's fields (<see cref="SiteSnapshot"/>).</summary>
    public string Snapshot { get; set; } = "";

    /// <summary>A hash of the snapshot and of the point used: an identical row is recognised without loading anything.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The point this record gives the place: its own coordinates, or its commune's (<see cref="LocationPrecision"/>).</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public LocationPrecision LocationPrecision { get; set; }

    /// <summary>
    /// Only for the record of people's edits (provenance <see cref="SiteEdits.Provenance"/>): the fields edited and
    /// the day of each edit, as JSON (<c>{"nom":"2026-11-28"}</c>). Null for imported records.
    /// </summary>
    public string? EditedFields { get; set; }

    /// <summary>
    /// Per-field provenance: the standard's fields of its place (<see cref="SiteId"/>) whose current value
    /// this record gives, comma-separated (<see cref="FieldList"/>); null when it gives none. A list unioned
    /// from several sources is named by each contributing record; an empty field by none. With the record's
    /// provenance, id and <c>date_maj</c>, it says which source and which version won each field.
    /// </summary>
    public string? GivenFields { get; set; }

    /// <summary>The merge that attached the record to <see cref="SiteId"/>; null when the place was created from it.</summary>
    public long? MergeId { get; set; }

    public MergeEventEntity? Merge { get; set; }
}

/// <summary>The comma-separated field names of <see cref="SourceRecordEntity.GivenFields"/>.</summary>
public static class FieldList
{
    public static string? Join(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var text = string.Join(',', fields.Distinct(StringComparer.Ordinal));
        return text.Length == 0 ? null : text;
    }

    public static IReadOnlyList<string> Split(string? fields) =>
        string.IsNullOrEmpty(fields) ? [] : fields.Split(',');
}
