using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Tests.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Import.Tests.Merge.MergeTests;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Merge;

public sealed class MergeReviewTestsOnSqlite : MergeReviewTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[Trait("Category", "Postgres")]
public sealed class MergeReviewTestsOnPostgres : MergeReviewTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}

/// <summary>Conformance: the review of uncertain pairs, merges and undo, on each provider.</summary>
public abstract class MergeReviewTests
{
    protected abstract StorageProvider Provider { get; }


    private static readonly GeoPoint Dijon = new(47.3220, 5.0415);

    /// <summary>Another place at the very same address: the name alone tells them apart.</summary>
    private static Site Library() => FromCoop() with
    {
        Nom = "Médiathèque Champollion",
        Adresse = FromMednum().Adresse,
        Location = FromMednum().Location,
    };

    [Fact]
    public async Task A_pair_between_the_two_thresholds_is_created_apart_and_listed_for_review()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Sites).SiteKey;

        var outcome = await database.ImportAsync("coop", Rows(Library()));

        Assert.Equal((1, 0, 1), (outcome.Counts.Inserted, outcome.Counts.Merged, outcome.Counts.UncertainPairs));
        Assert.Equal(ImportIssueCode.UncertainDuplicate, Assert.Single(outcome.Issues).Code);
        Assert.Equal(2, (await database.SitesAsync()).Count);
        await using var db = database.NewContext();
        var pair = Assert.Single(await database.Review(db).ListPendingAsync());
        Assert.Equal((outcome.Sites[0].SiteKey, existing), (pair.Site.Key, pair.Other.Key));
        Assert.Equal(["coop"], pair.Site.Provenances);
        Assert.Equal(["mednum-bfc"], pair.Other.Provenances);
        Assert.Equal("Médiathèque Champollion", pair.Site.Nom);
        Assert.InRange(pair.Score.Total, 60, 85);
        Assert.Equal(100, pair.Score.Street, 6);
        Assert.Equal(0, pair.Score.DistanceMeters!.Value, 6);
        Assert.Equal("import:coop", pair.DetectedBy);
    }

    [Fact]
    public async Task A_high_score_with_names_that_disagree_is_a_pair_to_review_not_a_merge()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("mednum-bfc", Rows(FromMednum()));

        var outcome = await database.ImportAsync("coop", Rows(Library() with { Nom = "Point numérique Liberté" }));

        Assert.Equal((1, 0, 1), (outcome.Counts.Inserted, outcome.Counts.Merged, outcome.Counts.UncertainPairs));
        await using var db = database.NewContext();
        var pair = Assert.Single(await database.Review(db).ListPendingAsync());
        Assert.True(pair.Score.Total >= 85, $"score {pair.Score.Total}");
        Assert.True(pair.Score.Name < 70, $"name {pair.Score.Name}");
    }

    [Fact]
    public async Task Confirming_a_pair_merges_the_imported_place_into_the_existing_one()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Sites).SiteKey;
        var created = Assert.Single((await database.ImportAsync("coop", Rows(Library()))).Sites).SiteKey;
        Assert.Equal(2, database.Index.Count);

        await using var db = database.NewContext();
        var review = database.Review(db);
        var pair = Assert.Single(await review.ListPendingAsync());
        var writes = await review.ConfirmAsync(pair.Id, "alice");

        Assert.Equal((existing, created), (writes.Target.Key, writes.RemovedSiteKey));
        var site = Assert.Single(await database.SitesAsync());
        Assert.Equal(existing, site.Id);
        Assert.Equal("Médiathèque Champollion", site.Nom);
        Assert.Empty(await review.ListPendingAsync());
        Assert.Equal(1, database.Index.Count);
        Assert.Equal(existing, database.Index.Nearest(Dijon, SiteFilter.None, 50_000, null).Single().SiteId);

        var records = await db.SourceRecords.AsNoTracking().ToListAsync();
        Assert.All(records, r => Assert.Equal(existing, r.SiteId));
        var stored = await db.MergeCandidates.AsNoTracking().SingleAsync();
        Assert.Equal((MergeCandidateStatus.Confirmed, "merge-review:alice", writes.MergeId), (stored.Status, stored.DecidedBy, stored.MergeId));
        var merge = Assert.Single(await review.ListMergesAsync(existing));
        Assert.Equal((MergeKind.Confirmed, (long?)created), (merge.Kind, merge.AbsorbedSiteKey));

        // The absorbed place's history stays, and says where it went.
        var history = await new SiteHistory(db).ForSiteAsync(created, default);
        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Absorbed], history.Select(e => e.Kind));
        Assert.Equal(existing, history[1].RelatedSiteId);
        await Assert.ThrowsAsync<InvalidOperationException>(() => review.ConfirmAsync(pair.Id));
    }

    [Fact]
    public async Task Rejecting_a_pair_keeps_both_places_and_removes_it_from_the_list()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("mednum-bfc", Rows(FromMednum()));
        await database.ImportAsync("coop", Rows(Library()));
        var before = await database.SitesAsync();

        await using var db = database.NewContext();
        var review = database.Review(db);
        var pair = Assert.Single(await review.ListPendingAsync());
        await review.RejectAsync(pair.Id, "bob");

        Assert.Empty(await review.ListPendingAsync());
        Assert.Equal(before.Select(s => (s.Id, s.Version)), (await database.SitesAsync()).Select(s => (s.Id, s.Version)));
        Assert.Equal(MergeCandidateStatus.Rejected, (await db.MergeCandidates.AsNoTracking().SingleAsync()).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => review.ConfirmAsync(pair.Id));
        // The pair is not proposed again when the same file comes back.
        Assert.Equal(0, (await database.ImportAsync("coop", Rows(Library()))).Counts.UncertainPairs);
    }

    [Fact]
    public async Task Undoing_an_automatic_merge_restores_the_place_exactly_and_recreates_the_other_sources_place()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var key = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Sites).SiteKey;
        var before = await StateAsync(database, key);
        var mergeId = Assert.Single((await database.ImportAsync("coop", Rows(FromCoop()))).Sites).MergeId!.Value;
        Assert.NotEqual(before.Columns, (await StateAsync(database, key)).Columns);

        await using var db = database.NewContext();
        var writes = await database.Review(db).UndoMergeAsync(mergeId, "carol");

        var after = await StateAsync(database, key);
        Assert.Equal(before.Columns, after.Columns);
        Assert.Equal(before.Origins, after.Origins);
        var restoredKey = writes.Restored!.Key;
        Assert.NotEqual(key, restoredKey);
        var restored = await StateAsync(database, restoredKey);
        Assert.Equal(Columns(FromCoop()), restored.Columns);
        Assert.Equal([("coop", "coop-77")], restored.Records);
        Assert.All(restored.Origins, o => Assert.StartsWith("coop:", o.Origin, StringComparison.Ordinal));
        Assert.Equal(2, database.Index.Count);

        var merge = await db.Merges.AsNoTracking().SingleAsync();
        Assert.Equal(("merge-review:carol", (long?)restoredKey), (merge.UndoneBy, merge.RestoredSiteId));
        var history = await new SiteHistory(db).ForSiteAsync(key, default);
        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Merged, SiteChangeKind.Unmerged], history.Select(e => e.Kind));
        Assert.Contains(history[2].Fields, f => f is { Field: "telephone", OldValue: "+33380222222", NewValue: "+33380111111" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Review(db).UndoMergeAsync(mergeId));

        // The coop record now feeds its own place: the same file again changes nothing, a new
        // version updates that place and is not merged again.
        Assert.Equal(1, (await database.ImportAsync("coop", Rows(FromCoop()))).Counts.Unchanged);
        var update = await database.ImportAsync("coop", Rows(FromCoop() with { Telephone = "+33380444444" }));
        Assert.Equal((1, restoredKey), (update.Counts.Updated, update.Sites[0].SiteKey));
        Assert.Equal(before.Columns, (await StateAsync(database, key)).Columns);
    }

    [Fact]
    public async Task Undoing_a_confirmed_merge_recreates_the_absorbed_place_under_its_former_key()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Sites).SiteKey;
        var created = Assert.Single((await database.ImportAsync("coop", Rows(Library()))).Sites).SiteKey;
        var existingBefore = await StateAsync(database, existing);
        var createdBefore = await StateAsync(database, created);

        await using var db = database.NewContext();
        var review = database.Review(db);
        var confirmed = await review.ConfirmAsync(Assert.Single(await review.ListPendingAsync()).Id);
        var undone = await review.UndoMergeAsync(confirmed.MergeId);

        Assert.Equal(created, undone.Restored!.Key);
        var existingAfter = await StateAsync(database, existing);
        var createdAfter = await StateAsync(database, created);
        Assert.Equal(existingBefore.Columns, existingAfter.Columns);
        Assert.Equal(existingBefore.Origins, existingAfter.Origins);
        Assert.Equal(createdBefore.Columns, createdAfter.Columns);
        Assert.Equal(createdBefore.Origins, createdAfter.Origins);
        Assert.Equal(createdBefore.Records, createdAfter.Records);
        Assert.Equal(2, database.Index.Count);
        var history = await new SiteHistory(db).ForSiteAsync(created, default);
        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Absorbed, SiteChangeKind.Restored], history.Select(e => e.Kind));
    }

    private sealed record PlaceSnapshot(
        List<(string Field, object? Value)> Columns,
        List<(string Field, string Origin)> Origins,
        List<(string, string)> Records);

    private static async Task<PlaceSnapshot> StateAsync(TestDatabase database, long key)
    {
        await using var db = database.NewContext();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == key);
        var provenance = (await new SiteProvenance(db).ForSiteAsync(key, default))!;
        return new PlaceSnapshot(
            [.. site.StandardColumns(), ("location_precision", site.LocationPrecision)],
            [.. provenance.Fields.Select(f => (f.Field, $"{f.Provenance}:{f.SourceId}"))],
            [.. provenance.Records.Select(r => (r.Provenance, r.SourceId))]);
    }

    private static List<(string Field, object? Value)> Columns(Site site)
    {
        var probe = new SiteEntity();
        probe.CopyFrom(site);
        return [.. probe.StandardColumns(), ("location_precision", LocationPrecision.Address)];
    }
}
