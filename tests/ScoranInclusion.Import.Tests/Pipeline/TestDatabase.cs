using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Tests.Pipeline;

/// <summary>
/// A migrated database (<see cref="MigratedDatabase"/>, in-memory SQLite or PostgreSQL) with the
/// services an import needs: a small commune directory, a search index and a clock that moves one
/// second per reading (so that "first seen" orders are real). The pipeline publishes to the index it
/// is given whatever the provider, so the tests read it on both.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly MigratedDatabase _database;

    private TestDatabase(MigratedDatabase database) => _database = database;

    public SiteSearchIndex Index { get; } = new(new ScheduleCache());

    public SteppingClock Clock { get; } = new();

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider = StorageProvider.Sqlite) =>
        new(await MigratedDatabase.CreateAsync(provider));

    public ScoranDbContext NewContext() => _database.NewContext();

    public async Task<ImportOutcome> ImportAsync(string provenance, IEnumerable<ImportRow> rows, ImportMode mode = ImportMode.Default, ImportPipelineOptions? options = null)
    {
        await using var db = NewContext();
        return await new ImportPipeline(db, Index, TestCommunes.Directory, Clock, options).RunAsync(provenance, rows, mode);
    }

    public MergeReview Review(ScoranDbContext db) => new(db, Index, Clock);

    /// <summary>Every place, by key, as stored.</summary>
    public async Task<List<SiteEntity>> SitesAsync()
    {
        await using var db = NewContext();
        return await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
    }

    /// <summary>The row counts of every table the pipeline writes: equal before and after means nothing was written.</summary>
    public async Task<(int Sites, int Records, int FieldSources, int Changes, int Merges, int Pairs)> CountsAsync()
    {
        await using var db = NewContext();
        // Per-field provenance: one (field, record) pair per field a record gives its place.
        var fieldSources = (await db.SourceRecords.Select(r => r.GivenFields).ToListAsync()).Sum(f => FieldList.Split(f).Count);
        return (await db.Sites.CountAsync(), await db.SourceRecords.CountAsync(), fieldSources,
            await db.SiteChanges.CountAsync(), await db.Merges.CountAsync(), await db.MergeCandidates.CountAsync());
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

/// <summary>A clock that advances one second each time it is read.</summary>
internal sealed class SteppingClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
}

/// <summary>A few communes around Dijon, with their representative points.</summary>
internal static class TestCommunes
{
    public static CommuneDirectory Directory { get; } = CommuneDirectory.FromCsv(new StringReader("""
        code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude
        21231,Dijon,21000,21,242100410,Dijon Métropole,156920,47.32200,5.04150
        21166,Chenôve,21300,21,242100410,Dijon Métropole,14000,47.29170,5.00860
        21485,Plombières-lès-Dijon,21370,21,242100410,Dijon Métropole,2800,47.33760,4.96560
        21661,Velars-sur-Ouche,21370,21,242100410,Dijon Métropole,1700,47.31930,4.90540
        """), null);
}
