using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>A feature to write: ordered string properties and a polygonal geometry.</summary>
internal sealed record OutputFeature(IReadOnlyList<(string Name, string Value)> Properties, Geometry Geometry);

/// <summary>
/// Writes GeoJSON (RFC 7946) by hand rather than through a serializer, so that the bytes are
/// fully determined: one feature per line (readable diffs), properties in a fixed order,
/// coordinates with at most 5 decimals (about 1 m), outer rings counter-clockwise and holes
/// clockwise as RFC 7946 recommends, accented letters unescaped.
/// </summary>
internal static class GeoJsonText
{
    private static readonly JsonSerializerOptions _strings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FeatureCollection(IEnumerable<OutputFeature> features)
    {
        var sb = new StringBuilder();
        sb.Append("{\"type\":\"FeatureCollection\",\"features\":[\n");
        var first = true;
        foreach (var feature in features)
        {
            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            sb.Append("{\"type\":\"Feature\",\"properties\":{");
            for (var i = 0; i < feature.Properties.Count; i++)
            {
                var (name, value) = feature.Properties[i];
                sb.Append(i == 0 ? "" : ",").Append(Quote(name)).Append(':').Append(Quote(value));
            }

            sb.Append("},\"geometry\":");
            AppendGeometry(sb, feature.Geometry);
            sb.Append('}');
        }

        sb.Append("\n]}\n");
        return sb.ToString();
    }

    /// <summary>A coordinate as written: rounded to 5 decimals, no trailing zeros.</summary>
    public static string Number(double value) =>
        Math.Round(value, 5, MidpointRounding.AwayFromZero).ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Quote(string value) => JsonSerializer.Serialize(value, _strings);

    private static void AppendGeometry(StringBuilder sb, Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon polygon:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
                AppendPolygon(sb, polygon);
                sb.Append('}');
                break;
            case MultiPolygon multi:
                sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (var i = 0; i < multi.NumGeometries; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    AppendPolygon(sb, (Polygon)multi.GetGeometryN(i));
                }

                sb.Append("]}");
                break;
            default:
                throw new InvalidDataException($"géométrie inattendue : {geometry.GeometryType}");
        }
    }

    private static void AppendPolygon(StringBuilder sb, Polygon polygon)
    {
        sb.Append('[');
        AppendRing(sb, polygon.Shell, counterClockwise: true);
        foreach (var hole in polygon.Holes)
        {
            sb.Append(',');
            AppendRing(sb, hole, counterClockwise: false);
        }

        sb.Append(']');
    }

    private static void AppendRing(StringBuilder sb, LineString ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates;
        if (Orientation.IsCCW(coordinates) != counterClockwise)
        {
            coordinates = coordinates.Reverse().ToArray();
        }

        sb.Append('[');
        for (var i = 0; i < coordinates.Length; i++)
        {
            sb.Append(i == 0 ? "[" : ",[").Append(Number(coordinates[i].X)).Append(',').Append(Number(coordinates[i].Y)).Append(']');
        }

        sb.Append(']');
    }
}
