using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sqlite;

public sealed class SqliteScoranDbContext(DbContextOptions<SqliteScoranDbContext> options) : ScoranDbContext(options);
