using System.Text;
using ScoranInclusion.Geo.Basemap;

namespace ScoranInclusion.Geo.Tests.Basemap;

/// <summary>The PMTiles v3 writer and reader: tile ids, directories, leaves, deduplication, header fields.</summary>
public sealed class PmTilesTests
{
    [Theory]
    // Values of the specification's own tests (protomaps/PMTiles, spec/v3 and its reference implementations).
    [InlineData(0, 0, 0, 0UL)]
    [InlineData(1, 0, 0, 1UL)]
    [InlineData(1, 0, 1, 2UL)]
    [InlineData(1, 1, 1, 3UL)]
    [InlineData(1, 1, 0, 4UL)]
    [InlineData(2, 0, 0, 5UL)]
    [InlineData(12, 2105, 1435, 19_842_017UL)]
    public void Tile_ids_follow_the_hilbert_curve_level_after_level(int z, int x, int y, ulong id)
    {
        Assert.Equal(id, PmTilesFormat.TileId(z, x, y));
    }

    [Fact]
    public void Tile_ids_are_distinct_and_fill_each_level_exactly()
    {
        for (var z = 0; z <= 5; z++)
        {
            var n = 1 << z;
            var first = ((1UL << (2 * z)) - 1) / 3;
            var ids = new HashSet<ulong>();
            for (var x = 0; x < n; x++)
            {
                for (var y = 0; y < n; y++)
                {
                    ids.Add(PmTilesFormat.TileId(z, x, y));
                }
            }

            Assert.Equal(n * n, ids.Count);
            Assert.Equal(first, ids.Min());
            Assert.Equal(first + (ulong)(n * n) - 1, ids.Max());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => PmTilesFormat.TileId(3, 8, 0));
    }

    [Fact]
    public void Varints_and_directories_read_back_as_written()
    {
        var entries = new List<PmTilesEntry>
        {
            new(0, 0, 10, 1),
            new(1, 10, 300, 1),
            new(5, 310, 70_000, 3),
            new(9, 0, 10, 1),
            new(1UL << 40, 5_000_000_000, 1, 2),
        };
        var bytes = PmTilesFormat.SerializeDirectory(entries);
        Assert.Equal(entries, PmTilesFormat.DeserializeDirectory(bytes));
        // Contiguous offsets cost one byte: the second and third entries' offsets are written as 0.
        var position = 0;
        Assert.Equal(5UL, PmTilesFormat.ReadVarint(bytes, ref position));
        Assert.Throws<InvalidDataException>(() => PmTilesFormat.DeserializeDirectory(bytes.AsSpan(0, bytes.Length - 2)));
    }

    [Fact]
    public void An_archive_reads_back_tile_by_tile_with_identical_tiles_stored_once()
    {
        var tiles = new List<PmTile>();
        for (var x = 0; x < 8; x++)
        {
            for (var y = 0; y < 8; y++)
            {
                // Half the tiles share one content (the sea, say); the others are their own.
                var data = (x + y) % 2 == 0 ? Encoding.UTF8.GetBytes("mer") : Encoding.UTF8.GetBytes($"terre {x} {y}");
                tiles.Add(new PmTile(3, x, y, data));
            }
        }

        tiles.Add(new PmTile(0, 0, 0, Encoding.UTF8.GetBytes("monde")));
        using var archive = new MemoryStream();
        PmTilesWriter.Write(archive, tiles, new PmTilesArchiveInfo(2.85, 46.15, 7.15, 48.4, 6, """{"name":"essai","vector_layers":[]}"""));

        var reader = new PmTilesReader(new MemoryStream(archive.ToArray()));
        var header = reader.Header;
        Assert.Equal(0, header.MinZoom);
        Assert.Equal(3, header.MaxZoom);
        Assert.Equal(65UL, header.AddressedTiles);
        Assert.Equal(34UL, header.TileContents);
        Assert.True(header.Clustered);
        Assert.Equal(PmTilesCompression.Gzip, header.TileCompression);
        Assert.Equal(2.85, header.MinLongitude, 7);
        Assert.Equal(48.4, header.MaxLatitude, 7);
        Assert.Equal(5.0, header.CenterLongitude, 7);
        Assert.Equal("""{"name":"essai","vector_layers":[]}""", reader.MetadataJson());
        foreach (var tile in tiles)
        {
            Assert.Equal(tile.Data, reader.Tile(tile.Z, tile.X, tile.Y));
        }

        Assert.Null(reader.Tile(1, 0, 0));
        Assert.Null(reader.Tile(4, 3, 3));
    }

    [Fact]
    public void A_directory_too_large_for_the_first_16_KiB_is_split_into_leaves()
    {
        // 30,000 scattered z9 tiles of varied sizes: far more than a 16 KiB root directory holds, even gzipped.
        var random = new Random(7);
        var tiles = new List<PmTile>();
        var taken = new HashSet<(int, int)>();
        while (tiles.Count < 30_000)
        {
            var (x, y) = (random.Next(512), random.Next(512));
            if (taken.Add((x, y)))
            {
                var data = new byte[1 + random.Next(400)];
                random.NextBytes(data);
                tiles.Add(new PmTile(9, x, y, data));
            }
        }

        using var archive = new MemoryStream();
        PmTilesWriter.Write(archive, tiles, new PmTilesArchiveInfo(-180, -85, 180, 85, 0, "{}", TileType: 1, TileCompression: PmTilesCompression.None));
        var reader = new PmTilesReader(new MemoryStream(archive.ToArray()));
        Assert.True(reader.Header.LeafDirectoriesLength > 0);
        Assert.True(reader.Header.RootDirectoryOffset + reader.Header.RootDirectoryLength <= PmTilesHeader.FirstReadLength);
        Assert.Equal(30_000, reader.Entries().Sum(e => (long)e.RunLength));
        foreach (var tile in tiles.Where((_, i) => i % 97 == 0))
        {
            Assert.Equal(tile.Data, reader.Tile(tile.Z, tile.X, tile.Y));
        }
    }

    [Fact]
    public void Same_tiles_same_bytes_and_a_tile_given_twice_is_refused()
    {
        var tiles = new[] { new PmTile(2, 1, 1, [1, 2, 3]), new PmTile(2, 2, 1, [4]) };
        var info = new PmTilesArchiveInfo(0, 0, 1, 1, 2, "{}");
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        PmTilesWriter.Write(a, tiles, info);
        PmTilesWriter.Write(b, tiles.Reverse(), info);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Throws<ArgumentException>(() => PmTilesWriter.Write(new MemoryStream(), [.. tiles, new PmTile(2, 1, 1, [9])], info));
    }

    [Fact]
    public void Bytes_that_are_not_a_v3_archive_are_refused_in_french()
    {
        var notPmTiles = Assert.Throws<InvalidDataException>(() => PmTilesHeader.Parse(new byte[PmTilesHeader.Length]));
        Assert.Contains("n'est pas une archive PMTiles", notPmTiles.Message, StringComparison.Ordinal);
        var v2 = new PmTilesHeader().ToBytes();
        v2[7] = 2;
        Assert.Contains("version 2", Assert.Throws<InvalidDataException>(() => PmTilesHeader.Parse(v2)).Message, StringComparison.Ordinal);
    }
}
