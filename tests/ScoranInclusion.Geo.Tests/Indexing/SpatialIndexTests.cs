using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Indexing;
using Xunit.Abstractions;

namespace ScoranInclusion.Geo.Tests.Indexing;

public sealed class SpatialIndexTests(ITestOutputHelper output)
{
    private static readonly GeoPoint s_dijon = new(47.322, 5.041);

    [Fact]
    public void First_25_nearest_match_a_brute_force_ranking()
    {
        var random = new Random(2024);
        var points = RandomPoints(random, 2_000);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));

        for (var i = 0; i < 500; i++)
        {
            var origin = RandomRegionPoint(random);

            var expected = BruteForce(points.Select((p, k) => (k, p)), origin).Take(25);
            var actual = index.Nearest(origin).Take(25);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Enumerates_every_point_in_order_when_not_stopped()
    {
        var random = new Random(11);
        var points = RandomPoints(random, 300);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));

        foreach (var origin in new[] { s_dijon, new GeoPoint(-33.87, 151.21), new GeoPoint(90, 0) })
            Assert.Equal(BruteForce(points.Select((p, k) => (k, p)), origin), index.Nearest(origin));
    }

    [Fact]
    public void Max_distance_is_respected()
    {
        var random = new Random(5);
        var points = RandomPoints(random, 2_000);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));

        foreach (var maxDistance in new[] { 0, 500, 5_000, 20_000, 60_000 })
        {
            var origin = RandomRegionPoint(random);
            var expected = BruteForce(points.Select((p, k) => (k, p)), origin)
                .TakeWhile(n => n.DistanceMeters <= maxDistance);

            Assert.Equal(expected, index.Nearest(origin, maxDistance));
        }
    }

    [Fact]
    public void Max_distance_includes_a_point_exactly_at_that_distance()
    {
        var index = new SpatialIndex<int>();
        var point = new GeoPoint(47.2378, 6.0241);
        index.Upsert(1, point);

        var distance = Geodesic.DistanceMeters(s_dijon, point);

        Assert.Single(index.Nearest(s_dijon, distance));
        Assert.Empty(index.Nearest(s_dijon, Math.BitDecrement(distance)));
    }

    [Fact]
    public void Taking_ten_among_100000_points_measures_few_of_them()
    {
        var random = new Random(42);
        var index = new SpatialIndex<int>();
        index.Rebuild(RandomPoints(random, 100_000).Select((p, i) => (i, p)));

        var worst = 0;
        for (var i = 0; i < 20; i++)
        {
            var counter = new DistanceEvaluationCounter();
            var neighbors = index.Nearest(RandomRegionPoint(random), double.PositiveInfinity, counter).Take(10).ToList();

            Assert.Equal(10, neighbors.Count);
            worst = Math.Max(worst, counter.Count);
        }

        output.WriteLine($"geodesic distances computed for 10 neighbours among 100,000 points: at most {worst}");
        Assert.InRange(worst, 10, 100);
    }

    [Fact]
    public void A_filter_gives_the_filtered_ranking_and_measures_only_the_points_that_pass()
    {
        var random = new Random(77);
        var points = RandomPoints(random, 20_000);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));
        // A delta on top of the base: moved and removed points must be filtered the same way.
        for (var i = 0; i < 300; i++)
            index.Upsert(i * 7, RandomRegionPoint(random));
        index.Remove(21);

        for (var i = 0; i < 30; i++)
        {
            var origin = RandomRegionPoint(random);
            var maxDistance = i % 3 == 0 ? 30_000 : double.PositiveInfinity;
            var expected = index.Nearest(origin, maxDistance).Where(n => n.Key % 29 == 0).Take(10).ToList();
            var called = new HashSet<int>();
            var counter = new DistanceEvaluationCounter();

            var actual = index.Nearest(origin, maxDistance, key => called.Add(key) && key % 29 == 0, counter).Take(10).ToList();

            Assert.Equal(expected, actual);
            // Only points that pass get an exact distance; none is asked about twice.
            Assert.InRange(counter.Count, actual.Count, called.Count(k => k % 29 == 0));
        }
    }

    [Fact]
    public void Upsert_adds_then_moves_a_point()
    {
        var index = new SpatialIndex<string>();
        index.Upsert("a", new GeoPoint(47.0, 5.0));
        index.Upsert("b", new GeoPoint(47.5, 5.5));

        Assert.Equal(2, index.Count);
        Assert.Equal("a", index.Nearest(new GeoPoint(47.0, 5.0)).First().Key);

        index.Upsert("a", new GeoPoint(48.0, 6.0));

        Assert.Equal(2, index.Count);
        Assert.Equal("b", index.Nearest(new GeoPoint(47.0, 5.0)).First().Key);
        Assert.Equal(new GeoPoint(48.0, 6.0), index.Nearest(new GeoPoint(48.0, 6.0)).First().Point);
    }

    [Fact]
    public void Upsert_moves_a_point_loaded_by_rebuild()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(1, new GeoPoint(47.0, 5.0)), (2, new GeoPoint(47.5, 5.5))]);

        index.Upsert(1, new GeoPoint(48.0, 6.0));

        Assert.Equal(2, index.Count);
        Assert.Equal([2, 1], index.Nearest(new GeoPoint(47.0, 5.0)).Select(n => n.Key));
        Assert.Equal(0, index.Nearest(new GeoPoint(48.0, 6.0)).First().DistanceMeters);
    }

    [Fact]
    public void Remove_removes_from_the_base_and_from_recent_writes()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(1, new GeoPoint(47.0, 5.0)), (2, new GeoPoint(47.5, 5.5))]);
        index.Upsert(3, new GeoPoint(46.5, 4.5));

        Assert.True(index.Remove(1));
        Assert.True(index.Remove(3));
        Assert.False(index.Remove(1));
        Assert.False(index.Remove(99));

        Assert.Equal(1, index.Count);
        Assert.Equal([2], index.Nearest(s_dijon).Select(n => n.Key));
        Assert.Equal([2], index.WithinBox(-90, -180, 90, 180).Select(p => p.Key));
    }

    [Fact]
    public void Moved_then_removed_point_is_gone()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(1, new GeoPoint(47.0, 5.0))]);
        index.Upsert(1, new GeoPoint(48.0, 6.0));

        Assert.True(index.Remove(1));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Nearest(s_dijon));
    }

    [Fact]
    public void Empty_index_answers_nothing()
    {
        var index = new SpatialIndex<int>();

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Nearest(s_dijon));
        Assert.Empty(index.WithinBox(-90, -180, 90, 180));

        index.Rebuild([]);
        Assert.Empty(index.Nearest(s_dijon));
    }

    [Fact]
    public void Duplicate_coordinates_are_ordered_by_key()
    {
        var index = new SpatialIndex<int>();
        var shared = new GeoPoint(47.3, 5.1);
        index.Rebuild(Enumerable.Range(0, 50).Select(i => (49 - i, shared)).Append((100, new GeoPoint(47.25, 5.3))));
        index.Upsert(-1, shared);

        var neighbors = index.Nearest(s_dijon).ToList();

        Assert.Equal([-1, .. Enumerable.Range(0, 50), 100], neighbors.Select(n => n.Key));
        Assert.Single(neighbors.Take(51).Select(n => n.DistanceMeters).Distinct());
    }

    [Fact]
    public void Points_at_the_origin_come_first_at_zero_metres()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(3, s_dijon), (1, new GeoPoint(47.33, 5.05)), (2, s_dijon)]);

        var neighbors = index.Nearest(s_dijon).ToList();

        Assert.Equal([2, 3, 1], neighbors.Select(n => n.Key));
        Assert.Equal(0, neighbors[0].DistanceMeters);
        Assert.Equal(0, neighbors[1].DistanceMeters);
        Assert.Equal([2, 3], index.Nearest(s_dijon, 0).Select(n => n.Key));
    }

    [Fact]
    public void Rebuild_keeps_the_last_point_of_a_duplicate_key()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(1, new GeoPoint(47.0, 5.0)), (1, s_dijon)]);

        Assert.Equal(1, index.Count);
        Assert.Equal(s_dijon, Assert.Single(index.Nearest(s_dijon)).Point);
    }

    [Fact]
    public void Rebuild_replaces_the_content()
    {
        var index = new SpatialIndex<int>();
        index.Rebuild([(1, new GeoPoint(47.0, 5.0))]);
        index.Upsert(2, new GeoPoint(47.1, 5.1));

        index.Rebuild([(3, s_dijon)]);

        Assert.Equal([3], index.Nearest(s_dijon).Select(n => n.Key));
        Assert.False(index.Remove(1));
        Assert.False(index.Remove(2));
    }

    [Fact]
    public void Many_writes_agree_with_a_model_across_base_rebuilds()
    {
        var random = new Random(99);
        var model = RandomPoints(random, 2_000).Select((p, i) => (i, p)).ToDictionary(e => e.i, e => e.p);
        var index = new SpatialIndex<int>();
        index.Rebuild(model.Select(e => (e.Key, e.Value)));

        // Enough writes to fold the recent writes into the base several times over.
        for (var step = 0; step < 3_000; step++)
        {
            var key = random.Next(2_500);
            if (random.NextDouble() < 0.3)
            {
                Assert.Equal(model.Remove(key), index.Remove(key));
            }
            else
            {
                var point = RandomRegionPoint(random);
                model[key] = point;
                index.Upsert(key, point);
            }

            if (step % 97 == 0)
            {
                var origin = RandomRegionPoint(random);
                Assert.Equal(model.Count, index.Count);
                Assert.Equal(BruteForce(model.Select(e => (e.Key, e.Value)), origin).Take(25), index.Nearest(origin).Take(25));
            }
        }

        Assert.Equal(
            model.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)),
            index.WithinBox(-90, -180, 90, 180).OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(2_000, 100)]
    [InlineData(2_000, 5_000)]
    [InlineData(0, 20_000)]
    public void Apply_writes_a_batch_as_one_write_that_agrees_with_a_model(int loaded, int batch)
    {
        var random = new Random(loaded + batch);
        var model = RandomPoints(random, loaded).Select((p, i) => (i, p)).ToDictionary(e => e.i, e => e.p);
        var index = new SpatialIndex<int>();
        index.Rebuild(model.Select(e => (e.Key, e.Value)));

        // Upserts (new keys and known ones, some twice: the later wins) and removals, in one batch.
        var changes = new List<(int, GeoPoint?)>();
        for (var i = 0; i < batch; i++)
        {
            var key = random.Next(loaded + batch);
            if (random.NextDouble() < 0.2)
            {
                model.Remove(key);
                changes.Add((key, null));
            }
            else
            {
                var point = RandomRegionPoint(random);
                model[key] = point;
                changes.Add((key, point));
            }
        }

        var before = index.Nearest(s_dijon);
        index.Apply(changes);

        Assert.Equal(model.Count, index.Count);
        for (var i = 0; i < 5; i++)
        {
            var origin = RandomRegionPoint(random);
            Assert.Equal(BruteForce(model.Select(e => (e.Key, e.Value)), origin).Take(25), index.Nearest(origin).Take(25));
        }

        Assert.Equal(
            model.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)),
            index.WithinBox(-90, -180, 90, 180).OrderBy(p => p.Key));
        // A search started before the batch sees none of it.
        Assert.Equal(loaded, before.Count());
    }

    [Fact]
    public void An_enumeration_sees_the_index_as_it_was_when_it_started()
    {
        var random = new Random(3);
        var points = RandomPoints(random, 1_000);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));
        var expected = BruteForce(points.Select((p, k) => (k, p)), s_dijon).ToList();

        using var enumerator = index.Nearest(s_dijon).GetEnumerator();
        var seen = new List<Neighbor<int>>();
        for (var i = 0; i < 10 && enumerator.MoveNext(); i++)
            seen.Add(enumerator.Current);

        // Moves, removals and enough writes to rebuild the base under the enumeration.
        for (var i = 0; i < 3_000; i++)
        {
            if (i % 3 == 0)
                index.Remove(i % 1_000);
            else
                index.Upsert(i, s_dijon);
        }

        index.Rebuild([]);
        while (enumerator.MoveNext())
            seen.Add(enumerator.Current);

        Assert.Equal(expected, seen);
        Assert.Empty(index.Nearest(s_dijon));
    }

    [Fact]
    public async Task Concurrent_readers_and_a_writer_do_not_interfere()
    {
        var random = new Random(8);
        var index = new SpatialIndex<int>();
        index.Rebuild(RandomPoints(random, 5_000).Select((p, i) => (i, p)));
        var origins = Enumerable.Range(0, 200).Select(_ => RandomRegionPoint(random)).ToArray();
        var writes = Enumerable.Range(0, 3_000).Select(_ => (Key: random.Next(6_000), Point: RandomRegionPoint(random))).ToArray();

        var writer = Task.Run(() =>
        {
            foreach (var (key, point) in writes)
            {
                if (key % 4 == 0)
                    index.Remove(key);
                else
                    index.Upsert(key, point);
            }
        });

        Parallel.For(0, 2_000, i =>
        {
            var neighbors = index.Nearest(origins[i % origins.Length]).Take(20).ToList();
            Assert.Equal(20, neighbors.Count);
            for (var k = 1; k < neighbors.Count; k++)
                Assert.True(neighbors[k - 1].DistanceMeters <= neighbors[k].DistanceMeters);
            Assert.Equal(neighbors.Count, neighbors.Select(n => n.Key).Distinct().Count());
        });

        await writer;
    }

    [Fact]
    public void Within_box_matches_a_brute_force_filter()
    {
        var random = new Random(17);
        var points = RandomPoints(random, 3_000);
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));
        index.Upsert(5_000, new GeoPoint(47.0, 5.0));

        for (var i = 0; i < 200; i++)
        {
            var a = RandomRegionPoint(random);
            var b = RandomRegionPoint(random);
            var (south, north) = (Math.Min(a.Latitude, b.Latitude), Math.Max(a.Latitude, b.Latitude));
            var (west, east) = (Math.Min(a.Longitude, b.Longitude), Math.Max(a.Longitude, b.Longitude));

            var expected = points.Select((p, k) => (Key: k, Point: p)).Append((Key: 5_000, Point: new GeoPoint(47.0, 5.0)))
                .Where(e => e.Point.Latitude >= south && e.Point.Latitude <= north
                    && e.Point.Longitude >= west && e.Point.Longitude <= east)
                .OrderBy(e => e.Key);

            Assert.Equal(expected, index.WithinBox(south, west, north, east).OrderBy(e => e.Key));
        }
    }

    [Fact]
    public void Within_box_over_the_whole_Earth_and_across_the_antimeridian()
    {
        var random = new Random(23);
        var points = Enumerable.Range(0, 3_000)
            .Select(_ => new GeoPoint(random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180))
            .Append(new GeoPoint(0, 180)).Append(new GeoPoint(90, 0)).Append(new GeoPoint(-90, 10))
            .ToList();
        var index = new SpatialIndex<int>();
        index.Rebuild(points.Select((p, i) => (i, p)));

        foreach (var (south, west, north, east) in new[]
        {
            (-90.0, -180.0, 90.0, 180.0),
            (-10.0, 170.0, 10.0, -170.0),
            (60.0, 90.0, 90.0, -90.0),
            (-90.0, -100.0, -30.0, 100.0),
            (-5.0, -5.0, 5.0, 5.0),
        })
        {
            var crosses = east < west;
            var expected = points.Select((p, k) => (k, p))
                .Where(e => e.p.Latitude >= south && e.p.Latitude <= north
                    && (crosses ? e.p.Longitude >= west || e.p.Longitude <= east : e.p.Longitude >= west && e.p.Longitude <= east))
                .OrderBy(e => e.Item1)
                .ToList();

            Assert.NotEmpty(expected);
            Assert.Equal(expected, index.WithinBox(south, west, north, east).OrderBy(e => e.Key));
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var index = new SpatialIndex<int>();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(1, new GeoPoint(91, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(1, new GeoPoint(double.NaN, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(new GeoPoint(0, 181)));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(s_dijon, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(s_dijon, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.WithinBox(48, 5, 47, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Rebuild([(1, new GeoPoint(0, -200))]));
        Assert.Throws<ArgumentNullException>(() => new SpatialIndex<string>().Upsert(null!, s_dijon));
    }

    private static List<Neighbor<int>> BruteForce(IEnumerable<(int Key, GeoPoint Point)> points, GeoPoint origin) =>
        [.. points
            .Select(p => new Neighbor<int>(p.Key, p.Point, Geodesic.DistanceMeters(origin, p.Point)))
            .OrderBy(n => n.DistanceMeters)
            .ThenBy(n => n.Key)];

    private static List<GeoPoint> RandomPoints(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => RandomRegionPoint(random))];

    /// <summary>A point in the bounding box of Bourgogne-Franche-Comté.</summary>
    private static GeoPoint RandomRegionPoint(Random random) =>
        new(46.1 + random.NextDouble() * 2.4, 2.8 + random.NextDouble() * 4.4);
}
