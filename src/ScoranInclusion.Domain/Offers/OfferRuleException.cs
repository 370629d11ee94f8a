namespace ScoranInclusion.Domain.Offers;

/// <summary>
/// A rule of offers and sessions that an input breaks: a stable code (the API's <c>extensions.code</c>), the
/// input field at fault when there is one, and a French message that says what to change.
/// </summary>
public sealed class OfferRuleException : Exception
{
    public OfferRuleException(string code, string? field, string message)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public OfferRuleException()
        : this(OfferRuleCodes.InvalidOffer, null, "Offre invalide.")
    {
    }

    public OfferRuleException(string message)
        : this(OfferRuleCodes.InvalidOffer, null, message)
    {
    }

    public OfferRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = OfferRuleCodes.InvalidOffer;
    }

    public string Code { get; }

    public string? Field { get; }
}

/// <summary>The codes of <see cref="OfferRuleException"/>; never renamed (clients branch on them).</summary>
public static class OfferRuleCodes
{
    /// <summary>A field of an offer is missing, too long or malformed.</summary>
    public const string InvalidOffer = "INVALID_OFFER";

    /// <summary>A session's times, capacity, seats or place break a rule.</summary>
    public const string InvalidSession = "INVALID_SESSION";

    /// <summary>A recurring series is malformed or would produce too many sessions.</summary>
    public const string InvalidSeries = "INVALID_SERIES";

    /// <summary>More seats asked than remain.</summary>
    public const string NoSeatsLeft = "NO_SEATS_LEFT";

    /// <summary>The object changed since the version the client read (optimistic concurrency).</summary>
    public const string VersionConflict = "VERSION_CONFLICT";

    /// <summary>The session or offer is cancelled or over: it cannot be changed any more.</summary>
    public const string NotEditable = "NOT_EDITABLE";

    /// <summary>No offer, session or place has this id.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>An offer, a place or an itinerant stop already has the most sessions to come that the server accepts (<c>Offers:MaxSessionsPerOffer</c>, <c>Offers:MaxSessionsPerPlace</c>).</summary>
    public const string TooManySessions = "TOO_MANY_SESSIONS";

    /// <summary>An itinerant stop's visits are malformed.</summary>
    public const string InvalidStop = "INVALID_STOP";
}
