using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using Xunit.Abstractions;

namespace ScoranInclusion.Geo.Tests.Geodesy;

public sealed class GeodesicTests(ITestOutputHelper output)
{
    private const double Millimetre = 0.001;

    [Fact]
    public void Vincenty_reference_line_Flinders_Peak_to_Buninyong()
    {
        // Vincenty (1975), and Geoscience Australia's worked example.
        var flindersPeak = new GeoPoint(-Dms(37, 57, 3.72030), Dms(144, 25, 29.52440));
        var buninyong = new GeoPoint(-Dms(37, 39, 10.15610), Dms(143, 55, 35.38390));

        Assert.Equal(54_972.271, Geodesic.DistanceMeters(flindersPeak, buninyong), Millimetre);
    }

    [Fact]
    public void One_degree_of_longitude_on_the_equator()
    {
        Assert.Equal(111_319.491, Geodesic.DistanceMeters(new GeoPoint(0, 0), new GeoPoint(0, 1)), Millimetre);
    }

    [Fact]
    public void One_degree_of_latitude_from_the_equator()
    {
        Assert.Equal(110_574.389, Geodesic.DistanceMeters(new GeoPoint(0, 0), new GeoPoint(1, 0)), Millimetre);
    }

    [Fact]
    public void Dijon_to_Besancon_is_pinned_and_agrees_with_the_sphere()
    {
        var dijon = new GeoPoint(47.322, 5.041);
        var besancon = new GeoPoint(47.2378, 6.0241);

        var geodesic = Geodesic.DistanceMeters(dijon, besancon);
        var spherical = Geodesic.SphericalMeters(dijon, besancon);

        Assert.Equal(74_965.513, geodesic, Millimetre);
        Assert.InRange(geodesic / spherical, 0.995, 1.005);
    }

    // Reference distances from GeographicLib (Karney's algorithm, accurate to ~15 nm), including
    // near-antipodal pairs where Vincenty's iteration fails and the bisection takes over.
    [Theory]
    [InlineData(46.1, 2.8, 48.5, 7.2, 426_412.09063)]
    [InlineData(41, -5, 51.5, 9.5, 1_610_583.32779)]
    [InlineData(51.5, 4.5, 51.784442, 19.008559, 1_003_183.05267)]
    [InlineData(47.25521, 6.01937, 47.25522, 6.01938, 1.34497)]
    [InlineData(46.78977, 4.8523, 46.78977, 4.85231, 0.76354)]
    [InlineData(46.78977, 4.8523, 46.78978, 4.8523, 1.11167)]
    [InlineData(-33.8688, 151.2093, 51.5074, -0.1278, 16_989_295.77054)]
    [InlineData(0, 179.5, 0, -179.5, 111_319.49079)]
    [InlineData(90, 0, -90, 0, 20_003_931.45863)]
    [InlineData(0, 0, 0, 180, 20_003_931.45863)]
    [InlineData(0, 0, 0.5, 179.5, 19_936_288.57897)]
    [InlineData(0, 0, 0.5, 179.7, 19_944_127.42075)]
    [InlineData(10, 20, -10.5, -159.8, 19_946_639.29932)]
    public void Matches_GeographicLib(double lat1, double lon1, double lat2, double lon2, double expected)
    {
        var actual = Geodesic.DistanceMeters(new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));

        Assert.Equal(expected, actual, 0.1 * Millimetre);
    }

    [Fact]
    public void Identical_points_are_zero_apart()
    {
        var point = new GeoPoint(47.2378, 6.0241);

        Assert.Equal(0, Geodesic.DistanceMeters(point, point));
        Assert.Equal(0, Geodesic.SphericalMeters(point, point));
        Assert.Equal(0, Geodesic.DistanceMeters(new GeoPoint(90, 0), new GeoPoint(90, 123)));
    }

    [Fact]
    public void Distance_is_exactly_symmetric()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var a = new GeoPoint(random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180);
            var b = i % 2 == 0
                ? new GeoPoint(random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180)
                : new GeoPoint(a.Latitude + random.NextDouble() - 0.5, a.Longitude);

            Assert.Equal(Geodesic.DistanceMeters(a, b), Geodesic.DistanceMeters(b, a));
        }
    }

    [Fact]
    public void Spherical_distance_uses_the_mean_radius()
    {
        var expected = Geodesic.MeanRadiusMeters * Math.PI / 180;

        Assert.Equal(expected, Geodesic.SphericalMeters(new GeoPoint(0, 0), new GeoPoint(0, 1)), 1e-6);
        Assert.Equal(expected, Geodesic.SphericalMeters(new GeoPoint(0, 179.5), new GeoPoint(0, -179.5)), 1e-6);
    }

    [Fact]
    public void Spherical_bound_holds_over_France()
    {
        var worst = WorstRelativeError(41, 51.5, 0.25);
        output.WriteLine($"max |geodesic/spherical - 1| from origins at 41°–51.5°: {worst:F6}");

        Assert.True(worst <= Geodesic.SphericalRelativeErrorBound, $"{worst}");
        // Pins the measurement the constant's documentation quotes.
        Assert.InRange(worst, 0.0031, 0.0033);
    }

    [Fact]
    public void Spherical_bound_holds_over_the_whole_Earth()
    {
        var worst = WorstRelativeError(-90, 90, 1);
        output.WriteLine($"max |geodesic/spherical - 1| from origins at -90°–90°: {worst:F6}");

        Assert.True(worst <= Geodesic.SphericalRelativeErrorBound, $"{worst}");
        Assert.InRange(worst, 0.0055, 0.0057);
    }

    /// <summary>
    /// Sweeps origins over a latitude band, every 2.5° of azimuth and distances from 1 m to
    /// 1000 km (four steps a decade), measuring |geodesic / spherical − 1|.
    /// </summary>
    private static double WorstRelativeError(double fromLatitude, double toLatitude, double latitudeStep)
    {
        var worst = 0.0;
        for (var latitude = fromLatitude; latitude <= toLatitude + 1e-9; latitude += latitudeStep)
        {
            var origin = new GeoPoint(latitude, 4.5);
            for (var azimuth = 0.0; azimuth < 360; azimuth += 2.5)
            {
                for (var decade = 0.0; decade <= 6 + 1e-9; decade += 0.25)
                {
                    var target = SphericalDestination(origin, azimuth, Math.Pow(10, decade));
                    var ratio = Geodesic.DistanceMeters(origin, target) / Geodesic.SphericalMeters(origin, target);
                    worst = Math.Max(worst, Math.Abs(ratio - 1));
                }
            }
        }

        return worst;
    }

    private static GeoPoint SphericalDestination(GeoPoint origin, double azimuthDegrees, double meters)
    {
        const double d2r = Math.PI / 180;
        var phi = origin.Latitude * d2r;
        var azimuth = azimuthDegrees * d2r;
        var delta = meters / Geodesic.MeanRadiusMeters;
        var phi2 = Math.Asin(Math.Clamp(
            Math.Sin(phi) * Math.Cos(delta) + Math.Cos(phi) * Math.Sin(delta) * Math.Cos(azimuth), -1, 1));
        var lambda2 = origin.Longitude * d2r + Math.Atan2(
            Math.Sin(azimuth) * Math.Sin(delta) * Math.Cos(phi),
            Math.Cos(delta) - Math.Sin(phi) * Math.Sin(phi2));
        return new GeoPoint(phi2 / d2r, Math.IEEERemainder(lambda2 / d2r, 360));
    }

    private static double Dms(int degrees, int minutes, double seconds) => degrees + minutes / 60.0 + seconds / 3600;
}
