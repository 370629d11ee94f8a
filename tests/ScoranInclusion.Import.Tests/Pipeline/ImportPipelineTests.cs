using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Pipeline;

public sealed class ImportPipelineTestsOnSqlite : ImportPipelineTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[Trait("Category", "Postgres")]
public sealed class ImportPipelineTestsOnPostgres : ImportPipelineTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}

/// <summary>Conformance: imports (new, updated, unchanged, rejected rows, dry runs, provenance), on each provider.</summary>
public abstract class ImportPipelineTests
{
    protected abstract StorageProvider Provider { get; }


    private static readonly GeoPoint Dijon = new(47.3220, 5.0415);

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        Site[] file = [SiteBuilder.Liberte("a").Build(), SiteBuilder.Numbered(1).Build(), SiteBuilder.Numbered(2).Build()];

        var first = await database.ImportAsync("source-a", Rows(file));
        var afterFirst = await database.CountsAsync();
        var sitesAfterFirst = await database.SitesAsync();
        var second = await database.ImportAsync("source-a", Rows(file));

        Assert.Equal(new ImportCounts(3, 3, 0, 0, 0, 0, 0, 0, 0, 0), first.Counts);
        Assert.Equal(new ImportCounts(3, 0, 0, 3, 0, 0, 0, 0, 0, 0), second.Counts);
        Assert.Empty(second.Sites);
        Assert.Equal(afterFirst, await database.CountsAsync());
        var sitesAfterSecond = await database.SitesAsync();
        Assert.Equal(sitesAfterFirst.Select(s => (s.Id, s.Version, s.UpdatedAt)), sitesAfterSecond.Select(s => (s.Id, s.Version, s.UpdatedAt)));

        // The registry still notes that the records were seen again.
        await using var db = database.NewContext();
        Assert.All(await db.SourceRecords.ToListAsync(), r => Assert.True(r.LastSeenAt > r.FirstSeenAt));
    }

    [Fact]
    public async Task A_changed_row_updates_its_place_and_records_the_old_and_new_values()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var original = SiteBuilder.Liberte("a").Build();
        await database.ImportAsync("source-a", Rows(original, SiteBuilder.Numbered(1).Build()));

        var changed = original with { Nom = "Espace numérique Liberté", Telephone = "+33380000000", DateMaj = new DateOnly(2025, 6, 1) };
        var outcome = await database.ImportAsync("source-a", Rows(changed, SiteBuilder.Numbered(1).Build()));

        Assert.Equal(new ImportCounts(2, 0, 1, 1, 0, 0, 0, 0, 0, 0), outcome.Counts);
        var updated = Assert.Single(outcome.Sites);
        Assert.Equal(ImportAction.Updated, updated.Action);
        Assert.Equal(2, updated.RowNumber);
        Assert.Equal(["nom", "telephone", "date_maj"], updated.Changes.Select(c => c.Field));

        await using var db = database.NewContext();
        var site = await db.Sites.SingleAsync(s => s.Id == updated.SiteKey);
        Assert.Equal(2, site.Version);
        Assert.Equal("Espace numérique Liberté", site.Nom);
        var history = await new SiteHistory(db).ForSiteAsync(updated.SiteKey, default);
        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Updated], history.Select(e => e.Kind));
        var update = history[1];
        Assert.Equal("import:source-a", update.Actor);
        Assert.Equal(outcome.Operation, update.Operation);
        Assert.Contains(update.Fields, f => f is { Field: "nom", OldValue: "Espace numérique de la Liberté", NewValue: "Espace numérique Liberté" });
        Assert.Contains(update.Fields, f => f is { Field: "telephone", OldValue: null, NewValue: "+33380000000" });
        Assert.Contains(update.Fields, f => f is { Field: "date_maj", OldValue: "2025-03-01", NewValue: "2025-06-01" });
    }

    [Fact]
    public async Task A_dry_run_computes_what_would_change_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build()));
        var before = await database.CountsAsync();
        var sitesBefore = await database.SitesAsync();
        var indexBefore = database.Index.Count;

        var outcome = await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build() with { Nom = "Autre nom" }, SiteBuilder.Numbered(1).Build()), ImportMode.DryRun);

        Assert.False(outcome.Committed);
        Assert.Equal(new ImportCounts(2, 1, 1, 0, 0, 0, 0, 0, 0, 0), outcome.Counts);
        Assert.Contains(outcome.Sites, s => s.Action == ImportAction.Updated && s.Changes.Any(c => c.Field == "nom" && c.NewValue == "Autre nom"));
        Assert.Equal(before, await database.CountsAsync());
        Assert.Equal(sitesBefore.Select(s => (s.Nom, s.Version)), (await database.SitesAsync()).Select(s => (s.Nom, s.Version)));
        Assert.Equal(indexBefore, database.Index.Count);
    }

    [Fact]
    public async Task A_strict_import_with_one_rejected_row_writes_nothing_and_the_default_mode_skips_the_row()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        ImportRow[] rows = [Row(SiteBuilder.Liberte("a").Build(), 2), Rejected("b", 3), Row(SiteBuilder.Numbered(1).Build(), 4)];

        var strict = await database.ImportAsync("source-a", rows, ImportMode.Strict);

        Assert.False(strict.Committed);
        Assert.True(strict.RefusedByStrictMode);
        Assert.Equal(1, strict.Counts.Rejected);
        Assert.Equal((0, 0, 0, 0, 0, 0), await database.CountsAsync());
        Assert.Equal(0, database.Index.Count);

        var lenient = await database.ImportAsync("source-a", rows);

        Assert.True(lenient.Committed);
        Assert.Equal(new ImportCounts(3, 2, 0, 0, 0, 1, 0, 0, 0, 0), lenient.Counts);
        Assert.Equal(2, (await database.SitesAsync()).Count);

        var strictAgain = await database.ImportAsync("source-a", [Row(SiteBuilder.Liberte("a").Build() with { Nom = "Changé" }, 2)], ImportMode.Strict);
        Assert.True(strictAgain.Committed);
        Assert.Contains(await database.SitesAsync(), s => s.Nom == "Changé");
    }

    [Fact]
    public async Task An_error_of_the_file_itself_is_not_a_row_but_makes_a_strict_import_refuse()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        ImportRow[] rows = [Row(SiteBuilder.Liberte("a").Build(), 2), ImportRow.FileIssue(3, 7, "JSON malformé : accolade manquante.")];

        var strict = await database.ImportAsync("source-a", rows, ImportMode.Strict);

        Assert.Equal((false, 1, 0, 1), (strict.Committed, strict.Counts.Rows, strict.Counts.Rejected, strict.Counts.FileErrors));
        Assert.Empty(await database.SitesAsync());

        // The rows read before the error are imported by default; a warning of the file is no error.
        var lenient = await database.ImportAsync("source-a", rows);
        Assert.Equal((true, 1), (lenient.Committed, lenient.Counts.Inserted));
        var warned = await database.ImportAsync(
            "source-a", [ImportRow.FileIssue(1, 1, "Colonne inconnue « x ».", ValidationSeverity.Warning), Row(SiteBuilder.Liberte("a").Build(), 2)], ImportMode.Strict);
        Assert.Equal((true, 0, 1), (warned.Committed, warned.Counts.FileErrors, warned.Counts.Unchanged));
    }

    [Fact]
    public async Task An_import_interrupted_halfway_leaves_the_previous_data_intact()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build(), SiteBuilder.Numbered(1).Build()));
        var before = await database.CountsAsync();
        var sitesBefore = await database.SitesAsync();
        var options = new ImportPipelineOptions { BatchSize = 10 };

        IEnumerable<ImportRow> Interrupted()
        {
            yield return Row(SiteBuilder.Liberte("a").Build() with { Nom = "Modifié avant la panne" }, 2);
            for (var n = 2; n < 40; n++)
            {
                yield return Row(SiteBuilder.Numbered(n).Build(), n + 1);
            }

            // Three batches were saved inside the transaction by now.
            throw new IOException("Fichier tronqué");
        }

        await Assert.ThrowsAsync<IOException>(() => database.ImportAsync("source-a", Interrupted(), ImportMode.Default, options));

        Assert.Equal(before, await database.CountsAsync());
        Assert.Equal(sitesBefore.Select(s => (s.Id, s.Nom, s.Version)), (await database.SitesAsync()).Select(s => (s.Id, s.Nom, s.Version)));
        Assert.Equal(2, database.Index.Count);

        // And the database takes the next import normally.
        var next = await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build(), SiteBuilder.Numbered(1).Build(), SiteBuilder.Numbered(2).Build()));
        Assert.Equal(1, next.Counts.Inserted);
    }

    [Fact]
    public async Task An_import_never_deletes_the_places_missing_from_the_file()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build(), SiteBuilder.Numbered(1).Build()));

        var outcome = await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build()));

        Assert.Equal(1, outcome.Counts.Unchanged);
        Assert.Equal(2, (await database.SitesAsync()).Count);
    }

    [Fact]
    public async Task The_search_index_shows_the_places_only_once_the_import_committed()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var countsSeenDuringTheImport = new List<int>();

        IEnumerable<ImportRow> Watched()
        {
            for (var n = 1; n <= 25; n++)
            {
                countsSeenDuringTheImport.Add(database.Index.Count);
                yield return Row(SiteBuilder.Numbered(n).Build(), n + 1);
            }
        }

        await database.ImportAsync("source-a", Watched(), ImportMode.Default, new ImportPipelineOptions { BatchSize = 10 });

        Assert.All(countsSeenDuringTheImport, count => Assert.Equal(0, count));
        Assert.Equal(25, database.Index.Count);
        Assert.Equal(25, database.Index.Nearest(Dijon, SiteFilter.None, 50_000, null).Count());
    }

    [Fact]
    public async Task A_row_without_coordinates_gets_its_communes_point_flagged_approximate()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var noPoint = SiteBuilder.Liberte("a").Build() with { Location = null };
        var byPostcodeAndName = SiteBuilder.Liberte("b", "Mairie").Build() with
        {
            Location = null,
            Adresse = new Adresse { Voie = "1 place de la Mairie", CodePostal = "21370", Commune = "Velars sur Ouche" },
        };

        var outcome = await database.ImportAsync("source-a", Rows(noPoint, byPostcodeAndName));

        Assert.Equal(2, outcome.Counts.Inserted);
        Assert.Equal(2, outcome.Counts.ApproximateLocations);
        Assert.Equal([2, 3], outcome.Issues.Where(i => i.Code == ImportIssueCode.ApproximateLocation).Select(i => i.RowNumber));
        Assert.All(outcome.Issues, i => Assert.Equal(ValidationSeverity.Warning, i.Severity));
        var sites = await database.SitesAsync();
        Assert.All(sites, s => Assert.Equal(LocationPrecision.Commune, s.LocationPrecision));
        Assert.Equal((47.32200, 5.04150), (sites[0].Latitude!.Value, sites[0].Longitude!.Value));
        Assert.Equal((47.31930, 4.90540), (sites[1].Latitude!.Value, sites[1].Longitude!.Value));
        Assert.Equal(LocationPrecision.Commune, StoredSite.From(sites[0]).LocationPrecision);
        Assert.Equal(2, database.Index.Nearest(Dijon, SiteFilter.None, 50_000, null).Count());

        // The registry keeps the row as received (no coordinates) and the point it was given.
        await using var db = database.NewContext();
        var record = await db.SourceRecords.SingleAsync(r => r.SourceId == "a");
        Assert.DoesNotContain("latitude", record.Snapshot, StringComparison.Ordinal);
        Assert.Equal(LocationPrecision.Commune, record.LocationPrecision);
        Assert.Equal(47.32200, record.Latitude);
    }

    [Fact]
    public async Task A_row_without_coordinates_nor_a_known_commune_is_kept_without_a_point()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var elsewhere = SiteBuilder.Liberte("a").Build() with
        {
            Location = null,
            Adresse = new Adresse { Voie = "1 rue de Paris", CodePostal = "75001", CodeInsee = "75101", Commune = "Paris" },
        };

        var outcome = await database.ImportAsync("source-a", Rows(elsewhere));

        Assert.Equal(1, outcome.Counts.Inserted);
        Assert.Equal(1, outcome.Counts.WithoutLocation);
        Assert.Equal(ImportIssueCode.NoLocation, Assert.Single(outcome.Issues).Code);
        var site = Assert.Single(await database.SitesAsync());
        Assert.Equal(LocationPrecision.None, site.LocationPrecision);
        Assert.Null(site.Latitude);
    }

    [Fact]
    public async Task A_point_far_from_its_commune_is_flagged_and_kept_as_given()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var swapped = SiteBuilder.Liberte("a").Build() with { Location = new GeoPoint(5.0375, 47.3223) };
        var nearby = SiteBuilder.Liberte("b").Build() with { Location = new GeoPoint(47.3500, 5.0900) };

        var outcome = await database.ImportAsync("source-a", Rows(swapped, nearby));

        Assert.Equal(1, outcome.Counts.FarFromCommune);
        var issue = Assert.Single(outcome.Issues);
        Assert.Equal((ImportIssueCode.FarFromCommune, 2, "a"), (issue.Code, issue.RowNumber, issue.SourceId));
        Assert.Contains("Dijon", issue.Message, StringComparison.Ordinal);
        var site = (await database.SitesAsync())[0];
        Assert.Equal((5.0375, 47.3223), (site.Latitude!.Value, site.Longitude!.Value));
        Assert.Equal(LocationPrecision.Address, site.LocationPrecision);
    }

    [Fact]
    public async Task An_id_repeated_in_the_file_is_rejected_after_its_first_row()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        var outcome = await database.ImportAsync("source-a", Rows(SiteBuilder.Liberte("a").Build(), SiteBuilder.Liberte("a", "Autre").Build(), SiteBuilder.Numbered(1).Build()));

        Assert.Equal(new ImportCounts(3, 2, 0, 0, 0, 1, 0, 0, 0, 0), outcome.Counts);
        var issue = Assert.Single(outcome.Issues);
        Assert.Equal((ImportIssueCode.DuplicateId, ValidationSeverity.Error, 3), (issue.Code, issue.Severity, issue.RowNumber));
        Assert.Contains(await database.SitesAsync(), s => s.Nom == "Espace numérique de la Liberté");
    }

    [Fact]
    public async Task Twenty_thousand_rows_stream_through_with_a_change_tracker_emptied_every_batch()
    {
        const int Rows = 20_000;
        const int BatchSize = 1000;
        // A place, its record, and one provenance row per non-empty field (about ten here).
        const int EntitiesPerRow = 16;
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var db = database.NewContext();
        var pipeline = new ImportPipeline(db, database.Index, TestCommunes.Directory, database.Clock, new ImportPipelineOptions { BatchSize = BatchSize, ReadAhead = 0 });
        var maxTracked = 0;
        var maxTrackedSites = 0;
        var trackedAtBatchStarts = new List<int>();

        IEnumerable<ImportRow> Generate()
        {
            for (var n = 0; n < Rows; n++)
            {
                if (n % 50 == 0 || n % BatchSize == 0)
                {
                    var tracked = db.ChangeTracker.Entries().Count();
                    maxTracked = Math.Max(maxTracked, tracked);
                    maxTrackedSites = Math.Max(maxTrackedSites, db.ChangeTracker.Entries<SiteEntity>().Count());
                    if (n % BatchSize == 0)
                    {
                        trackedAtBatchStarts.Add(tracked);
                    }
                }

                yield return Row(SiteBuilder.Numbered(n).Build(), n + 2);
            }
        }

        var outcome = await pipeline.RunAsync("bulk", Generate(), ImportMode.Default);

        Assert.Equal(Rows, outcome.Counts.Inserted);
        // New places are written without the change tracker (reused commands): nothing of them stays tracked.
        Assert.Equal(0, maxTrackedSites);
        Assert.InRange(maxTracked, 0, BatchSize * EntitiesPerRow);
        Assert.All(trackedAtBatchStarts, tracked => Assert.Equal(0, tracked));
        Assert.Equal(Rows, await db.Sites.CountAsync());
        Assert.Equal(Rows, database.Index.Count);

        var again = await pipeline.RunAsync("bulk", Enumerable.Range(0, Rows).Select(n => Row(SiteBuilder.Numbered(n).Build(), n + 2)), ImportMode.Default);
        Assert.Equal(Rows, again.Counts.Unchanged);
    }
}
