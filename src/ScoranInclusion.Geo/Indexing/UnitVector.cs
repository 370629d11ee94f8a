using ScoranInclusion.Domain;

namespace ScoranInclusion.Geo.Indexing;

/// <summary>A point on the unit sphere: geodetic latitude and longitude taken as spherical ones.</summary>
internal readonly record struct UnitVector(double X, double Y, double Z)
{
    private const double DegreesToRadians = Math.PI / 180;

    public static UnitVector From(GeoPoint point)
    {
        var (sinLat, cosLat) = Math.SinCos(point.Latitude * DegreesToRadians);
        var (sinLon, cosLon) = Math.SinCos(point.Longitude * DegreesToRadians);
        return new UnitVector(cosLat * cosLon, cosLat * sinLon, sinLat);
    }

    public double ChordSquaredTo(in UnitVector other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        var dz = Z - other.Z;
        return dx * dx + dy * dy + dz * dz;
    }
}

/// <summary>An axis-aligned box in the 3D space of <see cref="UnitVector"/>s.</summary>
internal readonly record struct Box3(double MinX, double MinY, double MinZ, double MaxX, double MaxY, double MaxZ)
{
    public static readonly Box3 Empty = new(
        double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity,
        double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public Box3 Including(in UnitVector v) => new(
        Math.Min(MinX, v.X), Math.Min(MinY, v.Y), Math.Min(MinZ, v.Z),
        Math.Max(MaxX, v.X), Math.Max(MaxY, v.Y), Math.Max(MaxZ, v.Z));

    public Box3 Union(in Box3 other) => new(
        Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Min(MinZ, other.MinZ),
        Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY), Math.Max(MaxZ, other.MaxZ));

    /// <summary>Squared distance from <paramref name="v"/> to the nearest point of the box (0 inside).</summary>
    public double DistanceSquaredTo(in UnitVector v)
    {
        var dx = Math.Max(0, Math.Max(MinX - v.X, v.X - MaxX));
        var dy = Math.Max(0, Math.Max(MinY - v.Y, v.Y - MaxY));
        var dz = Math.Max(0, Math.Max(MinZ - v.Z, v.Z - MaxZ));
        return dx * dx + dy * dy + dz * dz;
    }

    public bool Intersects(in Box3 other) =>
        MinX <= other.MaxX && other.MinX <= MaxX
        && MinY <= other.MaxY && other.MinY <= MaxY
        && MinZ <= other.MaxZ && other.MinZ <= MaxZ;

    /// <summary>
    /// A box holding every unit vector whose latitude is in [south, north] and longitude in
    /// [west, east] (degrees; east below west crosses the antimeridian).
    /// </summary>
    public static Box3 ForLatLonRectangle(double south, double west, double north, double east)
    {
        const double d2r = Math.PI / 180;
        if (east < west)
            east += 360;

        var cosSouth = Math.Cos(south * d2r);
        var cosNorth = Math.Cos(north * d2r);
        var cosLatMin = Math.Min(cosSouth, cosNorth);
        var cosLatMax = south <= 0 && north >= 0 ? 1 : Math.Max(cosSouth, cosNorth);

        var cosLonMin = Math.Min(Math.Cos(west * d2r), Math.Cos(east * d2r));
        var cosLonMax = Math.Max(Math.Cos(west * d2r), Math.Cos(east * d2r));
        var sinLonMin = Math.Min(Math.Sin(west * d2r), Math.Sin(east * d2r));
        var sinLonMax = Math.Max(Math.Sin(west * d2r), Math.Sin(east * d2r));
        if (ContainsAngle(west, east, 0))
            cosLonMax = 1;
        if (ContainsAngle(west, east, 180))
            cosLonMin = -1;
        if (ContainsAngle(west, east, 90))
            sinLonMax = 1;
        if (ContainsAngle(west, east, -90))
            sinLonMin = -1;

        var (minX, maxX) = Product(cosLatMin, cosLatMax, cosLonMin, cosLonMax);
        var (minY, maxY) = Product(cosLatMin, cosLatMax, sinLonMin, sinLonMax);

        // Rounding in sin/cos is far below this; the exact latitude/longitude test comes after.
        const double pad = 1e-12;
        return new Box3(
            minX - pad, minY - pad, Math.Sin(south * d2r) - pad,
            maxX + pad, maxY + pad, Math.Sin(north * d2r) + pad);
    }

    private static bool ContainsAngle(double from, double to, double angle)
    {
        var turns = Math.Ceiling((from - angle) / 360);
        return angle + 360 * turns <= to;
    }

    private static (double Min, double Max) Product(double aMin, double aMax, double bMin, double bMax)
    {
        var p1 = aMin * bMin;
        var p2 = aMin * bMax;
        var p3 = aMax * bMin;
        var p4 = aMax * bMax;
        return (Math.Min(Math.Min(p1, p2), Math.Min(p3, p4)), Math.Max(Math.Max(p1, p2), Math.Max(p3, p4)));
    }
}
