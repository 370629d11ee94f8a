using System.Globalization;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Reports;

/// <summary>One problem as the report lists it.</summary>
/// <param name="Row">The row (<see cref="ImportRow.RowNumber"/>): spreadsheet row for CSV, object number for JSON.</param>
/// <param name="Line">The physical line where the row starts (0 when unknown).</param>
/// <param name="Id">The row's id, when it has one.</param>
/// <param name="Field">The field (snake_case), <see cref="ImportRow.RowField"/> or <see cref="ImportRow.FileField"/>.</param>
/// <param name="Value">The value at fault, cut at <see cref="ImportReport.ValueLength"/> characters with « … ».</param>
/// <param name="Message">What is wrong and what is expected, in French.</param>
/// <param name="RowRejected">Whether the row was rejected (false for a file-level issue).</param>
/// <param name="FileLevel">Whether the issue is about the whole file rather than a row.</param>
public sealed record ImportReportIssue(
    int Row,
    int Line,
    string? Id,
    string Field,
    string? Value,
    string Message,
    ValidationSeverity Severity,
    bool RowRejected,
    bool FileLevel);

/// <summary>How many issues one field had, by severity.</summary>
public sealed record ImportFieldSummary(string Field, long Errors, long Warnings, long Corrections);

/// <summary>
/// The row-by-row report of an import, built as the rows stream by (<see cref="Add"/>, or
/// <see cref="Track"/> around a reader), so that it never needs the rows kept: counts, every
/// issue with its row, line, id, field and value, and a summary by field. Written for a
/// console in French (<see cref="WriteText"/>) or as JSON with a stable shape
/// (<see cref="WriteJsonAsync"/>, documented in Formats/README.md). The pipeline adds its own
/// counts (created, updated…) to <see cref="Counters"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: one reader feeds it. Beyond <see cref="MaxStoredIssues"/> issues, the
/// others are counted but not kept (<see cref="IssuesOmitted"/>), so that a broken file of
/// millions of rows does not fill the memory with its report.
/// </remarks>
public sealed class ImportReport
{
    /// <summary>Values are cut to this many characters in the report.</summary>
    public const int ValueLength = 80;

    private static readonly NumberFormatInfo _numbers = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = ",", NumberGroupSizes = [3] };

    private readonly List<ImportReportIssue> _issues = [];
    private readonly Dictionary<string, long[]> _fields = new(StringComparer.Ordinal);

    public ImportReport(string? source = null, ImportFormat? format = null, int maxStoredIssues = 100_000)
    {
        Source = source;
        Format = format;
        MaxStoredIssues = maxStoredIssues;
    }

    /// <summary>What was read (a file name, several joined with « , »), shown in the title.</summary>
    public string? Source { get; set; }

    public ImportFormat? Format { get; set; }

    public int MaxStoredIssues { get; }

    /// <summary>Data rows read (file-level issues are not rows).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows kept (a site was read), <see cref="AcceptedWithCorrections"/> included.</summary>
    public long Accepted { get; private set; }

    /// <summary>Rows kept but changed: a value corrected, or an invalid optional value dropped.</summary>
    public long AcceptedWithCorrections { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Issues of each severity, file-level ones included.</summary>
    public long Errors { get; private set; }

    public long Warnings { get; private set; }

    public long Corrections { get; private set; }

    /// <summary>Errors about the whole file (malformed JSON, a missing column…).</summary>
    public long FileErrors { get; private set; }

    public long FileWarnings { get; private set; }

    /// <summary>Counts the caller adds (« lieux créés » → 12): shown after the reader's counts, in insertion order.</summary>
    public IDictionary<string, long> Counters { get; } = new OrderedDictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The issues kept, in the order of the file.</summary>
    public IReadOnlyList<ImportReportIssue> Issues => _issues;

    /// <summary>Issues counted but not kept, past <see cref="MaxStoredIssues"/>.</summary>
    public long IssuesOmitted { get; private set; }

    /// <summary>True when something was not imported: a rejected row or an error of the file (the command's exit code 1).</summary>
    public bool HasRejections => Rejected > 0 || FileErrors > 0;

    /// <summary>Issues by field, in the standard's column order, then the other fields by name, then row-level problems.</summary>
    public IReadOnlyList<ImportFieldSummary> Fields =>
        [.. _fields
            .Select(f => new ImportFieldSummary(f.Key, f.Value[0], f.Value[1], f.Value[2]))
            .OrderBy(f => FieldOrder(f.Field))
            .ThenBy(f => f.Field, StringComparer.Ordinal)];

    /// <summary>Counts one row and its issues.</summary>
    public void Add(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.IsFileIssue)
        {
            RowsRead++;
            if (row.IsRejected)
            {
                Rejected++;
            }
            else
            {
                Accepted++;
                if (row.Issues.Any(i => i.Severity is ValidationSeverity.Correction or ValidationSeverity.Error))
                {
                    AcceptedWithCorrections++;
                }
            }
        }

        foreach (var issue in row.Issues)
        {
            Count(row, issue);
            if (_issues.Count < MaxStoredIssues)
            {
                _issues.Add(new ImportReportIssue(
                    row.RowNumber,
                    row.LineNumber,
                    row.Id,
                    issue.Field,
                    issue.Value is null ? null : LmnRecordParser.Excerpt(issue.Value, ValueLength),
                    issue.Message,
                    issue.Severity,
                    !row.IsFileIssue && row.IsRejected,
                    row.IsFileIssue));
            }
            else
            {
                IssuesOmitted++;
            }
        }
    }

    /// <summary>Passes the rows through, adding each to the report as it goes by: <c>foreach (var row in report.Track(ImportFormats.Read(…)))</c>.</summary>
    public IEnumerable<ImportRow> Track(IEnumerable<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return TrackIterator(rows);
    }

    /// <summary>
    /// The report for a console, in French: the counts first, then the fields concerned, then
    /// the issues grouped by row; at most <paramref name="maxIssueLines"/> issues are listed,
    /// the rest summed up in a last line ending with <paramref name="moreHint"/>.
    /// </summary>
    public void WriteText(TextWriter writer, int maxIssueLines = 50, string? moreHint = "voir --report")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ImportReportText.Write(this, writer, maxIssueLines, moreHint);
    }

    /// <summary>The report as UTF-8 JSON (snake_case keys, shape in Formats/README.md); the stream is left open.</summary>
    public Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ImportReportJson.WriteAsync(this, stream, cancellationToken);
    }

    /// <summary>A count with spaces between thousands, as French writes it: 12 345.</summary>
    internal static string Number(long value) => value.ToString("#,0", _numbers);

    internal static string Number(double value, string format) => value.ToString(format, _numbers);

    private static int FieldOrder(string field)
    {
        if (field == ImportRow.RowField)
        {
            return int.MaxValue;
        }

        var index = 0;
        foreach (var name in SiteFields.All)
        {
            if (name == field)
            {
                return index;
            }

            index++;
        }

        return index;
    }

    private IEnumerable<ImportRow> TrackIterator(IEnumerable<ImportRow> rows)
    {
        foreach (var row in rows)
        {
            Add(row);
            yield return row;
        }
    }

    private void Count(ImportRow row, ValidationIssue issue)
    {
        switch (issue.Severity)
        {
            case ValidationSeverity.Error:
                Errors++;
                break;
            case ValidationSeverity.Warning:
                Warnings++;
                break;
            default:
                Corrections++;
                break;
        }

        if (row.IsFileIssue)
        {
            if (issue.Severity == ValidationSeverity.Error)
            {
                FileErrors++;
            }
            else
            {
                FileWarnings++;
            }

            return;
        }

        if (!_fields.TryGetValue(issue.Field, out var counts))
        {
            _fields[issue.Field] = counts = new long[3];
        }

        counts[issue.Severity switch { ValidationSeverity.Error => 0, ValidationSeverity.Warning => 1, _ => 2 }]++;
    }
}
