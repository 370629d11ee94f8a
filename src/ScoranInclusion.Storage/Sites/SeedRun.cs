namespace ScoranInclusion.Storage.Sites;

/// <summary>One row per dataset seeded on first start, so that a restart never seeds twice.</summary>
public sealed class SeedRun
{
    public string Dataset { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
    public int Rows { get; set; }
}
