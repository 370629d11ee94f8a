using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// A database migrated by a newer version of the program (a migration this code does not know): the server and
/// the verbs refuse it with a French message that names the migration and the remedy, exit with 3, print no stack
/// trace, and write nothing.
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed class NewerDatabaseTests : IDisposable
{
    private const string Future = "20991231235959_VersionFuture";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_verbs_and_the_server_refuse_a_database_newer_than_the_code()
    {
        var migrated = await _cli.RunAsync("db.sqlite", seed: false, "merges");
        Assert.True(migrated.ExitCode == CliVerbs.Success, migrated.ToString());
        SqliteConnection.ClearAllPools();
        var database = _cli.PathOf("db.sqlite");
        using (var connection = OperationsData.Open(database))
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('{Future}', '99.0.0'); PRAGMA wal_checkpoint(TRUNCATE);";
            insert.ExecuteNonQuery();
        }

        var before = Fingerprint(database);
        foreach (var verb in new[] { new[] { "export", "--format", "lmn-csv" }, ["merges"], ["import", _cli.Write("x.csv", OperationsData.Csv([OperationsData.Row("x", "Lieu", 1)]))] })
        {
            var result = await _cli.RunAsync("db.sqlite", seed: true, verb);
            Assert.True(result.ExitCode == CliVerbs.Failure, result.ToString());
            AssertExplains(result.Error);
            SqliteConnection.ClearAllPools();
            Assert.Equal(before, Fingerprint(database));
        }

        using var server = ServerProcess.Start(database);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromMinutes(2)), "le serveur a démarré sur une base plus récente :\n" + server.Output);
        Assert.True(server.ExitCode == CliVerbs.Failure, $"code {server.ExitCode} :\n{server.Output}");
        AssertExplains(server.Output);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(database));
    }

    private static void AssertExplains(string message)
    {
        Assert.Contains("version plus récente du programme", message, StringComparison.Ordinal);
        Assert.Contains(Future, message, StringComparison.Ordinal);
        Assert.Contains("restaurez une sauvegarde", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }

    /// <summary>The database file's bytes and what the migrations history holds.</summary>
    private static string Fingerprint(string database)
    {
        string history;
        using (var connection = OperationsData.Open(database))
        {
            history = string.Join(",", OperationsData.Rows(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;", r => r.GetString(0)));
        }

        SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(database))) + " " + history;
    }
}
