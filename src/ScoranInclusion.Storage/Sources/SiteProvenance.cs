using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>A source record of a place: where it comes from, when it was seen, and its values as received.</summary>
public sealed record SourceRecordInfo(
    long Id,
    string Provenance,
    string SourceId,
    DateOnly DateMaj,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    LocationPrecision LocationPrecision,
    long? MergeId,
    Site Received);

/// <summary>The source and <c>date_maj</c> that gave one field's current value (several for a unioned list).</summary>
public sealed record FieldOrigin(string Field, long RecordId, string Provenance, string SourceId, DateOnly DateMaj);

public sealed record SiteProvenanceInfo(long SiteKey, IReadOnlyList<SourceRecordInfo> Records, IReadOnlyList<FieldOrigin> Fields)
{
    public IEnumerable<FieldOrigin> Of(string field) => Fields.Where(f => f.Field == field);
}

/// <summary>Reads the same-as registry and per-field provenance of places.</summary>
public sealed class SiteProvenance(ScoranDbContext db)
{
    private static readonly Dictionary<string, int> s_fieldOrder =
        SiteFields.All.Select((field, index) => (field, index)).ToDictionary(p => p.field, p => p.index, StringComparer.Ordinal);

    /// <summary>Null when the place does not exist.</summary>
    public async Task<SiteProvenanceInfo?> ForSiteAsync(long siteKey, CancellationToken cancellationToken)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteKey, cancellationToken))
        {
            return null;
        }

        var records = (await db.SourceRecords.AsNoTracking().Where(r => r.SiteId == siteKey).ToListAsync(cancellationToken))
            .OrderBy(r => r.FirstSeenAt).ThenBy(r => r.Id)
            .ToList();
        var fields = records
            .SelectMany((record, order) => FieldList.Split(record.GivenFields)
                .Select(field => (Order: order, Origin: new FieldOrigin(field, record.Id, record.Provenance, record.SourceId, record.DateMaj))))
            .OrderBy(f => s_fieldOrder.GetValueOrDefault(f.Origin.Field, int.MaxValue))
            .ThenBy(f => f.Order)
            .Select(f => f.Origin)
            .ToList();
        return new SiteProvenanceInfo(
            siteKey,
            [.. records.Select(r => new SourceRecordInfo(r.Id, r.Provenance, r.SourceId, r.DateMaj, r.FirstSeenAt, r.LastSeenAt,
                r.LocationPrecision, r.MergeId, SiteSnapshot.Deserialize(r.Snapshot)))],
            fields);
    }
}
