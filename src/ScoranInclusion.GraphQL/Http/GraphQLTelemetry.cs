using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ScoranInclusion.Domain.Telemetry;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// The API's metric (on <see cref="ScoranTelemetry.Meter"/>): operations by name, type and outcome. Operation names
/// are chosen by clients: only well-formed ones, and no more than <see cref="MaxOperationNames"/> of them, are kept.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>Beyond this many distinct GraphQL operation names, new names are recorded as « autre » (client-chosen names must not grow the metrics without bound).</summary>
    public const int MaxOperationNames = 200;

    public const string OtherOperation = "autre";
    public const string AnonymousOperation = "anonyme";

    /// <summary>GraphQL operations executed, by name, type and outcome (<c>ok</c> or the first error code).</summary>
    public static readonly Counter<long> Operations = ScoranTelemetry.Meter.CreateCounter<long>(
        "scoran.graphql.operations", unit: "{operation}", description: "Opérations GraphQL exécutées, par nom, type et résultat.");

    private static readonly ConcurrentDictionary<string, string> OperationNames = new(StringComparer.Ordinal);

    /// <summary>
    /// The operation name to record: a GraphQL name (letters, digits, underscores: it cannot carry a
    /// coordinate), at most 64 characters, one of the first <see cref="MaxOperationNames"/> seen, else « autre ».
    /// </summary>
    public static string OperationName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return AnonymousOperation;
        }

        if (name.Length > 64 || !IsGraphQLName(name))
        {
            return OtherOperation;
        }

        if (OperationNames.TryGetValue(name, out var known))
        {
            return known;
        }

        return OperationNames.Count >= MaxOperationNames ? OtherOperation : OperationNames.GetOrAdd(name, name);
    }

    private static bool IsGraphQLName(string name)
    {
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
