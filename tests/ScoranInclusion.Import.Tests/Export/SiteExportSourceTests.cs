using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export;
using ScoranInclusion.Import.Tests.Lmn;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Import.Tests.Exports.ExportTestData;

namespace ScoranInclusion.Import.Tests.Exports;

public class SiteExportSourceTests
{
    [Fact]
    public async Task Streams_every_place_in_the_order_it_was_stored_without_tracking()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await database.AddAsync(SiteBuilder.Minimal("z").Build(), SiteBuilder.Minimal("a").Build(), SiteBuilder.EveryField().Build());

        await using var db = database.NewContext();
        var ids = new List<string>();
        await foreach (var site in SiteExportSource.ReadAsync(db))
        {
            ids.Add(site.Id);
        }

        Assert.Equal(["z", "a", "structure-1"], ids);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_territory_keeps_the_places_whose_code_insee_is_in_it_former_codes_included()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await database.AddAsync(
            At(SiteBuilder.Minimal("dijon").Build(), "21231"),
            At(SiteBuilder.Minimal("nevers").Build(), "58194"),
            At(SiteBuilder.Minimal("ancienne").Build(), FormerDijonCode),
            SiteBuilder.Minimal("sans-code").Build(),
            At(SiteBuilder.Minimal("chenove").Build(), "21166"));
        Assert.True(new TerritoryFilter(TerritoryLevel.Commune, "21231").TryResolve(Communes, out var dijon, out _));
        Assert.True(new TerritoryFilter(TerritoryLevel.Epci, DijonMetropole).TryResolve(Communes, out var metropole, out _));
        Assert.True(new TerritoryFilter(TerritoryLevel.Departement, "58").TryResolve(Communes, out var nievre, out _));

        await using var db = database.NewContext();
        Assert.Equal(["dijon", "ancienne"], await SiteExportSource.ReadAsync(db, dijon).Select(s => s.Id).ToListAsync());
        Assert.Equal(["dijon", "ancienne", "chenove"], await SiteExportSource.ReadAsync(db, metropole).Select(s => s.Id).ToListAsync());
        Assert.Equal(["nevers"], await SiteExportSource.ReadAsync(db, nievre).Select(s => s.Id).ToListAsync());
    }

    [Fact]
    public async Task Export_from_the_database_round_trips_through_the_csv_reader()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await database.AddAsync(SiteBuilder.EveryField().Build(), SiteBuilder.Minimal("lieu-2").Build());

        await using var db = database.NewContext();
        using var output = new MemoryStream();
        await SiteExportWriter.WriteAsync(output, ExportFormat.LmnCsv, SiteExportSource.ReadAsync(db));

        var rows = TestSites.ReadBytes(output.ToArray());
        TestSites.AssertSame(SiteBuilder.EveryField().Build(), rows[0].Site!);
        TestSites.AssertSame(SiteBuilder.Minimal("lieu-2").Build(), rows[1].Site!);
    }

    [Fact]
    public async Task A_point_that_is_only_the_communes_is_not_exported_as_the_places()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await database.AddAsync(SiteBuilder.EveryField().Build(), SiteBuilder.EveryField().Build() with { Id = "approche" });
        await using (var db = database.NewContext())
        {
            var approximate = await db.Sites.SingleAsync(s => s.SourceId == "approche");
            approximate.LocationPrecision = LocationPrecision.Commune;
            await db.SaveChangesAsync();
        }

        await using var reading = database.NewContext();
        var sites = await SiteExportSource.ReadAsync(reading).ToListAsync();

        Assert.NotNull(sites[0].Location);
        Assert.Null(sites[1].Location);
    }
}
