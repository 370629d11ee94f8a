using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

/// <summary>
/// N synthetic places (<see cref="SyntheticSites"/>) reduced to what a search reads, in flat arrays:
/// the brute force and the PostGIS table are built from them; the in-process index from the same
/// generator run again (deterministic), so that the <see cref="Site"/> records are never all held at once.
/// Place i has the key i + 1.
/// </summary>
public sealed class SearchPlaces
{
    private SearchPlaces(long[] ids, GeoPoint[] points, SiteFacets[] facets, int[] hours, OpeningHoursSchedule[] schedules)
    {
        Ids = ids;
        Points = points;
        Facets = facets;
        Hours = hours;
        Schedules = schedules;
    }

    public long[] Ids { get; }

    public GeoPoint[] Points { get; }

    public SiteFacets[] Facets { get; }

    /// <summary>Index of the place's compiled hours in <see cref="Schedules"/>, -1 when none (missing or invalid).</summary>
    public int[] Hours { get; }

    /// <summary>The distinct compiled hours (one per expression, as the server's <see cref="ScheduleCache"/>).</summary>
    public OpeningHoursSchedule[] Schedules { get; }

    public int Count => Ids.Length;

    public OpeningHoursSchedule? ScheduleOf(int place) => Hours[place] < 0 ? null : Schedules[Hours[place]];

    public static SearchPlaces Generate(SyntheticSites generator, int count, ScheduleCache cache)
    {
        var ids = new long[count];
        var points = new GeoPoint[count];
        var facets = new SiteFacets[count];
        var hours = new int[count];
        var schedules = new List<OpeningHoursSchedule>();
        var scheduleIndex = new Dictionary<OpeningHoursSchedule, int>(ReferenceEqualityComparer.Instance);
        var i = 0;
        foreach (var (id, site) in Sites(generator, count))
        {
            ids[i] = id;
            points[i] = site.Location ?? throw new InvalidOperationException("Lieu synthétique sans position.");
            facets[i] = SiteFacets.Of(site);
            if (cache.Get(site.Horaires) is { } schedule)
            {
                if (!scheduleIndex.TryGetValue(schedule, out var index))
                {
                    scheduleIndex.Add(schedule, index = schedules.Count);
                    schedules.Add(schedule);
                }

                hours[i] = index;
            }
            else
            {
                hours[i] = -1;
            }

            i++;
        }

        return new SearchPlaces(ids, points, facets, hours, [.. schedules]);
    }

    /// <summary>The generated places with their keys (1, 2, …), lazily.</summary>
    public static IEnumerable<(long Id, Site Site)> Sites(SyntheticSites generator, int count) =>
        generator.Generate(count).Select((site, n) => ((long)n + 1, site));

    /// <summary>The in-process index as the server holds it, loaded with the same places.</summary>
    public static SiteSearchIndex Index(SyntheticSites generator, int count, ScheduleCache cache)
    {
        var index = new SiteSearchIndex(cache);
        index.Load(Sites(generator, count));
        return index;
    }
}

/// <summary>
/// The origins of the searches, deterministic: mostly commune points drawn with probability
/// proportional to population (where people search from), the rest uniform in the box of the
/// region's commune points (empty countryside, borders).
/// </summary>
public static class SearchOrigins
{
    public const double RandomShare = 0.2;

    public static GeoPoint[] Generate(IReadOnlyList<Commune> communes, int count, int seed = 4242)
    {
        var random = new Random(seed);
        var cumulative = new double[communes.Count];
        double total = 0;
        for (var i = 0; i < communes.Count; i++)
        {
            total += Math.Max(1, communes[i].Population ?? 1);
            cumulative[i] = total;
        }

        var south = communes.Min(c => c.Location.Latitude);
        var north = communes.Max(c => c.Location.Latitude);
        var west = communes.Min(c => c.Location.Longitude);
        var east = communes.Max(c => c.Location.Longitude);
        var origins = new GeoPoint[count];
        for (var n = 0; n < count; n++)
        {
            if (random.NextDouble() < RandomShare)
            {
                origins[n] = new GeoPoint(south + (random.NextDouble() * (north - south)), west + (random.NextDouble() * (east - west)));
            }
            else
            {
                var pick = Array.BinarySearch(cumulative, random.NextDouble() * total);
                origins[n] = communes[pick < 0 ? ~pick : pick].Location;
            }
        }

        return origins;
    }
}
