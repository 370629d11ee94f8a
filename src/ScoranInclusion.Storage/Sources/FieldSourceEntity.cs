using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>
/// Per-field provenance: the source record that gave a place's current value of one of the
/// standard's fields. A list field unioned from several sources has one row per contributing
/// record; an empty field has none. The record's provenance, id and <c>date_maj</c> say which
/// source and which version won.
/// </summary>
public sealed class FieldSourceEntity
{
    public long SiteId { get; set; }

    public SiteEntity? Site { get; set; }

    /// <summary>The standard's field name (<c>nom</c>, <c>services</c>…), or <c>location</c> for latitude and longitude together.</summary>
    public string Field { get; set; } = "";

    public long SourceRecordId { get; set; }

    public SourceRecordEntity? SourceRecord { get; set; }
}
