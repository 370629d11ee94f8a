using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage.Tests;

public sealed class SourceRegistryTests
{
    [Fact]
    public async Task Every_written_place_has_its_source_record_and_field_provenance()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var site = new SiteBuilder("x").Full().Build();
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("source-1", [site], TimeProvider.System, default);
        }

        await using var read = database.NewContext();
        var key = (await read.Sites.SingleAsync()).Id;
        var provenance = (await new SiteProvenance(read).ForSiteAsync(key, default))!;
        var record = Assert.Single(provenance.Records);
        Assert.Equal(("source-1", "x", site.DateMaj), (record.Provenance, record.SourceId, record.DateMaj));
        Assert.Equal(SiteSnapshot.Serialize(site), SiteSnapshot.Serialize(record.Received));
        Assert.All(provenance.Fields, f => Assert.Equal(record.Id, f.RecordId));
        // A full site: every field of the standard has a value, so every field has its origin.
        Assert.Equal(SiteFields.All, provenance.Fields.Select(f => f.Field).Distinct());
        Assert.Null(await new SiteProvenance(read).ForSiteAsync(key + 1, default));
    }

    [Fact]
    public async Task An_update_records_who_changed_which_fields_from_what_to_what()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var site = new SiteBuilder("x").Build();
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("source-1", [site], TimeProvider.System, default);
        }

        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("source-1", [site with { Nom = "Nouveau", Location = null }], TimeProvider.System, default);
        }

        await using var read = database.NewContext();
        var key = (await read.Sites.SingleAsync()).Id;
        var history = await new SiteHistory(read).ForSiteAsync(key, default);

        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Updated], history.Select(e => e.Kind));
        Assert.All(history, e => Assert.Equal("import:source-1", e.Actor));
        Assert.Equal(
            [
                new FieldChange("nom", site.Nom, "Nouveau"),
                new FieldChange("latitude", "47.322", null),
                new FieldChange("longitude", "5.041", null),
                new FieldChange(SiteRecorder.LocationPrecisionField, "Address", "None"),
            ],
            history[1].Fields);
        Assert.Empty(await new SiteHistory(read).ForSiteAsync(key + 1, default));
    }

    [Fact]
    public async Task Per_field_provenance_rows_become_each_records_field_list_when_the_database_is_migrated()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite(connection).Options);
        await db.Database.GetService<IMigrator>().MigrateAsync("20261128195201_Moderation");
        // A merged place: its services unioned from two records, the rest from the first; a third record feeds another place.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO sites (Id, Provenance, SourceId, Pivot, Nom, Commune, CodePostal, Adresse, DateMaj, CreatedAt, UpdatedAt, Version, LocationPrecision)
            VALUES (1, 'a', '1', '00000000000000', 'Un', 'Dijon', '21000', '1 rue A', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 1, 'Address'),
                   (2, 'a', '2', '00000000000000', 'Deux', 'Dijon', '21000', '2 rue B', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 1, 'Address');
            INSERT INTO site_sources (Id, SiteId, Provenance, SourceId, DateMaj, FirstSeenAt, LastSeenAt, Snapshot, ContentHash, LocationPrecision)
            VALUES (10, 1, 'a', '1', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', '{{}}', 'h1', 'Address'),
                   (11, 1, 'b', '9', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', '{{}}', 'h2', 'Address'),
                   (12, 2, 'a', '2', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', '{{}}', 'h3', 'Address'),
                   (13, 2, 'c', '3', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', '{{}}', 'h4', 'Address');
            INSERT INTO site_field_sources (SiteId, Field, SourceRecordId)
            VALUES (1, 'id', 10), (1, 'nom', 10), (1, 'services', 10), (1, 'services', 11), (2, 'id', 12), (2, 'nom', 12);
            """);

        await DatabaseMigrator.MigrateAsync(db, default);

        var fields = await db.SourceRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.GivenFields).ToListAsync();
        Assert.Equal(["id,nom,services", "services", "id,nom", null], fields.Select(f => f is null ? null : string.Join(',', FieldList.Split(f).Order(StringComparer.Ordinal))));
        var provenance = await new SiteProvenance(db).ForSiteAsync(1, default);
        Assert.Equal([10L, 11L], provenance!.Of(SiteFields.Services).Select(f => f.RecordId));
        Assert.Equal([10L], provenance.Of(SiteFields.Nom).Select(f => f.RecordId));
    }

    [Fact]
    public async Task Places_written_before_the_registry_get_their_record_when_the_database_is_migrated()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite(connection).Options);
        await db.Database.GetService<IMigrator>().MigrateAsync("20261128134254_Initial");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO sites (Provenance, SourceId, Pivot, Nom, Commune, CodePostal, CodeInsee, Adresse, Latitude, Longitude,
                               Services, DateMaj, CreatedAt, UpdatedAt, Version)
            VALUES ('legacy', 'a', '00000000000000', 'Avec point', 'Dijon', '21000', '21231', '1 rue A', 47.32, 5.04,
                    'Aide aux démarches administratives', '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 3),
                   ('legacy', 'b', '00000000000000', 'Sans point', 'Dijon', '21000', NULL, '2 rue B', NULL, NULL,
                    NULL, '2024-01-02', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 1);
            """);

        await DatabaseMigrator.MigrateAsync(db, default);
        await DatabaseMigrator.MigrateAsync(db, default);

        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.SourceId).ToListAsync();
        Assert.Equal([LocationPrecision.Address, LocationPrecision.None], sites.Select(s => s.LocationPrecision));
        var records = await db.SourceRecords.AsNoTracking().OrderBy(r => r.SourceId).ToListAsync();
        Assert.Equal(sites.Select(s => (s.Id, s.SourceId)), records.Select(r => (r.SiteId, r.SourceId)));
        Assert.Contains(SiteFields.Services, FieldList.Split(records[0].GivenFields));
        Assert.DoesNotContain(SiteFields.Services, FieldList.Split(records[1].GivenFields));

        // The next import of the same values recognises them: nothing changes.
        db.ChangeTracker.Clear();
        var again = sites.Select(s => s.ToDomain()).ToList();
        var result = await new SiteWriter(db).UpsertAsync("legacy", again, TimeProvider.System, default);
        Assert.Equal(new UpsertCounts(0, 0, 2), result.Counts);
        Assert.Equal(3, (await db.Sites.AsNoTracking().SingleAsync(s => s.SourceId == "a")).Version);
    }
}
