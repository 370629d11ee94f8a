using BenchmarkDotNet.Attributes;
using ScoranInclusion.Bench.Search;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Indexing;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Micro;

/// <summary>
/// Index queries on N synthetic places, per query, from 64 origins (<see cref="SearchOrigins"/>): the
/// k-nearest (10) of the bare <see cref="SpatialIndex{TKey}"/>, every place within 5 km (a radius query,
/// in distance order), and the nearest 10 through <see cref="SiteSearchIndex"/> with and without a filter.
/// The two <c>FreeParenting</c> rows are the same selective filter (free + parenting, ~3 % of the places)
/// applied after the index's enumeration (each candidate measured first, as before the filter went into
/// the index) and inside it (<see cref="SpatialIndex{TKey}.Nearest(GeoPoint, double, Func{TKey, bool})"/>).
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private const int Origins = 64;
    private SpatialIndex<long> _points = null!;
    private SiteSearchIndex _sites = null!;
    private GeoPoint[] _origins = [];
    private SearchPlaces _places = null!;
    private SiteMatcher _freeParenting = null!;
    private static readonly SiteFilter OneService = SearchScenario.All[1].Filter;
    private static readonly SiteFilter OpenNow = SearchScenario.All[3].Filter;

    [Params(10_000, 100_000)]
    public int Places { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var communes = BenchData.Communes();
        var generator = new SyntheticSites(communes, BenchData.RealSites());
        var cache = new ScheduleCache();
        var places = SearchPlaces.Generate(generator, Places, cache);
        _places = places;
        _freeParenting = new SiteMatcher(SearchScenario.All[2].Filter);
        _points = new SpatialIndex<long>();
        _points.Rebuild(places.Ids.Zip(places.Points));
        _sites = SearchPlaces.Index(generator, Places, cache);
        _origins = SearchOrigins.Generate(communes, Origins, seed: 3);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Origins)]
    public int Nearest10()
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _points.Nearest(origin).Take(10).Count();
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Within5Km()
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _points.Nearest(origin, 5_000).Count();
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Origins)]
    public int SiteSearchNearest10() => Sites(SiteFilter.None);

    [Benchmark(OperationsPerInvoke = Origins)]
    public int SiteSearchNearest10OneService() => Sites(OneService);

    [Benchmark(OperationsPerInvoke = Origins)]
    public int SiteSearchNearest10OpenNow() => Sites(OpenNow);

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Nearest10FreeParentingFilterAfter()
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _points.Nearest(origin).Where(n => Passes(n.Key)).Take(10).Count();
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Nearest10FreeParentingFilterInside()
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _points.Nearest(origin, double.PositiveInfinity, Passes).Take(10).Count();
        }

        return found;
    }

    // Place i has the key i + 1 (SearchPlaces).
    private bool Passes(long key) => _freeParenting.Matches(key, _places.Facets[key - 1], _places.ScheduleOf((int)key - 1));

    private int Sites(SiteFilter filter)
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _sites.Nearest(origin, filter, double.PositiveInfinity, null).Take(10).Count();
        }

        return found;
    }
}
