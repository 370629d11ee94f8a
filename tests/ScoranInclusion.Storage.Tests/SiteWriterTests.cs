using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Tests;

public sealed class SiteWriterTests
{
    [Fact]
    public async Task Every_field_of_the_standard_survives_a_round_trip_through_the_database()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var site = new SiteBuilder().Full().Build();
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("test", [site], TimeProvider.System, default);
        }

        await using var read = database.NewContext();
        var stored = StoredSite.From(await read.Sites.SingleAsync());

        var probe = new SiteEntity();
        probe.CopyFrom(site);
        var back = new SiteEntity();
        back.CopyFrom(stored.Site);
        Assert.Empty(SiteMapping.ChangedFields(probe, back));
        Assert.Equal(site.Typologie, stored.Site.Typologie);
        Assert.Equal(site.Courriels, stored.Site.Courriels);
        Assert.Equal(site.Location, stored.Site.Location);
        Assert.Equal("test", stored.Provenance);
    }

    [Fact]
    public async Task Upserting_the_same_sites_twice_changes_nothing_and_a_change_bumps_the_version()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        Site[] sites = [new SiteBuilder("a").Build(), new SiteBuilder("b").At(47.0, 5.0).Build()];

        await using (var db = database.NewContext())
        {
            Assert.Equal(new UpsertCounts(2, 0, 0), (await new SiteWriter(db).UpsertAsync("test", sites, TimeProvider.System, default)).Counts);
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal(new UpsertCounts(0, 0, 2), (await new SiteWriter(db).UpsertAsync("test", sites, TimeProvider.System, default)).Counts);
        }

        await using (var db = database.NewContext())
        {
            var changed = new[] { sites[0] with { Nom = "Nouveau nom" } };
            Assert.Equal(new UpsertCounts(0, 1, 0), (await new SiteWriter(db).UpsertAsync("test", changed, TimeProvider.System, default)).Counts);
        }

        await using var read = database.NewContext();
        var a = await read.Sites.SingleAsync(s => s.SourceId == "a");
        Assert.Equal(2, a.Version);
        Assert.Equal("Nouveau nom", a.Nom);
        Assert.Equal(2, await read.Sites.CountAsync());
    }

    [Fact]
    public async Task The_same_local_id_from_two_provenances_gives_two_sites()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var db = database.NewContext();
        var writer = new SiteWriter(db);

        await writer.UpsertAsync("source-1", [new SiteBuilder("x").Build()], TimeProvider.System, default);
        await writer.UpsertAsync("source-2", [new SiteBuilder("x").Build()], TimeProvider.System, default);

        Assert.Equal(2, await db.Sites.CountAsync());
    }

    [Fact]
    public async Task The_index_sees_written_sites_once_published()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var db = database.NewContext();
        var index = new SiteSearchIndex(new ScheduleCache());

        var result = await new SiteWriter(db).UpsertAsync("test", [new SiteBuilder("a").Build()], TimeProvider.System, default);
        Assert.Equal(0, index.Count);
        index.Publish(result);

        Assert.Equal(1, index.Count);
    }
}
