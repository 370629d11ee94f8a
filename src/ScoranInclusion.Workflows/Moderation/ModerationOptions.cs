using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Moderation;

namespace ScoranInclusion.Workflows.Moderation;

/// <summary>Bound from the <c>Moderation</c> section.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>
    /// How many days the contact e-mail of a citizen's report is kept when nobody decides the report (a decision erases
    /// it at once). Past that, the server erases it (at start, then every few hours); the report stays.
    /// </summary>
    [Positive]
    public int ContactRetentionDays { get; set; } = 90;
}
