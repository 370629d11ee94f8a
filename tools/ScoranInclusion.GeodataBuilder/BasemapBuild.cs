using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NetTopologySuite.Operation.Linemerge;
using NetTopologySuite.Simplify;
using ScoranInclusion.Geo.Basemap;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>What the basemap build produced, for the README.</summary>
internal sealed record BasemapStats(long Bytes, int Tiles, int Contents, IReadOnlyDictionary<int, int> TilesPerZoom, string InputsSha256);

/// <summary>
/// The basemap the server serves when the operator installed no OpenStreetMap extract: the region, the
/// borders of départements, EPCIs and communes, and the names of communes and départements as labels,
/// cut into Mapbox Vector Tiles (NetTopologySuite.IO.VectorTiles) from z5 to z12 and stored as one PMTiles
/// archive (our writer, <see cref="PmTilesWriter"/>). Built from the layers written beside it, so that
/// the map's borders are exactly those of /geodata/*.geojson.
/// </summary>
internal static class BasemapBuild
{
    public const string File = "fond-de-carte.pmtiles";
    public const int MinZoom = 5;
    public const int MaxZoom = 12;

    /// <summary>The files the basemap is made from; their hash goes into the archive's metadata (a test compares it).</summary>
    public static readonly string[] Inputs = [GeodataBuild.CommunesCsv, GeodataBuild.CommunesGeoJson, GeodataBuild.EpcisGeoJson, GeodataBuild.DepartementsGeoJson, GeodataBuild.RegionGeoJson];

    /// <summary>From which zoom a commune's name is in the tiles, by population: the big towns first, every village from z11.</summary>
    public static int LabelMinZoom(int population) => population switch
    {
        >= 30_000 => 5,
        >= 10_000 => 7,
        >= 3_000 => 8,
        >= 1_000 => 9,
        >= 300 => 10,
        _ => 11,
    };

    public static BasemapStats Run(SourceData source, TerritoryLayers layers, string outputDirectory)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var region = Polygons(layers.Region.Geometry).ToList();
        var departementLines = Borders(factory, layers.Departements.Select(d => d.Geometry));
        var epciLines = Borders(factory, layers.Epcis.Select(e => e.Geometry));
        var communeLines = Borders(factory, layers.Communes.Select(c => c.Geometry));

        var features = new List<(IFeature Feature, int Zoom, string Layer)>();
        for (var z = MinZoom; z <= MaxZoom; z++)
        {
            // One pixel of a 256-pixel tile at this zoom, in degrees: finer detail would not show.
            var tolerance = 360.0 / (256 << z);
            foreach (var polygon in region)
            {
                var simplified = TopologyPreservingSimplifier.Simplify(polygon, tolerance);
                foreach (var part in Polygons(simplified))
                {
                    features.Add((new Feature(part, Attributes(("nom", layers.Region.Nom))), z, "region"));
                }
            }

            AddLines(features, departementLines, z, tolerance, "departement");
            if (z >= 7)
            {
                AddLines(features, epciLines, z, tolerance, "epci");
            }

            if (z >= 9)
            {
                AddLines(features, communeLines, z, tolerance, "commune");
            }

            if (z <= 9)
            {
                foreach (var (code, nom, geometry) in layers.Departements)
                {
                    features.Add((new Feature(geometry.InteriorPoint, Attributes(("nom", nom), ("code", code))), z, "departements"));
                }
            }

            foreach (var commune in source.Communes)
            {
                var population = int.TryParse(commune.Population, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
                if (z >= LabelMinZoom(population))
                {
                    var point = factory.CreatePoint(new Coordinate(commune.Longitude, commune.Latitude));
                    features.Add((new Feature(point, Attributes(("nom", commune.Nom), ("code_insee", commune.CodeInsee), ("population", (long)population))), z, "communes"));
                }
            }
        }

        var tree = new VectorTileTree();
        tree.Add(features.Select(f => (f.Feature, f.Zoom, f.Layer)));
        var tiles = new List<PmTile>();
        foreach (var id in tree)
        {
            var vectorTile = tree[id];
            var tile = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(id);
            // The layers in a fixed order (painting order: area, borders, labels), whatever the tree's order.
            var ordered = new VectorTile { TileId = id };
            foreach (var layer in vectorTile.Layers.OrderBy(l => LayerOrder(l.Name)))
            {
                ordered.Layers.Add(layer);
            }

            using var buffer = new MemoryStream();
            ordered.Write(buffer, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent);
            tiles.Add(new PmTile(tile.Zoom, tile.X, tile.Y, buffer.ToArray()));
        }

        var path = Path.Combine(outputDirectory, File);
        var inputsHash = InputsSha256(outputDirectory);
        var bounds = layers.Region.Geometry.EnvelopeInternal;
        var info = new PmTilesArchiveInfo(
            Math.Round(bounds.MinX, 5), Math.Round(bounds.MinY, 5), Math.Round(bounds.MaxX, 5), Math.Round(bounds.MaxY, 5), 7,
            Metadata(inputsHash));
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            PmTilesWriter.Write(stream, tiles, info);
        }

        using var reread = System.IO.File.OpenRead(path);
        var header = new PmTilesReader(reread).Header;
        return new BasemapStats(
            new FileInfo(path).Length,
            tiles.Count,
            (int)header.TileContents,
            tiles.GroupBy(t => t.Z).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            inputsHash);
    }

    /// <summary>SHA-256 over the input files' names and bytes, in a fixed order.</summary>
    public static string InputsSha256(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in Inputs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(System.IO.File.ReadAllBytes(Path.Combine(directory, name)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static int LayerOrder(string name) => name switch
    {
        "region" => 0,
        "limites" => 1,
        "departements" => 2,
        _ => 3,
    };

    private static string Metadata(string inputsHash)
    {
        var layer = (string id, object fields, int min, int max) => new Dictionary<string, object> { ["id"] = id, ["fields"] = fields, ["minzoom"] = min, ["maxzoom"] = max };
        var metadata = new Dictionary<string, object>
        {
            ["name"] = "ScoranInclusion — territoires de Bourgogne-Franche-Comté",
            ["description"] = "Fond de carte construit par tools/ScoranInclusion.GeodataBuilder depuis geodata/ : région, limites des départements, EPCI et communes, noms des communes.",
            ["attribution"] = "Contours et noms : IGN, INSEE (Licence Ouverte 2.0)",
            ["type"] = "baselayer",
            ["format"] = "pbf",
            ["minzoom"] = MinZoom.ToString(CultureInfo.InvariantCulture),
            ["maxzoom"] = MaxZoom.ToString(CultureInfo.InvariantCulture),
            ["scoran:fond"] = "territoires",
            ["scoran:inputs_sha256"] = inputsHash,
            ["vector_layers"] = new[]
            {
                layer("region", new Dictionary<string, string> { ["nom"] = "String" }, MinZoom, MaxZoom),
                layer("limites", new Dictionary<string, string> { ["niveau"] = "String" }, MinZoom, MaxZoom),
                layer("departements", new Dictionary<string, string> { ["nom"] = "String", ["code"] = "String" }, MinZoom, 9),
                layer("communes", new Dictionary<string, string> { ["nom"] = "String", ["code_insee"] = "String", ["population"] = "Number" }, MinZoom, MaxZoom),
            },
        };
        return JsonSerializer.Serialize(metadata);
    }

    private static void AddLines(List<(IFeature, int, string)> features, IReadOnlyList<LineString> lines, int z, double tolerance, string niveau)
    {
        foreach (var line in lines)
        {
            var simplified = DouglasPeuckerSimplifier.Simplify(line, tolerance);
            if (simplified is LineString { IsEmpty: false, NumPoints: >= 2 } ls)
            {
                features.Add((new Feature(ls, Attributes(("niveau", niveau))), z, "limites"));
            }
        }
    }

    /// <summary>Each border once (two neighbours share it), merged into long lines, in a stable order.</summary>
    private static List<LineString> Borders(GeometryFactory factory, IEnumerable<Geometry> areas)
    {
        var boundaries = factory.BuildGeometry(areas.Select(a => a.Boundary).ToList());
        var noded = boundaries.Union();
        var merger = new LineMerger();
        merger.Add(noded);
        return merger.GetMergedLineStrings().Cast<LineString>()
            .Select(l => l.Normalized())
            .Cast<LineString>()
            .OrderBy(l => l.Coordinate.X).ThenBy(l => l.Coordinate.Y).ThenBy(l => l.NumPoints)
            .ToList();
    }

    private static IEnumerable<Polygon> Polygons(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false } polygon)
            {
                yield return polygon;
            }
        }
    }

    private static AttributesTable Attributes(params (string Name, object Value)[] values)
    {
        var table = new AttributesTable();
        foreach (var (name, value) in values)
        {
            table.Add(name, value);
        }

        return table;
    }
}
