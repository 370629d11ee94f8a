using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// The commune boundaries of a whole territory in one FeatureCollection, for the coverage map:
/// cut out of <c>geodata/communes.geojson</c> (already simplified as one coverage by the geodata
/// builder: neighbours share their borders exactly), with only the <c>code_insee</c> and <c>nom</c>
/// properties. Built once per territory, kept plain and gzipped.
/// </summary>
public sealed class CommuneLayers(IOptions<GeodataOptions> options)
{
    private readonly Lazy<Dictionary<string, string>> _features = new(() => Read(Path.Combine(options.Value.Directory, "communes.geojson")));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BoundaryStore.Document> _documents = new(StringComparer.Ordinal);

    /// <summary>The communes of the territory that have a boundary, as one FeatureCollection.</summary>
    public BoundaryStore.Document For(CoverageTerritory territory)
    {
        ArgumentNullException.ThrowIfNull(territory);
        return _documents.GetOrAdd(territory.Level + ":" + territory.Code, _ =>
        {
            var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
            var first = true;
            foreach (var commune in territory.Communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal))
            {
                if (_features.Value.TryGetValue(commune.CodeInsee, out var feature))
                {
                    json.Append(first ? "" : ",\n").Append(feature);
                    first = false;
                }
            }

            return new BoundaryStore.Document(json.Append("\n]}").ToString());
        });
    }

    private static Dictionary<string, string> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var features = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var code = properties.GetProperty("code_insee").GetString()!;
            var nom = properties.GetProperty("nom").GetString()!;
            features[code] = JsonSerializer.Serialize(new
            {
                type = "Feature",
                properties = new { code_insee = code, nom },
                geometry = feature.GetProperty("geometry"),
            });
        }

        return features;
    }
}
