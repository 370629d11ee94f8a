using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Health;

/// <summary>Bound from the <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// How long /readyz keeps the database's answer, in seconds (0: ask on every call). /readyz is never rate-limited:
    /// without this, anyone could make the server query its database as fast as they can send requests.
    /// </summary>
    [NotNegative]
    public int ReadyCacheSeconds { get; set; } = 5;
}

/// <summary>
/// Whether the database answers and has every migration, asked at most once per <see cref="HealthOptions.ReadyCacheSeconds"/>
/// (one process-wide answer, healthy or not): calls within the window, even at once, share one query.
/// </summary>
public sealed class DatabaseReadiness(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HealthOptions> options, ILogger<DatabaseReadiness> logger) : IDisposable
{
    private readonly SemaphoreSlim _probing = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(options.Value.ReadyCacheSeconds);
        if (Fresh(window) is { } cached)
        {
            return cached;
        }

        // One probe at a time: the others wait for its answer instead of asking the database too.
        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(window) is { } justProbed)
            {
                return justProbed;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose() => _probing.Dispose();

    private HealthCheckResult? Fresh(TimeSpan window) =>
        _last is { } last && window > TimeSpan.Zero && clock.GetUtcNow() - last.At < window ? last.Result : null;

    /// <summary>A cheap query (the migrations' history) that tells both that the database answers and that it is up to date.</summary>
    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        IReadOnlyList<string> pending;
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            pending = [.. db.Database.GetMigrations().Where(m => !applied.Contains(m))];
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // The detail (which may name a host) goes to the log only.
            logger.LogWarning(e, "Base de données injoignable pour /readyz");
            return HealthCheckResult.Unhealthy("La base de données ne répond pas.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("La base de données ne répond pas à temps.");
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("La base de données répond et son schéma est à jour.")
            : HealthCheckResult.Unhealthy($"La base de données n'a pas toutes ses migrations : {pending.Count} en attente (redémarrez le serveur pour les appliquer).");
    }
}
