using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScoranInclusion.Domain.Telemetry;

/// <summary>
/// The project's own traces and metrics (OpenTelemetry through System.Diagnostics), shared by every layer; each
/// layer declares its own instruments on <see cref="Meter"/> (the API's: <c>GraphQL/Http/GraphQLTelemetry.cs</c>).
/// Nothing recorded here may hold a citizen's position or search text: tags are names of operations,
/// kinds of filters, counts and outcomes only.
/// </summary>
public static class ScoranTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string Name = "ScoranInclusion";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Duration of a nearest search (index or PostGIS and the load of the page), by kind of search and kinds of filters.</summary>
    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "scoran.search.duration", unit: "s", description: "Durée d'une recherche des lieux les plus proches, par type de filtre.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>Rows of imports, by dataset, result (read, created, updated, unchanged, merged, rejected) and whether the import was committed.</summary>
    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "scoran.import.rows", unit: "{row}", description: "Lignes des imports : lues, créées, mises à jour, inchangées, fusionnées, rejetées.");

    /// <summary>Runs of configured sources, by source and outcome (imported, unchanged, rejected, failed, suspicious).</summary>
    public static readonly Counter<long> SyncRuns = Meter.CreateCounter<long>(
        "scoran.sync.runs", unit: "{run}", description: "Synchronisations des sources, par source et résultat.");

    /// <summary>Rows of the synchronisations, by source and outcome (read, added, updated, unchanged, withdrawn, rejected, skipped).</summary>
    public static readonly Counter<long> SyncRows = Meter.CreateCounter<long>(
        "scoran.sync.rows", unit: "{row}", description: "Lignes des synchronisations : lues, ajoutées, mises à jour, inchangées, retirées, rejetées, ignorées.");
}
