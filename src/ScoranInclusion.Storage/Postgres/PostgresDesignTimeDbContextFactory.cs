using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ScoranInclusion.Storage.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgresScoranDbContext</c> build the context
/// (tools/pg-migrations.sh); generating a migration never connects, so the connection string is a placeholder.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresScoranDbContext>
{
    public PostgresScoranDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresScoranDbContext>()
            .UseNpgsql("Host=localhost;Database=scoran_design_time", o => o.UseNetTopologySuite())
            .Options);
}
