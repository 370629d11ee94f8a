using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sites;

/// <summary>A site as stored: the standard's record plus the internal key, provenance and version.</summary>
public sealed record StoredSite(long Key, string Provenance, Site Site, int Version, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// <see cref="LocationPrecision.Commune"/> when <see cref="Site"/>'s location is only its
    /// commune's point (the source gave no coordinates): exports should then leave
    /// <c>latitude</c>/<c>longitude</c> empty rather than publish the approximation as the place's.
    /// </summary>
    public LocationPrecision LocationPrecision { get; init; } = LocationPrecision.Address;

    /// <summary>When a person last confirmed the place (or edited it); null: never.</summary>
    public DateTimeOffset? LastConfirmedAt { get; init; }

    /// <summary>When the place was withdrawn (no source lists it, nothing else holds it); null: live. See <see cref="SiteEntity.WithdrawnAt"/>.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Why it was withdrawn, in French; null when live.</summary>
    public string? WithdrawnReason { get; init; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>
    /// The most recent sign of the place's records (<see cref="SiteEntity.FreshnessAt"/>), or, on a row composed before
    /// it was kept, its <c>date_maj</c> from its first source. With <see cref="LastConfirmedAt"/>, its freshness.
    /// </summary>
    public FreshnessSign RecordsSign { get; init; }

    /// <summary>The most recent sign that the place is true: <see cref="RecordsSign"/> or a person's confirmation.</summary>
    public FreshnessSign LatestSign => SiteFreshness.Latest([RecordsSign, SiteFreshness.Confirmation(LastConfirmedAt)]) ?? RecordsSign;

    /// <summary>The place's département (from its INSEE code, else its postcode).</summary>
    public string Departement => SiteDepartement.Of(Site.Adresse.CodeInsee, Site.Adresse.CodePostal);

    public static StoredSite From(SiteEntity e) =>
        new(e.Id, e.Provenance, e.ToDomain(), e.Version, e.UpdatedAt)
        {
            LocationPrecision = e.LocationPrecision,
            LastConfirmedAt = e.LastConfirmedAt,
            WithdrawnAt = e.WithdrawnAt,
            WithdrawnReason = e.WithdrawnReason,
            RecordsSign = RecordsSignOf(e),
        };

    /// <summary>The sign kept on the row, else its <c>date_maj</c> from its first source (rows composed before it was kept).</summary>
    public static FreshnessSign RecordsSignOf(SiteEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RecordsSignOf(e.FreshnessAt, e.FreshnessProvenance, e.DateMaj, e.Provenance);
    }

    /// <summary><see cref="RecordsSignOf(SiteEntity)"/> from the row's columns alone (a query that reads only them).</summary>
    public static FreshnessSign RecordsSignOf(DateTimeOffset? freshnessAt, string? freshnessProvenance, DateOnly dateMaj, string provenance) =>
        freshnessAt is { } at && freshnessProvenance is { } kept
            ? new FreshnessSign(at, kept)
            : new FreshnessSign(SiteFreshness.StartOfDay(dateMaj), provenance);

    /// <summary><see cref="LatestSign"/> from the row's columns alone.</summary>
    public static FreshnessSign LatestSignOf(DateTimeOffset? freshnessAt, string? freshnessProvenance, DateOnly dateMaj, string provenance, DateTimeOffset? lastConfirmedAt)
    {
        var records = RecordsSignOf(freshnessAt, freshnessProvenance, dateMaj, provenance);
        return SiteFreshness.Latest([records, SiteFreshness.Confirmation(lastConfirmedAt)]) ?? records;
    }
}
