using Microsoft.Extensions.Options;

namespace ScoranInclusion.Import.Sync;

/// <summary>The sources of the <c>Sources</c> section (validated at start by <see cref="SourcesOptionsValidation"/>).</summary>
public sealed class SourceCatalog : ISourceCatalog
{
    public SourceCatalog(IOptions<SourcesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sources = [.. options.Value
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => new ConfiguredSource(
                s.Key,
                s.Value.Url.Trim(),
                s.Value.Format.Trim().ToLowerInvariant(),
                ProvenanceOf(s.Key, s.Value),
                s.Value.Every,
                s.Value.Enabled,
                DepartementsOf(s.Value.Departements)))];
    }

    public IReadOnlyList<ConfiguredSource> Sources { get; }

    public ConfiguredSource? Find(string name) =>
        Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    internal static string ProvenanceOf(string name, SourceOptions options) =>
        string.IsNullOrWhiteSpace(options.Provenance) ? name : options.Provenance.Trim();

    internal static IReadOnlyList<string> DepartementsOf(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)];
}
