using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search.Tests;

/// <summary>A withdrawn place (<see cref="SiteEntity.WithdrawnAt"/>) is never in the index: not when loaded, not after a publication.</summary>
public sealed class WithdrawnPlacesIndexTests
{
    private static readonly GeoPoint Dijon = new(47.3220, 5.0410);

    private static async Task<MigratedDatabase> ThreePlacesAsync(StorageProvider provider = StorageProvider.Sqlite)
    {
        var database = await MigratedDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new SiteWriter(db).UpsertAsync("test", [
            new SiteBuilder("a").At(47.33, 5.04).Build(),
            new SiteBuilder("b").At(47.34, 5.04).Build(),
            new SiteBuilder("c").At(47.35, 5.04).Build(),
        ], TimeProvider.System, default);
        return database;
    }

    private static async Task WithdrawAsync(ScoranDbContext db, long key) =>
        await db.Sites.Where(s => s.Id == key).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.WithdrawnAt, new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero))
            .SetProperty(s => s.WithdrawnReason, "plus dans la source"));

    private static List<long> Keys(SiteSearchIndex index) => [.. index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).Select(h => h.SiteId)];

    [Fact]
    public async Task Loading_leaves_withdrawn_places_out_and_a_publication_removes_or_brings_them_back()
    {
        await using var database = await ThreePlacesAsync();
        await using var db = database.NewContext();
        var index = new SiteSearchIndex(new ScheduleCache());
        await index.LoadAsync(db, default);
        Assert.Equal([1L, 2L, 3L], Keys(index));

        await WithdrawAsync(db, 2);
        await SearchIndexPublication.PublishAsync(db, index, [1, 2], default);
        Assert.Equal([1L, 3L], Keys(index));
        Assert.Equal(2, index.MatchingPlaces(SiteFilter.None).Count);

        var reloaded = new SiteSearchIndex(new ScheduleCache());
        await reloaded.LoadAsync(db, default);
        Assert.Equal([1L, 3L], Keys(reloaded));

        await db.Sites.Where(s => s.Id == 2).ExecuteUpdateAsync(u => u.SetProperty(s => s.WithdrawnAt, (DateTimeOffset?)null));
        await SearchIndexPublication.PublishAsync(db, index, [2], default);
        Assert.Equal([1L, 2L, 3L], Keys(index));
    }

    [Fact]
    public async Task The_reader_gives_a_withdrawn_place_only_to_those_who_ask_for_any()
    {
        await using var database = await ThreePlacesAsync();
        await using var db = database.NewContext();
        await WithdrawAsync(db, 3);
        var reader = new SiteReader(db);
        Assert.Null(await reader.GetAsync(3, default));
        Assert.Equal([1L, 2L], (await reader.GetManyAsync([1, 2, 3], default)).Keys.Order());
        var any = await reader.GetAnyAsync(3, default);
        Assert.NotNull(any);
        Assert.True(any.IsWithdrawn);
        Assert.Equal("plus dans la source", any.WithdrawnReason);
        Assert.False((await reader.GetAnyAsync(1, default))!.IsWithdrawn);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task PostGIS_nearest_leaves_withdrawn_places_out()
    {
        await using var database = await ThreePlacesAsync(StorageProvider.Postgres);
        await using var db = database.NewContext();
        var nearest = new PostgisNearestSites(db, new ScheduleCache());
        Assert.Equal([1L, 2L, 3L], await nearest.NearestAsync(Dijon, SiteFilter.None, double.PositiveInfinity, null, default).Select(h => h.SiteId).ToListAsync());
        await WithdrawAsync(db, 1);
        Assert.Equal([2L, 3L], await nearest.NearestAsync(Dijon, SiteFilter.None, double.PositiveInfinity, null, default).Select(h => h.SiteId).ToListAsync());
    }
}
