using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;

namespace ScoranInclusion.Search.Tests;

public sealed class SiteSearchIndexTests
{
    private static readonly GeoPoint Dijon = new(47.3220, 5.0410);

    [Fact]
    public void Results_come_in_distance_order_and_respect_every_filter()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        index.Upsert(1, new SiteBuilder().At(47.33, 5.04).Offering(Service.AideAuxDemarchesAdministratives).Costing(FraisACharge.Gratuit).Build());
        index.Upsert(2, new SiteBuilder().At(47.40, 5.04).Offering(Service.LoisirsEtCreationsNumeriques).Costing(FraisACharge.Gratuit).Build());
        index.Upsert(3, new SiteBuilder().At(47.50, 5.04).Offering(Service.AideAuxDemarchesAdministratives).Costing(FraisACharge.Payant).Build());

        Assert.Equal([1L, 2L, 3L], Keys(index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null)));
        Assert.Equal([1L, 3L], Keys(index.Nearest(Dijon, new SiteFilter { Services = [Service.AideAuxDemarchesAdministratives] }, double.PositiveInfinity, null)));
        Assert.Equal([1L], Keys(index.Nearest(Dijon, new SiteFilter
        {
            Services = [Service.AideAuxDemarchesAdministratives],
            FraisACharge = [FraisACharge.Gratuit],
        }, double.PositiveInfinity, null)));
        Assert.Equal([2L, 3L], Keys(index.Nearest(Dijon, new SiteFilter
        {
            Services = [Service.LoisirsEtCreationsNumeriques, Service.AideAuxDemarchesAdministratives],
        }, double.PositiveInfinity, new SiteHit(1, index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).First().DistanceMeters))));
    }

    [Fact]
    public void A_place_without_specific_publics_welcomes_every_public()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        index.Upsert(1, new SiteBuilder().At(47.33, 5.04).Build());
        index.Upsert(2, new SiteBuilder().At(47.34, 5.04).For(PublicSpecifiquementAdresse.Jeunes).Build());
        index.Upsert(3, new SiteBuilder().At(47.35, 5.04).For(PublicSpecifiquementAdresse.Seniors).Build());

        var seniors = Keys(index.Nearest(Dijon, new SiteFilter { Publics = [PublicSpecifiquementAdresse.Seniors] }, double.PositiveInfinity, null));

        Assert.Equal([1L, 3L], seniors);
    }

    [Fact]
    public void Equal_distances_are_ordered_by_key_and_the_cursor_skips_exactly_what_was_seen()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        for (long key = 1; key <= 5; key++)
        {
            index.Upsert(key, new SiteBuilder().At(47.40, 5.10).Build());
        }

        var all = index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).ToList();
        var rest = index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, all[1]).ToList();

        Assert.Equal([1L, 2L, 3L, 4L, 5L], all.Select(h => h.SiteId));
        Assert.Equal([3L, 4L, 5L], rest.Select(h => h.SiteId));
    }

    [Fact]
    public void Removing_or_moving_a_site_updates_the_results()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        index.Upsert(1, new SiteBuilder().At(47.33, 5.04).Build());
        index.Upsert(2, new SiteBuilder().At(47.40, 5.04).Build());

        index.Upsert(1, new SiteBuilder().At(47.60, 5.04).Build());
        Assert.Equal([2L, 1L], Keys(index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null)));

        index.Remove(2);
        Assert.Equal([1L], Keys(index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null)));
    }

    [Fact]
    public void The_maximum_distance_is_respected()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        index.Upsert(1, new SiteBuilder().At(47.33, 5.04).Build());
        index.Upsert(2, new SiteBuilder().At(47.60, 5.04).Build());

        var hits = index.Nearest(Dijon, SiteFilter.None, 5_000, null).ToList();

        Assert.Equal([1L], hits.Select(h => h.SiteId));
        Assert.True(hits[0].DistanceMeters < 5_000);
    }

    [Fact]
    public void Load_replaces_everything_and_later_writes_and_filters_still_apply()
    {
        var index = new SiteSearchIndex(new ScheduleCache());
        index.Upsert(99, new SiteBuilder().At(47.32, 5.04).Build());
        var mornings = new SiteBuilder().At(47.36, 5.04).Offering(Service.AideAuxDemarchesAdministratives).Build() with { Horaires = "Mo-Fr 09:00-12:00" };

        index.Load(
        [
            (1, new SiteBuilder().At(47.33, 5.04).Offering(Service.LoisirsEtCreationsNumeriques).Build()),
            (2, new SiteBuilder().At(47.34, 5.04).Offering(Service.AideAuxDemarchesAdministratives).Build()),
            (3, mornings),
            (4, new SiteBuilder().Build() with { Location = null }),
        ]);

        Assert.True(index.IsLoaded);
        Assert.Equal(3, index.Count);
        Assert.Equal([1L, 2L, 3L], Keys(index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null)));
        var demarches = new SiteFilter { Services = [Service.AideAuxDemarchesAdministratives] };
        Assert.Equal([2L, 3L], Keys(index.Nearest(Dijon, demarches, double.PositiveInfinity, null)));
        var mondayMorning = new SiteFilter { OpenAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1)) };
        Assert.Equal([3L], Keys(index.Nearest(Dijon, mondayMorning, double.PositiveInfinity, null)));

        // Written after the load (the index's delta): moved, changed and removed places are filtered alike.
        index.Upsert(2, new SiteBuilder().At(47.37, 5.04).Offering(Service.LoisirsEtCreationsNumeriques).Build());
        index.Upsert(5, mornings with { Location = new GeoPoint(47.325, 5.04) });
        index.Remove(1);
        Assert.Equal([5L, 3L], Keys(index.Nearest(Dijon, demarches, double.PositiveInfinity, null)));
        Assert.Equal([5L, 3L], Keys(index.Nearest(Dijon, mondayMorning, double.PositiveInfinity, null)));
        Assert.Equal([3L], Keys(index.Nearest(Dijon, mondayMorning, double.PositiveInfinity, index.Nearest(Dijon, mondayMorning, double.PositiveInfinity, null).First())));
        Assert.Equal([5L, 3L, 2L], Keys(index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null)));
    }

    private static long[] Keys(IEnumerable<SiteHit> hits) => [.. hits.Select(h => h.SiteId)];
}
