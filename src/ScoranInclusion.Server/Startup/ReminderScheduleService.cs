using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sync;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// With <c>Reminders:Enabled=true</c>, runs the listing reminders once a day, from <c>Reminders:Hour</c> (Paris time).
/// Every replica looks every <see cref="CheckEvery"/>; the day's run is claimed in <c>sync_leases</c>
/// (<see cref="ListingReminders.DailyLease"/>, held until the next day's hour and never released), so that one process
/// only runs it, and a server that was down at the hour runs it when it comes back. The run itself holds
/// <see cref="ListingReminders.RunLease"/> (as the <c>reminders</c> verb does) and records each reminder, so that even
/// two runs on one day would not mail a place twice.
/// </summary>
public sealed class ReminderScheduleService(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    ILogger<ReminderScheduleService> logger,
    TimeProvider? clock = null) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckEvery, _clock);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Each reminder is written with its mails or not at all: the next look (or the next day) goes on.
                logger.LogError(e, "Relances des fiches : échec inattendu");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs the day's reminders when the hour has come and no process ran them since; true when this one did.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var paris = ParisTime.ToParis(now);
        var today = DateOnly.FromDateTime(paris.DateTime);
        var hour = new TimeOnly(options.Value.Hour, 0);
        if (TimeOnly.FromDateTime(paris.DateTime) < hour)
        {
            return false;
        }

        var next = ParisTime.FromLocal(today.AddDays(1).ToDateTime(hour));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        if (!await DatabaseLease.TryClaimAsync(db, ListingReminders.DailyLease, DatabaseLease.NewHolder(), next - now, _clock, cancellationToken))
        {
            return false;
        }

        var run = await scope.ServiceProvider.GetRequiredService<ListingReminders>().RunAsync(dryRun: false, cancellationToken);
        if (run is null)
        {
            logger.LogWarning("Relances des fiches : une autre exécution est en cours (verbe reminders ?) ; rien n'a été fait aujourd'hui");
        }
        else
        {
            logger.LogInformation("Relances des fiches : {Places} lieux relancés, {Mails} courriels, {Waiting} en attente de l'intervalle, {Exhausted} sans réponse après toutes les relances, {Without} sans destinataire",
                run.Reminded.Count, run.Mails, run.Waiting, run.Exhausted, run.WithoutRecipient);
        }

        return true;
    }
}
