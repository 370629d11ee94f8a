using System.Globalization;

namespace ScoranInclusion.Domain.Offers;

/// <summary>The rules of one session: times, capacity and seats, and the status a reader sees.</summary>
public static class SessionRules
{
    /// <summary>A session lasts at most this long (a full day of workshop).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    /// <summary>A session is created at most this far ahead.</summary>
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(2 * 366);

    public const int MaxCapacity = 10_000;

    /// <summary>
    /// The status shown: cancelled stays cancelled; a session whose end has passed is done; one whose seats are
    /// all taken is full; otherwise scheduled.
    /// </summary>
    public static SessionStatus Status(bool cancelled, DateTimeOffset endsAt, int? capacity, int seatsTaken, DateTimeOffset now) =>
        cancelled ? SessionStatus.Cancelled
        : endsAt <= now ? SessionStatus.Done
        : capacity is { } c && seatsTaken >= c ? SessionStatus.Full
        : SessionStatus.Scheduled;

    /// <summary>Seats still free; null when the session has no set capacity (drop-in help).</summary>
    public static int? RemainingSeats(int? capacity, int seatsTaken) => capacity is { } c ? Math.Max(0, c - seatsTaken) : null;

    /// <summary>End after start, a sensible duration; a new session (<paramref name="isNew"/>) starts in the future.</summary>
    public static void CheckTimes(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now, bool isNew)
    {
        if (endsAt <= startsAt)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "endsAt",
                $"La fin ({Text(endsAt)}) doit suivre le début ({Text(startsAt)}).");
        }

        if (endsAt - startsAt > MaxDuration)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "endsAt",
                $"Une séance dure au plus {MaxDuration.TotalHours:0} heures ; pour plusieurs jours, créez une séance par jour (ou une série).");
        }

        if (isNew && startsAt <= now)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "startsAt",
                $"Une nouvelle séance doit commencer dans le futur (début indiqué : {Text(startsAt)}).");
        }

        if (startsAt - now > MaxLeadTime)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "startsAt",
                "Une séance se programme au plus deux ans à l'avance.");
        }
    }

    /// <summary>Capacity between 1 and <see cref="MaxCapacity"/> (or none), seats taken between 0 and the capacity.</summary>
    public static void CheckSeats(int? capacity, int seatsTaken)
    {
        if (capacity is { } c && (c < 1 || c > MaxCapacity))
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "capacity",
                $"La capacité doit être comprise entre 1 et {MaxCapacity} places (ou vide : sans limite) ; reçu {c}.");
        }

        if (seatsTaken < 0)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "seatsTaken",
                $"Le nombre de places prises ne peut pas être négatif (reçu {seatsTaken}).");
        }

        if (capacity is { } cap && seatsTaken > cap)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "capacity",
                $"La capacité ({cap}) doit être au moins égale au nombre de places déjà prises ({seatsTaken}).");
        }
    }

    internal static string Text(DateTimeOffset instant) =>
        OpeningHours.ParisTime.ToParis(instant).ToString("dddd d MMMM yyyy 'à' HH'h'mm", CultureInfo.GetCultureInfo("fr-FR"));
}
