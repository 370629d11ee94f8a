using System.Text.Json;
using Microsoft.Extensions.Options;
using ScoranInclusion.Server.Territories;

namespace ScoranInclusion.Server.Web;

/// <summary>
/// The project's own boundaries, served to the map so that it needs no third-party tiles:
/// départements and region as shipped, and one EPCI or one commune cut out of the big files
/// (read once, on first use).
/// </summary>
public sealed class BoundaryStore(IOptions<GeodataOptions> options)
{
    private readonly Lazy<Dictionary<string, string>> _epcis = new(() => Index(Path.Combine(options.Value.Directory, "epcis.geojson"), "siren"));
    private readonly Lazy<Dictionary<string, string>> _communes = new(() => Index(Path.Combine(options.Value.Directory, "communes.geojson"), "code_insee"));

    public string WholeFile(string name) => Path.Combine(options.Value.Directory, name);

    /// <summary>A FeatureCollection holding the EPCI's boundary, or null.</summary>
    public string? Epci(string siren) => Collection(_epcis.Value, siren);

    /// <summary>A FeatureCollection holding the commune's boundary, or null.</summary>
    public string? Commune(string codeInsee) => Collection(_communes.Value, codeInsee);

    private static string? Collection(Dictionary<string, string> index, string code) =>
        index.TryGetValue(code, out var feature) ? "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}" : null;

    private static Dictionary<string, string> Index(string path, string key)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.GetProperty("properties").TryGetProperty(key, out var code) && code.GetString() is { } value)
            {
                index[value] = feature.GetRawText();
            }
        }

        return index;
    }
}
