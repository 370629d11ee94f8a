using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>
/// Per-request memo of offers, places and stops read while resolving sessions, so that a page of sessions of
/// the same offer or place reads each once. Resolvers run one at a time (serial strategy), so no locking.
/// </summary>
public sealed class OfferRequestCache(OfferReader offers, SiteReader sites)
{
    private readonly Dictionary<long, StoredOffer?> _offers = [];
    private readonly Dictionary<long, StoredSite?> _sites = [];
    private readonly Dictionary<long, StoredStop?> _stops = [];

    public void Prime(StoredOffer offer) => _offers[offer.Key] = offer;

    public async Task<StoredOffer?> OfferAsync(long key, CancellationToken cancellationToken)
    {
        if (!_offers.TryGetValue(key, out var offer))
        {
            _offers[key] = offer = await offers.GetOfferAsync(key, cancellationToken);
        }

        return offer;
    }

    public async Task<StoredSite?> SiteAsync(long? key, CancellationToken cancellationToken)
    {
        if (key is not { } k)
        {
            return null;
        }

        if (!_sites.TryGetValue(k, out var site))
        {
            _sites[k] = site = await sites.GetAsync(k, cancellationToken);
        }

        return site;
    }

    public async Task<StoredStop?> StopAsync(long? key, CancellationToken cancellationToken)
    {
        if (key is not { } k)
        {
            return null;
        }

        if (!_stops.TryGetValue(k, out var stop))
        {
            _stops[k] = stop = await offers.GetStopAsync(k, cancellationToken);
        }

        return stop;
    }
}

internal static class OfferResolve
{
    public static OfferRequestCache Cache(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<OfferRequestCache>();

    public static OfferReader Offers(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<OfferReader>();

    public static DateTimeOffset Now(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Runs a write or a read that applies the rules of offers, turning a broken rule into a coded error.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (OfferRuleException e)
        {
            var error = new ScoranError(e.Code, e.Message);
            if (e.Field is not null)
            {
                error.Data["field"] = e.Field;
            }

            throw error;
        }
    }
}
