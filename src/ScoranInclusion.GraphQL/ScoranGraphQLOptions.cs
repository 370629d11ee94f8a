namespace ScoranInclusion.GraphQL;

/// <summary>Bound from the <c>GraphQL</c> section.</summary>
public sealed class ScoranGraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>The largest <c>first</c> a connection accepts.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The largest search radius, in kilometres (the region is about 400 km across).</summary>
    public double MaxRadiusKm { get; set; } = 1000;

    /// <summary>How many parsed documents are kept; widgets send the same few queries again and again.</summary>
    public int DocumentCacheSize { get; set; } = 500;

    /// <summary>Send exception messages to clients (Development only; never in production).</summary>
    public bool ExposeExceptionDetails { get; set; }
}
