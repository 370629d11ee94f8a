using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScoranInclusion.Storage.Sqlite;

/// <summary>
/// <c>PRAGMA synchronous</c> on SQLite. In WAL mode, <c>Normal</c> keeps every committed transaction
/// across a crash of the process (kill -9) but may lose the last ones on a power cut or a crash of the
/// system; <c>Full</c> also syncs the WAL to disk at every commit and keeps them across a power cut.
/// </summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}

/// <summary>
/// Sets the per-connection settings of SQLite on every physical connection the server opens through EF Core:
/// <c>busy_timeout</c> (a writer waits for the one holding the lock instead of failing with "database is
/// locked"), <c>synchronous</c>, <c>foreign_keys</c> (also asked by the connection string). Applied once per
/// native connection: a pooled connection keeps them.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite does not call <c>sqlite3_busy_timeout</c>: it retries a statement that got
/// SQLITE_BUSY every 150 ms until the command timeout (<c>Default Timeout</c>, 30 s here) runs out. The
/// native busy handler set here waits inside SQLite, with finer sleeps, and also covers the locks taken
/// where no statement is retried (the WAL read lock, the checkpoint after a commit). Its length is the
/// connection's <c>Default Timeout</c>, so there is one setting for both.
/// </remarks>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> s_configured = new();

    public SqliteSynchronous Synchronous { get; } = synchronous;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Applies the settings to an open connection (also for connections opened outside EF Core).</summary>
    public void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle)
        {
            return;
        }

        if (s_configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = Pragmas(sqlite.DefaultTimeout, Synchronous);
        command.ExecuteNonQuery();
        s_configured.AddOrUpdate(handle, this);
    }

    /// <summary>The statements, for a connection whose command timeout is <paramref name="timeoutSeconds"/> (0: no limit).</summary>
    public static string Pragmas(int timeoutSeconds, SqliteSynchronous synchronous)
    {
        var busyMilliseconds = timeoutSeconds <= 0 || timeoutSeconds > int.MaxValue / 1000 ? int.MaxValue : timeoutSeconds * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = {(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON;");
    }
}
