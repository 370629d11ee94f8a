using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScoranInclusion.Domain.Telemetry;

/// <summary>
/// The project's own traces and metrics (OpenTelemetry through System.Diagnostics), shared by every layer.
/// Nothing recorded here may hold a citizen's position or search text: tags are names of operations,
/// kinds of filters, counts and outcomes only.
/// </summary>
public static class ScoranTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string Name = "ScoranInclusion";

    /// <summary>Beyond this many distinct GraphQL operation names, new names are recorded as « autre » (client-chosen names must not grow the metrics without bound).</summary>
    public const int MaxOperationNames = 200;

    public const string OtherOperation = "autre";
    public const string AnonymousOperation = "anonyme";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>GraphQL operations executed, by name, type and outcome (<c>ok</c> or the first error code).</summary>
    public static readonly Counter<long> GraphQLOperations = Meter.CreateCounter<long>(
        "scoran.graphql.operations", unit: "{operation}", description: "Opérations GraphQL exécutées, par nom, type et résultat.");

    /// <summary>Duration of a nearest search (index or PostGIS and the load of the page), by kind of search and kinds of filters.</summary>
    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "scoran.search.duration", unit: "s", description: "Durée d'une recherche des lieux les plus proches, par type de filtre.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>Rows of imports, by dataset, result (read, created, updated, unchanged, merged, rejected) and whether the import was committed.</summary>
    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "scoran.import.rows", unit: "{row}", description: "Lignes des imports : lues, créées, mises à jour, inchangées, fusionnées, rejetées.");

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
