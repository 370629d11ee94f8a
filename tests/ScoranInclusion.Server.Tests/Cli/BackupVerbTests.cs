using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Operations;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>
/// <c>backup</c> while another connection writes (consistent copies), the <c>restore</c> round trip, and the files
/// <c>restore</c> must refuse (not SQLite, damaged, not ours, from a newer version, database in use) with nothing changed.
/// </summary>
public sealed class BackupVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Database => _cli.PathOf("db.sqlite");

    private async Task CreateAsync(params string[] ids)
    {
        var file = _cli.Write($"lieux-{Guid.NewGuid():N}.csv", OperationsData.Csv(ids.Select((id, i) => OperationsData.Row(id, "Lieu " + id, i))));
        var result = await _cli.RunAsync("db.sqlite", seed: false, "import", file, "--provenance", "lot");
        Assert.True(result.ExitCode == CliVerbs.Success, result.ToString());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_is_a_consistent_copy()
    {
        await CreateAsync("a", "b");

        // A writer commits pairs of rows, each pair in one transaction, as fast as it can.
        using var stop = new CancellationTokenSource();
        var committed = 0;
        var writer = Task.Run(() =>
        {
            using var connection = new SqliteConnection($"Data Source={Database};Pooling=False;Default Timeout=60");
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 60000;";
                pragma.ExecuteNonQuery();
            }

            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO seed_runs (Dataset, AppliedAt, Rows) VALUES ($a, '2026-01-01', $n), ($b, '2026-01-01', $n);";
                insert.Parameters.AddWithValue("$a", "paire-a-" + n.ToString(CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$b", "paire-b-" + n.ToString(CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$n", n);
                insert.ExecuteNonQuery();
                transaction.Commit();
                Volatile.Write(ref committed, n + 1);
            }
        });

        try
        {
            for (var i = 0; i < 3; i++)
            {
                while (Volatile.Read(ref committed) < (i + 1) * 50 && !writer.IsCompleted)
                {
                    await Task.Delay(5);
                }

                var before = Volatile.Read(ref committed);
                var copy = _cli.PathOf($"sauvegarde-{i}.db");
                var result = await _cli.RunAsync("db.sqlite", seed: false, "backup", copy);
                Assert.True(result.ExitCode == CliVerbs.Success, result.ToString());
                Assert.Contains("Sauvegarde écrite", result.Out, StringComparison.Ordinal);
                Assert.Contains("2 lieux", result.Out, StringComparison.Ordinal);
                Assert.Contains("integrity_check : ok", result.Out, StringComparison.Ordinal);

                Assert.Equal("ok", OperationsData.IntegrityCheck(copy));
                Assert.False(File.Exists(copy + "-wal"));
                using var connection = OperationsData.Open(copy);
                var rows = OperationsData.Rows(connection, "SELECT Dataset FROM seed_runs WHERE Dataset LIKE 'paire-%';", r => r.GetString(0)).ToHashSet();
                var pairs = rows.Count(r => r.StartsWith("paire-a-", StringComparison.Ordinal));
                // Every pair whole (a transaction is never half in the copy), and at least what was committed before.
                Assert.Equal(2 * pairs, rows.Count);
                Assert.All(rows.Where(r => r.StartsWith("paire-a-", StringComparison.Ordinal)), a => Assert.Contains("paire-b-" + a["paire-a-".Length..], rows));
                Assert.True(pairs >= before, $"{pairs} paires dans la copie, {before} validées avant la sauvegarde");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.tmp"));
    }

    [Fact]
    public async Task Restore_puts_the_backup_back_and_keeps_the_database_it_replaces()
    {
        await CreateAsync("a", "b");
        var backup = _cli.PathOf("sauvegarde.db");
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "backup", backup)).ExitCode);
        var atBackup = OperationsData.SitesSnapshot(Database);

        await CreateAsync("c");
        var afterwards = OperationsData.SitesSnapshot(Database);
        Assert.Equal(3, afterwards.Count);

        var restored = await _cli.RunAsync("db.sqlite", seed: false, "restore", backup);
        Assert.True(restored.ExitCode == CliVerbs.Success, restored.ToString());
        Assert.Contains("Base restaurée", restored.Out, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(atBackup, OperationsData.SitesSnapshot(Database));
        Assert.Equal("ok", OperationsData.IntegrityCheck(Database));

        // The database it replaced is kept whole, with the place added after the backup.
        var kept = Assert.Single(Directory.GetFiles(_cli.Folder, "db.sqlite.avant-restauration-*"));
        Assert.Contains(kept, restored.Out, StringComparison.Ordinal);
        Assert.Equal(afterwards, OperationsData.SitesSnapshot(kept));

        // The restored database is used as usual: an import goes on from it.
        await CreateAsync("d");
        Assert.Equal(3, OperationsData.SitesSnapshot(Database).Count);
        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.tmp"));
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_good_backup_and_changes_nothing()
    {
        await CreateAsync("a", "b");
        var backup = _cli.PathOf("sauvegarde.db");
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "backup", backup)).ExitCode);
        var before = Fingerprint();

        // Not SQLite at all.
        await AssertRefusedAsync(_cli.Write("texte.db", "ceci n'est pas une base"), "n'est pas une base SQLite");

        // A SQLite database of something else.
        var foreign = _cli.PathOf("autre.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE recettes (nom TEXT); INSERT INTO recettes VALUES ('gougères');";
            create.ExecuteNonQuery();
        }

        await AssertRefusedAsync(foreign, "n'est pas une base de ScoranInclusion");

        // Damaged: pages of the backup overwritten in the middle (the header kept).
        var damaged = _cli.PathOf("abimee.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        var page = BitConverter.ToUInt16([bytes[17], bytes[16]]) is var size and > 1 ? size : 4096;
        for (var i = 2 * page; i < bytes.Length - page; i += 3 * page)
        {
            Array.Fill(bytes, (byte)0x5A, i, page / 2);
        }

        await File.WriteAllBytesAsync(damaged, bytes);
        var refused = await _cli.RunAsync("db.sqlite", seed: false, "restore", damaged);
        Assert.True(refused.ExitCode == CliVerbs.UsageError, refused.ToString());
        Assert.Contains("restauration refusée", refused.Error, StringComparison.Ordinal);
        Assert.True(refused.Error.Contains("abîmée", StringComparison.Ordinal) || refused.Error.Contains("ne se lit pas", StringComparison.Ordinal), refused.Error);
        Assert.Equal(before, Fingerprint());

        // From a newer version of the program.
        var newer = _cli.PathOf("future.db");
        File.Copy(backup, newer);
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('20991231235959_VersionFuture', '99.0.0');";
            insert.ExecuteNonQuery();
        }

        await AssertRefusedAsync(newer, "20991231235959_VersionFuture");

        // While a server (or a verb) uses the database.
        using (var inUse = SqliteDatabaseLock.TryAcquireShared(Database))
        {
            Assert.NotNull(inUse);
            await AssertRefusedAsync(backup, "est utilisée par un serveur ou une commande en cours");
        }

        Assert.Empty(Directory.GetFiles(_cli.Folder, "db.sqlite.avant-restauration-*"));
        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.tmp"));
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "restore", backup)).ExitCode);
    }

    [Fact]
    public async Task Usage_errors_and_PostgreSQL()
    {
        var missing = await _cli.RunAsync("db.sqlite", seed: false, "backup");
        Assert.Equal(CliVerbs.UsageError, missing.ExitCode);
        Assert.Contains("il manque le fichier", missing.Error, StringComparison.Ordinal);

        var noDatabase = await _cli.RunAsync("db.sqlite", seed: false, "backup", _cli.PathOf("x.db"));
        Assert.Equal(CliVerbs.UsageError, noDatabase.ExitCode);
        Assert.Contains("n'existe pas", noDatabase.Error, StringComparison.Ordinal);

        var notFound = await _cli.RunAsync("db.sqlite", seed: false, "restore", _cli.PathOf("absente.db"));
        Assert.Equal(CliVerbs.UsageError, notFound.ExitCode);
        Assert.Contains("fichier introuvable", notFound.Error, StringComparison.Ordinal);

        foreach (var verb in new[] { "backup", "restore" })
        {
            var postgres = await CliRunner.RunRawAsync(verb, _cli.PathOf("x.db"), "--Storage:Provider=Postgres",
                "--ConnectionStrings:Scoran=Host=127.0.0.1;Database=scoran;Username=scoran");
            Assert.True(postgres.ExitCode == CliVerbs.UsageError, postgres.ToString());
            Assert.Contains(verb == "backup" ? "pg_dump" : "pg_restore", postgres.Error, StringComparison.Ordinal);
            Assert.Contains("docs/deploiement-postgresql.md", postgres.Error, StringComparison.Ordinal);
        }

        var help = await CliRunner.RunRawAsync("restore", "--help");
        Assert.Equal(CliVerbs.Success, help.ExitCode);
        Assert.Contains("avant-restauration", help.Out, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string file, string reason)
    {
        var before = Fingerprint();
        var result = await _cli.RunAsync("db.sqlite", seed: false, "restore", file);
        Assert.True(result.ExitCode == CliVerbs.UsageError, result.ToString());
        Assert.Contains("restauration refusée", result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Contains("La base n'a pas été modifiée", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint());
    }

    private string Fingerprint()
    {
        SqliteConnection.ClearAllPools();
        return string.Join("\n", OperationsData.SitesSnapshot(Database)) + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Database)));
    }
}
