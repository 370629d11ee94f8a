using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Offers;

/// <summary>An offer as stored: the domain record plus its key, status and version.</summary>
public sealed record StoredOffer(long Key, Offer Offer, OfferStatus Status, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static StoredOffer From(OfferEntity e) => new(e.Id, ToDomain(e), e.Status, e.Version, e.CreatedAt, e.UpdatedAt);

    internal static Offer ToDomain(OfferEntity e) => new(
        e.Title,
        e.Summary,
        e.Description,
        Labels.Parse(Vocabularies.Services, e.Themes),
        Labels.Parse(Vocabularies.Publics, e.Publics),
        e.Level,
        e.Format,
        e.Fee,
        e.FeeCondition,
        new Registration(e.RegistrationUrl, e.RegistrationTelephone, e.RegistrationCourriel, e.RegistrationOnSite),
        e.SiteId,
        e.AccessibilityNotes,
        e.IsExample);

    public static void Apply(Offer offer, OfferEntity e)
    {
        e.SiteId = offer.SiteKey;
        e.Title = offer.Title;
        e.Summary = offer.Summary;
        e.Description = offer.Description;
        e.Themes = Labels.Join(Vocabularies.Services, offer.Themes);
        e.Publics = offer.Publics.Count == 0 ? null : Labels.Join(Vocabularies.Publics, offer.Publics);
        e.Level = offer.Level;
        e.Format = offer.Format;
        e.Fee = offer.Fee;
        e.FeeCondition = offer.FeeCondition;
        e.RegistrationUrl = offer.Registration.Url;
        e.RegistrationTelephone = offer.Registration.Telephone;
        e.RegistrationCourriel = offer.Registration.Courriel;
        e.RegistrationOnSite = offer.Registration.OnSite;
        e.AccessibilityNotes = offer.AccessibilityNotes;
        e.IsExample = offer.IsExample;
    }
}

/// <summary>A session as stored, with its instants in Paris time. Status and remaining seats are derived by the reader.</summary>
public sealed record StoredSession(
    long Key,
    long OfferKey,
    long? SeriesKey,
    long? SiteKey,
    long? StopKey,
    string? RemoteUrl,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? Capacity,
    int SeatsTaken,
    bool Cancelled,
    string? CancelReason,
    int Sequence,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public int? RemainingSeats => SessionRules.RemainingSeats(Capacity, SeatsTaken);

    public SessionStatus StatusAt(DateTimeOffset now) => SessionRules.Status(Cancelled, EndsAt, Capacity, SeatsTaken, now);

    public static StoredSession From(SessionEntity e) => new(
        e.Id, e.OfferId, e.SeriesId, e.SiteId, e.StopId, e.RemoteUrl,
        Instant.FromUnix(e.StartsAtUnix), Instant.FromUnix(e.EndsAtUnix),
        e.Capacity, e.SeatsTaken, e.Cancelled, e.CancelReason, e.Sequence, e.Version, e.CreatedAt, e.UpdatedAt);
}

/// <summary>An itinerant stop with its route, and its visits read.</summary>
public sealed record StoredStop(
    long Key, long RouteKey, string RouteName, string? RouteDescription, long? OperatorSiteKey, bool IsExample,
    string Commune, string CodeInsee, string Adresse, GeoPoint Location, string? OpeningHours, IReadOnlyList<Visit> Visits)
{
    public static StoredStop From(ItinerantStopEntity e, ItinerantRouteEntity route) => new(
        e.Id, route.Id, route.Name, route.Description, route.OperatorSiteId, route.IsExample,
        e.Commune, e.CodeInsee, e.Adresse, new GeoPoint(e.Latitude, e.Longitude), e.OpeningHours, ItinerantVisits.Parse(e.Visits));
}

public static class Instant
{
    public static DateTimeOffset FromUnix(long seconds) =>
        Domain.OpeningHours.ParisTime.ToParis(DateTimeOffset.FromUnixTimeSeconds(seconds));
}

internal static class Labels
{
    public static IReadOnlyList<T> Parse<T>(Vocabulary<T> vocabulary, string? joined) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(joined))
        {
            return [];
        }

        var values = new List<T>();
        foreach (var label in joined.Split('|'))
        {
            if (vocabulary.TryParseExact(label, out var value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    public static string Join<T>(Vocabulary<T> vocabulary, IEnumerable<T> values) where T : struct, Enum =>
        string.Join('|', values.Select(vocabulary.Label));
}
