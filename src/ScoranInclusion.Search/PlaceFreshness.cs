using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search;

/// <summary>Bound from the <c>Freshness</c> section: when a place's information is shown as to be checked.</summary>
public sealed class FreshnessOptions
{
    public const string Section = "Freshness";

    /// <summary>The most months allowed in <see cref="StaleAfter"/> and in a coverage's « fresh only » (ten years).</summary>
    public const int MaxMonths = 120;

    /// <summary>
    /// Months after the last sign that a place is true (a person's confirmation or edit, a source's <c>date_maj</c>)
    /// past which pages show « Informations à vérifier ».
    /// </summary>
    [Positive]
    [Between(1, MaxMonths)]
    public int StaleAfter { get; set; } = SiteFreshness.DefaultStaleAfterMonths;
}

/// <summary>The freshness of places as citizens are shown it, at the injected clock's now.</summary>
public sealed class PlaceFreshness(IOptions<FreshnessOptions> options, TimeProvider clock)
{
    public int StaleAfterMonths => options.Value.StaleAfter;

    /// <summary>From the place's row alone (its kept sign and its confirmation): no query.</summary>
    public Freshness Of(StoredSite site) => Of(site, clock.GetUtcNow());

    /// <summary>At a given instant (a request's own, read once for all its places).</summary>
    public Freshness Of(StoredSite site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(site);
        return SiteFreshness.Of(site.LatestSign, now, options.Value.StaleAfter);
    }
}
