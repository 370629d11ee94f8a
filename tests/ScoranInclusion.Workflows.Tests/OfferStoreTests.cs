using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sqlite;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows.Tests;

public sealed class OfferStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1));
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"scoran-offers-{Guid.NewGuid():N}.db");
    private readonly TestClock _clock = new(Now);
    private long _siteKey;

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
        var site = new SiteEntity
        {
            Provenance = "test",
            SourceId = "1",
            Pivot = "00000000000000",
            Nom = "Médiathèque de Chenôve",
            Commune = "Chenôve",
            CodePostal = "21300",
            CodeInsee = "21166",
            Adresse = "1 rue de la Poste",
            Latitude = 47.29,
            Longitude = 5.0,
            DateMaj = new DateOnly(2026, 1, 1),
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        _siteKey = site.Id;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }

    private ScoranDbContext NewContext() => new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>()
        .UseSqlite(StorageServiceCollectionExtensions.SqliteConnectionString($"Data Source={_file}", new StorageOptions())).Options);

    private Offer Workshop() => new(
        "Découvrir Mon Espace Santé", "Créer et utiliser son espace santé en ligne, pas à pas.", null,
        [Service.MaitriseDesOutilsNumeriquesDuQuotidien], [], OfferLevel.Beginner, OfferFormat.CollectiveWorkshop, OfferFee.Free, null,
        new Registration(null, "03 80 00 00 00", null, false), _siteKey, null);

    private async Task<StoredSession> NewSessionAsync(int capacity)
    {
        await using var db = NewContext();
        var store = new OfferStore(db, _clock);
        var offer = await store.CreateOfferAsync(Workshop(), CancellationToken.None);
        return await store.CreateSessionAsync(new SessionDraft(offer.Key, Now.AddDays(3), Now.AddDays(3).AddHours(2), null, null, null, capacity), CancellationToken.None);
    }

    [Fact]
    public async Task Concurrent_reservations_never_overbook_and_lose_no_update()
    {
        const int capacity = 15;
        const int requests = 40;
        var session = await NewSessionAsync(capacity);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => Task.Run(async () =>
        {
            await using var db = NewContext();
            try
            {
                var after = await new OfferStore(db, _clock).ReserveSeatsAsync(session.Key, 1, CancellationToken.None);
                Assert.True(after.RemainingSeats >= 0);
                return "ok";
            }
            catch (OfferRuleException e)
            {
                return e.Code;
            }
        })));

        await using var check = NewContext();
        var stored = await check.Sessions.SingleAsync(s => s.Id == session.Key);
        Assert.Equal(capacity, outcomes.Count(o => o == "ok"));
        Assert.Equal(requests - capacity, outcomes.Count(o => o == OfferRuleCodes.NoSeatsLeft));
        Assert.Equal(capacity, stored.SeatsTaken);
        // Every successful write bumped the version once: no write overwrote another.
        Assert.Equal(1 + capacity, stored.Version);
    }

    [Fact]
    public async Task Concurrent_reserve_and_release_add_up_exactly()
    {
        var session = await NewSessionAsync(100);
        await using (var db = NewContext())
        {
            await new OfferStore(db, _clock).SetSeatsAsync(session.Key, 50, null, CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await using var db = NewContext();
            await new OfferStore(db, _clock).ReserveSeatsAsync(session.Key, i % 2 == 0 ? 2 : -1, CancellationToken.None);
        })));

        await using var check = NewContext();
        Assert.Equal(50 + (15 * 2) - 15, (await check.Sessions.SingleAsync(s => s.Id == session.Key)).SeatsTaken);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_and_changes_nothing()
    {
        var session = await NewSessionAsync(10);
        await using var db = NewContext();
        var store = new OfferStore(db, _clock);
        var first = await store.SetSeatsAsync(session.Key, 4, session.Version, CancellationToken.None);

        var error = await Assert.ThrowsAsync<OfferRuleException>(() => store.SetSeatsAsync(session.Key, 2, session.Version, CancellationToken.None));

        Assert.Equal(OfferRuleCodes.VersionConflict, error.Code);
        await using var check = NewContext();
        Assert.Equal(4, (await check.Sessions.SingleAsync(s => s.Id == session.Key)).SeatsTaken);
        Assert.Equal(first.Version, (await check.Sessions.SingleAsync(s => s.Id == session.Key)).Version);
    }

    [Fact]
    public async Task Cancelling_keeps_the_session_and_bumps_its_calendar_sequence()
    {
        var session = await NewSessionAsync(10);
        await using var db = NewContext();
        var store = new OfferStore(db, _clock);

        var cancelled = await store.CancelSessionAsync(session.Key, "Animatrice malade", CancellationToken.None);

        Assert.True(cancelled.Cancelled);
        Assert.Equal(SessionStatus.Cancelled, cancelled.StatusAt(Now));
        Assert.Equal(session.Sequence + 1, cancelled.Sequence);
        Assert.Equal(OfferRuleCodes.NotEditable, (await Assert.ThrowsAsync<OfferRuleException>(
            () => store.ReserveSeatsAsync(session.Key, 1, CancellationToken.None))).Code);
        await using var check = NewContext();
        Assert.Equal("Animatrice malade", (await check.Sessions.SingleAsync(s => s.Id == session.Key)).CancelReason);
    }

    [Fact]
    public async Task A_series_without_end_is_topped_up_as_time_passes_without_duplicates()
    {
        await using var db = NewContext();
        var store = new OfferStore(db, _clock);
        var offer = await store.CreateOfferAsync(Workshop(), CancellationToken.None);
        var today = new DateOnly(2026, 11, 28);
        var created = await store.CreateSeriesAsync(new SeriesDraft(offer.Key,
            new WeeklySeries([DayOfWeek.Tuesday], new TimeOnly(14, 0), new TimeOnly(16, 0), today, null, [], []), null, null, null, 8), CancellationToken.None);
        Assert.Equal(8, created.Sessions.Count);

        Assert.Equal(0, await store.TopUpSeriesAsync(SeriesExpansion.RollingHorizonDays, CancellationToken.None));
        _clock.Now = Now.AddDays(28);
        var added = await store.TopUpSeriesAsync(SeriesExpansion.RollingHorizonDays, CancellationToken.None);
        Assert.Equal(4, added);
        Assert.Equal(0, await store.TopUpSeriesAsync(SeriesExpansion.RollingHorizonDays, CancellationToken.None));
        var starts = await db.Sessions.Where(s => s.SeriesId == created.SeriesKey).Select(s => s.StartsAtUnix).ToListAsync();
        Assert.Equal(12, starts.Distinct().Count());
    }

    [Fact]
    public async Task A_new_session_in_the_past_or_ending_before_it_starts_is_refused_and_nothing_is_stored()
    {
        await using var db = NewContext();
        var store = new OfferStore(db, _clock);
        var offer = await store.CreateOfferAsync(Workshop(), CancellationToken.None);

        var past = await Assert.ThrowsAsync<OfferRuleException>(() => store.CreateSessionAsync(
            new SessionDraft(offer.Key, Now.AddDays(-1), Now.AddDays(-1).AddHours(1), null, null, null, 5), CancellationToken.None));
        var reversed = await Assert.ThrowsAsync<OfferRuleException>(() => store.CreateSessionAsync(
            new SessionDraft(offer.Key, Now.AddDays(1), Now.AddDays(1).AddHours(-1), null, null, null, 5), CancellationToken.None));

        Assert.Equal(("startsAt", "endsAt"), (past.Field, reversed.Field));
        Assert.Equal(0, await db.Sessions.CountAsync());
    }

    private sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
