using BenchmarkDotNet.Attributes;
using ScoranInclusion.Bench.Search;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Bench.Micro;

/// <summary>
/// One distance between two points of the region (a search origin and a synthetic place: 0 to ~400 km),
/// for each distance model the project has: the exact geodesic on the WGS84 ellipsoid (Vincenty, what
/// every search ranks by) and the sphere (haversine, the index's lower bounds).
/// </summary>
[MemoryDiagnoser]
public class GeodesicBenchmarks
{
    private const int Pairs = 256;
    private GeoPoint[] _from = [];
    private GeoPoint[] _to = [];

    [GlobalSetup]
    public void Setup()
    {
        var communes = BenchData.Communes();
        _from = SearchOrigins.Generate(communes, Pairs, seed: 1);
        _to = SearchOrigins.Generate(communes, Pairs, seed: 2);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public double Vincenty()
    {
        var sum = 0.0;
        for (var i = 0; i < Pairs; i++)
        {
            sum += Geodesic.DistanceMeters(_from[i], _to[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double Haversine()
    {
        var sum = 0.0;
        for (var i = 0; i < Pairs; i++)
        {
            sum += Geodesic.SphericalMeters(_from[i], _to[i]);
        }

        return sum;
    }
}
