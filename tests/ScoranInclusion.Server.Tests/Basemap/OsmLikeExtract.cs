using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using ScoranInclusion.Geo.Basemap;

namespace ScoranInclusion.Server.Tests.Basemap;

/// <summary>
/// A tiny stand-in for an operator's OpenStreetMap extract (no network here to cut a real one): a few features of
/// central Dijon in the Protomaps basemap's layers and properties (<c>earth</c>, <c>roads</c> with <c>kind</c> and
/// <c>name</c>, <c>places</c> with <c>kind=locality</c>), z10–z14, written with the project's PMTiles writer. Enough
/// for the widget to pick the OpenStreetMap style and draw a street's name.
/// </summary>
internal static class OsmLikeExtract
{
    public const string StreetName = "Rue de la Préfecture";

    public static void Write(string path)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var earth = factory.CreatePolygon([new(4.90, 47.25), new(5.20, 47.25), new(5.20, 47.40), new(4.90, 47.40), new(4.90, 47.25)]);
        var street = factory.CreateLineString([new(5.025, 47.3216), new(5.040, 47.3218), new(5.058, 47.3216)]);
        var town = factory.CreatePoint(new Coordinate(5.0415, 47.3220));
        var features = new List<(IFeature, int, string)>();
        for (var z = 10; z <= 14; z++)
        {
            features.Add((new Feature(earth, Table(("kind", "earth"))), z, "earth"));
            features.Add((new Feature(street, Table(("kind", "major_road"), ("kind_detail", "primary"), ("name", StreetName), ("name:fr", StreetName), ("min_zoom", 10L))), z, "roads"));
            features.Add((new Feature(town, Table(("kind", "locality"), ("name", "Dijon"), ("name:fr", "Dijon"), ("min_zoom", 4L), ("population_rank", 12L))), z, "places"));
        }

        var tree = new VectorTileTree();
        tree.Add(features);
        var tiles = new List<PmTile>();
        foreach (var id in tree)
        {
            var tile = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(id);
            using var buffer = new MemoryStream();
            tree[id].Write(buffer, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent);
            tiles.Add(new PmTile(tile.Zoom, tile.X, tile.Y, buffer.ToArray()));
        }

        var metadata = JsonSerializer.Serialize(new
        {
            name = "Extrait de test au schéma Protomaps",
            attribution = "© OpenStreetMap",
            vector_layers = new[] { new { id = "earth" }, new { id = "roads" }, new { id = "places" } },
        });
        using var stream = File.Create(path);
        PmTilesWriter.Write(stream, tiles, new PmTilesArchiveInfo(4.90, 47.25, 5.20, 47.40, 12, metadata));
    }

    private static AttributesTable Table(params (string Name, object Value)[] values)
    {
        var table = new AttributesTable();
        foreach (var (name, value) in values)
        {
            table.Add(name, value);
        }

        return table;
    }
}
