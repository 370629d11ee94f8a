namespace ScoranInclusion.Export;

/// <summary>The open-data export formats.</summary>
public enum ExportFormat
{
    /// <summary>The national standard's CSV: 32 columns in the standard's order.</summary>
    LmnCsv,

    /// <summary>The standard's flat JSON: an array of objects with the CSV's 32 keys, multi-values joined with <c>|</c>.</summary>
    LmnJson,

    /// <summary>An RFC 7946 FeatureCollection of points, properties as in <see cref="LmnJson"/>.</summary>
    GeoJson,
}

public static class ExportFormats
{
    /// <summary>The names used on the command line, in help order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lmn-csv", "lmn-json", "geojson"];

    public static bool TryParse(string? name, out ExportFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "lmn-csv":
                format = ExportFormat.LmnCsv;
                return true;
            case "lmn-json":
                format = ExportFormat.LmnJson;
                return true;
            case "geojson":
                format = ExportFormat.GeoJson;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.LmnCsv => "lmn-csv",
        ExportFormat.LmnJson => "lmn-json",
        ExportFormat.GeoJson => "geojson",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The file extension, without the dot.</summary>
    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.LmnCsv => "csv",
        ExportFormat.LmnJson => "json",
        ExportFormat.GeoJson => "geojson",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The media type of an HTTP response (the standard asks for <c>text/csv</c> in UTF-8).</summary>
    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.LmnCsv => "text/csv; charset=utf-8",
        ExportFormat.LmnJson => "application/json; charset=utf-8",
        ExportFormat.GeoJson => "application/geo+json",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
