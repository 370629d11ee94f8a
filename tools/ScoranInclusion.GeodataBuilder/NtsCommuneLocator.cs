using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using ScoranInclusion.Domain;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>
/// <see cref="ICommuneLocator"/> over the source commune polygons (not the further simplified
/// ones written for display, which are less precise near borders). Point-in-polygon is done
/// here rather than with ScoranInclusion.Geo so that the builder does not depend on the
/// files it generates.
/// </summary>
internal sealed class NtsCommuneLocator : ICommuneLocator
{
    // Metres per degree of latitude, and of longitude at the equator (WGS84 mean values);
    // a local equirectangular projection is within 1 % over the few kilometres compared here.
    private const double MetresPerDegreeLatitude = 110_574;
    private const double MetresPerDegreeLongitude = 111_320;

    private readonly STRtree<Entry> _index = new();
    private readonly Dictionary<string, Geometry> _geometries;
    private readonly CommuneIndex _names;

    public NtsCommuneLocator(CommuneIndex names, IReadOnlyDictionary<string, Geometry> geometries)
    {
        _names = names;
        _geometries = new Dictionary<string, Geometry>(geometries, StringComparer.Ordinal);
        foreach (var commune in names.Communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal))
        {
            var geometry = geometries[commune.CodeInsee];
            _index.Insert(geometry.EnvelopeInternal, new Entry(commune, new IndexedPointInAreaLocator(geometry)));
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
        var geometry = _geometries[commune.CodeInsee];
        var cosLatitude = Math.Cos(point.Latitude * Math.PI / 180);
        var projected = geometry.Copy();
        projected.Apply(new ToLocalMetres(point, cosLatitude));
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
