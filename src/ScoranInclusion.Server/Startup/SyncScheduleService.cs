using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// With <c>Sync:Enabled=true</c>, runs each enabled source every <c>Every</c>: every <c>Sync:CheckInterval</c> it
/// looks at each source's last run (in <c>sync_runs</c>, so a restart or another replica's run counts) and runs the
/// sources that are due. Replicas may all run this: the lease lets one of them run a source, the others find it taken
/// and, at their next look, its fresh run. A failed run is tried again after an hour at most.
/// </summary>
public sealed class SyncScheduleService(
    ISourceCatalog catalog,
    SourceSync sync,
    IServiceScopeFactory scopes,
    IOptions<SyncOptions> options,
    ILogger<SyncScheduleService> logger,
    TimeProvider? clock = null) : BackgroundService
{
    public static readonly TimeSpan RetryFailedAfter = TimeSpan.FromHours(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !catalog.Sources.Any(s => s.Enabled))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckInterval, _clock);
        do
        {
            foreach (var source in catalog.Sources.Where(s => s.Enabled))
            {
                try
                {
                    if (await IsDueAsync(source, stoppingToken))
                    {
                        // Null: another process holds it; its run will be seen at the next look.
                        await sync.RunAsync(source, dryRun: false, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The run's row and its warning say what failed; the next look tries again.
                    logger.LogError(e, "Synchronisation de la source {Source} : échec inattendu", source.Name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> IsDueAsync(ConfiguredSource source, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var last = await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().SyncRuns.AsNoTracking()
            .Where(r => r.Source == source.Name && !r.DryRun)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.StartedAt, r.Outcome })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return true;
        }

        var wait = last.Outcome == SyncOutcomes.Failed && source.Every > RetryFailedAfter ? RetryFailedAfter : source.Every;
        return _clock.GetUtcNow() - last.StartedAt >= wait;
    }
}
