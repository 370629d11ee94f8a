using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// The outcome of reading one row of a source file, whatever its format: the site when the
/// row is kept, and every problem found, field by field, for the row-level import report.
/// </summary>
/// <param name="RowNumber">
/// 1-based row of the source: for CSV the header is row 1 (a spreadsheet's numbering); for JSON
/// the position of the object in its array (or in the JSON Lines file), from 1.
/// </param>
/// <param name="LineNumber">1-based physical line where the row starts (differs from the row once a quoted field held a line break).</param>
/// <param name="Id">The row's identifier as read, also when the row is rejected, so that a report can name it; null when absent.</param>
/// <param name="Site">The site, or null when the row is rejected (an error on a required field).</param>
/// <param name="Issues">Corrections, warnings and errors, with <see cref="ValidationIssue.Field"/> the standard's snake_case field name.</param>
public sealed record ImportRow(int RowNumber, int LineNumber, string? Id, Site? Site, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>
    /// <see cref="ValidationIssue.Field"/> of a problem of the whole file rather than of one of
    /// its rows: malformed JSON, a missing required column, an unknown column.
    /// </summary>
    public const string FileField = "(fichier)";

    /// <summary>
    /// <see cref="ValidationIssue.Field"/> of a problem of a row as a whole rather than of one of
    /// its fields: a wrong number of columns, an identifier already used by an earlier row.
    /// </summary>
    public const string RowField = "(ligne)";

    public bool IsRejected => Site is null;

    public bool HasErrors => Issues.Any(i => i.Severity == ValidationSeverity.Error);

    /// <summary>
    /// True for the pseudo-row that carries a problem of the whole file (see <see cref="FileIssue"/>):
    /// it holds no site and is not a data row; reports count it apart.
    /// </summary>
    public bool IsFileIssue { get; init; }

    public IEnumerable<ValidationIssue> IssuesOf(ValidationSeverity severity) => Issues.Where(i => i.Severity == severity);

    /// <summary>
    /// A problem of the whole file, at the position where it was found: readers yield it in
    /// the stream of rows (instead of throwing) so that the rows read before it are kept and
    /// the report says where the file went wrong.
    /// </summary>
    public static ImportRow FileIssue(int rowNumber, int lineNumber, string message, ValidationSeverity severity = ValidationSeverity.Error, string? value = null) =>
        new(rowNumber, lineNumber, null, null, [new ValidationIssue(FileField, value, message, severity)]) { IsFileIssue = true };
}
