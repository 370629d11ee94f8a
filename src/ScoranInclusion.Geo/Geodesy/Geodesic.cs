using ScoranInclusion.Domain;

namespace ScoranInclusion.Geo.Geodesy;

/// <summary>
/// Distances on the WGS84 ellipsoid, in metres.
/// </summary>
/// <remarks>
/// <see cref="DistanceMeters"/> is Vincenty's inverse method (Survey Review XXIII, 176, 1975):
/// about 0.1 mm accuracy wherever it converges, which it always does except for nearly
/// antipodal points. Those fall back to solving for the azimuth at the first point by
/// bisection (the canonical formulation of Karney, J. Geodesy 87, 2013, §4–5), with the same
/// series for the longitude and distance integrals. Both are implemented here from the
/// published equations.
/// </remarks>
public static class Geodesic
{
    /// <summary>WGS84 semi-major axis.</summary>
    public const double SemiMajorAxisMeters = 6_378_137.0;

    /// <summary>WGS84 flattening.</summary>
    public const double Flattening = 1 / 298.257223563;

    /// <summary>Mean Earth radius (IUGG R1 = (2a + b) / 3) used by <see cref="SphericalMeters"/>.</summary>
    public const double MeanRadiusMeters = 6_371_008.8;

    /// <summary>
    /// The largest relative difference between <see cref="DistanceMeters"/> and
    /// <see cref="SphericalMeters"/> for the same pair of points:
    /// |geodesic / spherical − 1| ≤ this, for any pair on Earth.
    /// </summary>
    /// <remarks>
    /// Spatial pruning relies on it: geodesic ≥ spherical × (1 − this). The largest value
    /// measured is 0.00558 (a short north–south step on the equator, where the meridian radius
    /// of curvature is a(1 − e²) = 6 335 439 m against the 6 371 009 m sphere); from origins at
    /// the latitudes of France (41°–51.5°), all azimuths, 1 m–1000 km, it is 0.00318 (1000 km
    /// east–west from 51.5°). The constant keeps a margin above both; GeodesicTests sweeps the
    /// two ranges to hold it.
    /// </remarks>
    public const double SphericalRelativeErrorBound = 0.0068;

    private const double SemiMinorAxisMeters = SemiMajorAxisMeters * (1 - Flattening);
    private const double SecondEccentricitySquared =
        (SemiMajorAxisMeters * SemiMajorAxisMeters - SemiMinorAxisMeters * SemiMinorAxisMeters)
        / (SemiMinorAxisMeters * SemiMinorAxisMeters);

    private const double DegreesToRadians = Math.PI / 180;

    // 1e-12 rad of longitude on the auxiliary sphere is 6 µm on the ground.
    private const double LambdaTolerance = 1e-12;

    // Near-antipodal pairs converge slowly (Vincenty's own example needs ~130 iterations) before
    // they stop converging at all; past this count the bisection is cheaper and always ends.
    private const int MaxIterations = 200;

    /// <summary>
    /// The geodesic (shortest path on the WGS84 ellipsoid) distance between two points, in
    /// metres. Exactly symmetric: <c>DistanceMeters(a, b) == DistanceMeters(b, a)</c>.
    /// </summary>
    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        // Ordering the arguments makes the result bit-for-bit symmetric, so that rankings built
        // from either direction agree exactly.
        if (a.Latitude > b.Latitude || (a.Latitude == b.Latitude && a.Longitude > b.Longitude))
            (a, b) = (b, a);

        if (a.Latitude == b.Latitude && a.Longitude == b.Longitude)
            return 0;

        var longitudeDifference = NormalizeRadians((b.Longitude - a.Longitude) * DegreesToRadians);
        ReducedLatitude(a.Latitude, out var sinU1, out var cosU1);
        ReducedLatitude(b.Latitude, out var sinU2, out var cosU2);

        return TryVincenty(sinU1, cosU1, sinU2, cosU2, longitudeDifference, out var distance)
            ? distance
            : Bisection(sinU1, cosU1, sinU2, cosU2, Math.Abs(longitudeDifference));
    }

    /// <summary>
    /// The great-circle (haversine) distance on a sphere of radius <see cref="MeanRadiusMeters"/>,
    /// in metres: about 10× cheaper than <see cref="DistanceMeters"/> and within
    /// <see cref="SphericalRelativeErrorBound"/> of it, relatively.
    /// </summary>
    public static double SphericalMeters(GeoPoint a, GeoPoint b)
    {
        var phi1 = a.Latitude * DegreesToRadians;
        var phi2 = b.Latitude * DegreesToRadians;
        var sinHalfDPhi = Math.Sin((phi2 - phi1) / 2);
        var sinHalfDLambda = Math.Sin((b.Longitude - a.Longitude) * DegreesToRadians / 2);
        var h = sinHalfDPhi * sinHalfDPhi + Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDLambda * sinHalfDLambda;
        return 2 * MeanRadiusMeters * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    private static void ReducedLatitude(double latitudeDegrees, out double sinU, out double cosU)
    {
        // cos(90°) is 6e-17 in floating point, which would put two descriptions of a pole
        // a nanometre apart.
        if (Math.Abs(latitudeDegrees) == 90)
        {
            sinU = Math.Sign(latitudeDegrees);
            cosU = 0;
            return;
        }

        // atan2 form instead of atan((1 − f) tan φ): stays finite near the poles.
        var phi = latitudeDegrees * DegreesToRadians;
        var u = Math.Atan2((1 - Flattening) * Math.Sin(phi), Math.Cos(phi));
        sinU = Math.Sin(u);
        cosU = Math.Cos(u);
    }

    private static bool TryVincenty(
        double sinU1, double cosU1, double sinU2, double cosU2, double longitudeDifference, out double distance)
    {
        var lambda = longitudeDifference;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var sinLambda = Math.Sin(lambda);
            var cosLambda = Math.Cos(lambda);
            var t1 = cosU2 * sinLambda;
            var t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            var sinSigma = Math.Sqrt(t1 * t1 + t2 * t2);
            var cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            if (sinSigma == 0)
            {
                // Coincident on the auxiliary sphere (a distinct pair can round there only when
                // both are at the same pole), or exactly antipodal, which the bisection handles.
                distance = 0;
                return cosSigma > 0;
            }

            var sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            var cosSqAlpha = 1 - sinAlpha * sinAlpha;
            // On the equator cos²α = 0 and the term it divides vanishes with it.
            var cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
            var c = Flattening / 16 * cosSqAlpha * (4 + Flattening * (4 - 3 * cosSqAlpha));
            var previous = lambda;
            lambda = longitudeDifference + (1 - c) * Flattening * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));

            if (Math.Abs(lambda) > Math.PI)
                break; // the iteration has left the domain: nearly antipodal.

            if (Math.Abs(lambda - previous) <= LambdaTolerance)
            {
                distance = Distance(cosSqAlpha, sigma, sinSigma, cosSigma, cos2SigmaM);
                return true;
            }
        }

        distance = double.NaN;
        return false;
    }

    /// <summary>
    /// Solves the inverse problem by bisection on the azimuth α1 at the first point, for the
    /// nearly antipodal pairs where Vincenty's iteration does not converge.
    /// </summary>
    /// <remarks>
    /// Canonical configuration (Karney 2013, §4): β1 ≤ 0, |β2| ≤ |β1|, 0 ≤ λ12 ≤ π. There the
    /// shortest geodesic meets β2 while still heading north (cos α2 ≥ 0), and the longitude it
    /// reaches grows with α1 from 0 (α1 = 0) to π (α1 = π), so bisection cannot miss the root.
    /// </remarks>
    private static double Bisection(double sinB1, double cosB1, double sinB2, double cosB2, double lambda12)
    {
        if (Math.Abs(sinB1) < Math.Abs(sinB2))
        {
            (sinB1, sinB2) = (sinB2, sinB1);
            (cosB1, cosB2) = (cosB2, cosB1);
        }

        if (sinB1 > 0)
        {
            sinB1 = -sinB1;
            sinB2 = -sinB2;
        }

        var low = 0.0;
        var high = Math.PI;
        var geodesic = default(AuxiliaryGeodesic);
        for (var iteration = 0; iteration < 100 && high - low > 1e-15; iteration++)
        {
            var alpha1 = (low + high) / 2;
            geodesic = AuxiliaryGeodesic.Through(sinB1, cosB1, sinB2, cosB2, alpha1);
            if (geodesic.Lambda12 < lambda12)
                low = alpha1;
            else
                high = alpha1;
        }

        geodesic = AuxiliaryGeodesic.Through(sinB1, cosB1, sinB2, cosB2, (low + high) / 2);
        var sigma12 = geodesic.Sigma2 - geodesic.Sigma1;
        var cos2SigmaM = Math.Cos(geodesic.Sigma1 + geodesic.Sigma2);
        return Distance(geodesic.CosSqAlpha0, sigma12, Math.Sin(sigma12), Math.Cos(sigma12), cos2SigmaM);
    }

    /// <summary>Vincenty's distance series: s = b·A·(σ − Δσ).</summary>
    private static double Distance(double cosSqAlpha, double sigma, double sinSigma, double cosSigma, double cos2SigmaM)
    {
        var uSq = cosSqAlpha * SecondEccentricitySquared;
        var a = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var b = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = b * sinSigma * (cos2SigmaM + b / 4
            * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
               - b / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return SemiMinorAxisMeters * a * (sigma - deltaSigma);
    }

    private static double NormalizeRadians(double angle) => Math.IEEERemainder(angle, 2 * Math.PI);

    /// <summary>
    /// The geodesic leaving reduced latitude β1 with azimuth α1, followed until it first
    /// reaches β2 heading north, described on the auxiliary sphere.
    /// </summary>
    private readonly record struct AuxiliaryGeodesic(double Sigma1, double Sigma2, double CosSqAlpha0, double Lambda12)
    {
        public static AuxiliaryGeodesic Through(double sinB1, double cosB1, double sinB2, double cosB2, double alpha1)
        {
            var sinAlpha1 = Math.Sin(alpha1);
            var cosAlpha1 = Math.Cos(alpha1);
            var sinAlpha0 = sinAlpha1 * cosB1;
            var cosSqAlpha0 = 1 - sinAlpha0 * sinAlpha0;

            // σ and ω (arc and longitude from the northward equator crossing) share a quadrant;
            // with β1 ≤ 0 both lie in [−π, 0], which atan2 of a +0 would put at +π.
            var x1 = cosAlpha1 * cosB1;
            var sigma1 = Math.Atan2(sinB1, x1);
            var omega1 = Math.Atan2(sinAlpha0 * sinB1, x1);
            if (sigma1 > 0)
                sigma1 -= 2 * Math.PI;
            if (omega1 > 0)
                omega1 -= 2 * Math.PI;

            // cos α2 cos β2 from Clairaut's relation, written to avoid cancellation (Karney eq. 45).
            var x2 = Math.Sqrt(Math.Max(0, x1 * x1 + (cosB2 - cosB1) * (cosB2 + cosB1)));
            var sigma2 = Math.Atan2(sinB2, x2);
            var omega2 = Math.Atan2(sinAlpha0 * sinB2, x2);

            var sigma12 = sigma2 - sigma1;
            var cos2SigmaM = Math.Cos(sigma1 + sigma2);
            var c = Flattening / 16 * cosSqAlpha0 * (4 + Flattening * (4 - 3 * cosSqAlpha0));
            var lambda12 = omega2 - omega1 - (1 - c) * Flattening * sinAlpha0
                * (sigma12 + c * Math.Sin(sigma12) * (cos2SigmaM + c * Math.Cos(sigma12) * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            return new AuxiliaryGeodesic(sigma1, sigma2, cosSqAlpha0, lambda12);
        }
    }
}
