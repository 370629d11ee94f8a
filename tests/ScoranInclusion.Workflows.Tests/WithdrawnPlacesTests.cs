using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Withdrawals;

namespace ScoranInclusion.Workflows.Tests;

/// <summary><see cref="WithdrawnPlaces"/>: the list by territory and page, and a restoration (history, search, refusals).</summary>
public sealed class WithdrawnPlacesTests
{
    private static readonly DateTimeOffset s_withdrawnAt = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Dijon = new(47.3220, 5.0410);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Four places: 1 and 3 in Côte-d'Or, 2 in the Doubs, 4 in Côte-d'Or; all withdrawn but 4.</summary>
    private static async Task<MigratedDatabase> PlacesAsync()
    {
        var database = await MigratedDatabase.CreateAsync();
        await using var db = database.NewContext();
        Site Place(string id, string codePostal, double latitude) =>
            new SiteBuilder(id).At(latitude, 5.04).Build() with { Adresse = new Adresse { Voie = "1 rue du Test", CodePostal = codePostal, Commune = "Test" } };
        await new SiteWriter(db).UpsertAsync("test", [Place("a", "21000", 47.33), Place("b", "25000", 47.34), Place("c", "21000", 47.35), Place("d", "21000", 47.36)], TimeProvider.System, default);
        await db.Sites.Where(s => s.Id != 4).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.WithdrawnAt, s_withdrawnAt)
            .SetProperty(s => s.WithdrawnReason, "N'est plus dans la source test."));
        return database;
    }

    [Fact]
    public async Task The_list_is_by_territory_and_pages_by_key()
    {
        await using var database = await PlacesAsync();
        await using var db = database.NewContext();
        var places = new WithdrawnPlaces(db, TimeProvider.System, NoSearchPublication.Instance);

        var (all, more) = await places.ListAsync(null, 0, 10, default);
        Assert.Equal([1L, 2L, 3L], all.Select(p => p.Key));
        Assert.False(more);
        var (cote, _) = await places.ListAsync("21", 0, 10, default);
        Assert.Equal([1L, 3L], cote.Select(p => p.Key));
        Assert.All(cote, p => Assert.Equal(("21", s_withdrawnAt, "N'est plus dans la source test."), (p.Departement, p.WithdrawnAt, p.Reason)));
        var (first, hasNext) = await places.ListAsync(null, 0, 2, default);
        Assert.Equal([1L, 2L], first.Select(p => p.Key));
        Assert.True(hasNext);
        var (second, hasMore) = await places.ListAsync(null, 2, 2, default);
        Assert.Equal([3L], second.Select(p => p.Key));
        Assert.False(hasMore);
        Assert.Null(await places.FindAsync(4, default));
        Assert.Equal("25", (await places.FindAsync(2, default))!.Departement);
    }

    [Fact]
    public async Task A_restoration_clears_the_withdrawal_writes_history_and_publishes_the_place_once()
    {
        await using var database = await PlacesAsync();
        var now = new DateTimeOffset(2026, 12, 8, 9, 30, 0, TimeSpan.Zero);
        var index = new SiteSearchIndex(new ScheduleCache());
        await using (var db = database.NewContext())
        {
            await index.LoadAsync(db, default);
        }

        Assert.Equal([4L], index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).Select(h => h.SiteId));
        await using (var db = database.NewContext())
        {
            var restored = await new WithdrawnPlaces(db, new FixedClock(now), index).RestoreAsync(3, "account:12", default);
            Assert.False(restored.IsWithdrawn);
            Assert.Null(restored.WithdrawnReason);
        }

        Assert.Equal([3L, 4L], index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).Select(h => h.SiteId).Order());
        await using (var db = database.NewContext())
        {
            var rows = await db.SiteChanges.AsNoTracking().Where(c => c.SiteId == 3 && c.Operation == SiteHistory.RestoreOperation).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Equal((SiteHistory.WithdrawnAtField, "2026-12-07T03:00:00.0000000+00:00", (string?)null), (rows[0].Field, rows[0].OldValue, rows[0].NewValue));
            Assert.Equal((SiteHistory.WithdrawnReasonField, "N'est plus dans la source test."), (rows[1].Field, rows[1].OldValue));
            Assert.All(rows, r => Assert.Equal((SiteChangeKind.Restored, "account:12", now), (r.Kind, r.Actor, r.ChangedAt)));
            // The history reads it as one event « Rétabli ».
            var restoredEvent = Assert.Single(await new SiteHistory(db).ForSiteAsync(3, default), e => e.Kind == SiteChangeKind.Restored);
            Assert.Equal(2, restoredEvent.Fields.Count);
            var places = new WithdrawnPlaces(db, new FixedClock(now), index);
            var again = await Assert.ThrowsAsync<WithdrawalException>(() => places.RestoreAsync(3, "account:13", default));
            Assert.Equal(WithdrawalErrorCodes.NotWithdrawn, again.Code);
            Assert.Equal(WithdrawalErrorCodes.NotWithdrawn, (await Assert.ThrowsAsync<WithdrawalException>(() => places.RestoreAsync(4, "account:13", default))).Code);
            Assert.Equal(WithdrawalErrorCodes.NotFound, (await Assert.ThrowsAsync<WithdrawalException>(() => places.RestoreAsync(99, "account:13", default))).Code);
            Assert.Equal(2, await db.SiteChanges.CountAsync(c => c.Operation == SiteHistory.RestoreOperation));
        }
    }

    [Fact]
    public async Task An_edit_of_a_withdrawn_place_does_not_put_it_back_in_searches_and_it_is_never_listed_stale()
    {
        await using var database = await PlacesAsync();
        var index = new SiteSearchIndex(new ScheduleCache());
        await using var db = database.NewContext();
        await index.LoadAsync(db, default);
        var patch = new SitePatch(new HashSet<string> { SiteFields.Telephone }, s => s with { Telephone = "+33380000000" });
        var clock = new FixedClock(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var editor = new SiteEditor(db, clock, index);
        await editor.EditAsync(1, 1, patch, "account:12", default);
        Assert.Equal([4L], index.Nearest(Dijon, SiteFilter.None, double.PositiveInfinity, null).Select(h => h.SiteId));
        // Years later every place is stale, but a withdrawn one is nobody's to confirm.
        Assert.Equal([4L], (await editor.StaleAsync(null, default)).Select(s => s.Key));
    }
}
