using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Import.Merge;

namespace ScoranInclusion.Import.Pipeline;

/// <summary>Bound from the <c>Import</c> section; defaults in code.</summary>
public sealed class ImportPipelineOptions
{
    public const string Section = "Import";

    /// <summary>Rows between two saves (inside the single transaction); the change tracker is emptied after each.</summary>
    [Positive]
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// A point farther than this from its commune's representative point is reported. No point
    /// inside a commune of the region is farther than 13.4 km from that commune's point (the
    /// largest gap, computed on geodata/communes.geojson, is Charny Orée de Puisaye, 89086):
    /// beyond 20 km the point is certainly outside its commune, whatever the simplification of
    /// the outlines. Polygons would be exact, but Storage does not load them.
    /// </summary>
    [Positive]
    public double FarFromCommuneMeters { get; set; } = 20_000;

    /// <summary>
    /// Rows read, parsed and validated ahead on a thread of their own while the previous ones are
    /// written (0: none, the rows are read on the writing thread as it needs them). The file is still
    /// read in order and once; an error of the reader surfaces where it would have.
    /// </summary>
    public int ReadAhead { get; set; } = 2000;

    public MergeOptions Merge { get; set; } = new();
}
