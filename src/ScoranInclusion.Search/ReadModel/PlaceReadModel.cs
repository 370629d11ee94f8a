using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Changes;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search.ReadModel;

/// <summary>
/// The public place as searches show it, in memory: the stored places (<see cref="StoredSite"/>, the same objects the
/// <c>Site</c> resolvers read, built from the row by <see cref="StoredSite.From"/>, so a field added to a place is here
/// without more work), the sessions still to come at each place and their offers. Each part is an immutable snapshot
/// replaced as a whole: a reader never sees half a write.
/// <para>
/// Only where this process owns every write (the SQLite server, which loads it with the search index): a committed
/// write drops what it changed (the search publication, <see cref="ISearchPublication"/>, for places; the commits of
/// EF Core, <see cref="CommittedWrites"/>, for places, offers and sessions), and the next read reads it again from the
/// database, once. Until loaded (PostgreSQL, whose replicas must not diverge, a verb), every read goes to the
/// database: the batched queries.
/// </para>
/// <para>
/// A read that started before a write and ends after it keeps its answer but does not store it (a generation
/// counter per part): the snapshot never holds something older than the last committed write it was told about.
/// </para>
/// </summary>
public sealed class PlaceReadModel
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<long, StoredSite> _sites = ImmutableDictionary<long, StoredSite>.Empty;
    private Sessions? _sessions;
    private long _sitesGeneration;
    private long _sessionsGeneration;
    private volatile bool _loaded;
    private CommittedWrites? _listening;

    public bool IsLoaded => _loaded;

    /// <summary>Places held now (for the start-up log and the tests).</summary>
    public int Count => Volatile.Read(ref _sites).Count;

    /// <summary>
    /// Reads every live place once (the server's start), and from then on follows the commits of <paramref name="writes"/>.
    /// Returns the places read, for the search index to be built from the same read.
    /// </summary>
    public async Task<IReadOnlyList<StoredSite>> LoadAsync(ScoranDbContext db, CommittedWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(writes);
        Listen(writes);
        var generation = Volatile.Read(ref _sitesGeneration);
        var builder = ImmutableDictionary.CreateBuilder<long, StoredSite>();
        var all = new List<StoredSite>();
        await foreach (var entity in db.Sites.AsNoTracking().Where(s => s.WithdrawnAt == null).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var site = StoredSite.From(entity);
            builder[site.Key] = site;
            all.Add(site);
        }

        lock (_gate)
        {
            if (_sitesGeneration == generation)
            {
                _sites = builder.ToImmutable();
            }
        }

        _loaded = true;
        return all;
    }

    private void Listen(CommittedWrites writes)
    {
        lock (_gate)
        {
            if (_listening is null)
            {
                _listening = writes;
                writes.Committed += OnCommitted;
            }
        }
    }

    private void OnCommitted(CommittedChange change)
    {
        if (change.AllSites)
        {
            AllSitesChanged();
        }
        else if (change.Sites.Count > 0)
        {
            SitesChanged(change.Sites);
        }

        if (change.Offers)
        {
            OffersChanged();
        }
    }

    /// <summary>These places were written (or withdrawn, or removed): read again at their next read.</summary>
    public void SitesChanged(IEnumerable<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            _sites = _sites.RemoveRange(keys);
            _sitesGeneration++;
            // A session's place may have moved with a merge: the sessions are read again too.
            _sessions = null;
            _sessionsGeneration++;
        }
    }

    /// <summary>A write whose places are not known (a set-based update): every place is read again when next asked.</summary>
    public void AllSitesChanged()
    {
        lock (_gate)
        {
            _sites = ImmutableDictionary<long, StoredSite>.Empty;
            _sitesGeneration++;
            _sessions = null;
            _sessionsGeneration++;
        }
    }

    /// <summary>An offer, a session or a reservation's seats changed: the sessions are read again when next asked.</summary>
    public void OffersChanged()
    {
        lock (_gate)
        {
            _sessions = null;
            _sessionsGeneration++;
        }
    }

    /// <summary>The place if held (live), else null: the caller reads the database.</summary>
    public StoredSite? Find(long key) => _loaded && Volatile.Read(ref _sites).TryGetValue(key, out var site) ? site : null;

    /// <summary>The live places among <paramref name="keys"/>, as <see cref="SiteReader.GetManyAsync"/>: from memory, the others read in one query.</summary>
    public async Task<IReadOnlyDictionary<long, StoredSite>> SitesAsync(SiteReader reader, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(keys);
        if (!_loaded)
        {
            return await reader.GetManyAsync(keys, cancellationToken);
        }

        var sites = Volatile.Read(ref _sites);
        var found = new Dictionary<long, StoredSite>(keys.Count);
        List<long>? missing = null;
        foreach (var key in keys)
        {
            if (sites.TryGetValue(key, out var site))
            {
                found[key] = site;
            }
            else
            {
                (missing ??= []).Add(key);
            }
        }

        if (missing is null)
        {
            return found;
        }

        var generation = Volatile.Read(ref _sitesGeneration);
        var read = await reader.GetManyAsync(missing, cancellationToken);
        foreach (var (key, site) in read)
        {
            found[key] = site;
        }

        lock (_gate)
        {
            if (_sitesGeneration == generation)
            {
                _sites = _sites.SetItems(read);
            }
        }

        return found;
    }

    /// <summary>
    /// As <see cref="OfferReader.NextSessionsOfSitesAsync"/> (in progress or to come at <paramref name="now"/>, by start time,
    /// the first <paramref name="first"/> of each place, every place in the answer), from memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<StoredSession>>> NextSessionsAsync(
        OfferReader reader, IReadOnlyCollection<long> siteKeys, DateTimeOffset now, int first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(siteKeys);
        var sessions = await SessionsAsync(reader, now, cancellationToken);
        if (sessions is null)
        {
            return await reader.NextSessionsOfSitesAsync(siteKeys, now, first, cancellationToken);
        }

        var result = new Dictionary<long, IReadOnlyList<StoredSession>>(siteKeys.Count);
        foreach (var key in siteKeys)
        {
            if (first == 0 || !sessions.BySite.TryGetValue(key, out var all))
            {
                result[key] = [];
                continue;
            }

            List<StoredSession>? next = null;
            foreach (var session in all)
            {
                if (session.EndsAt > now)
                {
                    (next ??= []).Add(session);
                    if (next.Count == first)
                    {
                        break;
                    }
                }
            }

            result[key] = next is null ? [] : next;
        }

        return result;
    }

    /// <summary>As <see cref="OfferReader.GetOffersAsync"/>: from memory when every offer asked is that of a session to come.</summary>
    public async Task<IReadOnlyDictionary<long, StoredOffer>> OffersAsync(OfferReader reader, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(keys);
        if (_loaded && Volatile.Read(ref _sessions) is { } sessions)
        {
            var found = new Dictionary<long, StoredOffer>(keys.Count);
            foreach (var key in keys)
            {
                if (!sessions.Offers.TryGetValue(key, out var offer))
                {
                    return await reader.GetOffersAsync(keys, cancellationToken);
                }

                found[key] = offer;
            }

            return found;
        }

        return await reader.GetOffersAsync(keys, cancellationToken);
    }

    /// <summary>The sessions to come (read again after a write), or null to read the database (not loaded, or asked about an earlier instant).</summary>
    private async Task<Sessions?> SessionsAsync(OfferReader reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            return null;
        }

        if (Volatile.Read(ref _sessions) is { } held)
        {
            // Held from an instant after this one (a clock set back): a session that ended in between is not held.
            return held.From <= now ? held : null;
        }

        var generation = Volatile.Read(ref _sessionsGeneration);
        var (rows, offers) = await reader.UpcomingAtSitesAsync(now, cancellationToken);
        var built = new Sessions(
            now,
            rows.GroupBy(r => r.SiteKey!.Value).ToImmutableDictionary(g => g.Key, g => g.ToImmutableArray()),
            offers.ToImmutableDictionary());
        lock (_gate)
        {
            if (_sessionsGeneration == generation)
            {
                _sessions = built;
            }
        }

        return built;
    }

    /// <summary>The sessions not ended at <see cref="From"/>, by place and start time, and their offers.</summary>
    private sealed record Sessions(
        DateTimeOffset From, ImmutableDictionary<long, ImmutableArray<StoredSession>> BySite, ImmutableDictionary<long, StoredOffer> Offers);
}
