using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Seeding;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// The services of the server, built the same way (appsettings.json, environment variables,
/// <c>--Key=value</c> switches) and by the same composition root (<see cref="Startup.CoreServices.AddScoranCore"/>),
/// but never started: no port is opened, and no search index is loaded (the writers then publish nothing:
/// the server loads its index from the database when it starts). Logging goes to the
/// verb's error output, warnings and above only, so that stdout carries only the export or
/// the report.
/// </summary>
internal static class CliHost
{
    public static WebApplication Build(IReadOnlyList<string> hostArgs, TextWriter stderr)
    {
        var builder = WebApplication.CreateBuilder(Startup.ScoranHost.Options([.. hostArgs]));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(stderr));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddScoranCore();
        // Imports' spans and counts go to a collector only: the console exporter would mix with the verbs' output.
        var otlp = string.Equals(builder.Configuration["Telemetry:Exporter"], "otlp", StringComparison.OrdinalIgnoreCase);
        if (otlp)
        {
            Telemetry.TelemetryExtensions.AddScoranTelemetry(builder);
        }

        var app = builder.Build();
        // The server's start-up checks (provider, connection string, geodata, numbers), before anything is opened:
        // exit 2 with the same messages (what StartAsync would have checked, without starting the host).
        Startup.ConfigurationChecks.ThrowIfInvalid(app.Services);
        if (otlp)
        {
            // Built now (no host is started): disposing the app flushes them.
            _ = app.Services.GetService<OpenTelemetry.Trace.TracerProvider>();
            _ = app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>();
        }
        return app;
    }

    /// <summary>
    /// Migrates the database, then, with <paramref name="seed"/> and <c>Storage:SeedOnStart</c>,
    /// seeds it from geodata/ as the server's first start would (never twice).
    /// </summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, bool seed, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        services.GetRequiredService<Storage.Sqlite.DatabaseUseLock>().Acquire();
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        if (seed && scope.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value.SeedOnStart)
        {
            var geodata = scope.ServiceProvider.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory;
            var communes = scope.ServiceProvider.GetRequiredService<CommuneDirectory>();
            foreach (var dataset in await GeodataSeeder.SeedAsync(db, geodata, communes, cancellationToken))
            {
                await stderr.WriteLineAsync($"Premier usage de la base : jeu {dataset.Dataset} chargé ({dataset.Rows} lieux).");
            }
        }
    }
}

/// <summary>Log lines to a writer (the verbs' stderr): level, category, message, exception.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (writer)
            {
                writer.WriteLine($"{logLevel}: {category}: {formatter(state, exception)}");
                if (exception is not null)
                {
                    writer.WriteLine(exception.Message);
                }
            }
        }
    }
}
