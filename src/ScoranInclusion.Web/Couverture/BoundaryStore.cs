using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// The project's own boundaries, served to the map so that it needs no third-party tiles:
/// départements and region as shipped, and one EPCI or one commune cut out of the big files
/// (read once, on first use).
/// </summary>
public sealed class BoundaryStore(IOptions<GeodataOptions> options)
{
    private readonly Lazy<Dictionary<string, string>> _epcis = new(() => Index(Path.Combine(options.Value.Directory, "epcis.geojson"), "siren"));
    private readonly Lazy<Dictionary<string, string>> _communes = new(() => Index(Path.Combine(options.Value.Directory, "communes.geojson"), "code_insee"));

    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);

    /// <summary>A GeoJSON answer, plain and gzipped once for all requests.</summary>
    public sealed class Document(string json)
    {
        public byte[] Plain { get; } = Encoding.UTF8.GetBytes(json);

        public byte[] Gzip { get; } = Compress(Encoding.UTF8.GetBytes(json));

        /// <summary>A digest of the content, for revalidation (<see cref="EntityTags"/>).</summary>
        public Microsoft.Net.Http.Headers.EntityTagHeaderValue ETag { get; } = EntityTags.Of(Encoding.UTF8.GetBytes(json));

        /// <summary>
        /// The answer for every boundary endpoint (/geodata/… and the coverage layers): gzip when
        /// the browser accepts it (the départements go from 108 to 37 Kio on the wire), cached a day,
        /// then revalidated by its ETag (304 when unchanged).
        /// </summary>
        public IResult ToResult(HttpContext http)
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            http.Response.Headers.Vary = "Accept-Encoding";
            http.Response.Headers.ETag = ETag.ToString();
            if (EntityTags.Matches(http.Request.Headers.IfNoneMatch, ETag))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.ContentEncoding = "gzip";
                return Results.Bytes(Gzip, "application/geo+json");
            }

            return Results.Bytes(Plain, "application/geo+json");
        }

        private static byte[] Compress(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            {
                gzip.Write(bytes);
            }

            return output.ToArray();
        }
    }

    /// <summary>One of the shipped files (départements, region) as it is.</summary>
    public Document WholeFileText(string name) =>
        _documents.GetOrAdd("file:" + name, _ => new Document(File.ReadAllText(Path.Combine(options.Value.Directory, name))));

    /// <summary>A FeatureCollection holding the EPCI's boundary, or null.</summary>
    public Document? Epci(string siren) => Collection(_epcis.Value, "epci:", siren);

    /// <summary>A FeatureCollection holding the commune's boundary, or null.</summary>
    public Document? Commune(string codeInsee) => Collection(_communes.Value, "commune:", codeInsee);

    private Document? Collection(Dictionary<string, string> index, string kind, string code) =>
        index.TryGetValue(code, out var feature)
            ? _documents.GetOrAdd(kind + code, _ => new Document("{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}"))
            : null;

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
