using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// SIGTERM (what systemd and docker send) while clients send a stream of mutations: the server stops accepting,
/// finishes what it had received (every answer it gives is whole), exits with 0, and leaves a database whose WAL
/// is folded into the file; after a restart every acknowledged mutation is there, and nothing more.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class ShutdownTests : IDisposable
{
    private const int Clients = 4;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sigterm_finishes_the_requests_in_flight_and_keeps_every_acknowledged_mutation()
    {
        var places = _cli.Write("lieux.csv", OperationsData.Csv(Enumerable.Range(0, Clients).Select(i => OperationsData.Row("t" + i, "Lieu d'arrêt " + i, i))));
        var imported = await _cli.RunAsync("db.sqlite", seed: false, "import", places, "--provenance", "arret");
        Assert.True(imported.ExitCode == CliVerbs.Success, imported.ToString());
        SqliteConnection.ClearAllPools();
        var database = _cli.PathOf("db.sqlite");
        var initial = CrashTests.Versions(database);
        var keys = initial.Keys.Order().ToList();
        var acks = keys.ToDictionary(k => k, _ => new List<CrashTests.Ack>());

        using (var server = ServerProcess.Start(database))
        {
            await server.WaitReadyAsync();
            var acknowledged = 0;
            var failures = new List<string>();
            using var never = new CancellationTokenSource();
            var clients = keys.Select(key => Task.Run(() => CrashTests.ClientAsync(
                server, key, initial[key], 0, acks[key], failures, () => Interlocked.Increment(ref acknowledged), never.Token, truncatedIsFailure: true))).ToList();
            var target = Random.Shared.Next(20, 60);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (Volatile.Read(ref acknowledged) < target && DateTime.UtcNow < deadline && clients.Any(c => !c.IsCompleted))
            {
                await Task.Delay(5);
            }

            server.Terminate();
            // The clients go on until the server no longer answers.
            await Task.WhenAll(clients);
            Assert.True(await server.WaitForExitAsync(TimeSpan.FromMinutes(1)), "pas arrêté une minute après SIGTERM :\n" + server.Output);
            Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + server.Output);
            Assert.True(server.ExitCode == 0, $"code {server.ExitCode} :\n{server.Output}");
            Assert.True(Volatile.Read(ref acknowledged) >= target, server.Output);
            Assert.Contains("Base SQLite fermée proprement", server.Output, StringComparison.Ordinal);
        }

        // The WAL was folded into the database file: it is complete on its own.
        var wal = new FileInfo(database + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, wal.Exists ? $"journal WAL de {wal.Length} octets après l'arrêt" : "");
        Assert.Equal("ok", OperationsData.IntegrityCheck(database));
        // Every answered mutation is there, and no write went through unanswered.
        CrashTests.AssertEveryAcknowledgedWriteIsThere(database, keys, initial, acks, exact: true);

        using var restarted = ServerProcess.Start(database);
        await restarted.WaitReadyAsync();
        using var http = CrashTests.Client(restarted);
        foreach (var key in keys.Where(k => acks[k].Count > 0))
        {
            var site = (await CrashTests.PostAsync(http, "query($id: ID!) { site(id: $id) { version presentationResume } }", new { id = OperationsData.SiteId(key) }))!["data"]!["site"]!;
            Assert.Equal(acks[key][^1].Version, site["version"]!.GetValue<int>());
            Assert.Equal(acks[key][^1].Value, site["presentationResume"]!.GetValue<string>());
        }

        restarted.Terminate();
        Assert.True(await restarted.WaitForExitAsync(TimeSpan.FromMinutes(1)), restarted.Output);
        Assert.Equal(0, restarted.ExitCode);
    }
}
