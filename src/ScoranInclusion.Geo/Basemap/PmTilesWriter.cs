using System.Security.Cryptography;
using System.Text;

namespace ScoranInclusion.Geo.Basemap;

/// <summary>One tile to write: its address and its (uncompressed) content.</summary>
public readonly record struct PmTile(int Z, int X, int Y, byte[] Data);

/// <summary>What the archive says about itself besides its tiles: bounds, centre, metadata (a JSON object).</summary>
public sealed record PmTilesArchiveInfo(
    double MinLongitude,
    double MinLatitude,
    double MaxLongitude,
    double MaxLatitude,
    byte CenterZoom,
    string MetadataJson,
    byte TileType = 1,
    PmTilesCompression TileCompression = PmTilesCompression.Gzip);

/// <summary>
/// Writes a PMTiles v3 archive in one pass over sorted tiles: header, root directory (split into leaf
/// directories when it would not fit in the first 16 KiB), metadata, leaves, then the tile contents in
/// tile-id order (clustered). Identical contents are stored once and consecutive identical tiles share one
/// entry (run length). Same tiles and info, same bytes.
/// </summary>
public static class PmTilesWriter
{
    public static void Write(Stream output, IEnumerable<PmTile> tiles, PmTilesArchiveInfo info)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(info);
        var sorted = tiles
            .Select(t => (Id: PmTilesFormat.TileId(t.Z, t.X, t.Y), Tile: t))
            .OrderBy(t => t.Id)
            .ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Id == sorted[i - 1].Id)
            {
                var t = sorted[i].Tile;
                throw new ArgumentException($"tuile {t.Z}/{t.X}/{t.Y} donnée deux fois.", nameof(tiles));
            }
        }

        var entries = new List<PmTilesEntry>();
        var offsets = new Dictionary<string, (ulong Offset, uint Length)>(StringComparer.Ordinal);
        using var data = new MemoryStream();
        foreach (var (id, tile) in sorted)
        {
            var compressed = PmTilesFormat.Compress(tile.Data, info.TileCompression);
            var key = Convert.ToHexString(SHA256.HashData(compressed));
            if (!offsets.TryGetValue(key, out var stored))
            {
                stored = ((ulong)data.Length, checked((uint)compressed.Length));
                data.Write(compressed);
                offsets[key] = stored;
            }

            if (entries.Count > 0)
            {
                var last = entries[^1];
                if (last.Offset == stored.Offset && last.TileId + last.RunLength == id)
                {
                    entries[^1] = last with { RunLength = last.RunLength + 1 };
                    continue;
                }
            }

            entries.Add(new PmTilesEntry(id, stored.Offset, stored.Length, 1));
        }

        var (root, leaves) = Directories(entries);
        var metadata = PmTilesFormat.Compress(Encoding.UTF8.GetBytes(info.MetadataJson), PmTilesCompression.Gzip);
        var rootOffset = (ulong)PmTilesHeader.Length;
        var metadataOffset = rootOffset + (ulong)root.Length;
        var leavesOffset = metadataOffset + (ulong)metadata.Length;
        var dataOffset = leavesOffset + (ulong)leaves.Length;
        var zooms = sorted.Select(t => t.Tile.Z).DefaultIfEmpty(0).ToList();
        var header = new PmTilesHeader
        {
            RootDirectoryOffset = rootOffset,
            RootDirectoryLength = (ulong)root.Length,
            MetadataOffset = metadataOffset,
            MetadataLength = (ulong)metadata.Length,
            LeafDirectoriesOffset = leavesOffset,
            LeafDirectoriesLength = (ulong)leaves.Length,
            TileDataOffset = dataOffset,
            TileDataLength = (ulong)data.Length,
            AddressedTiles = (ulong)sorted.Count,
            TileEntries = (ulong)entries.Count,
            TileContents = (ulong)offsets.Count,
            Clustered = true,
            InternalCompression = PmTilesCompression.Gzip,
            TileCompression = info.TileCompression,
            TileType = info.TileType,
            MinZoom = (byte)zooms.Min(),
            MaxZoom = (byte)zooms.Max(),
            MinLongitude = info.MinLongitude,
            MinLatitude = info.MinLatitude,
            MaxLongitude = info.MaxLongitude,
            MaxLatitude = info.MaxLatitude,
            CenterZoom = info.CenterZoom,
            CenterLongitude = (info.MinLongitude + info.MaxLongitude) / 2,
            CenterLatitude = (info.MinLatitude + info.MaxLatitude) / 2,
        };
        output.Write(header.ToBytes());
        output.Write(root);
        output.Write(metadata);
        output.Write(leaves);
        data.Position = 0;
        data.CopyTo(output);
    }

    /// <summary>The root alone when it fits the first read; otherwise leaves of a growing size until the root of leaves fits.</summary>
    private static (byte[] Root, byte[] Leaves) Directories(List<PmTilesEntry> entries)
    {
        var root = PmTilesFormat.Compress(PmTilesFormat.SerializeDirectory(entries), PmTilesCompression.Gzip);
        if (root.Length <= PmTilesHeader.FirstReadLength - PmTilesHeader.Length)
        {
            return (root, []);
        }

        for (var leafSize = 4096; ; leafSize *= 2)
        {
            using var leaves = new MemoryStream();
            var rootEntries = new List<PmTilesEntry>();
            for (var start = 0; start < entries.Count; start += leafSize)
            {
                var chunk = entries.GetRange(start, Math.Min(leafSize, entries.Count - start));
                var leaf = PmTilesFormat.Compress(PmTilesFormat.SerializeDirectory(chunk), PmTilesCompression.Gzip);
                rootEntries.Add(new PmTilesEntry(chunk[0].TileId, (ulong)leaves.Length, checked((uint)leaf.Length), 0));
                leaves.Write(leaf);
            }

            root = PmTilesFormat.Compress(PmTilesFormat.SerializeDirectory(rootEntries), PmTilesCompression.Gzip);
            if (root.Length <= PmTilesHeader.FirstReadLength - PmTilesHeader.Length)
            {
                return (root, leaves.ToArray());
            }
        }
    }
}

/// <summary>Reads a PMTiles v3 archive from a seekable stream: header, metadata, one tile by z/x/y.</summary>
public sealed class PmTilesReader(Stream archive)
{
    private readonly Stream _archive = archive ?? throw new ArgumentNullException(nameof(archive));
    private PmTilesHeader? _header;
    private List<PmTilesEntry>? _root;

    public PmTilesHeader Header => _header ??= PmTilesHeader.Parse(Read(0, PmTilesHeader.Length));

    public string MetadataJson() =>
        Encoding.UTF8.GetString(PmTilesFormat.Decompress(Read(Header.MetadataOffset, Header.MetadataLength), Header.InternalCompression));

    /// <summary>The tile's content, decompressed; null when the archive has no such tile.</summary>
    public byte[]? Tile(int z, int x, int y)
    {
        var id = PmTilesFormat.TileId(z, x, y);
        var directory = _root ??= Directory(Header.RootDirectoryOffset, Header.RootDirectoryLength);
        for (var depth = 0; depth < 4; depth++)
        {
            var entry = Find(directory, id);
            if (entry is not { } e)
            {
                return null;
            }

            if (e.RunLength > 0)
            {
                return PmTilesFormat.Decompress(Read(Header.TileDataOffset + e.Offset, e.Length), Header.TileCompression);
            }

            directory = Directory(Header.LeafDirectoriesOffset + e.Offset, e.Length);
        }

        throw new InvalidDataException("archive PMTiles invalide : répertoires imbriqués trop profondément.");
    }

    /// <summary>Every tile entry (leaves expanded), in tile-id order.</summary>
    public IEnumerable<PmTilesEntry> Entries()
    {
        foreach (var e in _root ??= Directory(Header.RootDirectoryOffset, Header.RootDirectoryLength))
        {
            if (e.RunLength > 0)
            {
                yield return e;
            }
            else
            {
                foreach (var leafEntry in Directory(Header.LeafDirectoriesOffset + e.Offset, e.Length))
                {
                    yield return leafEntry;
                }
            }
        }
    }

    private static PmTilesEntry? Find(List<PmTilesEntry> entries, ulong id)
    {
        int low = 0, high = entries.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (entries[middle].TileId <= id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (high < 0)
        {
            return null;
        }

        var candidate = entries[high];
        return candidate.RunLength == 0 || id < candidate.TileId + candidate.RunLength ? candidate : null;
    }

    private List<PmTilesEntry> Directory(ulong offset, ulong length) =>
        PmTilesFormat.DeserializeDirectory(PmTilesFormat.Decompress(Read(offset, length), Header.InternalCompression));

    private byte[] Read(ulong offset, ulong length)
    {
        var buffer = new byte[checked((int)length)];
        _archive.Position = checked((long)offset);
        _archive.ReadExactly(buffer);
        return buffer;
    }
}
