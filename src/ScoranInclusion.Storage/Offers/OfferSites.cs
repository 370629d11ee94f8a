using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Offers;

/// <summary>Keeps offers attached to a place when the place is merged into another.</summary>
public static class OfferSites
{
    /// <summary>
    /// Moves offers, sessions, series and itinerant routes from one place to another, in the caller's
    /// transaction. REVIEW: undoing the merge does not move them back (the target keeps them); a mediator can
    /// edit the offers' place if needed.
    /// </summary>
    public static async Task MoveAsync(ScoranDbContext db, long fromSiteKey, long toSiteKey, CancellationToken cancellationToken)
    {
        await db.Offers.Where(o => o.SiteId == fromSiteKey).ExecuteUpdateAsync(u => u.SetProperty(o => o.SiteId, toSiteKey), cancellationToken);
        await db.Sessions.Where(s => s.SiteId == fromSiteKey).ExecuteUpdateAsync(u => u.SetProperty(s => s.SiteId, toSiteKey), cancellationToken);
        await db.SessionSeries.Where(s => s.SiteId == fromSiteKey).ExecuteUpdateAsync(u => u.SetProperty(s => s.SiteId, toSiteKey), cancellationToken);
        await db.ItinerantRoutes.Where(r => r.OperatorSiteId == fromSiteKey).ExecuteUpdateAsync(u => u.SetProperty(r => r.OperatorSiteId, toSiteKey), cancellationToken);
    }
}
