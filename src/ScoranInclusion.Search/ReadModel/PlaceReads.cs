using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search.ReadModel;

/// <summary>
/// The read model as one request sees it (scoped): the places, their offers and next sessions from memory where the
/// process holds them, from the request's readers (<see cref="SiteReader"/>, <see cref="OfferReader"/>, on its database context) otherwise. The API layer asks this service and never holds
/// the database context itself.
/// </summary>
public sealed class PlaceReads(PlaceReadModel places, SiteReader sites, OfferReader offers)
{
    /// <summary>The places of <paramref name="keys"/>, from memory when loaded.</summary>
    public Task<IReadOnlyDictionary<long, StoredSite>> SitesAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken) =>
        places.SitesAsync(sites, keys, cancellationToken);

    /// <summary>The offers of <paramref name="keys"/>, from memory when loaded.</summary>
    public Task<IReadOnlyDictionary<long, StoredOffer>> OffersAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken) =>
        places.OffersAsync(offers, keys, cancellationToken);

    /// <summary>The next sessions of each place (see <see cref="PlaceReadModel.NextSessionsAsync"/>).</summary>
    public Task<IReadOnlyDictionary<long, IReadOnlyList<StoredSession>>> NextSessionsAsync(
        IReadOnlyCollection<long> siteKeys, DateTimeOffset now, int first, CancellationToken cancellationToken) =>
        places.NextSessionsAsync(offers, siteKeys, now, first, cancellationToken);
}
