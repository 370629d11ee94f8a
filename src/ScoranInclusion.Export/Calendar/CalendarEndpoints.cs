using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;

namespace ScoranInclusion.Export.Calendar;

/// <summary>
/// iCalendar feeds of sessions: <c>GET /calendar/{siteId}.ics</c> for one place (its global id, as in the API),
/// <c>GET /calendar/territoire.ics?commune=|epci=|departement=</c> for a territory (places and itinerant stops
/// whose commune is in it). Sessions ended more than <see cref="HistoryDays"/> days ago are left out.
/// </summary>
public static class CalendarEndpoints
{
    public const int HistoryDays = 30;
    public const int MaxEvents = 2000;

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/calendar");
        group.MapGet("/territoire.ics", TerritoryAsync);
        group.MapGet("/{siteId}.ics", SiteAsync);
        return app;
    }

    private static async Task<IResult> SiteAsync(string siteId, ScoranDbContext db, OfferReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!GlobalIds.TryDecode(siteId, out var type, out var key) || type != GlobalIds.Site)
        {
            return ExportEndpoints.Problem("INVALID_ID", "Identifiant invalide", $"« {Truncate(siteId)} » n'est pas un identifiant de lieu (le champ id d'un Site).");
        }

        var site = await db.Sites.AsNoTracking().Where(s => s.Id == key).Select(s => new { s.Nom, s.WithdrawnAt }).FirstOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            return TypedResults.Problem("Aucun lieu n'a cet identifiant.", statusCode: StatusCodes.Status404NotFound, title: "Lieu inconnu",
                extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
        }

        if (site.WithdrawnAt is not null)
        {
            // Gone, not unknown: a calendar client can drop the subscription (the code is the API's SITE_WITHDRAWN).
            return TypedResults.Problem("Ce lieu n'est plus référencé dans l'annuaire : son calendrier n'est plus publié.",
                statusCode: StatusCodes.Status410Gone, title: "Lieu retiré", extensions: new Dictionary<string, object?> { ["code"] = "SITE_WITHDRAWN" });
        }

        return await FeedAsync($"Ateliers — {site.Nom}", [key], [], db, reader, clock, cancellationToken);
    }

    private static async Task<IResult> TerritoryAsync(HttpContext http, ScoranDbContext db, OfferReader reader, CommuneDirectory communes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ExportEndpoints.TryReadTerritory(http.Request.Query, communes, out var territory, out var problem))
        {
            return problem;
        }

        if (territory is null)
        {
            return ExportEndpoints.Problem("INVALID_TERRITORY", "Territoire manquant",
                "Indiquez un territoire : ?commune=INSEE, ?epci=SIREN ou ?departement=CODE (le calendrier d'un lieu : /calendar/{id}.ics).");
        }

        var codes = territory.CommuneCodes.ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => s.CodeInsee != null && codes.Contains(s.CodeInsee) && s.WithdrawnAt == null)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        var stops = await db.ItinerantStops.AsNoTracking().Where(s => codes.Contains(s.CodeInsee)).Select(s => s.Id).ToListAsync(cancellationToken);
        return await FeedAsync($"Ateliers de médiation numérique — {territory.Name}", sites, stops, db, reader, clock, cancellationToken);
    }

    private static async Task<IResult> FeedAsync(
        string name, IReadOnlyCollection<long> siteKeys, IReadOnlyCollection<long> stopKeys, ScoranDbContext db, OfferReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sessions = await reader.SessionsAtAsync(siteKeys, stopKeys, now.AddDays(-HistoryDays), MaxEvents, cancellationToken);
        var siteIds = sessions.Select(s => s.Session.SiteKey).OfType<long>().Distinct().ToList();
        var places = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Nom, s.Adresse, s.CodePostal, s.Commune, s.Latitude, s.Longitude })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var stopIds = sessions.Select(s => s.Session.StopKey).OfType<long>().Distinct().ToList();
        var stopPlaces = await db.ItinerantStops.AsNoTracking().Include(s => s.Route).Where(s => stopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var entries = sessions.Select(s =>
        {
            SessionPlace? place = null;
            if (s.Session.SiteKey is { } siteKey && places.TryGetValue(siteKey, out var p))
            {
                place = new SessionPlace(p.Nom, p.Adresse, p.CodePostal, p.Commune,
                    p.Latitude is { } la && p.Longitude is { } lo ? new Domain.GeoPoint(la, lo) : null);
            }
            else if (s.Session.StopKey is { } stopKey && stopPlaces.TryGetValue(stopKey, out var stop))
            {
                place = new SessionPlace($"{stop.Route!.Name} — {stop.Commune}", stop.Adresse, null, stop.Commune, new Domain.GeoPoint(stop.Latitude, stop.Longitude));
            }

            return new CalendarEntry(GlobalIds.Encode(GlobalIds.Session, s.Session.Key) + "@scoran-inclusion", s.Session, s.Offer, place);
        });
        var text = SessionCalendar.Write(name, entries, now);
        return TypedResults.Text(text, SessionCalendar.ContentType);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
