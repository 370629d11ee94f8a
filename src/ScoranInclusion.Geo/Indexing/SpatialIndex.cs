using System.Runtime.InteropServices;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Geo.Indexing;

/// <summary>
/// An in-memory index of keyed WGS84 points answering k-nearest (in exact geodesic distance)
/// and latitude/longitude box queries, sized for up to a million points.
/// </summary>
/// <remarks>
/// <para>
/// Concurrency: copy-on-write snapshots. Every query reads the current immutable
/// <see cref="Snapshot"/> without locking and keeps it for its whole enumeration, so an
/// enumeration started before a write neither throws nor sees the write. Writers are
/// serialized by a lock and publish a new snapshot. A reader-writer lock was rejected
/// because the enumerations are lazy: a lock would have to be held between MoveNext calls,
/// possibly across threads in async resolvers, which ReaderWriterLockSlim forbids, and a
/// slow consumer would block every writer.
/// </para>
/// <para>
/// Layout: a large immutable base <see cref="KdTree{TKey}"/>, plus a small delta tree holding
/// the points upserted since it was built and a sorted list of the base slots that those
/// upserts and removals supersede. A write rebuilds only the delta (O(d log d), d ≤ 4096);
/// once the delta is full the next write folds everything into a new base (O(n log n), about
/// a second for a million points, on the writing thread). Bulk loads should use
/// <see cref="Rebuild"/>.
/// </para>
/// <para>
/// Memory: struct arrays only, about 110 bytes a point with a 16-byte key, all structures
/// included (tree arrays, key-to-slot dictionary): a million points take ~110 MB, and about
/// twice that while a new base is being built.
/// </para>
/// </remarks>
public sealed class SpatialIndex<TKey>
    where TKey : notnull, IComparable<TKey>
{
    // The delta (upserted points plus superseded base slots) is folded into a new base once it
    // exceeds 1/16 of the base, within these limits. Each write rebuilds the delta tree, O(d log d),
    // and each base rebuild, O(n log n), is amortized over d writes: for a million points, 4096
    // balances the two at well under a millisecond a write.
    private const int MinDeltaCapacity = 256;
    private const int MaxDeltaCapacity = 4096;

    // Rounding in the unit vectors and in asin is ~1e-9 m; this absolute slack keeps the lower
    // bounds below the exact distance even where the relative margin is smaller than that.
    private const double LowerBoundSlackMeters = 1e-6;

    private const double LowerBoundFactor = 1 - Geodesic.SphericalRelativeErrorBound;

    private readonly Lock _writeLock = new();

    // Writer-side state, only touched under _writeLock.
    private Dictionary<TKey, int> _baseSlots = [];
    private readonly Dictionary<TKey, GeoPoint> _delta = [];
    private readonly HashSet<int> _superseded = [];

    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>The number of indexed points.</summary>
    public int Count => Volatile.Read(ref _snapshot).Count;

    /// <summary>Adds the point for <paramref name="key"/>, or moves it if the key is already indexed.</summary>
    public void Upsert(TKey key, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureValid(point, nameof(point));

        lock (_writeLock)
        {
            if (_baseSlots.TryGetValue(key, out var slot))
                _superseded.Add(slot);
            _delta[key] = point;
            PublishAfterWrite();
        }
    }

    /// <summary>Removes the point for <paramref name="key"/>; false if it was not indexed.</summary>
    public bool Remove(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);

        lock (_writeLock)
        {
            var removed = _delta.Remove(key);
            if (_baseSlots.TryGetValue(key, out var slot) && _superseded.Add(slot))
                removed = true;
            if (removed)
                PublishAfterWrite();
            return removed;
        }
    }

    /// <summary>
    /// Upserts (a point) or removes (null) many keys as one write: the new state is published
    /// once, so a large batch costs one fold of the delta into a new base, O(n log n), instead
    /// of one delta rebuild per key. A later duplicate key wins. Queries see either none or all
    /// of the batch.
    /// </summary>
    public void Apply(IEnumerable<(TKey Key, GeoPoint? Point)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var list = changes as IReadOnlyCollection<(TKey Key, GeoPoint? Point)> ?? [.. changes];
        foreach (var (key, point) in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (point is { } p)
                EnsureValid(p, nameof(changes));
        }

        if (list.Count == 0)
            return;

        lock (_writeLock)
        {
            var changed = false;
            foreach (var (key, point) in list)
            {
                if (point is { } p)
                {
                    if (_baseSlots.TryGetValue(key, out var slot))
                        _superseded.Add(slot);
                    _delta[key] = p;
                    changed = true;
                }
                else
                {
                    changed |= _delta.Remove(key);
                    if (_baseSlots.TryGetValue(key, out var slot) && _superseded.Add(slot))
                        changed = true;
                }
            }

            if (changed)
                PublishAfterWrite();
        }
    }

    /// <summary>
    /// Replaces the whole content with <paramref name="items"/> (a later duplicate key wins).
    /// The tree is built before the write lock is taken, so a write that completes meanwhile is
    /// replaced too, as if it had happened just before.
    /// </summary>
    public void Rebuild(IEnumerable<(TKey Key, GeoPoint Point)> items)
    {
        ArgumentNullException.ThrowIfNull(items);

        var capacity = items.TryGetNonEnumeratedCount(out var count) ? count : 0;
        var slots = new Dictionary<TKey, int>(capacity);
        var entries = new List<IndexedEntry<TKey>>(capacity);
        foreach (var (key, point) in items)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(items));
            EnsureValid(point, nameof(items));
            if (slots.TryGetValue(key, out var slot))
            {
                entries[slot] = new IndexedEntry<TKey>(key, point);
            }
            else
            {
                slots.Add(key, entries.Count);
                entries.Add(new IndexedEntry<TKey>(key, point));
            }
        }

        var tree = BuildBase(CollectionsMarshal.AsSpan(entries), slots);
        lock (_writeLock)
        {
            _baseSlots = slots;
            _delta.Clear();
            _superseded.Clear();
            Volatile.Write(ref _snapshot, new Snapshot(tree, KdTree<TKey>.Empty, []));
        }
    }

    /// <summary>
    /// Every indexed point in ascending geodesic distance from <paramref name="origin"/> (ties by
    /// key), up to <paramref name="maxDistanceMeters"/> inclusive, lazily.
    /// </summary>
    /// <remarks>
    /// Reflects the index as it was when this method was called. The traversal is best-first
    /// over the trees in lower-bound order: the chord from the origin to a node's box (or to a
    /// point) on the unit sphere gives a spherical distance, and by
    /// <see cref="Geodesic.SphericalRelativeErrorBound"/> the geodesic one is at least
    /// (1 − 0.0068) times that. Exact distances are computed only for the points whose bound
    /// comes up, buffered in a heap, and a point is yielded once every unvisited bound exceeds
    /// its distance; so each result costs about log n, whatever filters the caller applies.
    /// </remarks>
    public IEnumerable<Neighbor<TKey>> Nearest(GeoPoint origin, double maxDistanceMeters = double.PositiveInfinity) =>
        Nearest(origin, maxDistanceMeters, where: null, counter: null);

    /// <summary>
    /// The indexed points whose key passes <paramref name="where"/>, in ascending geodesic distance from
    /// <paramref name="origin"/> (ties by key), up to <paramref name="maxDistanceMeters"/> inclusive, lazily.
    /// The same as filtering <see cref="Nearest(GeoPoint, double)"/>, but a point that fails is dropped as
    /// soon as its leaf is opened: no exact distance, no heap entry. The predicate is called at most once a
    /// point, on the enumerating thread, in no particular order (not only for the points given out).
    /// </summary>
    public IEnumerable<Neighbor<TKey>> Nearest(GeoPoint origin, double maxDistanceMeters, Func<TKey, bool>? where) =>
        Nearest(origin, maxDistanceMeters, where, counter: null);

    internal IEnumerable<Neighbor<TKey>> Nearest(GeoPoint origin, double maxDistanceMeters, DistanceEvaluationCounter? counter) =>
        Nearest(origin, maxDistanceMeters, where: null, counter);

    internal IEnumerable<Neighbor<TKey>> Nearest(GeoPoint origin, double maxDistanceMeters, Func<TKey, bool>? where, DistanceEvaluationCounter? counter)
    {
        EnsureValid(origin, nameof(origin));
        if (double.IsNaN(maxDistanceMeters) || maxDistanceMeters < 0)
            throw new ArgumentOutOfRangeException(nameof(maxDistanceMeters), maxDistanceMeters, "Must be zero or more.");

        return EnumerateNearest(Volatile.Read(ref _snapshot), origin, maxDistanceMeters, where, counter);
    }

    /// <summary>
    /// The points with south ≤ latitude ≤ north and west ≤ longitude ≤ east (degrees), in no
    /// particular order. When <paramref name="east"/> is less than <paramref name="west"/> the box
    /// crosses the antimeridian. Reflects the index as it was when this method was called.
    /// </summary>
    public IEnumerable<(TKey Key, GeoPoint Point)> WithinBox(double south, double west, double north, double east)
    {
        if (!(south >= -90 && south <= north && north <= 90))
            throw new ArgumentOutOfRangeException(nameof(south), "Expected -90 <= south <= north <= 90.");
        if (!(west >= -180 && west <= 180))
            throw new ArgumentOutOfRangeException(nameof(west), west, "Expected -180 <= west <= 180.");
        if (!(east >= -180 && east <= 180))
            throw new ArgumentOutOfRangeException(nameof(east), east, "Expected -180 <= east <= 180.");

        return EnumerateWithinBox(Volatile.Read(ref _snapshot), south, west, north, east);
    }

    private static void EnsureValid(GeoPoint point, string parameterName)
    {
        if (!point.IsValid)
            throw new ArgumentOutOfRangeException(parameterName, point, "Not a valid WGS84 position.");
    }

    private void PublishAfterWrite()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var capacity = Math.Clamp(snapshot.Base.Count / 16, MinDeltaCapacity, MaxDeltaCapacity);
        if (_delta.Count + _superseded.Count > capacity)
        {
            var live = new List<IndexedEntry<TKey>>(snapshot.Count);
            var entries = snapshot.Base.Entries;
            for (var i = 0; i < entries.Length; i++)
            {
                if (!_superseded.Contains(i))
                    live.Add(entries[i]);
            }

            foreach (var (key, point) in _delta)
                live.Add(new IndexedEntry<TKey>(key, point));

            var slots = new Dictionary<TKey, int>(live.Count);
            var tree = BuildBase(CollectionsMarshal.AsSpan(live), slots);
            _baseSlots = slots;
            _delta.Clear();
            _superseded.Clear();
            Volatile.Write(ref _snapshot, new Snapshot(tree, KdTree<TKey>.Empty, []));
            return;
        }

        var delta = new IndexedEntry<TKey>[_delta.Count];
        var d = 0;
        foreach (var (key, point) in _delta)
            delta[d++] = new IndexedEntry<TKey>(key, point);

        var superseded = _superseded.ToArray();
        Array.Sort(superseded);
        Volatile.Write(ref _snapshot, new Snapshot(snapshot.Base, KdTree<TKey>.Build(delta), superseded));
    }

    /// <summary>Builds a base tree and fills <paramref name="slots"/> with each key's position in it.</summary>
    private static KdTree<TKey> BuildBase(ReadOnlySpan<IndexedEntry<TKey>> entries, Dictionary<TKey, int> slots)
    {
        var tree = KdTree<TKey>.Build(entries);
        var treeEntries = tree.Entries;
        for (var i = 0; i < treeEntries.Length; i++)
            slots[treeEntries[i].Key] = i;
        return tree;
    }

    /// <summary>A lower bound of the geodesic distance, from a squared chord on the unit sphere.</summary>
    private static double LowerBoundMeters(double chordSquared)
    {
        var halfChord = Math.Sqrt(chordSquared) / 2;
        var spherical = 2 * Geodesic.MeanRadiusMeters * Math.Asin(Math.Min(1, halfChord));
        return spherical * LowerBoundFactor - LowerBoundSlackMeters;
    }

    private static IEnumerable<Neighbor<TKey>> EnumerateNearest(
        Snapshot snapshot, GeoPoint origin, double maxDistance, Func<TKey, bool>? where, DistanceEvaluationCounter? counter)
    {
        var query = UnitVector.From(origin);
        var frontier = new PriorityQueue<Pending, double>();
        var candidates = new PriorityQueue<Neighbor<TKey>, Neighbor<TKey>>(NeighborOrder.Instance);

        EnqueueRoot(snapshot.Base, Pending.BaseTree);
        EnqueueRoot(snapshot.Delta, Pending.DeltaTree);

        while (true)
        {
            // Every unvisited point is at least this far, so closer candidates are final.
            var bound = frontier.TryPeek(out _, out var lowest) ? lowest : double.PositiveInfinity;
            while (candidates.TryPeek(out var next, out _) && next.DistanceMeters < bound)
            {
                if (next.DistanceMeters > maxDistance)
                    yield break;
                candidates.Dequeue();
                yield return next;
            }

            if (!frontier.TryDequeue(out var item, out _))
                yield break;

            var tree = item.Tree == Pending.BaseTree ? snapshot.Base : snapshot.Delta;
            if (item.IsPoint)
            {
                var entry = tree.Entries[item.Index];
                counter?.Increment();
                var neighbor = new Neighbor<TKey>(entry.Key, entry.Point, Geodesic.DistanceMeters(origin, entry.Point));
                candidates.Enqueue(neighbor, neighbor);
                continue;
            }

            var node = tree.Nodes[item.Index];
            if (node.IsLeaf)
            {
                var vectors = tree.Vectors;
                for (var i = node.Start; i < node.End; i++)
                {
                    if (item.Tree == Pending.BaseTree && snapshot.IsSuperseded(i))
                        continue;
                    if (where is not null && !where(tree.Entries[i].Key))
                        continue;
                    var lowerBound = LowerBoundMeters(query.ChordSquaredTo(vectors[i]));
                    if (lowerBound <= maxDistance)
                        frontier.Enqueue(new Pending(item.Tree, i, IsPoint: true), lowerBound);
                }
            }
            else
            {
                EnqueueNode(tree, item.Tree, node.FirstChild);
                EnqueueNode(tree, item.Tree, node.FirstChild + 1);
            }
        }

        void EnqueueRoot(KdTree<TKey> tree, byte treeId)
        {
            if (tree.Count > 0)
                EnqueueNode(tree, treeId, 0);
        }

        void EnqueueNode(KdTree<TKey> tree, byte treeId, int nodeIndex)
        {
            var lowerBound = LowerBoundMeters(tree.Nodes[nodeIndex].Bounds.DistanceSquaredTo(query));
            if (lowerBound <= maxDistance)
                frontier.Enqueue(new Pending(treeId, nodeIndex, IsPoint: false), lowerBound);
        }
    }

    private static IEnumerable<(TKey Key, GeoPoint Point)> EnumerateWithinBox(
        Snapshot snapshot, double south, double west, double north, double east)
    {
        var box = Box3.ForLatLonRectangle(south, west, north, east);
        var crossesAntimeridian = east < west;
        var stack = new Stack<int>();

        for (var treeId = Pending.BaseTree; treeId <= Pending.DeltaTree; treeId++)
        {
            var isBase = treeId == Pending.BaseTree;
            var tree = isBase ? snapshot.Base : snapshot.Delta;
            if (tree.Count == 0)
                continue;

            stack.Push(0);
            while (stack.TryPop(out var nodeIndex))
            {
                var node = tree.Nodes[nodeIndex];
                if (!node.Bounds.Intersects(box))
                    continue;

                if (!node.IsLeaf)
                {
                    stack.Push(node.FirstChild + 1);
                    stack.Push(node.FirstChild);
                    continue;
                }

                for (var i = node.Start; i < node.End; i++)
                {
                    if (isBase && snapshot.IsSuperseded(i))
                        continue;
                    var entry = tree.Entries[i];
                    var (latitude, longitude) = entry.Point;
                    var inLongitude = crossesAntimeridian
                        ? longitude >= west || longitude <= east
                        : longitude >= west && longitude <= east;
                    if (inLongitude && latitude >= south && latitude <= north)
                        yield return (entry.Key, entry.Point);
                }
            }
        }
    }

    /// <summary>An immutable state of the index: what a query sees from start to end.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(KdTree<TKey>.Empty, KdTree<TKey>.Empty, []);

        private readonly int[] _superseded;

        /// <param name="superseded">Sorted base slots that no longer hold a live point.</param>
        public Snapshot(KdTree<TKey> @base, KdTree<TKey> delta, int[] superseded)
        {
            Base = @base;
            Delta = delta;
            _superseded = superseded;
            Count = @base.Count - superseded.Length + delta.Count;
        }

        public KdTree<TKey> Base { get; }

        public KdTree<TKey> Delta { get; }

        public int Count { get; }

        /// <summary>True when base slot <paramref name="slot"/> was moved to the delta or removed.</summary>
        public bool IsSuperseded(int slot) => _superseded.Length != 0 && Array.BinarySearch(_superseded, slot) >= 0;
    }

    /// <summary>A frontier entry: a node to open or a point to measure, in tree 0 (base) or 1 (delta).</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Pending(byte Tree, int Index, bool IsPoint)
    {
        public const byte BaseTree = 0;
        public const byte DeltaTree = 1;
    }

    private sealed class NeighborOrder : IComparer<Neighbor<TKey>>
    {
        public static readonly NeighborOrder Instance = new();

        public int Compare(Neighbor<TKey> x, Neighbor<TKey> y)
        {
            var byDistance = x.DistanceMeters.CompareTo(y.DistanceMeters);
            return byDistance != 0 ? byDistance : x.Key.CompareTo(y.Key);
        }
    }
}
