using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

/// <summary>
/// The baseline: every place's exact geodesic distance (the same Vincenty as the index) and the filter
/// (the same <see cref="SiteMatcher"/>), the k best kept in a bounded heap (a partial sort), ties by id
/// like the index. <paramref name="filterFirst"/>: the filter first and the distance of the places that
/// pass only — the strongest scan when a filter is selective.
/// </summary>
public static class BruteForceSearch
{
    public static List<SiteHit> Nearest(SearchPlaces places, GeoPoint origin, SiteFilter filter, int k, bool filterFirst = false)
    {
        var matcher = new SiteMatcher(filter);
        // A max-heap on (distance, id): its top is the worst of the k kept.
        var worstFirst = new PriorityQueue<SiteHit, SiteHit>(k + 1, WorstFirst.Instance);
        var ids = places.Ids;
        var points = places.Points;
        var facets = places.Facets;
        for (var i = 0; i < ids.Length; i++)
        {
            var distance = filterFirst ? 0 : Geodesic.DistanceMeters(origin, points[i]);
            if (!matcher.Matches(ids[i], facets[i], places.ScheduleOf(i)))
            {
                continue;
            }

            var hit = new SiteHit(ids[i], filterFirst ? Geodesic.DistanceMeters(origin, points[i]) : distance);
            if (worstFirst.Count < k)
            {
                worstFirst.Enqueue(hit, hit);
            }
            else if (WorstFirst.Instance.Compare(hit, worstFirst.Peek()) > 0)
            {
                worstFirst.DequeueEnqueue(hit, hit);
            }
        }

        var result = new List<SiteHit>(worstFirst.Count);
        while (worstFirst.TryDequeue(out var hit, out _))
        {
            result.Add(hit);
        }

        result.Reverse();
        return result;
    }

    private sealed class WorstFirst : IComparer<SiteHit>
    {
        public static readonly WorstFirst Instance = new();

        // Reversed (distance, id) order: the farthest comes out first.
        public int Compare(SiteHit x, SiteHit y)
        {
            var byDistance = y.DistanceMeters.CompareTo(x.DistanceMeters);
            return byDistance != 0 ? byDistance : y.SiteId.CompareTo(x.SiteId);
        }
    }
}
