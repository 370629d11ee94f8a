using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Offers;

/// <summary>A training offer; themes and publics as the standard's pipe-joined labels, like a site's.</summary>
public sealed class OfferEntity
{
    public long Id { get; set; }
    public long? SiteId { get; set; }
    public SiteEntity? Site { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Description { get; set; }
    public string Themes { get; set; } = "";
    public string? Publics { get; set; }
    public OfferLevel Level { get; set; }
    public OfferFormat Format { get; set; }
    public OfferFee Fee { get; set; }
    public string? FeeCondition { get; set; }
    public string? RegistrationUrl { get; set; }
    public string? RegistrationTelephone { get; set; }
    public string? RegistrationCourriel { get; set; }
    public bool RegistrationOnSite { get; set; }
    public string? AccessibilityNotes { get; set; }
    public bool IsExample { get; set; }
    public OfferStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One dated session. Instants are stored as Unix seconds (UTC), which SQLite compares and sorts as numbers;
/// they are shown in Paris time. Only "cancelled" is stored as a status: full and done are derived.
/// </summary>
public sealed class SessionEntity
{
    public long Id { get; set; }
    public long OfferId { get; set; }
    public OfferEntity? Offer { get; set; }

    /// <summary>The series it was expanded from, with its local date there (unique per series).</summary>
    public long? SeriesId { get; set; }
    public DateOnly? OccurrenceDate { get; set; }

    /// <summary>Where it happens: a place (the offer's unless changed), or an itinerant stop, or neither when remote.</summary>
    public long? SiteId { get; set; }
    public long? StopId { get; set; }
    public string? RemoteUrl { get; set; }

    public long StartsAtUnix { get; set; }
    public long EndsAtUnix { get; set; }
    public int? Capacity { get; set; }
    public int SeatsTaken { get; set; }
    public bool Cancelled { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }

    /// <summary>The iCalendar SEQUENCE: incremented on every change a calendar should show (times, place, cancellation).</summary>
    public int Sequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incremented on every change, seats included; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>A weekly series as given, kept so that a series without end date is topped up as time passes.</summary>
public sealed class SessionSeriesEntity
{
    public long Id { get; set; }
    public long OfferId { get; set; }

    /// <summary>Days as ISO numbers, 1 (Monday) to 7, comma-separated.</summary>
    public string Days { get; set; } = "";
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly? UntilDate { get; set; }

    /// <summary>Skipped dates (yyyy-MM-dd, |-separated).</summary>
    public string? Skipped { get; set; }

    /// <summary>One-off changes (yyyy-MM-dd HH:mm-HH:mm, |-separated).</summary>
    public string? Changes { get; set; }
    public long? SiteId { get; set; }
    public long? StopId { get; set; }
    public string? RemoteUrl { get; set; }
    public int? Capacity { get; set; }

    /// <summary>Sessions exist up to this date (included).</summary>
    public DateOnly ExpandedThrough { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An itinerant service (a digital bus, a mobile mediator): a route of stops.</summary>
public sealed class ItinerantRouteEntity
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The place that runs it, when it is one of the directory's.</summary>
    public long? OperatorSiteId { get; set; }
    public bool IsExample { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ItinerantStopEntity> Stops { get; set; } = [];
}

/// <summary>A stop: a commune, an address and a point, visited on dates and/or by opening hours.</summary>
public sealed class ItinerantStopEntity
{
    public long Id { get; set; }
    public long RouteId { get; set; }
    public ItinerantRouteEntity? Route { get; set; }
    public string Commune { get; set; } = "";
    public string CodeInsee { get; set; } = "";
    public string Adresse { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>OSM opening_hours of the visits, when regular.</summary>
    public string? OpeningHours { get; set; }

    /// <summary>Dated visits (see <see cref="ItinerantVisits.Format"/>).</summary>
    public string? Visits { get; set; }
}
