using System.Text.Encodings.Web;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Import.Reports;

/// <summary>
/// The JSON form of <see cref="ImportReport"/>: snake_case keys, every key always present (null
/// when unknown), issues in file order. The shape is versioned by <c>report_version</c> and
/// documented in Formats/README.md; a change of meaning bumps it.
/// </summary>
internal static class ImportReportJson
{
    public const int Version = 1;

    // Accents, « » and quotes as they are: the file is read by people and by JSON parsers, not embedded in HTML.
    private static readonly JsonWriterOptions _options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(ImportReport report, Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, _options);
        json.WriteStartObject();
        json.WriteNumber("report_version", Version);
        json.WriteString("source", report.Source);
        json.WriteString("format", report.Format is { } format ? ImportFormats.CliName(format) : null);

        json.WriteStartObject("totals");
        json.WriteNumber("rows_read", report.RowsRead);
        json.WriteNumber("accepted", report.Accepted);
        json.WriteNumber("accepted_with_corrections", report.AcceptedWithCorrections);
        json.WriteNumber("rejected", report.Rejected);
        json.WriteNumber("errors", report.Errors);
        json.WriteNumber("warnings", report.Warnings);
        json.WriteNumber("corrections", report.Corrections);
        json.WriteNumber("file_errors", report.FileErrors);
        json.WriteNumber("file_warnings", report.FileWarnings);
        json.WriteEndObject();

        json.WriteStartObject("counters");
        foreach (var (name, value) in report.Counters)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();

        json.WriteStartArray("fields");
        foreach (var field in report.Fields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteNumber("errors", field.Errors);
            json.WriteNumber("warnings", field.Warnings);
            json.WriteNumber("corrections", field.Corrections);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("issues");
        var written = 0;
        foreach (var issue in report.Issues)
        {
            json.WriteStartObject();
            json.WriteString("scope", issue.FileLevel ? "file" : "row");
            json.WriteNumber("row", issue.Row);
            json.WriteNumber("line", issue.Line);
            json.WriteString("id", issue.Id);
            json.WriteString("field", issue.Field);
            json.WriteString("severity", Severity(issue.Severity));
            json.WriteString("value", issue.Value);
            json.WriteString("message", issue.Message);
            json.WriteBoolean("row_rejected", issue.RowRejected);
            json.WriteEndObject();

            // Keep the writer's buffer small on reports of many issues.
            if (++written % 1000 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteNumber("issues_omitted", report.IssuesOmitted);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static string Severity(ValidationSeverity severity) => severity switch
    {
        ValidationSeverity.Error => "error",
        ValidationSeverity.Warning => "warning",
        _ => "correction",
    };
}
