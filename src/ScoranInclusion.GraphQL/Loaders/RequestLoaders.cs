using GraphQL;
using GraphQL.DataLoader;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Search.ReadModel;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.GraphQL.Loaders;

/// <summary>
/// The batching loaders of one request, one per field that reads per parent (a place's sessions, a session's offer…)
/// and per set of arguments of that field: each field costs one query per level of the document, whatever the
/// number of parents. Scoped: a request's loaders share its DbContext and keep what they read for that request only.
/// <para>The places, their next sessions and the sessions' offers come from the read model in memory where the process holds
/// one (<see cref="PlaceReadModel"/>, SQLite's server): the widget's documents then read nothing from the database.</para>
/// </summary>
public sealed class RequestLoaders(OfferReader offers, SiteHistory history, TimeProvider clock, PlaceReads places)
{
    private static readonly IReadOnlyList<StoredSession> NoSessions = [];
    private static readonly IReadOnlyList<StoredOffer> NoOffers = [];
    private static readonly IReadOnlyList<SiteChangeEvent> NoChanges = [];

    private readonly Dictionary<(string Field, object Arguments), object> _byArguments = [];
    private BatchLoader<long, StoredSite?>? _sites;
    private BatchLoader<long, StoredOffer?>? _offers;
    private BatchLoader<long, StoredStop?>? _stops;
    private BatchLoader<long, IReadOnlyList<SiteChangeEvent>>? _history;
    private DateTimeOffset? _now;

    /// <summary>The instant of the request, read once: every place's next sessions are the next ones from the same instant.</summary>
    public DateTimeOffset Now => _now ??= clock.GetUtcNow();

    public BatchLoader<long, StoredSite?> Sites => _sites ??= new(
        async (keys, ct) => (await places.SitesAsync(keys, ct))!, null);

    public BatchLoader<long, StoredOffer?> Offers => _offers ??= new(
        async (keys, ct) => (await places.OffersAsync(keys, ct))!, null);

    public BatchLoader<long, StoredStop?> Stops => _stops ??= new(
        async (keys, ct) => (await offers.GetStopsAsync(keys, ct))!, null);

    public BatchLoader<long, IReadOnlyList<SiteChangeEvent>> History => _history ??= new(history.ForSitesAsync, NoChanges);

    public BatchLoader<long, IReadOnlyList<StoredSession>> NextSessions(int first) =>
        ByArguments("Site.nextSessions", first, () => new BatchLoader<long, IReadOnlyList<StoredSession>>(
            (keys, ct) => places.NextSessionsAsync(keys, Now, first, ct), NoSessions));

    public BatchLoader<long, IReadOnlyList<StoredOffer>> OffersOfSites(bool includeWithdrawn) =>
        ByArguments("Site.offers", includeWithdrawn, () => new BatchLoader<long, IReadOnlyList<StoredOffer>>(
            async (keys, ct) =>
            {
                var found = await offers.OffersOfSitesAsync(keys, includeWithdrawn, ct);
                // Their sessions' offer field then reads nothing more.
                foreach (var offer in found.Values.SelectMany(o => o))
                {
                    Offers.Prime(offer.Key, offer);
                }

                return found;
            }, NoOffers));

    public BatchLoader<long, IReadOnlyList<StoredSession>> SessionsOfOffers(DateTimeOffset from, DateTimeOffset to, int limit) =>
        ByArguments("Offer.sessions", (from, to, limit), () => new BatchLoader<long, IReadOnlyList<StoredSession>>(
            (keys, ct) => offers.SessionsOfOffersAsync(keys, from, to, limit, ct), NoSessions));

    /// <summary>A place by optional key: null at once without a key.</summary>
    public IDataLoaderResult<StoredSite?> Site(long? key) => key is { } k ? Sites.Load(k) : new Ready<StoredSite?>(null);

    public IDataLoaderResult<StoredStop?> Stop(long? key) => key is { } k ? Stops.Load(k) : new Ready<StoredStop?>(null);

    private BatchLoader<long, T> ByArguments<T>(string field, object arguments, Func<BatchLoader<long, T>> create)
    {
        if (!_byArguments.TryGetValue((field, arguments), out var loader))
        {
            _byArguments[(field, arguments)] = loader = create();
        }

        return (BatchLoader<long, T>)loader;
    }
}

internal static class RequestLoadersAccess
{
    public static RequestLoaders Loaders(this IResolveFieldContext context) =>
        context.UserContext is Http.RequestContext request
            ? request.Loaders(context.RequestServices!)
            : context.RequestServices!.GetRequiredService<RequestLoaders>();
}
