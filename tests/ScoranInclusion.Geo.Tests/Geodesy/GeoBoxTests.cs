using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Geo.Tests.Geodesy;

public sealed class GeoBoxTests
{
    [Theory]
    [InlineData(47.0, 4.8, 1_000)]
    [InlineData(47.0, 4.8, 30_000)]
    [InlineData(51.5, 2.5, 200_000)]
    [InlineData(0.0, 0.0, 50_000)]
    [InlineData(-33.9, 151.2, 100_000)]
    public void Every_point_within_the_distance_is_inside_the_box_and_the_box_is_not_much_larger(double latitude, double longitude, double meters)
    {
        var origin = new GeoPoint(latitude, longitude);
        var box = GeoBox.Around(origin, meters)!.Value;
        var random = new Random(17);
        for (var i = 0; i < 20_000; i++)
        {
            // Points spread over twice the box, the ones within the distance must all be inside.
            var point = new GeoPoint(
                box.South - ((box.North - box.South) / 2) + (random.NextDouble() * 2 * (box.North - box.South)),
                box.West - ((box.East - box.West) / 2) + (random.NextDouble() * 2 * (box.East - box.West)));
            if (Geodesic.DistanceMeters(origin, point) <= meters)
            {
                Assert.True(box.Contains(point), $"{point} à {Geodesic.DistanceMeters(origin, point):0.0} m hors de {box}");
            }
        }

        // The four extreme points of the box are only a little farther than the distance (less than 2 %).
        Assert.InRange(Geodesic.DistanceMeters(origin, new GeoPoint(box.North, longitude)), meters, meters * 1.02 + 2);
        Assert.InRange(Geodesic.DistanceMeters(origin, new GeoPoint(box.South, longitude)), meters, meters * 1.02 + 2);
    }

    [Fact]
    public void An_unbounded_radius_has_no_box_and_a_pole_spans_every_longitude()
    {
        Assert.Null(GeoBox.Around(new GeoPoint(47, 5), double.PositiveInfinity));
        Assert.Null(GeoBox.Around(new GeoPoint(47, 5), 20_000_000));
        var polar = GeoBox.Around(new GeoPoint(89.9, 5), 50_000)!.Value;
        Assert.Equal((-180, 180, 90), (polar.West, polar.East, polar.North));
        var antimeridian = GeoBox.Around(new GeoPoint(0, 179.9), 50_000)!.Value;
        Assert.Equal((-180, 180), (antimeridian.West, antimeridian.East));
    }
}
