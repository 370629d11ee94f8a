using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Import.Pipeline;

/// <param name="Rows">Data rows read, rejected ones included (not the pseudo-rows of file issues).</param>
/// <param name="Merged">New records merged into an existing place of another source.</param>
/// <param name="Rejected">Rows the reader rejected, plus rows repeating an id already seen in the file.</param>
/// <param name="ApproximateLocations">Rows without coordinates placed at their commune's point.</param>
/// <param name="WithoutLocation">Rows without coordinates whose commune was not found either (kept, without a point).</param>
/// <param name="FarFromCommune">Rows whose point is farther from their commune's than <see cref="ImportPipelineOptions.FarFromCommuneMeters"/>.</param>
/// <param name="UncertainPairs">Pairs recorded for a person to review.</param>
/// <param name="FileErrors">Errors of the file as a whole (<c>ImportRow.IsFileIssue</c>): not rows, but they make a strict import refuse.</param>
public sealed record ImportCounts(
    int Rows,
    int Inserted,
    int Updated,
    int Unchanged,
    int Merged,
    int Rejected,
    int ApproximateLocations,
    int WithoutLocation,
    int FarFromCommune,
    int UncertainPairs,
    int FileErrors = 0);

public enum ImportAction
{
    Inserted,
    Updated,
    Merged,
}

/// <summary>A place the import created or changed. In a dry run, <see cref="SiteKey"/> refers to rolled-back rows.</summary>
/// <param name="Changes">The fields that changed, old and new values (empty for an inserted place).</param>
/// <param name="MergeId">For <see cref="ImportAction.Merged"/>: the merge, to undo it with <see cref="MergeReview.UndoMergeAsync"/>.</param>
public sealed record ImportedSite(
    int RowNumber,
    string SourceId,
    long SiteKey,
    ImportAction Action,
    IReadOnlyList<FieldChange> Changes,
    long? MergeId = null,
    MatchScore? Match = null);

public enum ImportIssueCode
{
    /// <summary>No coordinates: the place gets its commune's point, flagged approximate.</summary>
    ApproximateLocation,

    /// <summary>No coordinates and the commune was not found: the place is kept without a point.</summary>
    NoLocation,

    /// <summary>The point is far from the commune's: probably outside it (swapped or wrong coordinates, wrong commune).</summary>
    FarFromCommune,

    /// <summary>The id was already seen in this file: the row is rejected (the standard's id is unique).</summary>
    DuplicateId,

    /// <summary>The place looks like an existing place of another source: recorded for review, not merged.</summary>
    UncertainDuplicate,

    /// <summary>Merged into an existing place of another source.</summary>
    MergedIntoExisting,
}

/// <summary>What the pipeline found about a row, beyond the reader's own issues (in <c>ImportRow.Issues</c>).</summary>
public sealed record ImportIssue(int RowNumber, string? SourceId, ImportIssueCode Code, ValidationSeverity Severity, string Field, string Message);

/// <summary>The result of <see cref="ImportPipeline.RunAsync(string, IEnumerable{Lmn.ImportRow}, ImportMode, CancellationToken)"/>.</summary>
/// <param name="Committed">False for a dry run, and for a strict import with a rejected row or a file error: nothing was written.</param>
/// <param name="Operation">The import's id, on every history row it wrote.</param>
/// <param name="Sites">The places inserted, updated or merged into, in row order (unchanged rows are only counted).</param>
public sealed record ImportOutcome(
    string Provenance,
    ImportMode Mode,
    bool Committed,
    string Operation,
    ImportCounts Counts,
    IReadOnlyList<ImportedSite> Sites,
    IReadOnlyList<ImportIssue> Issues,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt)
{
    /// <summary>A strict import refused because of rejected rows or errors of the file.</summary>
    public bool RefusedByStrictMode => Mode == ImportMode.Strict && !Committed;
}
