using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// The outcome of reading one row of a source file, whatever its format: the site when the
/// row is kept, and every problem found, field by field, for the row-level import report.
/// </summary>
/// <param name="RowNumber">1-based row of the source, the header being row 1 (a spreadsheet's numbering).</param>
/// <param name="LineNumber">1-based physical line where the row starts (differs from the row once a quoted field held a line break).</param>
/// <param name="Id">The row's identifier as read, also when the row is rejected, so that a report can name it; null when absent.</param>
/// <param name="Site">The site, or null when the row is rejected (an error on a required field).</param>
/// <param name="Issues">Corrections, warnings and errors, with <see cref="ValidationIssue.Field"/> the standard's snake_case field name.</param>
public sealed record ImportRow(int RowNumber, int LineNumber, string? Id, Site? Site, IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsRejected => Site is null;

    public bool HasErrors => Issues.Any(i => i.Severity == ValidationSeverity.Error);

    public IEnumerable<ValidationIssue> IssuesOf(ValidationSeverity severity) => Issues.Where(i => i.Severity == severity);
}
