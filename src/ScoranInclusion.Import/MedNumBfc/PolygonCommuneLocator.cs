using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using ScoranInclusion.Domain;

namespace ScoranInclusion.Import.MedNumBfc;

/// <summary>
/// <see cref="ICommuneLocator"/> over commune polygons: the geodata builder gives it the
/// source polygons, the <c>import</c> verb those of the server's <c>geodata/</c> (simplified
/// for display; the converter's border tolerance absorbs the difference). A commune without
/// a polygon is still found by address, never by point.
/// </summary>
public sealed class PolygonCommuneLocator : ICommuneLocator
{
    // Metres per degree of latitude, and of longitude at the equator (WGS84 mean values);
    // a local equirectangular projection is within 1 % over the few kilometres compared here.
    private const double MetresPerDegreeLatitude = 110_574;
    private const double MetresPerDegreeLongitude = 111_320;

    private readonly STRtree<Entry> _index = new();
    private readonly Dictionary<string, Geometry> _geometries;
    private readonly CommuneIndex _names;

    public PolygonCommuneLocator(CommuneIndex names, IReadOnlyDictionary<string, Geometry> geometries)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(geometries);
        _names = names;
        _geometries = new Dictionary<string, Geometry>(geometries, StringComparer.Ordinal);
        foreach (var commune in names.Communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal))
        {
            if (_geometries.TryGetValue(commune.CodeInsee, out var geometry))
            {
                _index.Insert(geometry.EnvelopeInternal, new Entry(commune, new IndexedPointInAreaLocator(geometry)));
            }
        }

        _index.Build();
    }

    public CommuneRecord? FindContaining(GeoPoint point)
    {
        var coordinate = new Coordinate(point.Longitude, point.Latitude);

        // Sorted by code, so that a point on a shared border always gets the same commune.
        return _index.Query(new Envelope(coordinate))
            .Where(e => e.Locator.Locate(coordinate) != Location.Exterior)
            .Select(e => e.Commune)
            .MinBy(c => c.CodeInsee, StringComparer.Ordinal);
    }

    public IReadOnlyList<CommuneMatch> FindByAddress(string codePostal, string ville) => _names.FindByAddress(codePostal, ville);

    public double DistanceMetres(GeoPoint point, CommuneRecord commune)
    {
        ArgumentNullException.ThrowIfNull(commune);
        if (!_geometries.TryGetValue(commune.CodeInsee, out var geometry))
        {
            return double.PositiveInfinity;
        }

        var projected = geometry.Copy();
        projected.Apply(new ToLocalMetres(point, Math.Cos(point.Latitude * Math.PI / 180)));
        projected.GeometryChanged();
        return projected.Distance(projected.Factory.CreatePoint(new Coordinate(0, 0)));
    }

    private sealed record Entry(CommuneRecord Commune, IndexedPointInAreaLocator Locator);

    /// <summary>Longitude/latitude to metres east/north of an origin.</summary>
    private sealed class ToLocalMetres(GeoPoint origin, double cosLatitude) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, (seq.GetX(i) - origin.Longitude) * cosLatitude * MetresPerDegreeLongitude);
                seq.SetY(i, (seq.GetY(i) - origin.Latitude) * MetresPerDegreeLatitude);
            }
        }
    }
}
