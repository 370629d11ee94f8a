using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage.Tests;

/// <summary>
/// Each provider's migrations describe the current model. After a model change (a merged branch
/// with new entities): `dotnet ef migrations add NAME --context SqliteScoranDbContext --output-dir
/// Sqlite/Migrations` for SQLite, and tools/pg-migrations.sh, which regenerates PostgreSQL's Initial.
/// No database is opened.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteScoranDbContext(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Migration SQLite manquante : dotnet ef migrations add NOM --context SqliteScoranDbContext --output-dir Sqlite/Migrations");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgresScoranDbContext(new DbContextOptionsBuilder<PostgresScoranDbContext>()
            .UseNpgsql("Host=localhost;Database=unused", o => o.UseNetTopologySuite()).Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Migrations PostgreSQL en retard sur le modèle : lancez tools/pg-migrations.sh");
    }
}
