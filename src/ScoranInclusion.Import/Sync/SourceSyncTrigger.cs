using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ScoranInclusion.Import.Sync;

/// <summary>
/// « Lancer maintenant »: claims the source and records its run before answering (so that the id is real and a second
/// click gets null), then runs it in the background. The runs still going when the process stops are cancelled (their
/// transaction rolls back) and awaited.
/// </summary>
public sealed class SourceSyncTrigger(ISourceCatalog catalog, SourceSync sync, ILogger<SourceSyncTrigger> logger) : ISourceSyncTrigger, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();

    public async Task<long?> RunNowAsync(string source, string actor, CancellationToken cancellationToken)
    {
        if (catalog.Find(source) is not { } configured)
        {
            return null;
        }

        var claimed = await sync.ClaimAsync(configured, dryRun: false, cancellationToken);
        if (claimed is null)
        {
            return null;
        }

        logger.LogInformation("Synchronisation de la source {Source} (run {RunId}) lancée par {Actor}", configured.Name, claimed.RunId, actor);
        _running[claimed.RunId] = Task.Run(async () =>
        {
            try
            {
                await sync.RunClaimedAsync(claimed, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopped with the process: the run's row says so.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Synchronisation de la source {Source} (run {RunId}) : échec inattendu", configured.Name, claimed.RunId);
            }
            finally
            {
                _running.TryRemove(claimed.RunId, out _);
            }
        }, CancellationToken.None);
        return claimed.RunId;
    }

    /// <summary>Waits for the background runs started here (tests, shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await WhenIdleAsync();
        _stopping.Dispose();
    }
}
