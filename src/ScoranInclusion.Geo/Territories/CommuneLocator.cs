using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// The one commune locator: the <see cref="CommuneDirectory"/> (INSEE code, postal code, name,
/// address) with the commune polygons (the commune of a point, the distance to a commune). The
/// geodata builder gives it the source polygons, the <c>import</c> verb those of the server's
/// <c>geodata/</c> (<see cref="Load"/>). A commune without a polygon is still found by address,
/// never by point.
/// </summary>
/// <remarks>
/// The polygons shipped for display are simplified; the MedNum BFC converter's border tolerance
/// (1 km by default) absorbs it, but a point within metres of a border may land in the
/// neighbour, where the geodata builder, on the source polygons, would not.
/// </remarks>
public sealed class CommuneLocator : ICommuneLocator
{
    /// <summary>The commune polygons of the geodata directory, simplified for display.</summary>
    public const string PolygonsFileName = "communes.geojson";

    // Metres per degree of latitude, and of longitude at the equator (WGS84 mean values);
    // a local equirectangular projection is within 1 % over the few kilometres compared here.
    private const double MetresPerDegreeLatitude = 110_574;
    private const double MetresPerDegreeLongitude = 111_320;

    private static readonly JsonSerializerOptions s_geoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly STRtree<Entry> _index = new();
    private readonly Dictionary<string, Geometry> _geometries;

    /// <param name="communes">The communes, their postal codes and former names.</param>
    /// <param name="geometries">The polygon of each commune, by INSEE code.</param>
    public CommuneLocator(CommuneDirectory communes, IReadOnlyDictionary<string, Geometry> geometries)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(geometries);
        Communes = communes;
        _geometries = new Dictionary<string, Geometry>(geometries, StringComparer.Ordinal);
        foreach (var commune in communes.All)
        {
            if (_geometries.TryGetValue(commune.CodeInsee, out var geometry))
            {
                _index.Insert(geometry.EnvelopeInternal, new Entry(commune, new IndexedPointInAreaLocator(geometry)));
            }
        }

        _index.Build();
    }

    /// <summary>The communes, by code, postal code, name or address.</summary>
    public CommuneDirectory Communes { get; }

    /// <summary>
    /// The locator of the server's geodata: <paramref name="communes"/> (already loaded from
    /// <paramref name="geodataDirectory"/>) and the polygons of <see cref="PolygonsFileName"/>.
    /// Loaded only when asked for (reading a MedNum BFC file), the polygons being large.
    /// </summary>
    public static CommuneLocator Load(string geodataDirectory, CommuneDirectory communes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(geodataDirectory);
        ArgumentNullException.ThrowIfNull(communes);
        return new CommuneLocator(communes, ReadPolygons(Path.Combine(geodataDirectory, PolygonsFileName)));
    }

    public Commune? FindContaining(GeoPoint point)
    {
        var coordinate = new Coordinate(point.Longitude, point.Latitude);

        // Sorted by code, so that a point on a shared border always gets the same commune.
        return _index.Query(new Envelope(coordinate))
            .Where(e => e.Locator.Locate(coordinate) != Location.Exterior)
            .Select(e => e.Commune)
            .MinBy(c => c.CodeInsee, StringComparer.Ordinal);
    }

    public IReadOnlyList<CommuneMatch> FindByAddress(string codePostal, string ville) => Communes.FindByAddress(codePostal, ville);

    public double DistanceMetres(GeoPoint point, Commune commune)
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

    private static Dictionary<string, Geometry> ReadPolygons(string path)
    {
        using var file = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(file, s_geoJson)
            ?? throw new InvalidDataException($"{path} : FeatureCollection attendue.");
        var geometries = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        foreach (var feature in collection)
        {
            if (feature.Attributes?["code_insee"] is string code && feature.Geometry is { } geometry)
            {
                geometries[code] = geometry;
            }
        }

        return geometries;
    }

    private sealed record Entry(Commune Commune, IndexedPointInAreaLocator Locator);

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
