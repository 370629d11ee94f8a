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
        // Before anything is written (not even the journal mode): a database migrated by a newer version of
        // the program is left as it is.
        await EnsureNotNewerThanCodeAsync(db, cancellationToken);
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

    /// <summary>
    /// Throws <see cref="DatabaseNewerThanCodeException"/> when the database has applied migrations that this
    /// code does not have (it was migrated by a newer version): running on it could lose or misread data.
    /// Reads only; a missing database or history table passes (the migrations will create them).
    /// </summary>
    public static async Task EnsureNotNewerThanCodeAsync(ScoranDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file
                && file != ":memory:" && !File.Exists(file))
            {
                return;
            }
        }

        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
        {
            return;
        }

        var unknown = UnknownMigrations(await db.Database.GetAppliedMigrationsAsync(cancellationToken), db.Database.GetMigrations());
        if (unknown.Count > 0)
        {
            throw new DatabaseNewerThanCodeException(unknown);
        }
    }

    /// <summary>The applied migrations missing from <paramref name="known"/>, in their order.</summary>
    public static IReadOnlyList<string> UnknownMigrations(IEnumerable<string> applied, IEnumerable<string> known)
    {
        var ours = known.ToHashSet(StringComparer.Ordinal);
        return [.. applied.Where(m => !ours.Contains(m)).Order(StringComparer.Ordinal)];
    }
}

/// <summary>The database was migrated by a newer version of the program: the message says which migrations and what to do.</summary>
public sealed class DatabaseNewerThanCodeException(IReadOnlyList<string> unknownMigrations) : Exception(
    $"la base a été migrée par une version plus récente du programme : migration{(unknownMigrations.Count > 1 ? "s" : "")} inconnue{(unknownMigrations.Count > 1 ? "s" : "")} de ce programme : "
    + string.Join(", ", unknownMigrations)
    + ". Rien n'a été modifié. Installez la version du programme qui a migré cette base (ou une plus récente), ou restaurez une sauvegarde faite avec cette version-ci (verbe « restore »).")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}
