using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// What happens on SIGTERM or Ctrl-C: Kestrel stops accepting connections and lets the requests in flight
/// finish, for at most <c>shutdownTimeoutSeconds</c> (30 s unless configured; the host's own key:
/// <c>--shutdownTimeoutSeconds=60</c> or the environment variable of the same name); background services are
/// asked to stop and finish the transaction they are in; then the SQLite WAL is checkpointed into the
/// database file and the connections are closed, so the file on disk is complete on its own.
/// </summary>
public static class GracefulShutdown
{
    public const int DefaultTimeoutSeconds = 30;

    public static WebApplicationBuilder AddScoranGracefulShutdown(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.PostConfigure<HostOptions>(o =>
        {
            if (string.IsNullOrEmpty(configuration["shutdownTimeoutSeconds"]))
            {
                o.ShutdownTimeout = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
            }
        });
        builder.Services.AddHostedService<SqliteCloseOnStop>();
        return builder;
    }

    /// <summary>After every other service has stopped (ApplicationStopped): checkpoint and close SQLite.</summary>
    private sealed class SqliteCloseOnStop(
        IHostApplicationLifetime lifetime,
        IOptions<StorageOptions> options,
        IConfiguration configuration,
        ILogger<SqliteCloseOnStop> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(Close);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private void Close()
        {
            if (options.Value.Provider != StorageProvider.Sqlite || StorageServiceCollectionExtensions.SqliteFile(configuration, options.Value) is not { } file || !File.Exists(file))
            {
                return;
            }

            try
            {
                SqliteConnection.ClearAllPools();
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 10 }.ToString());
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA wal_checkpoint(TRUNCATE);";
                command.ExecuteNonQuery();
                logger.LogInformation("Base SQLite fermée proprement (journal WAL reporté dans le fichier)");
            }
            catch (SqliteException e)
            {
                // Another process still uses the file (a verb): its own close will checkpoint; nothing is lost.
                logger.LogWarning("Report du journal WAL à l'arrêt impossible : {Message}", e.Message);
            }
        }
    }
}
