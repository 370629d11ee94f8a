using ScoranInclusion.Domain;

namespace ScoranInclusion.Geo.Geodesy;

/// <summary>
/// A latitude/longitude rectangle (degrees) that contains every point within a geodesic distance of an origin:
/// a filter plain columns can answer on any database (an index range on SQLite as on PostgreSQL), before the
/// exact geodesic distance is computed for what it lets through.
/// </summary>
public readonly record struct GeoBox(double South, double West, double North, double East)
{
    /// <summary>
    /// The rectangle around <paramref name="origin"/> holding every point whose geodesic distance is at most
    /// <paramref name="meters"/>; null when it would be the whole Earth (an unbounded radius). Longitudes span
    /// the whole circle near a pole or across the antimeridian (never the case in France).
    /// </summary>
    public static GeoBox? Around(GeoPoint origin, double meters)
    {
        if (!double.IsFinite(meters))
        {
            return null;
        }

        // Geodesic >= spherical x (1 - bound): a spherical radius this much larger cannot miss a point; 1 m more for rounding.
        var radians = (Math.Max(0, meters) / (1 - Geodesic.SphericalRelativeErrorBound) + 1) / Geodesic.MeanRadiusMeters;
        if (radians >= Math.PI / 2)
        {
            return null;
        }

        var degrees = radians * 180 / Math.PI;
        var south = origin.Latitude - degrees;
        var north = origin.Latitude + degrees;
        if (south <= -90 || north >= 90)
        {
            return new GeoBox(Math.Max(-90, south), -180, Math.Min(90, north), 180);
        }

        // The widest longitude of a spherical cap: asin(sin r / cos latitude).
        var sine = Math.Sin(radians) / Math.Cos(origin.Latitude * Math.PI / 180);
        if (sine >= 1)
        {
            return new GeoBox(south, -180, north, 180);
        }

        var spread = Math.Asin(sine) * 180 / Math.PI;
        var west = origin.Longitude - spread;
        var east = origin.Longitude + spread;
        return west < -180 || east > 180 ? new GeoBox(south, -180, north, 180) : new GeoBox(south, west, north, east);
    }

    public bool Contains(GeoPoint point) =>
        point.Latitude >= South && point.Latitude <= North && point.Longitude >= West && point.Longitude <= East;
}
