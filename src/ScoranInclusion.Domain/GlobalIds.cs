using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain;

/// <summary>
/// Opaque global ids: base64url of <c>Type:key</c>, the same in the API (the field <c>id</c>), the pages'
/// addresses and the calendar feeds. Clients must not build them; they only round-trip what the server gave.
/// </summary>
public static class GlobalIds
{
    /// <summary>The type name of a place's id (the GraphQL type <c>Site</c>).</summary>
    public const string Site = "Site";

    /// <summary>The type name of a session's id (the GraphQL type <c>Session</c>).</summary>
    public const string Session = "Session";

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
}
