using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive (no check, no database access: always 200 while it runs).
/// <c>/readyz</c>: it can serve requests: the database answers and has every migration, the communes are
/// loaded, the search index too (SQLite). 200 or 503, with a small JSON body that gives each check's state
/// and, when it fails, the reason in French. Neither is ever rate-limited (<c>SecurityExtensions</c>: orchestrators and
/// load balancers poll them); the database is asked at most once per <see cref="HealthOptions.ReadyCacheSeconds"/>, so
/// polling /readyz in a loop cannot load it.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddScoranHealthChecks(this IServiceCollection services)
    {
        services.AddScoranHealthOptions();
        services.AddSingleton<DatabaseReadiness>();
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("base", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<GeodataCheck>("geodata", tags: [ReadyTag])
            .AddCheck<SearchIndexCheck>("index", tags: [ReadyTag]);
        return services;
    }

    /// <summary>The <c>Health</c> section, bound and checked at start (also by the verbs' composition root: twice is the same as once).</summary>
    public static IServiceCollection AddScoranHealthOptions(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateOnStart();
        services.AddSettingRules<HealthOptions>(HealthOptions.Section);
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

    /// <summary>/readyz's database check: the answer of <see cref="DatabaseReadiness"/>, kept for a few seconds.</summary>
    private sealed class DatabaseCheck(DatabaseReadiness readiness) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            readiness.CheckAsync(cancellationToken);
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
            if (StorageServiceCollectionExtensions.IsPostgres(services))
            {
                return Task.FromResult(HealthCheckResult.Healthy("Recherche servie par PostGIS."));
            }

            var index = services.GetRequiredService<SiteSearchIndex>();
            return Task.FromResult(index.IsLoaded
                ? HealthCheckResult.Healthy($"Index de recherche chargé : {index.Count} lieux.")
                : HealthCheckResult.Unhealthy("L'index de recherche n'est pas encore chargé."));
        }
    }
}
