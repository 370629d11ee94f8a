using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ScoranInclusion.Storage.Bulk;

/// <summary>
/// A large SQLite page cache for one long write transaction (an import). With the default cache
/// (2 MB), a transaction that writes more than that spills its dirty pages to the WAL as it goes,
/// and writes a B-tree page again each time it changes after a spill: 100,000 new places wrote
/// 190 MB of WAL for a 90 MB database. With room for them, pages are written once, at commit.
/// The previous size is put back at the end, so the pooled connection does not keep the memory.
/// </summary>
public sealed class SqliteWriteCache : IAsyncDisposable
{
    /// <summary>The cache for the transaction, in KiB (SQLite's negative <c>cache_size</c>): at most 256 MiB, used only as pages are written.</summary>
    public const int CacheKibibytes = 256 * 1024;

    private readonly ScoranDbContext _db;
    private readonly long _previous;

    private SqliteWriteCache(ScoranDbContext db, long previous)
    {
        _db = db;
        _previous = previous;
    }

    /// <summary>Widens the cache of the context's open connection (SQLite only; null otherwise).</summary>
    public static async Task<SqliteWriteCache?> WidenAsync(ScoranDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA cache_size";
        var previous = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA cache_size = -{CacheKibibytes}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SqliteWriteCache(db, previous);
    }

    public async ValueTask DisposeAsync()
    {
        var connection = _db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"PRAGMA cache_size = {_previous.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await command.ExecuteNonQueryAsync();
    }
}
