using BenchmarkDotNet.Attributes;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench;

/// <summary>
/// Does evaluating opening hours dominate a nearest search? The same nearest-10 searches
/// from 100 origins, without filter (baseline), with "open at" (Tuesday 10:00 and Saturday
/// 15:00), and with a service filter for comparison; plus the cost of one evaluation alone.
/// </summary>
[MemoryDiagnoser]
public class OpeningHoursSearchBenchmarks
{
    private const int Origins = 100;
    private SiteSearchIndex _index = null!;
    private GeoPoint[] _origins = [];
    private OpeningHoursSchedule[] _schedules = [];
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset SaturdayAfternoon = new(2026, 12, 5, 15, 0, 0, TimeSpan.FromHours(1));

    [Params(10_000, 100_000)]
    public int Places { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var communes = BenchData.Communes();
        var real = BenchData.RealSites();
        var cache = new ScheduleCache();
        _index = new SiteSearchIndex(cache);
        long key = 0;
        foreach (var site in new SyntheticSites(communes, real).Generate(Places))
        {
            _index.Upsert(++key, site);
        }

        var random = new Random(7);
        _origins = [.. Enumerable.Range(0, Origins).Select(_ => communes[random.Next(communes.Count)].Location)];
        _schedules = [.. real.Select(s => cache.Get(s.Horaires)).OfType<OpeningHoursSchedule>()];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Origins)]
    public int Nearest10() => Run(SiteFilter.None);

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Nearest10OpenTuesdayMorning() => Run(new SiteFilter { OpenAt = TuesdayMorning });

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Nearest10OpenSaturdayAfternoon() => Run(new SiteFilter { OpenAt = SaturdayAfternoon });

    [Benchmark(OperationsPerInvoke = Origins)]
    public int Nearest10OneService() => Run(new SiteFilter { Services = [Service.ParentaliteEtEducationAvecLeNumerique] });

    /// <summary>One StateAt on the real places' hours (the per-candidate cost of the filter).</summary>
    [Benchmark(OperationsPerInvoke = 1_000)]
    public int OneEvaluation()
    {
        var open = 0;
        for (var i = 0; i < 1_000; i++)
        {
            if (_schedules[i % _schedules.Length].IsOpen(TuesdayMorning))
            {
                open++;
            }
        }

        return open;
    }

    private int Run(SiteFilter filter)
    {
        var found = 0;
        foreach (var origin in _origins)
        {
            found += _index.Nearest(origin, filter, double.PositiveInfinity, null).Take(10).Count();
        }

        return found;
    }
}
