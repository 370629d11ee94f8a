using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage;

public static class DatabaseMigrator
{
    /// <summary>Applies the migrations and sets SQLite's journal to WAL (readers never block the writer).</summary>
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
    }
}
