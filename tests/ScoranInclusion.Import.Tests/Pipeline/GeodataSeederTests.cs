using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Seeding;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Pipeline;

public sealed class GeodataSeederTests : IDisposable
{
    private readonly string _geodata = Directory.CreateTempSubdirectory("scoran-seed-").FullName;

    [Fact]
    public async Task Seeding_goes_through_the_pipeline_once_with_its_seed_run_in_the_same_transaction()
    {
        using (var writer = new StreamWriter(Path.Combine(_geodata, "lieux-mednum-bfc.csv")))
        {
            LmnCsvWriter.WriteAll(writer, [SiteBuilder.Liberte("a").Build(), SiteBuilder.Numbered(1).Build() with { Location = null }]);
        }

        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        var seeded = await GeodataSeeder.SeedAsync(db, _geodata, TestCommunes.Directory, default);
        var again = await GeodataSeeder.SeedAsync(db, _geodata, TestCommunes.Directory, default);

        Assert.Equal(new SeededDataset("mednum-bfc", 2, 0), Assert.Single(seeded));
        Assert.Empty(again);
        Assert.Equal(2, (await db.SeedRuns.SingleAsync()).Rows);
        Assert.Equal(2, await db.SourceRecords.CountAsync(r => r.Provenance == "mednum-bfc"));
        Assert.Equal(LocationPrecision.Commune, (await db.Sites.SingleAsync(s => s.SourceId == "gen-1")).LocationPrecision);
    }

    public void Dispose() => Directory.Delete(_geodata, recursive: true);
}
