using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Workflows.Mail;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Mail;

/// <summary>
/// Writes the moderators' daily digest (<see cref="ModerationDigest"/>) once a day, from <c>Moderation:Digest:Hour</c>
/// (Paris time), whatever the number of replicas: a <see cref="DailyLeaseJob{TRun}"/> on the row <see cref="LeaseName"/>
/// of <c>sync_leases</c>. The digests, the items' marks and the day held until the next day's hour are committed in one
/// transaction: a replica that dies mid-run wrote nothing and its short lease expires, so another one (or itself,
/// restarted) runs the day's digest a few minutes later; one that lost the day meanwhile rolls back.
/// </summary>
public sealed class ModerationDigestService(
    IServiceScopeFactory scopes, IOptions<ModerationDigestOptions> options, MailOutboxSignal signal, ILogger<ModerationDigestService> logger,
    TimeProvider? clock = null) : DailyLeaseJob<DigestRun>(scopes, logger, clock)
{
    /// <summary>The lease's row in <c>sync_leases</c>.</summary>
    public const string DigestLease = "moderation:digest";

    /// <summary>How long a run holds the day before it commits; after a crash, the day's digest is late by this much at most.</summary>
    public static readonly TimeSpan RunLeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>How often a replica looks whether the day's digest is due.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(5);

    protected override string LeaseName => DigestLease;

    protected override string JobName => "Modération : récapitulatif du jour";

    protected override bool Enabled => options.Value.Enabled;

    protected override int Hour => options.Value.Hour;

    protected override TimeSpan CheckEvery => CheckInterval;

    protected override TimeSpan RunLease => RunLeaseDuration;

    protected override async Task<DigestRun?> RunClaimedAsync(DailyRun day, CancellationToken cancellationToken)
    {
        DigestRun run;
        await using (var transaction = await day.Db.Database.BeginTransactionAsync(cancellationToken))
        {
            run = await day.Services.GetRequiredService<ModerationDigest>().QueueAsync(cancellationToken);
            // Lost meanwhile (a pause longer than the lease, another took it over): roll back, the other one's run counts.
            if (!await day.HoldUntilNextRunAsync(cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            // An item decided while the digest was written fails the commit (DbUpdateException): the day is freed.
            await transaction.CommitAsync(cancellationToken);
        }

        if (run.Mails > 0)
        {
            signal.Wake();
        }

        return run;
    }

    protected override void Report(DigestRun run)
    {
        if (run.Mails > 0)
        {
            logger.LogInformation("Modération : récapitulatif du jour, {Mails} courriels pour {Items} demandes", run.Mails, run.Items);
        }
    }
}
