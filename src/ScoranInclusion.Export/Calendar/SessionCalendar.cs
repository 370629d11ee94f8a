using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Storage.Offers;

namespace ScoranInclusion.Export.Calendar;

/// <summary>One session of a calendar feed, with where it happens.</summary>
public sealed record CalendarEntry(string Uid, StoredSession Session, StoredOffer Offer, SessionPlace? Place);

/// <summary>
/// An iCalendar feed (RFC 5545) of sessions, that calendar applications can subscribe to. Times are written in
/// UTC (no VTIMEZONE needed, unambiguous across clock changes); each event has a stable UID, DTSTAMP and
/// LAST-MODIFIED from its last change, a SEQUENCE that grows with every change of times, place or status, and
/// STATUS:CANCELLED for a cancelled session (kept, so that subscribers see the cancellation).
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//ScoranInclusion//Ateliers de médiation numérique//FR";

    public static string Write(string name, IEnumerable<CalendarEntry> entries, DateTimeOffset now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Europe/Paris");
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry, now));
        }

        return Refold(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    /// <summary>
    /// Content lines folded at 75 octets of UTF-8 (RFC 5545 §3.1), never inside a character, with CRLF line ends.
    /// The serializer folds by characters, which lets lines with accents run past 75 octets.
    /// </summary>
    public static string Refold(string serialized)
    {
        var unfolded = serialized.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        var output = new StringBuilder(serialized.Length + (serialized.Length / 70 * 3));
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var octets = 0;
            var limit = 75;
            for (var i = 0; i < line.Length; i++)
            {
                var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
                var bytes = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
                if (octets + bytes > limit)
                {
                    // A continuation line starts with one space, which counts in its 75 octets.
                    output.Append("\r\n ");
                    octets = 1;
                }

                output.Append(line, i, width);
                octets += bytes;
                i += width - 1;
            }

            output.Append("\r\n");
        }

        return output.ToString();
    }

    private static CalendarEvent Event(CalendarEntry entry, DateTimeOffset now)
    {
        var (session, offer) = (entry.Session, entry.Offer.Offer);
        var status = session.StatusAt(now);
        var e = new CalendarEvent
        {
            Uid = entry.Uid,
            DtStamp = Utc(session.UpdatedAt),
            LastModified = Utc(session.UpdatedAt),
            Created = Utc(session.CreatedAt),
            Sequence = session.Sequence,
            DtStart = Utc(session.StartsAt),
            DtEnd = Utc(session.EndsAt),
            Summary = (status == SessionStatus.Cancelled ? "ANNULÉ — " : "") + offer.Title,
            Description = Description(entry, status),
            Status = status == SessionStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        };
        if (entry.Place is { } place)
        {
            e.Location = string.Join(", ", new[] { place.Name, place.StreetAddress, string.Join(' ', new[] { place.PostalCode, place.Locality }.Where(p => !string.IsNullOrEmpty(p))) }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
            if (place.Location is { } point)
            {
                e.GeographicLocation = new GeographicLocation(point.Latitude, point.Longitude);
            }
        }
        else if (session.RemoteUrl is not null)
        {
            e.Location = "À distance";
        }

        var url = offer.Registration.Url ?? session.RemoteUrl;
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            e.Url = uri;
        }

        e.Categories = [.. offer.Themes.Select(Vocabularies.Services.Label)];
        return e;
    }

    private static string Description(CalendarEntry entry, SessionStatus status)
    {
        var (session, offer) = (entry.Session, entry.Offer.Offer);
        var text = new StringBuilder(offer.Summary);
        if (status == SessionStatus.Cancelled)
        {
            text.Append("\n\nSéance annulée").Append(session.CancelReason is { } reason ? " : " + reason : ".");
        }
        else if (session.RemainingSeats is { } remaining)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\nPlaces restantes : {remaining} sur {session.Capacity}.");
        }

        var registration = offer.Registration;
        var ways = new List<string>();
        if (registration.Url is { } url)
        {
            ways.Add(url);
        }

        if (registration.Telephone is { } phone)
        {
            ways.Add(phone);
        }

        if (registration.Courriel is { } mail)
        {
            ways.Add(mail);
        }

        if (registration.OnSite)
        {
            ways.Add("sur place");
        }

        if (ways.Count > 0)
        {
            text.Append("\nInscription : ").Append(string.Join(", ", ways)).Append('.');
        }

        if (session.RemoteUrl is { } remote)
        {
            text.Append("\nLien de la séance : ").Append(remote);
        }

        if (offer.IsExample)
        {
            text.Append("\n\nExemple fourni avec ScoranInclusion : ce n'est pas une annonce réelle.");
        }

        return text.ToString();
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime);
}
