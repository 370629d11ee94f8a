using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// What the MedNum BFC format needs to place a row in its commune, from the server's own
/// geodata: the commune polygons of <c>communes.geojson</c>, the names and postal codes of the
/// commune directory, the former names of <c>communes-anciennes.csv</c>. Loaded only when a
/// MedNum BFC file is read.
/// </summary>
/// <remarks>
/// The polygons shipped for display are simplified; the converter's border tolerance (1 km by
/// default) absorbs it, but a point within metres of a border may land in the neighbour,
/// where the geodata builder, on the source polygons, would not.
/// </remarks>
internal static class GeodataCommuneLocator
{
    private const string PolygonsFileName = "communes.geojson";

    private static readonly JsonSerializerOptions s_geoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static PolygonCommuneLocator Load(string geodataDirectory, CommuneDirectory communes)
    {
        var records = communes.All.Select(c => new CommuneRecord(c.CodeInsee, c.Nom, c.CodesPostaux, c.CodeDepartement, c.Location));
        var names = new CommuneIndex(records, ReadAnciennes(Path.Combine(geodataDirectory, CommuneDirectory.AnciennesFileName)));
        return new PolygonCommuneLocator(names, ReadPolygons(Path.Combine(geodataDirectory, PolygonsFileName)));
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

    private static List<AncienneCommune> ReadAnciennes(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var records = CsvRecordReader.ReadStrict(reader).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidDataException($"{path} : colonne {name} absente.");
        int code = Column("ancien_code"), nom = Column("ancien_nom"), type = Column("type"), insee = Column("code_insee");
        return [.. records.Skip(1).Select(r => new AncienneCommune(
            r.Fields[code], r.Fields[nom].Length == 0 ? null : r.Fields[nom], r.Fields[type], r.Fields[insee]))];
    }
}
