using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.GraphQL;

/// <summary>Bound from the <c>GraphQL</c> section.</summary>
public sealed class ScoranGraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>The largest <c>first</c> a connection accepts.</summary>
    [Positive]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The largest search radius, in kilometres (the region is about 400 km across).</summary>
    [Positive]
    public double MaxRadiusKm { get; set; } = 1000;

    /// <summary>How many parsed documents are kept; widgets send the same few queries again and again.</summary>
    [NotNegative]
    public int DocumentCacheSize { get; set; } = 500;

    /// <summary>Send exception messages to clients (Development only; never in production).</summary>
    public bool ExposeExceptionDetails { get; set; }

    /// <summary>
    /// The deepest selection accepted (the standard introspection query reaches 13, the widget's search 5).
    /// </summary>
    [Positive]
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// The largest computed cost: each field costs 1, times the <c>first</c> of the lists above it (5 when a
    /// list has no <c>first</c>). The widget's biggest search (100 places) costs about 2,100, the standard
    /// introspection query about 8,700 (with <see cref="IntrospectionImpact"/> at 0.01).
    /// </summary>
    [Positive]
    public double MaxComplexity { get; set; } = 20_000;

    /// <summary>
    /// What each day of an <c>upcomingSessions</c> window adds to its cost: 30 makes a year's window about 11,000,
    /// so one fits <see cref="MaxComplexity"/> but two aliased copies do not; the default 30 days cost about 900.
    /// </summary>
    public double SessionWindowDayCost { get; set; } = 30;

    /// <summary>Introspection fields count at this share of their cost (allowed, but not free).</summary>
    [NotNegative]
    public double IntrospectionImpact { get; set; } = 0.01;

    /// <summary>How many fields of the operation may carry an alias (fragments counted where they are spread).</summary>
    [NotNegative]
    public int MaxAliases { get; set; } = 30;

    /// <summary>How many field selections the operation may hold (fragments counted where they are spread).</summary>
    [Positive]
    public int MaxFields { get; set; } = 500;

    /// <summary>
    /// The longest chain of fragments spreading fragments (the standard introspection query has 3). Checked before
    /// validation, which follows spreads recursively: a chain of a thousand fragments would overflow its stack.
    /// </summary>
    [Positive]
    public int MaxFragmentDepth { get; set; } = 10;

    /// <summary>
    /// The deepest nesting of selections, inline fragments and fragment spreads, fragments expanded (the standard
    /// introspection query reaches 16, the widget's search 8). Bounds what a recursive walk of the document descends.
    /// </summary>
    [Positive]
    public int MaxNesting { get; set; } = 40;

    /// <summary>
    /// The most nodes a document may hold, fragments counted at each place they are spread: fields, fragments,
    /// arguments, values, directives (the standard introspection query has about 400).
    /// </summary>
    [Positive]
    public int MaxNodes { get; set; } = 10_000;

    /// <summary>The largest body of a POST, or query string of a GET, in bytes.</summary>
    [Positive]
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}
