using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Storage.Offers;

/// <summary>A session found by time window, with its offer and the point where it happens (null when remote).</summary>
public sealed record SessionCandidate(StoredSession Session, StoredOffer Offer, GeoPoint? Location);

/// <summary>Reads offers, sessions and itinerant stops. Time windows are bounded by the callers.</summary>
public sealed class OfferReader(ScoranDbContext db)
{
    /// <summary>
    /// The most sessions one window query returns, after the spatial filter (<see cref="SessionsBetweenAsync"/>):
    /// sessions far from the origin never take a near one's room. REVIEW: within the radius (or region-wide
    /// when a search gives none) past this cap the latest sessions of the window are left out of that search;
    /// the quotas per offer and per place (<see cref="OfferOptions"/>) keep one account from reaching it alone.
    /// </summary>
    public const int MaxWindowSessions = 20_000;

    public async Task<StoredOffer?> GetOfferAsync(long key, CancellationToken cancellationToken) =>
        await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == key, cancellationToken) is { } e ? StoredOffer.From(e) : null;

    public async Task<IReadOnlyDictionary<long, StoredOffer>> GetOffersAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken) =>
        (await db.Offers.AsNoTracking().Where(o => keys.Contains(o.Id)).ToListAsync(cancellationToken)).ToDictionary(o => o.Id, StoredOffer.From);

    /// <summary>The offers a place gives, still active unless <paramref name="includeWithdrawn"/>.</summary>
    public async Task<IReadOnlyList<StoredOffer>> OffersOfSiteAsync(long siteKey, bool includeWithdrawn, CancellationToken cancellationToken) =>
        [.. (await db.Offers.AsNoTracking()
            .Where(o => o.SiteId == siteKey && (includeWithdrawn || o.Status == OfferStatus.Active))
            .OrderBy(o => o.Id).ToListAsync(cancellationToken)).Select(StoredOffer.From)];

    public async Task<StoredSession?> GetSessionAsync(long key, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key, cancellationToken) is { } e ? StoredSession.From(e) : null;

    /// <summary>Sessions of an offer overlapping [from, to), by start time; cancelled ones included (history).</summary>
    public async Task<IReadOnlyList<StoredSession>> SessionsOfOfferAsync(long offerKey, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (f, t) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        return [.. (await db.Sessions.AsNoTracking()
            .Where(s => s.OfferId == offerKey && s.EndsAtUnix > f && s.StartsAtUnix < t)
            .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id).Take(limit).ToListAsync(cancellationToken)).Select(StoredSession.From)];
    }

    /// <summary>The next sessions at a place (in progress or to come), by start time; cancelled ones shown as such.</summary>
    public async Task<IReadOnlyList<StoredSession>> NextSessionsOfSiteAsync(long siteKey, DateTimeOffset now, int first, CancellationToken cancellationToken)
    {
        var n = now.ToUnixTimeSeconds();
        return [.. (await db.Sessions.AsNoTracking()
            .Where(s => s.SiteId == siteKey && s.EndsAtUnix > n)
            .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id).Take(first).ToListAsync(cancellationToken)).Select(StoredSession.From)];
    }

    /// <summary>
    /// <see cref="NextSessionsOfSiteAsync"/> for many places in one query: the first <paramref name="first"/> of
    /// each, every place of <paramref name="siteKeys"/> in the answer (an empty list when it has none).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<StoredSession>>> NextSessionsOfSitesAsync(
        IReadOnlyCollection<long> siteKeys, DateTimeOffset now, int first, CancellationToken cancellationToken)
    {
        var n = now.ToUnixTimeSeconds();
        // One correlated Take per place: a row number per place on both providers (a window function), so a
        // place with a year of weekly sessions sends its first few, not all of them.
        var rows = siteKeys.Count == 0 || first == 0 ? [] : await db.Sites.AsNoTracking()
            .Where(p => siteKeys.Contains(p.Id))
            // The keys again inside: the row numbers are computed over these places' sessions only, not every place's.
            .SelectMany(p => db.Sessions.Where(s => s.SiteId == p.Id && siteKeys.Contains(s.SiteId!.Value) && s.EndsAtUnix > n)
                .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id).Take(first))
            .AsNoTracking().ToListAsync(cancellationToken);
        return Grouped(siteKeys, rows, s => s.SiteId!.Value);
    }

    /// <summary><see cref="OffersOfSiteAsync"/> for many places in one query; every place in the answer.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<StoredOffer>>> OffersOfSitesAsync(
        IReadOnlyCollection<long> siteKeys, bool includeWithdrawn, CancellationToken cancellationToken)
    {
        var rows = siteKeys.Count == 0 ? [] : await db.Offers.AsNoTracking()
            .Where(o => o.SiteId != null && siteKeys.Contains(o.SiteId.Value) && (includeWithdrawn || o.Status == OfferStatus.Active))
            .OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var found = siteKeys.Distinct().ToDictionary(k => k, _ => new List<StoredOffer>());
        foreach (var row in rows)
        {
            found[row.SiteId!.Value].Add(StoredOffer.From(row));
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<StoredOffer>)p.Value);
    }

    /// <summary><see cref="SessionsOfOfferAsync"/> for many offers in one query, at most <paramref name="limit"/> each; every offer in the answer.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<StoredSession>>> SessionsOfOffersAsync(
        IReadOnlyCollection<long> offerKeys, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (f, t) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var rows = offerKeys.Count == 0 || limit == 0 ? [] : await db.Offers.AsNoTracking()
            .Where(o => offerKeys.Contains(o.Id))
            .SelectMany(o => db.Sessions.Where(s => s.OfferId == o.Id && offerKeys.Contains(s.OfferId) && s.EndsAtUnix > f && s.StartsAtUnix < t)
                .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id).Take(limit))
            .AsNoTracking().ToListAsync(cancellationToken);
        return Grouped(offerKeys, rows, s => s.OfferId);
    }

    private static Dictionary<long, IReadOnlyList<StoredSession>> Grouped(
        IReadOnlyCollection<long> keys, List<SessionEntity> rows, Func<SessionEntity, long> keyOf)
    {
        var found = keys.Distinct().ToDictionary(k => k, _ => new List<StoredSession>());
        // The rows of one parent come back in no guaranteed order across parents: sorted here, as one query per parent did.
        foreach (var row in rows.OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id))
        {
            found[keyOf(row)].Add(StoredSession.From(row));
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<StoredSession>)p.Value);
    }

    /// <summary>
    /// Every session at a place not ended at <paramref name="now"/>, by place, start and id, and their offers: what the
    /// in-memory read model holds (<c>Search/ReadModel/PlaceReadModel</c>).
    /// </summary>
    public async Task<(IReadOnlyList<StoredSession> Sessions, IReadOnlyDictionary<long, StoredOffer> Offers)> UpcomingAtSitesAsync(
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var n = now.ToUnixTimeSeconds();
        var rows = await db.Sessions.AsNoTracking().Where(s => s.SiteId != null && s.EndsAtUnix > n)
            .OrderBy(s => s.SiteId).ThenBy(s => s.StartsAtUnix).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var offerKeys = rows.Select(r => r.OfferId).Distinct().ToList();
        var offers = offerKeys.Count == 0 ? [] : await db.Offers.AsNoTracking().Where(o => offerKeys.Contains(o.Id)).ToListAsync(cancellationToken);
        return (rows.ConvertAll(StoredSession.From), offers.ToDictionary(o => o.Id, StoredOffer.From));
    }

    /// <summary>Places that have a session not cancelled starting in [from, to).</summary>
    public async Task<IReadOnlySet<long>> SitesWithSessionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (f, t) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var keys = await db.Sessions.AsNoTracking()
            .Where(s => s.SiteId != null && !s.Cancelled && s.EndsAtUnix > f && s.StartsAtUnix < t)
            .Select(s => s.SiteId!.Value).Distinct().ToListAsync(cancellationToken);
        return keys.ToHashSet();
    }

    /// <summary>
    /// Sessions overlapping [from, to) with their offer and point: the candidates of a search by time window,
    /// filtered and ordered by the caller. With <paramref name="within"/>, only the sessions whose place or stop
    /// lies in that rectangle, and those with no point (remote, or a place without coordinates), filtered in
    /// the query itself so that the cap applies to the near ones only. With <paramref name="after"/>, only those
    /// after that (start, id) in start order, so that paging by start time goes past the cap.
    /// </summary>
    public async Task<IReadOnlyList<SessionCandidate>> SessionsBetweenAsync(
        DateTimeOffset from, DateTimeOffset to, bool includeCancelled, CancellationToken cancellationToken,
        GeoBox? within = null, (long StartsUnix, long Id)? after = null)
    {
        var (f, t) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        // Nothing held at, or offered by, a withdrawn place (a subquery: withdrawn places are few).
        var withdrawn = db.Sites.Where(p => p.WithdrawnAt != null).Select(p => p.Id);
        var query = db.Sessions.AsNoTracking()
            .Where(s => s.EndsAtUnix > f && s.StartsAtUnix < t && (includeCancelled || !s.Cancelled))
            .Where(s => (s.SiteId == null || !withdrawn.Contains(s.SiteId.Value)) && (s.Offer!.SiteId == null || !withdrawn.Contains(s.Offer.SiteId.Value)));
        if (within is { } box)
        {
            // Subqueries (IN (SELECT …)), the same SQL on both providers: places and stops are few, sessions many.
            var sites = db.Sites.Where(p => p.Latitude == null || p.Longitude == null
                || (p.Latitude >= box.South && p.Latitude <= box.North && p.Longitude >= box.West && p.Longitude <= box.East)).Select(p => p.Id);
            var stops = db.ItinerantStops.Where(p => p.Latitude >= box.South && p.Latitude <= box.North && p.Longitude >= box.West && p.Longitude <= box.East)
                .Select(p => p.Id);
            query = query.Where(s => (s.SiteId == null && s.StopId == null)
                || (s.SiteId != null && sites.Contains(s.SiteId.Value))
                || (s.StopId != null && stops.Contains(s.StopId.Value)));
        }

        if (after is { } cursor)
        {
            var (startsUnix, id) = cursor;
            query = query.Where(s => s.StartsAtUnix > startsUnix || (s.StartsAtUnix == startsUnix && s.Id > id));
        }

        // Four flat queries rather than one with correlated look-ups: SQLite answers each from an index.
        var sessions = await query
            .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id)
            .Take(MaxWindowSessions)
            .ToListAsync(cancellationToken);
        var offerKeys = sessions.Select(s => s.OfferId).Distinct().ToList();
        var siteKeys = sessions.Where(s => s.SiteId != null).Select(s => s.SiteId!.Value).Distinct().ToList();
        var stopKeys = sessions.Where(s => s.StopId != null).Select(s => s.StopId!.Value).Distinct().ToList();
        var offers = (await db.Offers.AsNoTracking().Where(o => offerKeys.Contains(o.Id)).ToListAsync(cancellationToken))
            .ToDictionary(o => o.Id, StoredOffer.From);
        var sitePoints = await db.Sites.AsNoTracking().Where(s => siteKeys.Contains(s.Id) && s.Latitude != null && s.Longitude != null)
            .Select(s => new { s.Id, Latitude = s.Latitude!.Value, Longitude = s.Longitude!.Value })
            .ToDictionaryAsync(s => s.Id, s => new GeoPoint(s.Latitude, s.Longitude), cancellationToken);
        var stopPoints = await db.ItinerantStops.AsNoTracking().Where(s => stopKeys.Contains(s.Id))
            .Select(s => new { s.Id, s.Latitude, s.Longitude })
            .ToDictionaryAsync(s => s.Id, s => new GeoPoint(s.Latitude, s.Longitude), cancellationToken);
        return [.. sessions.Select(s =>
        {
            GeoPoint? location = s.SiteId is { } site && sitePoints.TryGetValue(site, out var p) ? p
                : s.StopId is { } stop && stopPoints.TryGetValue(stop, out var q) ? q
                : null;
            return new SessionCandidate(StoredSession.From(s), offers[s.OfferId], location);
        })];
    }

    /// <summary>Sessions at these places or stops ending after <paramref name="since"/>, for calendar feeds.</summary>
    public async Task<IReadOnlyList<(StoredSession Session, StoredOffer Offer)>> SessionsAtAsync(
        IReadOnlyCollection<long> siteKeys, IReadOnlyCollection<long> stopKeys, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var s0 = since.ToUnixTimeSeconds();
        var rows = await db.Sessions.AsNoTracking().Include(s => s.Offer)
            .Where(s => s.EndsAtUnix > s0
                && ((s.SiteId != null && siteKeys.Contains(s.SiteId.Value)) || (s.StopId != null && stopKeys.Contains(s.StopId.Value))))
            .OrderBy(s => s.StartsAtUnix).ThenBy(s => s.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (StoredSession.From(r), StoredOffer.From(r.Offer!)))];
    }

    public async Task<IReadOnlyList<StoredStop>> StopsAsync(CancellationToken cancellationToken) =>
        [.. (await db.ItinerantStops.AsNoTracking().Include(s => s.Route).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(s => StoredStop.From(s, s.Route!))];

    public async Task<IReadOnlyDictionary<long, StoredStop>> GetStopsAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? new Dictionary<long, StoredStop>() : (await db.ItinerantStops.AsNoTracking().Include(s => s.Route)
            .Where(s => keys.Contains(s.Id)).ToListAsync(cancellationToken)).ToDictionary(s => s.Id, s => StoredStop.From(s, s.Route!));

    public async Task<StoredStop?> GetStopAsync(long key, CancellationToken cancellationToken) =>
        await db.ItinerantStops.AsNoTracking().Include(s => s.Route).FirstOrDefaultAsync(s => s.Id == key, cancellationToken) is { } e
            ? StoredStop.From(e, e.Route!) : null;
}
