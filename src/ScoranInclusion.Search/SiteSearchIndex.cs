using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Geo.Indexing;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search;

/// <summary>
/// The in-process spatial index of sites with their filter facets. On the embedded SQLite
/// default this process owns every write, so the index is loaded once and kept in step by
/// the code that writes (<see cref="Upsert"/>, <see cref="Remove"/>).
/// </summary>
public sealed class SiteSearchIndex(ScheduleCache schedules) : INearestSites, ISearchPublication
{
    private readonly SpatialIndex<long> _points = new();
    private readonly ConcurrentDictionary<long, SiteFacets> _facets = new();
    private readonly ConcurrentDictionary<long, OpeningHoursSchedule> _hours = new();
    private readonly ConcurrentDictionary<long, IReadOnlyList<Domain.Sites.SiteClosure>> _closures = new();
    private volatile bool _loaded;
    private long _version;

    public int Count => _points.Count;

    /// <summary>
    /// Counts the writes to the index (loads, upserts, removals, publications), incremented once each is visible to
    /// searches: an answer computed from the index at one version is still true while the version is the same
    /// (<see cref="PublishedAnswers"/>).
    /// </summary>
    public long Version => Volatile.Read(ref _version);

    public bool IsLoaded => _loaded;

    public async Task LoadAsync(ScoranDbContext db, CancellationToken cancellationToken)
    {
        var entries = new List<(long, GeoPoint)>();
        _facets.Clear();
        _hours.Clear();
        _closures.Clear();
        // A withdrawn place is never searched (it stays in the database, with its history, for moderators).
        await foreach (var entity in db.Sites.AsNoTracking().Where(s => s.WithdrawnAt == null).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Stage(entries, entity.Id, entity.ToDomain());
        }

        _points.Rebuild(entries);
        _loaded = true;
        Interlocked.Increment(ref _version);
    }

    /// <summary>
    /// Replaces the whole content with <paramref name="sites"/> at once (one tree build, as
    /// <see cref="LoadAsync"/> does from the database): for loading many places, where one
    /// <see cref="Upsert"/> each would rebuild the index's delta every time.
    /// </summary>
    public void Load(IEnumerable<(long Id, Domain.Sites.Site Site)> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var entries = new List<(long, GeoPoint)>();
        _facets.Clear();
        _hours.Clear();
        _closures.Clear();
        foreach (var (id, site) in sites)
        {
            Stage(entries, id, site);
        }

        _points.Rebuild(entries);
        _loaded = true;
        Interlocked.Increment(ref _version);
    }

    public void Upsert(long id, Domain.Sites.Site site)
    {
        SetFacets(id, site);
        if (site.Location is { } point)
        {
            _points.Upsert(id, point);
        }
        else
        {
            _points.Remove(id);
        }

        Interlocked.Increment(ref _version);
    }

    /// <summary>Shows committed writes in searches.</summary>
    public void Publish(UpsertResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Publish(result.Written);
    }

    /// <summary>
    /// Shows committed writes in searches, as one write of the spatial index (one rebuild for the
    /// whole batch, O(n log n), rather than one per place).
    /// </summary>
    public void Publish(IEnumerable<(long Key, Domain.Sites.Site Site)> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var points = new List<(long, GeoPoint?)>();
        foreach (var (key, site) in written)
        {
            Stage(points, key, site);
        }

        _points.Apply(points);
        Interlocked.Increment(ref _version);
    }

    /// <summary>As <see cref="Publish(IEnumerable{ValueTuple{long, Domain.Sites.Site}})"/>, reading the places as they come (from the database).</summary>
    public async Task PublishAsync(IAsyncEnumerable<(long Key, Domain.Sites.Site Site)> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        var points = new List<(long, GeoPoint?)>();
        await foreach (var (key, site) in written.WithCancellation(cancellationToken))
        {
            Stage(points, key, site);
        }

        _points.Apply(points);
        Interlocked.Increment(ref _version);
    }

    /// <summary>A whole load: the site's facets now, its point (if any) for the one tree build at the end.</summary>
    private void Stage(List<(long, GeoPoint)> entries, long id, Domain.Sites.Site site)
    {
        SetFacets(id, site);
        if (site.Location is { } point)
        {
            entries.Add((id, point));
        }
    }

    /// <summary>A publication: the site's facets now, its point or its removal (no point) for the one tree write at the end.</summary>
    private void Stage(List<(long, GeoPoint?)> changes, long id, Domain.Sites.Site site)
    {
        SetFacets(id, site);
        changes.Add((id, site.Location));
    }

    public void Remove(long id)
    {
        _facets.TryRemove(id, out _);
        _hours.TryRemove(id, out _);
        _closures.TryRemove(id, out _);
        _points.Remove(id);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Sites in ascending (distance, id) order that pass the filter, strictly after <paramref name="after"/>.</summary>
    public IEnumerable<SiteHit> Nearest(GeoPoint origin, SiteFilter filter, double maxDistanceMeters, SiteHit? after)
    {
        // The filter goes down into the index: a place that fails it costs two lookups and the
        // matcher, never an exact geodesic distance nor a heap entry (a selective filter reads
        // hundreds of places to find ten).
        // Without a filter, only the places given out are looked up (a place without facets is one
        // being removed).
        var matcher = new SiteMatcher(filter);
        Func<long, bool>? passes = filter.IsEmpty ? null
            : key => _facets.TryGetValue(key, out var facets) && matcher.Matches(key, facets, _hours.GetValueOrDefault(key), _closures.GetValueOrDefault(key));
        foreach (var neighbor in _points.Nearest(origin, maxDistanceMeters, passes))
        {
            if (SiteMatcher.IsAfter(neighbor.DistanceMeters, neighbor.Key, after)
                && (passes is not null || _facets.ContainsKey(neighbor.Key)))
            {
                yield return new SiteHit(neighbor.Key, neighbor.DistanceMeters);
            }
        }
    }

    /// <summary>
    /// A spatial index of the located places that pass the filter, as they are now: one matcher
    /// (which evaluates each distinct opening-hours expression once for a day) over every place, so
    /// that many nearest searches under the same filter (the coverage of every commune) do not
    /// evaluate opening hours again and again.
    /// </summary>
    public SpatialIndex<long> MatchingPlaces(SiteFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var matcher = new SiteMatcher(filter);
        var places = new SpatialIndex<long>();
        places.Rebuild(_points.WithinBox(-90, -180, 90, 180)
            .Where(p => _facets.TryGetValue(p.Key, out var facets) && matcher.Matches(p.Key, facets, _hours.GetValueOrDefault(p.Key), _closures.GetValueOrDefault(p.Key)))
            .ToList());
        return places;
    }

    IAsyncEnumerable<SiteHit> INearestSites.NearestAsync(
        GeoPoint origin, SiteFilter filter, double maxDistanceMeters, SiteHit? after, CancellationToken cancellationToken) =>
        Nearest(origin, filter, maxDistanceMeters, after).ToAsyncEnumerable();

    private void SetFacets(long id, Domain.Sites.Site site)
    {
        _facets[id] = SiteFacets.Of(site);
        if (site.Closures.Count > 0)
        {
            _closures[id] = site.Closures;
        }
        else
        {
            _closures.TryRemove(id, out _);
        }

        if (schedules.Get(site.Horaires) is { } hours)
        {
            _hours[id] = hours;
        }
        else
        {
            _hours.TryRemove(id, out _);
        }
    }
}

/// <summary>One search result: the site's internal id and its geodesic distance in metres.</summary>
public readonly record struct SiteHit(long SiteId, double DistanceMeters);
