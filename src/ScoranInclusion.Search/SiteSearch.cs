using System.Diagnostics;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search;

/// <summary>One result of a nearest search, in order.</summary>
public sealed record NearestResult(StoredSite Site, double DistanceMeters);

public sealed record NearestPage(IReadOnlyList<NearestResult> Items, bool HasNextPage);

/// <summary>The k-nearest search: candidates from the spatial index (the provider's) in distance order, filtered, then loaded in one query.</summary>
public sealed class SiteSearch(INearestSites candidates, SiteReader reader, ReadModel.PlaceReadModel places)
{
    public async Task<NearestPage> NearestAsync(
        GeoPoint origin, SiteFilter filter, int first, SiteHit? after, double maxDistanceMeters, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        // Traced and measured by kinds of filters only: never the origin (a citizen's position).
        var filterKinds = FilterKinds(filter, maxDistanceMeters);
        using var activity = ScoranTelemetry.Source.StartActivity("scoran.search.nearest_sites");
        activity?.SetTag("scoran.search.filter", filterKinds);
        activity?.SetTag("scoran.search.first", first);
        var started = Stopwatch.GetTimestamp();
        // One more than asked tells whether a next page exists without counting everything.
        var hits = await candidates.NearestAsync(origin, filter, maxDistanceMeters, after, cancellationToken)
            .Take(first + 1).ToListAsync(cancellationToken);
        var page = hits.Take(first).ToList();
        // From memory where the process holds the places (SQLite's server), else one query.
        var sites = await places.SitesAsync(reader, page.Select(h => h.SiteId).ToList(), cancellationToken);
        var items = new List<NearestResult>(page.Count);
        foreach (var hit in page)
        {
            // A site deleted between the index read and the load is simply skipped.
            if (sites.TryGetValue(hit.SiteId, out var site))
            {
                items.Add(new NearestResult(site, hit.DistanceMeters));
            }
        }

        activity?.SetTag("scoran.search.results", items.Count);
        ScoranTelemetry.SearchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("scoran.search.kind", "nearest_sites"),
            new KeyValuePair<string, object?>("scoran.search.filter", filterKinds));
        return new NearestPage(items, hits.Count > first);
    }

    /// <summary>The kinds of filters used (« services+ouvert »…), « aucun » without any: a small, fixed set of values.</summary>
    public static string FilterKinds(SiteFilter filter, double maxDistanceMeters)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var kinds = new List<string>(8);
        if (filter.Services.Count > 0)
        {
            kinds.Add("services");
        }

        if (filter.Publics.Count > 0)
        {
            kinds.Add("publics");
        }

        if (filter.FraisACharge.Count > 0)
        {
            kinds.Add("frais");
        }

        if (filter.ModalitesAccompagnement.Count > 0)
        {
            kinds.Add("modalites");
        }

        if (filter.Langues.Count > 0)
        {
            kinds.Add("langues");
        }

        if (filter.OpenAt is not null)
        {
            kinds.Add("ouvert_a");
        }

        if (filter.OpenOn is not null)
        {
            kinds.Add("ouvert_le");
        }

        if (filter.OnlySites is not null)
        {
            kinds.Add("ateliers");
        }

        if (double.IsFinite(maxDistanceMeters))
        {
            kinds.Add("rayon");
        }

        return kinds.Count == 0 ? "aucun" : string.Join('+', kinds);
    }
}
