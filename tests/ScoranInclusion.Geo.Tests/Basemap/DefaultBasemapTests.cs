using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using ScoranInclusion.Geo.Basemap;
using ScoranInclusion.Tests.Shared;

namespace ScoranInclusion.Geo.Tests.Basemap;

/// <summary>
/// geodata/fond-de-carte.pmtiles, the basemap of a server without an OpenStreetMap extract, read back with our
/// reader and decoded with NetTopologySuite's Mapbox reader: the right tiles, the borders, the names where they belong,
/// and built from the geodata files as they are now.
/// </summary>
public sealed class DefaultBasemapTests
{
    private static readonly string s_file = Path.Combine(RepoPaths.Geodata, "fond-de-carte.pmtiles");

    [Fact]
    public void The_archive_covers_the_region_from_z5_to_z12_in_vector_tiles()
    {
        using var stream = File.OpenRead(s_file);
        var header = new PmTilesReader(stream).Header;
        Assert.Equal(5, header.MinZoom);
        Assert.Equal(12, header.MaxZoom);
        Assert.Equal(1, header.TileType);
        Assert.Equal(PmTilesCompression.Gzip, header.TileCompression);
        Assert.InRange(header.MinLongitude, 2.8, 3.0);
        Assert.InRange(header.MaxLongitude, 7.1, 7.2);
        Assert.InRange(header.MinLatitude, 46.1, 46.3);
        Assert.InRange(header.MaxLatitude, 48.3, 48.5);
        Assert.True(stream.Length < 3 * 1024 * 1024, $"{stream.Length} octets : le dépôt ne doit pas grossir de plus de 3 Mo");
    }

    [Theory]
    [InlineData(12, 47.3220, 5.0415, "Dijon", "commune")]
    [InlineData(9, 47.2378, 6.0241, "Besançon", "commune")]
    [InlineData(7, 46.7800, 4.8500, "Chalon-sur-Saône", "epci")]
    [InlineData(5, 47.0000, 5.0000, "Mâcon", "departement")]
    public void A_tile_decodes_with_its_borders_and_the_names_of_its_communes(int z, double latitude, double longitude, string name, string finestBorder)
    {
        var (x, y) = TileOf(z, latitude, longitude);
        using var stream = File.OpenRead(s_file);
        var bytes = new PmTilesReader(stream).Tile(z, x, y);
        Assert.NotNull(bytes);

        var tile = new MapboxTileReader(new GeometryFactory(new PrecisionModel(), 4326)).Read(new MemoryStream(bytes!), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
        var layers = tile.Layers.ToDictionary(l => l.Name, l => l.Features);
        Assert.Contains("region", layers.Keys);
        var communes = layers["communes"];
        var label = Assert.Single(communes, f => (string)f.Attributes["nom"] == name);
        Assert.IsType<Point>(label.Geometry);
        var envelope = TileEnvelope(z, x, y);
        Assert.True(envelope.Contains(label.Geometry.Coordinate), $"{name} hors de sa tuile {z}/{x}/{y}");
        var borders = layers["limites"].Select(f => (string)f.Attributes["niveau"]).ToHashSet();
        Assert.Contains(finestBorder, borders);
        Assert.All(layers["limites"], f => Assert.IsAssignableFrom<ILineal>(f.Geometry));
        if (z < 9)
        {
            Assert.DoesNotContain("commune", borders);
        }
    }

    [Fact]
    public void Villages_are_named_only_when_zoomed_in()
    {
        // Échalot (21), 93 inhabitants: from z11 only.
        using var stream = File.OpenRead(s_file);
        var reader = new PmTilesReader(stream);
        bool Named(int z)
        {
            var (x, y) = TileOf(z, 47.60728, 4.83493);
            var bytes = reader.Tile(z, x, y);
            var tile = new MapboxTileReader(new GeometryFactory(new PrecisionModel(), 4326)).Read(new MemoryStream(bytes!), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
            return tile.Layers.Where(l => l.Name == "communes").SelectMany(l => l.Features).Any(f => (string)f.Attributes["nom"] == "Échalot");
        }

        Assert.False(Named(9));
        Assert.True(Named(11));
        Assert.True(Named(12));
    }

    [Fact]
    public void The_basemap_was_built_from_the_geodata_files_as_they_are()
    {
        using var stream = File.OpenRead(s_file);
        using var metadata = JsonDocument.Parse(new PmTilesReader(stream).MetadataJson());
        var root = metadata.RootElement;
        Assert.Equal("territoires", root.GetProperty("scoran:fond").GetString());
        Assert.Equal(["region", "limites", "departements", "communes"], root.GetProperty("vector_layers").EnumerateArray().Select(l => l.GetProperty("id").GetString()));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { "communes.csv", "communes.geojson", "epcis.geojson", "departements.geojson", "region.geojson" })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.Geodata, name)));
        }

        Assert.True(
            Convert.ToHexStringLower(hash.GetHashAndReset()) == root.GetProperty("scoran:inputs_sha256").GetString(),
            "geodata/ a changé depuis la construction du fond de carte : relancez tools/ScoranInclusion.GeodataBuilder.");
    }

    private static (int X, int Y) TileOf(int z, double latitude, double longitude)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var r = latitude * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + (1 / Math.Cos(r))) / Math.PI) / 2 * n);
        return (x, y);
    }

    private static Envelope TileEnvelope(int z, int x, int y)
    {
        var n = 1 << z;
        static double Latitude(double t) => Math.Atan(Math.Sinh(Math.PI * (1 - (2 * t)))) * 180 / Math.PI;
        return new Envelope((x * 360.0 / n) - 180, ((x + 1) * 360.0 / n) - 180, Latitude((y + 1.0) / n), Latitude((double)y / n));
    }
}
