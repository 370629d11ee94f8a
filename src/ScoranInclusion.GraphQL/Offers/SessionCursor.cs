using System.Buffers.Binary;
using System.Buffers.Text;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>The sort key of an edge of upcomingSessions: distance (NaN when remote), start and id.</summary>
public readonly record struct SessionKey(double Distance, long StartsUnix, long Id)
{
    /// <summary>Order by start time, or by distance with remote sessions (NaN) last.</summary>
    public static int Compare(SessionKey a, SessionKey b, SessionOrder order)
    {
        if (order == SessionOrder.Distance)
        {
            var da = double.IsNaN(a.Distance) ? double.PositiveInfinity : a.Distance;
            var db = double.IsNaN(b.Distance) ? double.PositiveInfinity : b.Distance;
            var byDistance = da.CompareTo(db);
            if (byDistance != 0)
            {
                return byDistance;
            }
        }

        var byStart = a.StartsUnix.CompareTo(b.StartsUnix);
        return byStart != 0 ? byStart : a.Id.CompareTo(b.Id);
    }
}

/// <summary>Opaque cursors of upcomingSessions; a cursor is valid only for the order it was issued in.</summary>
public static class SessionCursor
{
    private const byte Version = 1;
    private const int Length = 26;

    public static string Encode(SessionKey key, SessionOrder order)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        bytes[1] = (byte)order;
        BinaryPrimitives.WriteDoubleBigEndian(bytes[2..], key.Distance);
        BinaryPrimitives.WriteInt64BigEndian(bytes[10..], key.StartsUnix);
        BinaryPrimitives.WriteInt64BigEndian(bytes[18..], key.Id);
        return Base64Url.EncodeToString(bytes);
    }

    public static SessionKey Decode(string cursor, SessionOrder order)
    {
        Span<byte> bytes = stackalloc byte[40];
        try
        {
            if (cursor.Length > 40 || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != Length
                || bytes[0] != Version || bytes[1] != (byte)order)
            {
                throw Invalid(cursor);
            }
        }
        catch (FormatException)
        {
            throw Invalid(cursor);
        }

        return new SessionKey(BinaryPrimitives.ReadDoubleBigEndian(bytes[2..]), BinaryPrimitives.ReadInt64BigEndian(bytes[10..]), BinaryPrimitives.ReadInt64BigEndian(bytes[18..]));
    }

    private static ScoranError Invalid(string cursor) =>
        new(ErrorCodes.InvalidCursor, $"Le curseur « {GlobalId.Truncate(cursor)} » n'a pas été émis par ce serveur pour cet ordre de tri.");
}
