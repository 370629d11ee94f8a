using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ScoranInclusion.Geo.Basemap;

/// <summary>How a PMTiles archive compresses its directories, metadata or tiles (the specification's numbers).</summary>
public enum PmTilesCompression : byte
{
    Unknown = 0,
    None = 1,
    Gzip = 2,
    Brotli = 3,
    Zstd = 4,
}

/// <summary>
/// The 127-byte header of a PMTiles version 3 archive (github.com/protomaps/PMTiles, spec/v3): where the
/// directories, the metadata and the tiles are, and the archive's zoom range and bounds.
/// </summary>
public sealed record PmTilesHeader
{
    public const int Length = 127;

    /// <summary>The root directory must end within the first 16 KiB, so that one read gets header and root.</summary>
    public const int FirstReadLength = 16384;

    public ulong RootDirectoryOffset { get; init; }

    public ulong RootDirectoryLength { get; init; }

    public ulong MetadataOffset { get; init; }

    public ulong MetadataLength { get; init; }

    public ulong LeafDirectoriesOffset { get; init; }

    public ulong LeafDirectoriesLength { get; init; }

    public ulong TileDataOffset { get; init; }

    public ulong TileDataLength { get; init; }

    public ulong AddressedTiles { get; init; }

    public ulong TileEntries { get; init; }

    public ulong TileContents { get; init; }

    public bool Clustered { get; init; }

    public PmTilesCompression InternalCompression { get; init; }

    public PmTilesCompression TileCompression { get; init; }

    /// <summary>1 = Mapbox Vector Tile, 2 png, 3 jpeg, 4 webp, 5 avif.</summary>
    public byte TileType { get; init; }

    public byte MinZoom { get; init; }

    public byte MaxZoom { get; init; }

    public double MinLongitude { get; init; }

    public double MinLatitude { get; init; }

    public double MaxLongitude { get; init; }

    public double MaxLatitude { get; init; }

    public byte CenterZoom { get; init; }

    public double CenterLongitude { get; init; }

    public double CenterLatitude { get; init; }

    public byte[] ToBytes()
    {
        var b = new byte[Length];
        Encoding.ASCII.GetBytes("PMTiles").CopyTo(b, 0);
        b[7] = 3;
        var s = b.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], RootDirectoryOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], RootDirectoryLength);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], MetadataOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[32..], MetadataLength);
        BinaryPrimitives.WriteUInt64LittleEndian(s[40..], LeafDirectoriesOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[48..], LeafDirectoriesLength);
        BinaryPrimitives.WriteUInt64LittleEndian(s[56..], TileDataOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[64..], TileDataLength);
        BinaryPrimitives.WriteUInt64LittleEndian(s[72..], AddressedTiles);
        BinaryPrimitives.WriteUInt64LittleEndian(s[80..], TileEntries);
        BinaryPrimitives.WriteUInt64LittleEndian(s[88..], TileContents);
        b[96] = Clustered ? (byte)1 : (byte)0;
        b[97] = (byte)InternalCompression;
        b[98] = (byte)TileCompression;
        b[99] = TileType;
        b[100] = MinZoom;
        b[101] = MaxZoom;
        BinaryPrimitives.WriteInt32LittleEndian(s[102..], E7(MinLongitude));
        BinaryPrimitives.WriteInt32LittleEndian(s[106..], E7(MinLatitude));
        BinaryPrimitives.WriteInt32LittleEndian(s[110..], E7(MaxLongitude));
        BinaryPrimitives.WriteInt32LittleEndian(s[114..], E7(MaxLatitude));
        b[118] = CenterZoom;
        BinaryPrimitives.WriteInt32LittleEndian(s[119..], E7(CenterLongitude));
        BinaryPrimitives.WriteInt32LittleEndian(s[123..], E7(CenterLatitude));
        return b;
    }

    /// <summary>Reads a header, or says in French why these bytes are not a PMTiles v3 archive.</summary>
    public static PmTilesHeader Parse(ReadOnlySpan<byte> b)
    {
        if (b.Length < Length || !b[..7].SequenceEqual("PMTiles"u8))
        {
            throw new InvalidDataException("ce fichier n'est pas une archive PMTiles (signature « PMTiles » absente).");
        }

        if (b[7] != 3)
        {
            throw new InvalidDataException($"archive PMTiles de version {b[7]} : seule la version 3 est lue (convertissez-la avec « pmtiles convert »).");
        }

        return new PmTilesHeader
        {
            RootDirectoryOffset = BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
            RootDirectoryLength = BinaryPrimitives.ReadUInt64LittleEndian(b[16..]),
            MetadataOffset = BinaryPrimitives.ReadUInt64LittleEndian(b[24..]),
            MetadataLength = BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            LeafDirectoriesOffset = BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            LeafDirectoriesLength = BinaryPrimitives.ReadUInt64LittleEndian(b[48..]),
            TileDataOffset = BinaryPrimitives.ReadUInt64LittleEndian(b[56..]),
            TileDataLength = BinaryPrimitives.ReadUInt64LittleEndian(b[64..]),
            AddressedTiles = BinaryPrimitives.ReadUInt64LittleEndian(b[72..]),
            TileEntries = BinaryPrimitives.ReadUInt64LittleEndian(b[80..]),
            TileContents = BinaryPrimitives.ReadUInt64LittleEndian(b[88..]),
            Clustered = b[96] == 1,
            InternalCompression = (PmTilesCompression)b[97],
            TileCompression = (PmTilesCompression)b[98],
            TileType = b[99],
            MinZoom = b[100],
            MaxZoom = b[101],
            MinLongitude = BinaryPrimitives.ReadInt32LittleEndian(b[102..]) / 1e7,
            MinLatitude = BinaryPrimitives.ReadInt32LittleEndian(b[106..]) / 1e7,
            MaxLongitude = BinaryPrimitives.ReadInt32LittleEndian(b[110..]) / 1e7,
            MaxLatitude = BinaryPrimitives.ReadInt32LittleEndian(b[114..]) / 1e7,
            CenterZoom = b[118],
            CenterLongitude = BinaryPrimitives.ReadInt32LittleEndian(b[119..]) / 1e7,
            CenterLatitude = BinaryPrimitives.ReadInt32LittleEndian(b[123..]) / 1e7,
        };
    }

    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7, MidpointRounding.AwayFromZero);
}

/// <summary>One directory entry: a run of <see cref="RunLength"/> tiles sharing one content, or (run length 0) a leaf directory.</summary>
public readonly record struct PmTilesEntry(ulong TileId, ulong Offset, uint Length, uint RunLength);

/// <summary>Tile ids (a Hilbert curve per zoom level, levels one after the other), directories and compression.</summary>
public static class PmTilesFormat
{
    /// <summary>The id of tile z/x/y: the tiles of all lower zooms, then the Hilbert index of (x, y) at z.</summary>
    public static ulong TileId(int z, int x, int y)
    {
        if (z is < 0 or > 26)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "zoom hors de 0–26");
        }

        var n = 1L << z;
        if (x < 0 || y < 0 || x >= n || y >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"tuile {z}/{x}/{y} hors de la grille");
        }

        var id = ((1UL << (2 * z)) - 1) / 3;
        long tx = x, ty = y;
        for (var s = n / 2; s > 0; s /= 2)
        {
            var rx = (tx & s) > 0 ? 1L : 0L;
            var ry = (ty & s) > 0 ? 1L : 0L;
            id += (ulong)(s * s * ((3 * rx) ^ ry));
            if (ry == 0)
            {
                if (rx == 1)
                {
                    tx = s - 1 - tx;
                    ty = s - 1 - ty;
                }

                (tx, ty) = (ty, tx);
            }
        }

        return id;
    }

    /// <summary>A directory as the specification lays it out: count, then each column (ids as deltas, runs, lengths, offsets) as varints.</summary>
    public static byte[] SerializeDirectory(IReadOnlyList<PmTilesEntry> entries)
    {
        using var buffer = new MemoryStream();
        WriteVarint(buffer, (ulong)entries.Count);
        ulong last = 0;
        foreach (var e in entries)
        {
            WriteVarint(buffer, e.TileId - last);
            last = e.TileId;
        }

        foreach (var e in entries)
        {
            WriteVarint(buffer, e.RunLength);
        }

        foreach (var e in entries)
        {
            WriteVarint(buffer, e.Length);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            // 0 means "right after the previous entry's content": the common case costs one byte.
            var contiguous = i > 0 && entries[i].Offset == entries[i - 1].Offset + entries[i - 1].Length;
            WriteVarint(buffer, contiguous ? 0 : entries[i].Offset + 1);
        }

        return buffer.ToArray();
    }

    public static List<PmTilesEntry> DeserializeDirectory(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        var count = checked((int)ReadVarint(bytes, ref position));
        var ids = new ulong[count];
        ulong last = 0;
        for (var i = 0; i < count; i++)
        {
            last += ReadVarint(bytes, ref position);
            ids[i] = last;
        }

        var runs = new uint[count];
        for (var i = 0; i < count; i++)
        {
            runs[i] = checked((uint)ReadVarint(bytes, ref position));
        }

        var lengths = new uint[count];
        for (var i = 0; i < count; i++)
        {
            lengths[i] = checked((uint)ReadVarint(bytes, ref position));
        }

        var entries = new List<PmTilesEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var raw = ReadVarint(bytes, ref position);
            var offset = raw == 0 && i > 0 ? entries[i - 1].Offset + entries[i - 1].Length : raw - 1;
            if (raw == 0 && i == 0)
            {
                throw new InvalidDataException("répertoire PMTiles invalide : le premier décalage est nul.");
            }

            entries.Add(new PmTilesEntry(ids[i], offset, lengths[i], runs[i]));
        }

        return entries;
    }

    public static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException("répertoire PMTiles tronqué (varint inachevé).");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("répertoire PMTiles invalide (varint trop long).");
    }

    /// <summary>Gzip at the highest level: deterministic for the same input on the same runtime (no name, no time in the header).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, PmTilesCompression compression)
    {
        switch (compression)
        {
            case PmTilesCompression.None:
                return data.ToArray();
            case PmTilesCompression.Gzip:
                using (var output = new MemoryStream())
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
                    {
                        gzip.Write(data);
                    }

                    return output.ToArray();
                }

            default:
                throw new NotSupportedException($"compression PMTiles {compression} non prise en charge ici (seules « none » et « gzip » le sont).");
        }
    }

    public static byte[] Decompress(ReadOnlySpan<byte> data, PmTilesCompression compression)
    {
        switch (compression)
        {
            case PmTilesCompression.None:
                return data.ToArray();
            case PmTilesCompression.Gzip:
                using (var input = new MemoryStream(data.ToArray()))
                using (var gzip = new GZipStream(input, CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    gzip.CopyTo(output);
                    return output.ToArray();
                }

            case PmTilesCompression.Brotli:
                using (var input = new MemoryStream(data.ToArray()))
                using (var brotli = new BrotliStream(input, CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    brotli.CopyTo(output);
                    return output.ToArray();
                }

            default:
                throw new NotSupportedException($"compression PMTiles {compression} non lue ici.");
        }
    }
}
