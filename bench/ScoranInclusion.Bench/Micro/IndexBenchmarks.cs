using BenchmarkDotNet.Attributes;
using ScoranInclusion.Bench.Search;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Indexing;
using ScoranInclusion.Storage.Search;

namespace ScoranInclusion.Bench.Micro;

/// <summary>
/// Index queries on N synthetic places, per query, from 64 origins (<see cref="SearchOrigins"/>): the
/// k-nearest (10) of the bare <see cref="SpatialIndex{TKey}"/>, every place within 5 km (a radius query,
/// in distance order), and the nearest 10 through <see cref="SiteSearchIndex"/> with and without a filter.
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private const int Origins = 64;
    private SpatialIndex<long> _points = null!;
    private SiteSearchIndex _sites = null!;
    private GeoPoint[] _origins = [];
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
