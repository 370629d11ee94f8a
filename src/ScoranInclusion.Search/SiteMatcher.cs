using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

/// <summary>
/// The filters of a search, evaluated on one candidate. The one place where a <see cref="SiteFilter"/>
/// is decided, whichever provider produced the candidate. Not thread-safe: one matcher per search.
/// </summary>
public sealed class SiteMatcher(SiteFilter filter)
{
    private readonly FacetMask _mask = FacetMask.Of(filter);

    // Places share their hours (the schedule cache gives one schedule per expression): with
    // « open on a day », each distinct schedule is evaluated once per matcher (one search).
    private readonly Dictionary<OpeningHoursSchedule, bool> _opensOn = new(ReferenceEqualityComparer.Instance);

    public SiteFilter Filter => filter;

    /// <summary>Whether a candidate strictly follows <paramref name="after"/> in (distance, id) order.</summary>
    public static bool IsAfter(double distanceMeters, long id, SiteHit? after) =>
        after is not { } a || distanceMeters > a.DistanceMeters || (distanceMeters == a.DistanceMeters && id > a.SiteId);

    /// <param name="hours">The place's compiled hours, null when missing or invalid.</param>
    /// <param name="closures">The place's temporary closures (closed whole days, whatever its hours say); null or empty: none.</param>
    public bool Matches(long id, in SiteFacets facets, OpeningHoursSchedule? hours, IReadOnlyList<SiteClosure>? closures = null) =>
        (filter.OnlySites is null || filter.OnlySites.Contains(id))
        && _mask.Matches(facets)
        && (filter.OpenAt is not { } at || (hours is not null && hours.IsOpen(at) && !TemporaryNotices.IsClosedAt(closures, at)))
        && (filter.OpenOn is not { } day || (hours is not null && OpensOnOnce(hours, day) && TemporaryNotices.ClosureOn(closures, day) is null));

    private bool OpensOnOnce(OpeningHoursSchedule hours, DateOnly day)
    {
        if (!_opensOn.TryGetValue(hours, out var open))
        {
            _opensOn[hours] = open = OpensOn(hours, day);
        }

        return open;
    }

    /// <summary>True when the hours have an open stretch (not merely « sur rendez-vous ») during this Paris day.</summary>
    private static bool OpensOn(OpeningHoursSchedule hours, DateOnly day)
    {
        var start = ParisTime.FromLocal(day.ToDateTime(TimeOnly.MinValue));
        var end = ParisTime.FromLocal(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        return hours.Intervals(start, end).Any(i => i.Status == OpeningStatus.Open);
    }
}
