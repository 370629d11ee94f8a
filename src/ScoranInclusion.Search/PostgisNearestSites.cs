using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search;

/// <summary>
/// Nearest places on PostgreSQL: the database walks its GiST index in k-nearest order
/// (<c>ORDER BY location &lt;-&gt; origin</c>, which <c>EF.Functions.DistanceKnn</c> writes), restricted by
/// <c>ST_DWithin</c> when a radius is given, in batches that grow; the filters are the same C# code as on
/// SQLite (<see cref="SiteMatcher"/>), applied to each candidate. Nothing is kept between calls: every
/// replica answers from the database alone.
/// </summary>
/// <remarks>
/// The distance of each place is PostGIS's <c>ST_Distance(geography, geography)</c>, a geodesic on the
/// WGS84 spheroid (GeographicLib), within a millimetre of our Vincenty (<see cref="Geodesic.DistanceMeters"/>).
/// The <c>&lt;-&gt;</c> operator on geography orders by the distance on a sphere, which differs from the
/// spheroid's by at most <see cref="Geodesic.SphericalRelativeErrorBound"/> (relative). So a candidate is
/// given out only once every place not yet read is known to be farther: its spheroid distance is below
/// the sphere distance of the last row read × (1 − bound). The order is then exactly (spheroid distance, id).
/// </remarks>
public sealed class PostgisNearestSites(ScoranDbContext db, ScheduleCache schedules) : INearestSites
{
    private const int FirstBatch = 32;
    private const int MaxBatch = 2048;

    public async IAsyncEnumerable<SiteHit> NearestAsync(
        GeoPoint origin, SiteFilter filter, double maxDistanceMeters, SiteHit? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var matcher = new SiteMatcher(filter);
        var point = new Point(origin.Longitude, origin.Latitude) { SRID = 4326 };
        var pending = new PriorityQueue<SiteHit, (double Distance, long Id)>();
        var seen = new HashSet<long>();
        var from = 0.0;
        var batch = FirstBatch;
        while (true)
        {
            // Keyset on the k-nearest value rather than OFFSET: rows at the same value as the last one are
            // read again (and ignored), none is skipped, whatever order the database gives equal values.
            var rows = await Candidates(point, filter, maxDistanceMeters, from).Take(batch).ToListAsync(cancellationToken);
            var exhausted = rows.Count < batch;
            var progressed = false;
            foreach (var row in rows)
            {
                if (!seen.Add(row.Site.Id))
                {
                    continue;
                }

                progressed = true;
                var site = row.Site.ToDomain();
                if (SiteMatcher.IsAfter(row.Distance, row.Site.Id, after)
                    && matcher.Matches(row.Site.Id, SiteFacets.Of(site), schedules.Get(site.Horaires), site.Closures))
                {
                    pending.Enqueue(new SiteHit(row.Site.Id, row.Distance), (row.Distance, row.Site.Id));
                }
            }

            var safe = exhausted ? double.PositiveInfinity : rows[^1].SphereDistance * (1 - Geodesic.SphericalRelativeErrorBound);
            while (pending.TryPeek(out var hit, out var key) && key.Distance < safe)
            {
                pending.Dequeue();
                yield return hit;
            }

            if (exhausted)
            {
                yield break;
            }

            from = rows[^1].SphereDistance;
            // A full batch of places at one same distance: read more at once to get past them.
            batch = progressed ? Math.Min(batch * 4, MaxBatch) : batch * 4;
        }
    }

    /// <summary>
    /// The places at <paramref name="fromSphereMeters"/> or farther in k-nearest order: an Index Scan of the
    /// GiST index (no Sort), which a test checks with EXPLAIN. No secondary order: a tie-breaker in ORDER BY
    /// would make PostgreSQL sort every row instead of walking the index.
    /// </summary>
    public IQueryable<Candidate> Candidates(Point origin, SiteFilter filter, double maxDistanceMeters, double fromSphereMeters)
    {
        // Withdrawn places are left out in the scan itself (a filter of the index walk, no sort).
        var sites = db.Sites.AsNoTracking().Where(s => EF.Property<Point?>(s, PostgresScoranDbContext.LocationProperty) != null && s.WithdrawnAt == null);
        if (fromSphereMeters > 0)
        {
            sites = sites.Where(s => EF.Functions.DistanceKnn(EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty), origin) >= fromSphereMeters);
        }

        if (double.IsFinite(maxDistanceMeters))
        {
            sites = sites.Where(s => EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty).IsWithinDistance(origin, maxDistanceMeters));
        }

        if (filter.OnlySites is { } only)
        {
            // Only a narrowing of the rows read: the SiteMatcher still decides.
            var keys = only.ToArray();
            sites = sites.Where(s => keys.Contains(s.Id));
        }

        return sites
            .OrderBy(s => EF.Functions.DistanceKnn(EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty), origin))
            .Select(s => new Candidate(
                s,
                EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty).Distance(origin),
                EF.Functions.DistanceKnn(EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty), origin)));
    }

    /// <param name="Distance">ST_Distance on the spheroid, metres.</param>
    /// <param name="SphereDistance">The k-nearest operator's value (sphere), metres.</param>
    public sealed record Candidate(SiteEntity Site, double Distance, double SphereDistance);
}
