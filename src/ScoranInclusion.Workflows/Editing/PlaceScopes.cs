using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Workflows.Editing;

/// <summary>What scopes are checked against: the place's key, its structure's SIRET, its département.</summary>
public sealed record PlaceScope(long Key, string Pivot, string Departement)
{
    public static string DepartementOf(string? codeInsee, string codePostal) => SiteDepartement.Of(codeInsee, codePostal);
}

/// <summary>Where a session is held: its offer's place, the place it is held at (if elsewhere) and its itinerant stop.</summary>
public sealed record SessionPlaces(long? OfferSiteId, long? SiteId, long? StopId);

/// <summary>
/// The places an edit concerns, read for the authorization of every mutation (the API's
/// <c>ScopedEditAuthorization</c>, the invitations of moderators): which place holds an offer, a session, an
/// itinerant stop's route, and each place's scope. Null when the thing asked about does not exist.
/// </summary>
public sealed class PlaceScopes(ScoranDbContext db)
{
    /// <summary>The place of an offer, or null when there is no such offer.</summary>
    public async Task<long?> OfferPlaceAsync(long offerKey, CancellationToken cancellationToken) =>
        (await db.Offers.AsNoTracking().Where(o => o.Id == offerKey).Select(o => new { o.SiteId }).SingleOrDefaultAsync(cancellationToken))?.SiteId;

    public Task<SessionPlaces?> SessionPlacesAsync(long sessionKey, CancellationToken cancellationToken) =>
        db.Sessions.AsNoTracking().Where(s => s.Id == sessionKey)
            .Select(s => new SessionPlaces(s.Offer!.SiteId, s.SiteId, s.StopId)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The stop's route's operator (its <c>Value</c> null when the route has none in the directory), or null when there is no such stop.</summary>
    public async Task<StrongBox<long?>?> StopOperatorAsync(long stopKey, CancellationToken cancellationToken)
    {
        var stop = await db.ItinerantStops.AsNoTracking().Where(s => s.Id == stopKey)
            .Select(s => new { s.Route!.OperatorSiteId }).SingleOrDefaultAsync(cancellationToken);
        return stop is null ? null : new StrongBox<long?>(stop.OperatorSiteId);
    }

    /// <summary>The scopes of the places among <paramref name="keys"/> that exist.</summary>
    public async Task<IReadOnlyList<PlaceScope>> PlacesAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        var rows = await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id))
            .Select(s => new { s.Id, s.Pivot, s.CodeInsee, s.CodePostal }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PlaceScope(r.Id, r.Pivot, PlaceScope.DepartementOf(r.CodeInsee, r.CodePostal)))];
    }
}
