using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage;

public static class DatabaseMigrator
{
    /// <summary>
    /// Applies the migrations, sets SQLite's journal to WAL (readers never block the writer),
    /// and gives places written before the same-as registry their source record.
    /// </summary>
    public static async Task MigrateAsync(ScoranDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        await SourceRegistryBackfill.RunAsync(db, TimeProvider.System, cancellationToken);
    }
}
