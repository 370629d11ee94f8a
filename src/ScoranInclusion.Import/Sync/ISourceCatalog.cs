namespace ScoranInclusion.Import.Sync;

/// <summary>A source as configured (<c>Sources:&lt;nom&gt;:…</c>), defaults applied.</summary>
/// <param name="Name">The configuration's name: what the <c>sync</c> verb and the runs (table <c>sync_runs</c>) call it.</param>
/// <param name="Url">An <c>https://</c> address or a local file path.</param>
/// <param name="Format">An import format's name, as <c>import --format</c> takes it.</param>
/// <param name="Provenance">What its records are stored under (default: <paramref name="Name"/>).</param>
/// <param name="Every">The time between two scheduled runs.</param>
/// <param name="Departements">The départements whose rows are kept; the others are skipped and counted.</param>
public sealed record ConfiguredSource(string Name, string Url, string Format, string Provenance, TimeSpan Every, bool Enabled, IReadOnlyList<string> Departements);

/// <summary>The configured sources, in name order.</summary>
public interface ISourceCatalog
{
    IReadOnlyList<ConfiguredSource> Sources { get; }

    /// <summary>The source of that name (any case), or null.</summary>
    ConfiguredSource? Find(string name);
}

/// <summary>Starts a run of a source now, outside its schedule (« Lancer maintenant »).</summary>
public interface ISourceSyncTrigger
{
    /// <summary>
    /// Starts a run of <paramref name="source"/> in the background on behalf of <paramref name="actor"/> and returns
    /// its id in <c>sync_runs</c> at once; null when no source has that name or a run of it is already going (in this
    /// process or another).
    /// </summary>
    Task<long?> RunNowAsync(string source, string actor, CancellationToken cancellationToken);
}
