using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Import.Tests.MedNumBfc;

/// <summary>Communes as latitude/longitude rectangles: enough to test the converter's decisions.</summary>
internal sealed class FakeCommuneLocator : ICommuneLocator
{
    private readonly List<(Commune Commune, double South, double West, double North, double East)> _areas;

    private FakeCommuneLocator(List<(Commune, double, double, double, double)> areas, IEnumerable<AncienneCommune> anciennes)
    {
        _areas = areas;
        Index = CommuneDirectory.From(areas.Select(a => a.Item1), anciennes);
    }

    public CommuneDirectory Index { get; }

    /// <summary>A few real communes, with made-up rectangular areas around their real points.</summary>
    public static FakeCommuneLocator Bfc()
    {
        static (Commune, double, double, double, double) Area(string code, string nom, string codesPostaux, double lat, double lon, double south, double west, double north, double east) =>
            (new Commune(code, nom, codesPostaux.Split('|'), code[..2], "", "", null, new GeoPoint(lat, lon)), south, west, north, east);

        return new FakeCommuneLocator(
            [
                Area("21231", "Dijon", "21000", 47.32, 5.03, 47.28, 4.96, 47.36, 5.10),
                Area("21023", "Arnay-le-Duc", "21230", 47.13, 4.49, 47.10, 4.45, 47.16, 4.53),
                Area("71270", "Mâcon", "71000", 46.30133, 4.81231, 46.28, 4.78, 46.34, 4.86),
                Area("71014", "Autun", "71400", 46.94604, 4.31071, 46.90, 4.25, 47.00, 4.35),
                Area("89025", "Avallon", "89200", 47.48242, 3.91633, 47.45, 3.86, 47.52, 3.95),
                Area("71263", "Louhans-Châteaurenaud", "71500", 46.6353, 5.23798, 46.60, 5.20, 46.65, 5.26),
                Area("71057", "Branges", "71500", 46.64, 5.29, 46.60, 5.26, 46.65, 5.32),
                Area("39300", "Lons-le-Saunier", "39000", 46.67, 5.55, 46.64, 5.52, 46.70, 5.58),
                Area("39368", "Hauts de Bienne", "39400", 46.52, 6.06, 46.49, 6.02, 46.56, 6.10),
                Area("58062", "Château-Chinon (Ville)", "58120", 47.06269, 3.92757, 47.05, 3.91, 47.07, 3.94),
                Area("58063", "Château-Chinon (Campagne)", "58120", 47.05596, 3.94077, 47.03, 3.94, 47.08, 3.98),
            ],
            [new AncienneCommune("39372", "Morez", "commune-deleguee", "39368")]);
    }

    public Commune? FindContaining(GeoPoint point) =>
        _areas.FirstOrDefault(a => point.Latitude >= a.South && point.Latitude <= a.North && point.Longitude >= a.West && point.Longitude <= a.East).Commune;

    public IReadOnlyList<CommuneMatch> FindByAddress(string codePostal, string ville) => Index.FindByAddress(codePostal, ville);

    public double DistanceMetres(GeoPoint point, Commune commune)
    {
        var a = _areas.Single(x => x.Commune.CodeInsee == commune.CodeInsee);
        var dLat = Math.Max(Math.Max(a.South - point.Latitude, point.Latitude - a.North), 0);
        var dLon = Math.Max(Math.Max(a.West - point.Longitude, point.Longitude - a.East), 0);
        var north = dLat * 110_574;
        var east = dLon * 111_320 * Math.Cos(point.Latitude * Math.PI / 180);
        return Math.Sqrt((north * north) + (east * east));
    }
}
