using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Tests.Mail;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sync;

namespace ScoranInclusion.Server.Tests.Startup;

/// <summary>
/// The one daily job (<see cref="DailyLeaseJob{TRun}"/>, under the moderators' digest and the listing reminders) on one
/// database and a clock of its own: due from the hour in Paris, once a day across replicas, the day freed when the run
/// fails or does nothing, and taken over after a replica died mid-run once its short lease expired.
/// </summary>
public sealed class DailyLeaseJobTests : IAsyncLifetime
{
    // 10 January 2030 is a winter day: Paris is UTC+1, so 07:30 UTC is 08:30 in Paris.
    private static readonly DateTimeOffset Day = new(2030, 1, 10, 0, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Day.AddHours(7.5));
    private MigratedDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync();
        _services = new ServiceCollection().AddScoped(_ => _database.NewContext()).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_day_is_run_once_from_the_hour_in_Paris_across_replicas()
    {
        var (first, second) = (Job(), Job());
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
        _clock.Now = Day.AddHours(8);
        Assert.Equal("run 1", await first.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await second.RunIfDueAsync(CancellationToken.None));
        _clock.Now = Day.AddHours(22.9);
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
        Assert.Equal(Day.AddDays(1).AddHours(8), first.NextRun(_clock.Now));

        _clock.Now = Day.AddDays(1).AddHours(8).AddMinutes(1);
        Assert.Equal("run 1", await second.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
        Assert.Equal(1, first.Runs);
    }

    [Fact]
    public async Task A_run_that_fails_or_does_nothing_frees_the_day_for_the_next_look()
    {
        _clock.Now = Day.AddHours(10);
        var job = Job();
        job.Next = () => throw new InvalidOperationException("panne");
        await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunIfDueAsync(CancellationToken.None));
        job.Next = () => null;
        Assert.Null(await job.RunIfDueAsync(CancellationToken.None));
        job.Next = null;
        Assert.Equal("run 1", await job.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await Job().RunIfDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_replica_that_died_mid_run_leaves_the_day_to_another_once_its_lease_expired()
    {
        _clock.Now = Day.AddHours(9);
        var job = Job();
        // The dead replica's claim, as RunIfDueAsync makes it, never renewed nor pushed to the next day.
        await using (var db = _database.NewContext())
        {
            Assert.True(await DatabaseLease.TryClaimAsync(db, TestJob.Lease, "mort:1:0", TestJob.Short, _clock, CancellationToken.None));
        }

        Assert.Null(await job.RunIfDueAsync(CancellationToken.None));
        _clock.Now += TestJob.Short - TimeSpan.FromSeconds(1);
        Assert.Null(await job.RunIfDueAsync(CancellationToken.None));
        _clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal("run 1", await job.RunIfDueAsync(CancellationToken.None));
        await using (var db = _database.NewContext())
        {
            var lease = await db.SyncLeases.AsNoTracking().SingleAsync(l => l.Name == TestJob.Lease);
            Assert.Equal(Day.AddDays(1).AddHours(8), lease.ExpiresAt);
        }
    }

    private TestJob Job() => new(_services.GetRequiredService<IServiceScopeFactory>(), _clock);

    private sealed class TestJob(IServiceScopeFactory scopes, TimeProvider clock)
        : DailyLeaseJob<string>(scopes, NullLogger.Instance, clock)
    {
        public const string Lease = "test:daily";
        public static readonly TimeSpan Short = TimeSpan.FromMinutes(30);

        public int Runs { get; private set; }

        /// <summary>What the next run does instead of counting (throw, or null for « nothing done »).</summary>
        public Func<string?>? Next { get; set; }

        protected override string LeaseName => Lease;

        protected override string JobName => "Essai";

        protected override bool Enabled => true;

        protected override int Hour => 9;

        protected override TimeSpan CheckEvery => TimeSpan.FromMinutes(5);

        // Long enough that no renewal fires during a test.
        protected override TimeSpan RunLease => Short;

        protected override Task<string?> RunClaimedAsync(DailyRun day, CancellationToken cancellationToken)
        {
            Assert.IsAssignableFrom<ScoranDbContext>(day.Db);
            return Task.FromResult(Next is { } next ? next() : "run " + ++Runs);
        }

        protected override void Report(string run)
        {
        }
    }
}
