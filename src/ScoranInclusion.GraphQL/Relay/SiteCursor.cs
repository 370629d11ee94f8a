using System.Buffers.Binary;
using System.Buffers.Text;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Search;

namespace ScoranInclusion.GraphQL.Relay;

/// <summary>
/// A cursor of a nearest search: the exact (distance, id) of an edge, so that the next page
/// starts strictly after it whatever was inserted meanwhile; stable for the same origin.
/// </summary>
public static class SiteCursor
{
    private const byte Version = 1;

    public static string Encode(SiteHit hit)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        BinaryPrimitives.WriteDoubleBigEndian(bytes[1..], hit.DistanceMeters);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], hit.SiteId);
        return Base64Url.EncodeToString(bytes);
    }

    public static SiteHit Decode(string cursor)
    {
        Span<byte> bytes = stackalloc byte[24];
        int written;
        try
        {
            if (cursor.Length > 32 || !Base64Url.TryDecodeFromChars(cursor, bytes, out written) || written != 17 || bytes[0] != Version)
            {
                throw Invalid(cursor);
            }
        }
        catch (FormatException)
        {
            throw Invalid(cursor);
        }

        var distance = BinaryPrimitives.ReadDoubleBigEndian(bytes[1..]);
        if (!double.IsFinite(distance) || distance < 0)
        {
            throw Invalid(cursor);
        }

        return new SiteHit(BinaryPrimitives.ReadInt64BigEndian(bytes[9..]), distance);
    }

    private static ScoranError Invalid(string cursor) =>
        new(ErrorCodes.InvalidCursor, $"Le curseur « {GlobalId.Truncate(cursor)} » n'a pas été émis par ce serveur.");
}
