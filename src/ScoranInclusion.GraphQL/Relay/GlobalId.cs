using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Relay;

/// <summary>
/// Opaque global ids: base64url of <c>Type:key</c>. Clients must not build them; they only
/// round-trip what the server gave.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, long key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{typeName}:{key}")));

    public static bool TryDecode(string id, out string typeName, out long key)
    {
        typeName = "";
        key = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !Base64Url.IsValid(id))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out key))
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    public static long DecodeKey(string id, string expectedType)
    {
        if (!TryDecode(id, out var type, out var key) || type != expectedType)
        {
            throw new ScoranError(ErrorCodes.InvalidId, $"L'identifiant « {Truncate(id)} » n'est pas un identifiant de {expectedType} valide.");
        }

        return key;
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
