using System.Data.Common;
using System.Net.Sockets;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Startup;

/// <summary>A database that cannot be reached at start: one French message on stderr and an exit code, not a stack trace.</summary>
public static class StartupFailures
{
    /// <summary>The verbs' « failure » code (database, disk).</summary>
    public const int DatabaseExitCode = 3;

    /// <summary><see cref="DatabaseStartup.PrepareDatabaseAsync"/>; false, with the reason on <paramref name="stderr"/>, when the database does not answer.</summary>
    public static async Task<bool> PrepareDatabaseAsync(WebApplication app, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stderr);
        // Telemetry is live before the start-up's own work (the first start's import is traced and counted).
        _ = app.Services.GetService<OpenTelemetry.Trace.TracerProvider>();
        _ = app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>();
        try
        {
            // PostgreSQL first answers a bare connection, without EF Core (whose failure logs carry a stack trace).
            if (StorageServiceCollectionExtensions.IsPostgres(app.Services))
            {
                await using var connection = new Npgsql.NpgsqlConnection(app.Configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName));
                await connection.OpenAsync();
            }

            await app.PrepareDatabaseAsync();
            return true;
        }
        catch (Exception e) when (e is DatabaseNewerThanCodeException or ScoranInclusion.Storage.Sqlite.DatabaseRestoringException)
        {
            // A database migrated by a newer version, or being restored: nothing written, no stack trace.
            await stderr.WriteLineAsync("erreur : " + e.Message);
            return false;
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException
            || e.InnerException is DbException or SocketException or TimeoutException)
        {
            var provider = app.Configuration["Storage:Provider"] ?? "Sqlite";
            await stderr.WriteLineAsync(
                $"La base de données ne répond pas (Storage:Provider = {provider}, ConnectionStrings:Scoran) : {Reason(e)}");
            await stderr.WriteLineAsync("Vérifiez que le serveur de base de données tourne, l'adresse, le nom de la base, l'utilisateur et son mot de passe ; voir docs/deploiement.md.");
            return false;
        }
    }

    private static string Reason(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
}
