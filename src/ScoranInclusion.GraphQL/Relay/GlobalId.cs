using ScoranInclusion.Domain;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Relay;

/// <summary>
/// The API's reading of global ids (<see cref="GlobalIds"/>): a wrong one is an <c>INVALID_ID</c> error.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, long key) => GlobalIds.Encode(typeName, key);

    public static bool TryDecode(string id, out string typeName, out long key) => GlobalIds.TryDecode(id, out typeName, out key);

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
