using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Indexing;

namespace ScoranInclusion.Geo.Tests.Coverage;

public sealed class CoverageCalculatorTests
{
    private static Commune Commune(string code, int population, double latitude, double longitude) =>
        new(code, "Commune " + code, [], code[..2], "", "", population, new GeoPoint(latitude, longitude));

    [Theory]
    [InlineData(new double[] { 20, 5, 10, 5 }, new double[] { 5, 10, 20 })]
    [InlineData(new double[] { 200 }, new double[] { 200 })]
    [InlineData(new double[] { 0.5, 1, 2, 3, 4 }, new double[] { 0.5, 1, 2, 3, 4 })]
    public void Thresholds_are_sorted_and_deduplicated(double[] given, double[] expected)
    {
        Assert.True(CoverageCalculator.TryNormalizeThresholds(given, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(new double[] { })]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(new double[] { 0 })]
    [InlineData(new double[] { -1 })]
    [InlineData(new double[] { 200.001 })]
    [InlineData(new double[] { double.NaN })]
    [InlineData(new double[] { double.PositiveInfinity })]
    public void Bad_thresholds_are_refused_with_a_French_message(double[] given)
    {
        Assert.False(CoverageCalculator.TryNormalizeThresholds(given, out _, out var error));
        Assert.Contains("seuil", error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_thresholds_means_5_10_20() =>
        Assert.Equal([5.0, 10, 20], CoverageCalculator.TryNormalizeThresholds(null, out var t, out _) ? t : []);

    [Fact]
    public void The_nearest_place_is_the_brute_force_minimum_and_shares_are_population_weighted()
    {
        var random = new Random(10);
        var places = new SpatialIndex<long>();
        var points = Enumerable.Range(1, 200).Select(i => (Key: (long)i, Point: new GeoPoint(46 + random.NextDouble() * 2, 3 + random.NextDouble() * 4))).ToList();
        places.Rebuild(points);
        var communes = Enumerable.Range(0, 500).Select(i => Commune($"{21000 + i}", random.Next(0, 5000), 46 + random.NextDouble() * 2, 3 + random.NextDouble() * 4)).ToList();

        var rows = CoverageCalculator.NearestPlaces(communes, places);
        foreach (var row in rows)
        {
            var best = points.Select(p => (p.Key, D: Geodesic.DistanceMeters(row.Commune.Location, p.Point))).OrderBy(p => p.D).ThenBy(p => p.Key).First();
            Assert.Equal(best.D, row.DistanceMeters);
            Assert.Equal(best.Key, row.NearestKey);
        }

        var summary = CoverageCalculator.Summarize(rows, [5, 10]);
        Assert.Equal(communes.Sum(c => (long)c.Population!.Value), summary.Population);
        Assert.Equal(rows.Where(r => r.DistanceMeters <= 5000).Sum(r => (long)r.Population), summary.Within[0].Population);
        Assert.Equal((double)summary.Within[1].Population / summary.Population, summary.Within[1].Share);
        Assert.Equal(summary.Population, summary.Within[1].Population + summary.ZonesBlanches.Sum(r => (long)r.Population));
    }

    [Fact]
    public void Without_any_place_every_commune_is_a_zone_blanche_most_populated_first()
    {
        var communes = new[] { Commune("21001", 10, 47, 5), Commune("21002", 300, 47.1, 5), Commune("21003", 0, 47.2, 5) };
        var rows = CoverageCalculator.NearestPlaces(communes, new SpatialIndex<long>());
        Assert.All(rows, r => Assert.Null(r.DistanceMeters));

        var summary = CoverageCalculator.Summarize(rows, [5]);
        Assert.Equal(0, summary.Within[0].Population);
        Assert.Equal(0, summary.Within[0].Share);
        Assert.Equal(["21002", "21001", "21003"], summary.ZonesBlanches.Select(r => r.Commune.CodeInsee));
    }
}
