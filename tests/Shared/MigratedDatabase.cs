using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Tests.Shared;

/// <summary>
/// The one migrated database of the tests, alive as long as this object: in-memory SQLite (kept by
/// the connection held open), or a PostgreSQL database of its own on the test cluster
/// (<see cref="PostgresTestDatabase"/>, dropped at the end). Migrated as the server does on start.
/// </summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly string? _postgres;

    private MigratedDatabase(StorageProvider provider)
    {
        Provider = provider;
        if (provider == StorageProvider.Postgres)
        {
            _postgres = PostgresTestDatabase.Create();
        }
    }

    public StorageProvider Provider { get; }

    public static async Task<MigratedDatabase> CreateAsync(StorageProvider provider = StorageProvider.Sqlite)
    {
        var database = new MigratedDatabase(provider);
        if (database._postgres is null)
        {
            await database._connection.OpenAsync();
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public ScoranDbContext NewContext() => _postgres is null
        ? new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite(_connection).Options)
        : new PostgresScoranDbContext(new DbContextOptionsBuilder<PostgresScoranDbContext>().UseNpgsql(_postgres, o => o.UseNetTopologySuite()).Options);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (_postgres is not null)
        {
            PostgresTestDatabase.Drop(_postgres);
        }
    }
}
