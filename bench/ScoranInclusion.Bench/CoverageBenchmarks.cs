using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench;

/// <summary>
/// The coverage of the whole region (3,685 communes) as the server computes it (the places passing
/// the filter into a spatial index, one nearest search per commune, the aggregates and the
/// breakdown by département), against a brute force in the same run: for every commune, the
/// geodesic distance to every place passing the filter (the filter evaluated once per place in both,
/// so that only the nearest search differs), the smallest kept. On the 697 real MedNum BFC places
/// (the brute force over 10,000 synthetic places would take minutes per iteration on this machine).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoverageBenchmarks
{
    private static readonly DateOnly Saturday = new(2026, 12, 5);

    private SiteSearchIndex _index = null!;
    private CoverageTerritories _territories = null!;
    private IReadOnlyList<Commune> _communes = [];

    [GlobalSetup]
    public void Setup()
    {
        var directory = CommuneDirectory.Load(BenchData.Geodata);
        _communes = directory.All;
        _territories = CoverageTerritories.Load(directory, BenchData.Geodata);
        var real = BenchData.RealSites();
        _index = new SiteSearchIndex(new ScheduleCache());
        long key = 0;
        foreach (var site in real)
        {
            _index.Upsert(++key, site);
        }
    }

    [BenchmarkCategory("sans filtre"), Benchmark(Baseline = true)]
    public double BruteForce() => Brute(SiteFilter.None);

    [BenchmarkCategory("sans filtre"), Benchmark]
    public double Coverage() => Ours(SiteFilter.None);

    [BenchmarkCategory("un service"), Benchmark(Baseline = true)]
    public double BruteForceOneService() => Brute(new SiteFilter { Services = [Service.AideAuxDemarchesAdministratives] });

    [BenchmarkCategory("un service"), Benchmark]
    public double CoverageOneService() => Ours(new SiteFilter { Services = [Service.AideAuxDemarchesAdministratives] });

    [BenchmarkCategory("ouvert samedi"), Benchmark(Baseline = true)]
    public double BruteForceOpenSaturday() => Brute(new SiteFilter { OpenOn = Saturday });

    [BenchmarkCategory("ouvert samedi"), Benchmark]
    public double CoverageOpenSaturday() => Ours(new SiteFilter { OpenOn = Saturday });

    private double Ours(SiteFilter filter)
    {
        var region = _territories.Region;
        var report = CoverageCalculator.Report(region, _territories.Parts(region), _index.MatchingPlaces(filter), CoverageCalculator.DefaultThresholdsKm);
        return report.Summary.Within[0].Share;
    }

    private double Brute(SiteFilter filter)
    {
        var places = _index.MatchingPlaces(filter).WithinBox(-90, -180, 90, 180).Select(p => p.Point).ToArray();
        var sum = 0.0;
        foreach (var commune in _communes)
        {
            var best = double.PositiveInfinity;
            foreach (var place in places)
            {
                best = Math.Min(best, Geodesic.DistanceMeters(commune.Location, place));
            }

            sum += best;
        }

        return sum;
    }
}
