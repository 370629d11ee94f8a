using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sync;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// A job run once a day from <see cref="Hour"/> (Paris time), whatever the number of replicas: every replica looks every
/// <see cref="CheckEvery"/>; the one that claims the row <see cref="LeaseName"/> of <c>sync_leases</c>
/// (<see cref="DatabaseLease"/>) for <see cref="RunLease"/> runs the day, the lease renewed while it runs; when the run
/// is done, the lease is pushed back to the next day's hour (<see cref="DailyRun.HoldUntilNextRunAsync"/>, which a job
/// may call itself, inside its own transaction), so that the other replicas find the day taken. A run that fails, or
/// finds nothing to do (<see cref="RunClaimedAsync"/> returns null), frees the day for the next look; a replica that
/// dies mid-run leaves a lease that expires after <see cref="RunLease"/>, and another one runs the day then. A server
/// that was down at the hour runs the day when it comes back.
/// </summary>
public abstract class DailyLeaseJob<TRun>(IServiceScopeFactory scopes, ILogger logger, TimeProvider? clock) : BackgroundService
    where TRun : class
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly ILogger _logger = logger;

    protected TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The job's row in <c>sync_leases</c> (sources have names of their own; this one cannot be a source's).</summary>
    protected abstract string LeaseName { get; }

    /// <summary>The job's name in the logs, in French.</summary>
    protected abstract string JobName { get; }

    protected abstract bool Enabled { get; }

    /// <summary>The hour of day (Paris time, 0–23) from which the day's run is due.</summary>
    protected abstract int Hour { get; }

    /// <summary>How often a replica looks whether the day's run is due.</summary>
    protected abstract TimeSpan CheckEvery { get; }

    /// <summary>How long a run holds the day between two renewals; after a crash, the day's run is late by this much at most.</summary>
    protected abstract TimeSpan RunLease { get; }

    /// <summary>The day's work, the day claimed; null when nothing was done and the day should be tried again at the next look.</summary>
    protected abstract Task<TRun?> RunClaimedAsync(DailyRun day, CancellationToken cancellationToken);

    /// <summary>Logs what a run did.</summary>
    protected abstract void Report(TRun run);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckEvery, Clock);
        do
        {
            try
            {
                if (await RunIfDueAsync(stoppingToken) is { } run)
                {
                    Report(run);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The day was freed: the next look tries again.
                _logger.LogError(e, "{Job} : échec inattendu", JobName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The day's run when the hour has come and this process claimed the day; null otherwise (too early, already done today, or nothing done).</summary>
    public async Task<TRun?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        if (ParisTime.ToParis(now).Hour < Hour)
        {
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var holder = DatabaseLease.NewHolder();
        if (!await DatabaseLease.TryClaimAsync(db, LeaseName, holder, RunLease, Clock, cancellationToken))
        {
            return null;
        }

        await using var day = new DailyRun(this, scope.ServiceProvider, db, holder, NextRun(now), cancellationToken);
        TRun? run;
        try
        {
            run = await RunClaimedAsync(day, cancellationToken);
            if (run is not null && !day.Held && !await day.HoldUntilNextRunAsync(cancellationToken))
            {
                _logger.LogWarning("{Job} : réservation du jour perdue pendant l'exécution", JobName);
            }
        }
        catch
        {
            await day.FreeAsync();
            throw;
        }

        if (run is null)
        {
            await day.FreeAsync();
        }

        return run;
    }

    /// <summary>The next day's hour, Paris time, after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now) =>
        ParisTime.FromLocal(ParisTime.ToParis(now).Date.AddDays(1).AddHours(Hour));

    /// <summary>The day claimed by this process: its scope, its context, and the lease kept while the job runs.</summary>
    public sealed class DailyRun : IAsyncDisposable
    {
        private readonly DailyLeaseJob<TRun> _job;
        private readonly string _holder;
        private readonly DateTimeOffset _next;
        private readonly CancellationTokenSource _renewing;
        private readonly Task _renewal;

        internal DailyRun(DailyLeaseJob<TRun> job, IServiceProvider services, ScoranDbContext db, string holder, DateTimeOffset next, CancellationToken cancellationToken)
        {
            _job = job;
            _holder = holder;
            _next = next;
            Services = services;
            Db = db;
            _renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _renewal = DatabaseLease.KeepAsync(job._scopes, job.LeaseName, holder, job.RunLease, job.Clock, job._logger, _renewing.Token);
        }

        /// <summary>The run's scope.</summary>
        public IServiceProvider Services { get; }

        /// <summary>The scope's context, on which the day was claimed.</summary>
        public ScoranDbContext Db { get; }

        /// <summary>True once the day is held until the next day's hour.</summary>
        public bool Held { get; private set; }

        /// <summary>
        /// Stops the renewals and holds the day until the next day's hour, on <see cref="Db"/> (inside the job's
        /// transaction when it has one, so that the work and the day commit together); false when the lease was lost
        /// meanwhile (another replica took the day over: the job should roll back).
        /// </summary>
        public async Task<bool> HoldUntilNextRunAsync(CancellationToken cancellationToken)
        {
            await StopRenewingAsync();
            Held = await DatabaseLease.RenewAsync(Db, _job.LeaseName, _holder, _next - _job.Clock.GetUtcNow(), _job.Clock, cancellationToken);
            return Held;
        }

        internal async Task FreeAsync()
        {
            await StopRenewingAsync();
            Held = false;
            Db.ChangeTracker.Clear();
            await DatabaseLease.ReleaseAsync(Db, _job.LeaseName, _holder, _job.Clock, CancellationToken.None);
        }

        private async Task StopRenewingAsync()
        {
            await _renewing.CancelAsync();
            await _renewal;
        }

        public async ValueTask DisposeAsync()
        {
            await StopRenewingAsync();
            _renewing.Dispose();
        }
    }
}
