using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ScoranInclusion.GraphQL.Limits;

/// <summary>
/// The one key of a client for every per-address limit (requests, logins, error reports): an IPv4 address as is, an
/// IPv6 address by its /64 prefix (a subscriber gets a whole /64 and picks addresses in it at will, so a full address
/// would give one person billions of budgets), an IPv4-mapped IPv6 address as its IPv4 address. Kept in memory only,
/// as a limiter's key: never stored nor logged.
/// </summary>
public static class ClientAddress
{
    /// <summary>The key of a request without an address (a Unix socket, an in-memory test server): they share one budget.</summary>
    public const string Unknown = "inconnue";

    public static string Key(HttpContext? http) => Key(http?.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
