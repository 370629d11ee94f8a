using Npgsql;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>On PostgreSQL too, a database migrated by a newer version is refused (code 3, the migration named), nothing written.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresNewerDatabaseTests : IDisposable
{
    private const string Future = "20991231235959_VersionFuture";

    private readonly string _database = PostgresTestDatabase.Create();

    public void Dispose() => PostgresTestDatabase.Drop(_database);

    [Fact]
    public async Task The_verbs_refuse_a_database_newer_than_the_code()
    {
        string[] settings = ["--Storage:Provider=Postgres", $"--ConnectionStrings:Scoran={_database}", $"--Geodata:Directory={RepoPaths.Geodata}", "--Storage:SeedOnStart=false"];
        var migrated = await CliRunner.RunRawAsync(["merges", .. settings]);
        Assert.True(migrated.ExitCode == CliVerbs.Success, migrated.ToString());
        await ExecuteAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{Future}', '99.0.0');");
        var sitesBefore = await ExecuteAsync("SELECT COUNT(*) FROM sites;");

        var result = await CliRunner.RunRawAsync(["export", "--format", "lmn-csv", .. settings]);
        Assert.True(result.ExitCode == CliVerbs.Failure, result.ToString());
        Assert.Contains(Future, result.Error, StringComparison.Ordinal);
        Assert.Contains("restaurez une sauvegarde", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);

        var backup = await CliRunner.RunRawAsync(["backup", "x.db", .. settings]);
        Assert.Equal(CliVerbs.UsageError, backup.ExitCode);
        Assert.Contains("pg_dump", backup.Error, StringComparison.Ordinal);
        Assert.Equal(sitesBefore, await ExecuteAsync("SELECT COUNT(*) FROM sites;"));
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
