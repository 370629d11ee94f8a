using Microsoft.Extensions.Options;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// With <c>Reminders:Enabled=true</c>, runs the listing reminders once a day, from <c>Reminders:Hour</c> (Paris time),
/// as a <see cref="DailyLeaseJob{TRun}"/> on the row <see cref="ListingReminders.DailyLease"/> of <c>sync_leases</c>:
/// one process runs the day, and a server that was down at the hour runs it when it comes back. The run itself holds
/// <see cref="ListingReminders.RunLease"/> (as the <c>reminders</c> verb does) and records each reminder with its mails,
/// so that a run taken over after a crash, or two runs on one day, never mail a place twice. When the verb holds the run,
/// the day is tried again at the next look.
/// </summary>
public sealed class ReminderScheduleService(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    ILogger<ReminderScheduleService> logger,
    TimeProvider? clock = null) : DailyLeaseJob<ReminderRun>(scopes, logger, clock)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    protected override string LeaseName => ListingReminders.DailyLease;

    protected override string JobName => "Relances des fiches";

    protected override bool Enabled => options.Value.Enabled;

    protected override int Hour => options.Value.Hour;

    protected override TimeSpan CheckEvery => CheckInterval;

    protected override TimeSpan RunLease => ListingReminders.RunLeaseDuration;

    protected override async Task<ReminderRun?> RunClaimedAsync(DailyRun day, CancellationToken cancellationToken)
    {
        var run = await day.Services.GetRequiredService<ListingReminders>().RunAsync(dryRun: false, cancellationToken);
        if (run is null)
        {
            logger.LogWarning("Relances des fiches : une autre exécution est en cours (verbe reminders ?) ; nouvel essai dans {Minutes} minutes",
                CheckInterval.TotalMinutes);
        }

        return run;
    }

    protected override void Report(ReminderRun run) =>
        logger.LogInformation("Relances des fiches : {Places} lieux relancés, {Mails} courriels, {Waiting} en attente de l'intervalle, {Exhausted} sans réponse après toutes les relances, {Without} sans destinataire",
            run.Reminded.Count, run.Mails, run.Waiting, run.Exhausted, run.WithoutRecipient);
}
