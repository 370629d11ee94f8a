namespace ScoranInclusion.Import.Pipeline;

public enum ImportMode
{
    /// <summary>Imports the valid rows and skips the rejected ones.</summary>
    Default,

    /// <summary>Does everything, reports what would change, then rolls back: nothing is written.</summary>
    DryRun,

    /// <summary>All or nothing: one rejected row and nothing is imported.</summary>
    Strict,
}
