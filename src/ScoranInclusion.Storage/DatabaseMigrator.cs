using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage;

public static class DatabaseMigrator
{
    /// <summary>
    /// Applies the migrations (PostgreSQL: the first one also creates the PostGIS extension, which needs
    /// a role allowed to, or the extension created beforehand), sets SQLite's journal to WAL (readers never block the writer),
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

        else if (db.Database.IsNpgsql())
        {
            // Npgsql reads the history table before creating it and logs the failure as an error on a
            // new database (npgsql/efcore.pg#3407); an operator should not see an error on a first start.
            // EF's own script for the table, which it would run next anyway.
            var script = db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
            await db.Database.ExecuteSqlRawAsync(script, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await SourceRegistryBackfill.RunAsync(db, TimeProvider.System, cancellationToken);
    }
}
