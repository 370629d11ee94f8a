using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Search;

namespace ScoranInclusion.Server.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive (no check, no database access: always 200 while it runs).
/// <c>/readyz</c>: it can serve requests: the database answers and has every migration, the communes are
/// loaded, the search index too (SQLite). 200 or 503, with a small JSON body that gives each check's state
/// and, when it fails, the reason in French. Neither is ever rate-limited (<c>SecurityExtensions</c>).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddScoranHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("base", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<GeodataCheck>("geodata", tags: [ReadyTag])
            .AddCheck<SearchIndexCheck>("index", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapScoranHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = Status(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = Status(e.Value.Status), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonOptions, http.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degrade",
        _ => "indisponible",
    };

    /// <summary>A cheap query (the migrations' history) that tells both that the database answers and that it is up to date.</summary>
    private sealed class DatabaseCheck(IServiceScopeFactory scopes, ILogger<DatabaseCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
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

    private sealed class GeodataCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var communes = services.GetRequiredService<CommuneDirectory>().All.Count;
                return Task.FromResult(communes > 0
                    ? HealthCheckResult.Healthy($"{communes} communes chargées.")
                    : HealthCheckResult.Unhealthy("Aucune commune chargée : vérifiez Geodata:Directory."));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Les communes (geodata) ne sont pas chargées : vérifiez Geodata:Directory."));
            }
        }
    }

    private sealed class SearchIndexCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            // On PostgreSQL the database's GiST index answers: nothing is loaded in the process.
            if (services.GetService<SiteSearchIndex>() is not { } index)
            {
                return Task.FromResult(HealthCheckResult.Healthy("Recherche servie par PostGIS."));
            }

            return Task.FromResult(index.IsLoaded
                ? HealthCheckResult.Healthy($"Index de recherche chargé : {index.Count} lieux.")
                : HealthCheckResult.Unhealthy("L'index de recherche n'est pas encore chargé."));
        }
    }
}
