using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;

namespace ScoranInclusion.Export;

/// <summary>
/// Writes places as LMN CSV, flat LMN JSON or GeoJSON to a stream, asynchronously and in
/// chunks: rows are formatted into a buffer that is written out whenever it passes
/// <see cref="FlushThreshold"/> bytes, so an export of any size streams, and the stream only
/// ever sees asynchronous writes (an ASP.NET Core response body refuses synchronous ones).
/// The same places give the same bytes: UTF-8 without BOM, LF line ends, no timestamps.
/// </summary>
public static class SiteExportWriter
{
    public const int FlushThreshold = 32 * 1024;

    private static readonly int s_latitude = IndexOf(SiteFields.Latitude);
    private static readonly int s_longitude = IndexOf(SiteFields.Longitude);

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Accents stay readable (the standard's labels are French); what HTML needs escaped
    // does not matter in a data file.
    private static readonly JsonWriterOptions s_jsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static Task<ExportResult> WriteAsync(Stream output, ExportFormat format, IAsyncEnumerable<Site> sites, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sites);
        return format switch
        {
            ExportFormat.LmnCsv => WriteCsvAsync(output, sites, cancellationToken),
            ExportFormat.LmnJson => WriteJsonAsync(output, sites, cancellationToken),
            ExportFormat.GeoJson => WriteGeoJsonAsync(output, sites, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>
    /// The standard's CSV, exactly as <see cref="LmnCsvWriter"/> writes it; with
    /// <paramref name="spreadsheetSafe"/>, cells a spreadsheet would run as formulas are
    /// neutralized (the « tableur » variant, no longer the standard's exact values).
    /// </summary>
    public static Task<ExportResult> WriteCsvAsync(Stream output, IAsyncEnumerable<Site> sites, CancellationToken cancellationToken = default) =>
        WriteCsvAsync(output, sites, spreadsheetSafe: false, cancellationToken);

    /// <inheritdoc cref="WriteCsvAsync(Stream, IAsyncEnumerable{Site}, CancellationToken)"/>
    public static async Task<ExportResult> WriteCsvAsync(Stream output, IAsyncEnumerable<Site> sites, bool spreadsheetSafe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sites);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new LmnCsvWriter(text, spreadsheetSafe: spreadsheetSafe);
        csv.WriteHeader();
        var written = 0;
        await foreach (var site in sites.WithCancellation(cancellationToken))
        {
            csv.Write(site);
            written++;
            if (text.GetStringBuilder().Length >= FlushThreshold)
            {
                await FlushTextAsync(text, output, cancellationToken);
            }
        }

        await FlushTextAsync(text, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return new ExportResult(written, 0);
    }

    /// <summary>
    /// The standard's flat JSON: an array of objects with the 32 keys of the CSV, in its
    /// order, one object per line. Values are the CSV's: strings, multi-values joined with
    /// <c>|</c>, <c>latitude</c>/<c>longitude</c> as numbers, an empty field as <c>null</c>.
    /// </summary>
    public static async Task<ExportResult> WriteJsonAsync(Stream output, IAsyncEnumerable<Site> sites, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sites);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        await using var json = new Utf8JsonWriter(buffer, s_jsonOptions);
        WriteRaw(buffer, "[");
        var written = 0;
        await foreach (var site in sites.WithCancellation(cancellationToken))
        {
            WriteRaw(buffer, written == 0 ? "\n" : ",\n");
            WriteFlatObject(json, LmnCsvWriter.Values(site), site.Closures.Count + site.Notices.Count + site.LanguesParlees.Count == 0 ? null : w =>
            {
                TemporaryNoticesExport.Write(w, site);
                WriteSpokenLanguages(w, site);
            });
            json.Flush();
            json.Reset();
            written++;
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await FlushBytesAsync(buffer, output, cancellationToken);
            }
        }

        WriteRaw(buffer, "\n]\n");
        await FlushBytesAsync(buffer, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return new ExportResult(written, 0);
    }

    /// <summary>
    /// An RFC 7946 FeatureCollection: one Point feature per place with coordinates (places
    /// without are left out and counted in <c>lieux_sans_coordonnees</c>), properties the 32
    /// flat fields, and the licence, attribution and source as foreign members.
    /// </summary>
    public static async Task<ExportResult> WriteGeoJsonAsync(Stream output, IAsyncEnumerable<Site> sites, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sites);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        await using var json = new Utf8JsonWriter(buffer, s_jsonOptions);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteString("licence", ExportLicence.Name);
        json.WriteString("licence_url", ExportLicence.Url);
        json.WriteString("attribution", ExportLicence.Attribution);
        json.WriteString("source", ExportLicence.Source);
        json.WriteString("schema", ExportLicence.Schema);
        json.WritePropertyName("features");
        json.WriteStartArray();
        json.Flush();
        json.Reset();

        int written = 0, withoutCoordinates = 0;
        await foreach (var site in sites.WithCancellation(cancellationToken))
        {
            if (site.Location is not { IsValid: true })
            {
                withoutCoordinates++;
                continue;
            }

            WriteRaw(buffer, written == 0 ? "\n" : ",\n");
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteString("id", site.Id);
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            var values = LmnCsvWriter.Values(site);
            json.WriteRawValue(values[s_longitude], skipInputValidation: false);
            json.WriteRawValue(values[s_latitude], skipInputValidation: false);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WritePropertyName("properties");
            WriteFlatObject(json, values);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            written++;
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await FlushBytesAsync(buffer, output, cancellationToken);
            }
        }

        WriteRaw(buffer, string.Create(CultureInfo.InvariantCulture, $"\n],\"lieux_sans_coordonnees\":{withoutCoordinates}}}\n"));
        await FlushBytesAsync(buffer, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return new ExportResult(written, withoutCoordinates);
    }

    /// <summary>
    /// The 32 fields as one JSON object, keys and values as in the standard's CSV
    /// (<paramref name="values"/> from <see cref="LmnCsvWriter.Values"/>).
    /// </summary>
    /// <param name="extensions">Writes keys after the standard's (the extension fields of <see cref="TemporaryNoticesExport"/>); null: none.</param>
    /// <summary>The extension field <c>"langues_parlees": ["uk","ar"]</c> after the standard's keys, when the place gives its languages (the LMN CSV keeps the standard's columns only).</summary>
    public static void WriteSpokenLanguages(Utf8JsonWriter json, Site site)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(site);
        if (site.LanguesParlees.Count == 0)
        {
            return;
        }

        json.WritePropertyName(Storage.Sites.SpokenLanguagesColumn.ExportKey);
        json.WriteStartArray();
        foreach (var code in site.LanguesParlees)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
    }

    public static void WriteFlatObject(Utf8JsonWriter json, IReadOnlyList<string> values, Action<Utf8JsonWriter>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartObject();
        for (var i = 0; i < SiteFields.All.Count; i++)
        {
            var field = SiteFields.All[i];
            var value = values[i];
            if (value.Length == 0)
            {
                json.WriteNull(field);
            }
            else if (field is SiteFields.Latitude or SiteFields.Longitude)
            {
                // The CSV's own text of the number: shortest round-trip form, never an exponent.
                json.WritePropertyName(field);
                json.WriteRawValue(value, skipInputValidation: false);
            }
            else
            {
                json.WriteString(field, value);
            }
        }

        extensions?.Invoke(json);
        json.WriteEndObject();
    }

    private static int IndexOf(string field)
    {
        for (var i = 0; i < SiteFields.All.Count; i++)
        {
            if (SiteFields.All[i] == field)
            {
                return i;
            }
        }

        throw new InvalidOperationException(field);
    }

    private static void WriteRaw(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(s_utf8.GetMaxByteCount(text.Length));
        buffer.Advance(s_utf8.GetBytes(text, span));
    }

    private static async Task FlushBytesAsync(ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }

    private static async Task FlushTextAsync(StringWriter text, Stream output, CancellationToken cancellationToken)
    {
        var builder = text.GetStringBuilder();
        if (builder.Length == 0)
        {
            return;
        }

        await output.WriteAsync(s_utf8.GetBytes(builder.ToString()), cancellationToken);
        builder.Clear();
    }
}
