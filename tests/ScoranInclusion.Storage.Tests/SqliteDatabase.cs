using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage.Tests;

/// <summary>A migrated in-memory SQLite database, alive as long as this object.</summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    private SqliteDatabase()
    {
    }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase();
        await database._connection.OpenAsync();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public ScoranDbContext NewContext() =>
        new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite(_connection).Options);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
