using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Export.JsonLd;

/// <summary>Where a session happens, for interop: a named place with its address and point.</summary>
public sealed record SessionPlace(string Name, string? StreetAddress, string? PostalCode, string? Locality, GeoPoint? Location);

/// <summary>The figures of one session that interop formats need.</summary>
public sealed record SessionFacts(
    string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SessionStatus Status, int? Capacity, int? RemainingSeats,
    string? RemoteUrl, SessionPlace? Place);

/// <summary>
/// A session as schema.org <c>CourseInstance</c> (a subtype of <c>Event</c>) in JSON-LD, for search engines and
/// aggregators. See README.md beside this file for the mapping.
/// </summary>
public static class SessionJsonLd
{
    // The text goes into an embedder's <script type="application/ld+json">, where the HTML parser
    // ends the element at the first "</script" whatever the JSON says: < > & (and ' " + `) are
    // written as \u escapes, which JSON reads back as the same characters. Every other letter,
    // accents and emoji included, stays as it is, for people who read the source.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Build(Offer offer, SessionFacts session) => ToJson(offer, session).ToJsonString(Options);

    public static JsonObject ToJson(Offer offer, SessionFacts session)
    {
        var online = session.RemoteUrl is not null;
        var onsite = session.Place is not null;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "CourseInstance",
            ["@id"] = session.Id,
            ["name"] = offer.Title,
            ["description"] = offer.Description is null ? offer.Summary : offer.Summary + "\n\n" + offer.Description,
            ["startDate"] = Iso(session.StartsAt),
            ["endDate"] = Iso(session.EndsAt),
            ["eventStatus"] = "https://schema.org/" + (session.Status == SessionStatus.Cancelled ? "EventCancelled" : "EventScheduled"),
            ["eventAttendanceMode"] = "https://schema.org/" + (online && onsite ? "MixedEventAttendanceMode" : online ? "OnlineEventAttendanceMode" : "OfflineEventAttendanceMode"),
            ["courseMode"] = online && onsite ? "blended" : online ? "online" : "onsite",
            ["inLanguage"] = "fr",
            ["isAccessibleForFree"] = offer.Fee == OfferFee.Free,
        };
        var locations = new JsonArray();
        if (session.Place is { } place)
        {
            var jsonPlace = new JsonObject { ["@type"] = "Place", ["name"] = place.Name };
            if (place.StreetAddress is not null || place.Locality is not null)
            {
                jsonPlace["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress",
                    ["streetAddress"] = place.StreetAddress,
                    ["postalCode"] = place.PostalCode,
                    ["addressLocality"] = place.Locality,
                    ["addressCountry"] = "FR",
                };
            }

            if (place.Location is { } point)
            {
                jsonPlace["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = point.Latitude, ["longitude"] = point.Longitude };
            }

            locations.Add(jsonPlace);
        }

        if (session.RemoteUrl is { } url)
        {
            locations.Add(new JsonObject { ["@type"] = "VirtualLocation", ["url"] = url });
        }

        json["location"] = locations.Count == 1 ? locations[0]!.DeepClone() : locations;
        if (session.Capacity is { } capacity)
        {
            json["maximumAttendeeCapacity"] = capacity;
        }

        if (session.RemainingSeats is { } remaining)
        {
            json["remainingAttendeeCapacity"] = remaining;
        }

        var offerJson = new JsonObject
        {
            ["@type"] = "Offer",
            ["availability"] = "https://schema.org/" + (session.Status == SessionStatus.Full ? "SoldOut" : session.Status == SessionStatus.Scheduled ? "InStock" : "Discontinued"),
            ["priceCurrency"] = "EUR",
        };
        if (offer.Fee == OfferFee.Free)
        {
            offerJson["price"] = 0;
        }

        if (offer.FeeCondition is { } condition)
        {
            offerJson["description"] = condition;
        }

        if (offer.Registration.Url is { } registration)
        {
            offerJson["url"] = registration;
        }

        json["offers"] = offerJson;
        if (offer.Themes.Count > 0)
        {
            json["about"] = new JsonArray([.. offer.Themes.Select(t => (JsonNode?)JsonValue.Create(Vocabularies.Services.Label(t)))]);
        }

        return json;
    }

    private static string Iso(DateTimeOffset instant) =>
        ParisTime.ToParis(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
