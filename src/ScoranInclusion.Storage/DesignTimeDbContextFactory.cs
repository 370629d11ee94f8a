using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteScoranDbContext>
{
    public SqliteScoranDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
