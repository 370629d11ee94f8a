using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Storage;
using ScoranInclusion.Workflows.Mail;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Mail;

/// <summary>
/// Writes the moderators' daily digest (<see cref="ModerationDigest"/>) once a day, from <c>Moderation:Digest:Hour</c>
/// (Paris time), whatever the number of replicas. The day's run is claimed with the sync's lease (<see cref="SyncLease"/>,
/// row <see cref="LeaseName"/> of <c>sync_leases</c>) for <see cref="RunLease"/>; the digests, the items' marks and the
/// lease pushed back to the next day's hour are committed in one transaction. So: one run per day across replicas (the
/// others find the lease held until tomorrow); a replica that dies mid-run wrote nothing and its short lease expires, so
/// another one (or itself, restarted) runs the day's digest a few minutes later.
/// </summary>
public sealed class ModerationDigestService(
    IServiceScopeFactory scopes, IOptions<ModerationDigestOptions> options, MailOutboxSignal signal, ILogger<ModerationDigestService> logger,
    TimeProvider? clock = null) : BackgroundService
{
    /// <summary>The lease's row in <c>sync_leases</c> (sources have names of their own; this one cannot be a source's).</summary>
    public const string LeaseName = "moderation:digest";

    /// <summary>How long a run holds the day before it commits; after a crash, the day's digest is late by this much at most.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(10);

    /// <summary>How often a replica looks whether the day's digest is due.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckInterval, _clock);
        do
        {
            try
            {
                if (await RunIfDueAsync(stoppingToken) is { Mails: > 0 } run)
                {
                    logger.LogInformation("Modération : récapitulatif du jour, {Mails} courriels pour {Items} demandes", run.Mails, run.Items);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing was committed; the lease expires and the next look tries again.
                logger.LogError(e, "Modération : échec du récapitulatif du jour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The day's run when it is due and this process claimed it; null otherwise (too early, or already done today).</summary>
    public async Task<DigestRun?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (ParisTime.ToParis(now).Hour < options.Value.Hour)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var holder = SyncLease.NewHolder();
        if (!await SyncLease.TryClaimAsync(db, LeaseName, holder, RunLease, _clock, cancellationToken))
        {
            return null;
        }

        DigestRun run;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            run = await scope.ServiceProvider.GetRequiredService<ModerationDigest>().QueueAsync(cancellationToken);
            // Held until the next day's hour: no replica runs it again today. Lost meanwhile (a pause longer than the lease,
            // another took it over): roll back, the other one's run counts.
            if (!await SyncLease.RenewAsync(db, LeaseName, holder, NextRun(now) - _clock.GetUtcNow(), _clock, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An item decided while the digest was written: nothing was committed; free the day for the next look.
            db.ChangeTracker.Clear();
            await SyncLease.ReleaseAsync(db, LeaseName, holder, _clock, CancellationToken.None);
            throw;
        }

        if (run.Mails > 0)
        {
            signal.Wake();
        }

        return run;
    }

    /// <summary>The next day's hour, Paris time, after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var paris = ParisTime.ToParis(now);
        var next = paris.Date.AddDays(1).AddHours(options.Value.Hour);
        return ParisTime.FromLocal(next);
    }
}
