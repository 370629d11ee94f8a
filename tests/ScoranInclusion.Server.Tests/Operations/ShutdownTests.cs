using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// SIGTERM (what systemd and docker send) while clients send a stream of mutations and one request is known to be
/// in flight (the server has started reading its body, « 100 Continue », and waits for the rest): the server stops
/// accepting new connections, finishes what it had received (that request is answered whole after the SIGTERM;
/// a stream client's next request is refused, or finds its kept-alive connection closed before any answer, never an
/// answer cut short, and such a request is not applied), exits with 0, and leaves a database whose WAL is folded into
/// the file; after a restart every acknowledged mutation is there, and nothing more.
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed class ShutdownTests : IDisposable
{
    private const int Clients = 4;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sigterm_finishes_the_requests_in_flight_and_keeps_every_acknowledged_mutation()
    {
        // One place per client, and one more for the request held in flight.
        var places = _cli.Write("lieux.csv", OperationsData.Csv(Enumerable.Range(0, Clients + 1).Select(i => OperationsData.Row("t" + i, "Lieu d'arrêt " + i, i))));
        var imported = await _cli.RunAsync("db.sqlite", seed: false, "import", places, "--provenance", "arret");
        Assert.True(imported.ExitCode == CliVerbs.Success, imported.ToString());
        SqliteConnection.ClearAllPools();
        var database = _cli.PathOf("db.sqlite");
        var initial = CrashTests.Versions(database);
        var keys = initial.Keys.Order().ToList();
        var acks = keys.ToDictionary(k => k, _ => new List<CrashTests.Ack>());
        var held = keys[^1];

        using (var server = ServerProcess.Start(database))
        {
            await server.WaitReadyAsync();
            var acknowledged = 0;
            var failures = new List<string>();
            using var never = new CancellationTokenSource();
            var clients = keys.Where(k => k != held).Select(key => Task.Run(() => CrashTests.ClientAsync(
                server, key, initial[key], 0, acks[key], failures, () => Interlocked.Increment(ref acknowledged), never.Token, graceful: true))).ToList();
            var target = Random.Shared.Next(20, 60);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (Volatile.Read(ref acknowledged) < target && DateTime.UtcNow < deadline && clients.Any(c => !c.IsCompleted))
            {
                await Task.Delay(5);
            }

            // A request in flight: its headers read and its body being read by the endpoint (« 100 Continue »).
            using var inFlight = await HeldRequest.StartAsync(server, held, initial[held], "reçue avant l'arrêt");
            server.Terminate();
            // The SIGTERM was handled while that request was still waiting for its body: new connections are refused.
            await WaitUntilRefusedAsync(server);
            var answer = await inFlight.FinishAsync();
            Assert.True(answer.Status == 200, $"requête en cours : {answer.Status}\n{answer.Body}\n{server.Output}");
            var stored = System.Text.Json.Nodes.JsonNode.Parse(answer.Body)!["data"]!["updateSite"]!;
            Assert.Equal("reçue avant l'arrêt", stored["presentationResume"]!.GetValue<string>());
            acks[held].Add(new CrashTests.Ack("reçue avant l'arrêt", stored["version"]!.GetValue<int>()));

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

    /// <summary>Polls new connections until one is refused (or reset as the listener closes): the server has stopped listening (or a minute passed).</summary>
    private static async Task WaitUntilRefusedAsync(ServerProcess server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                // Refused, or reset from the listen queue as the listener closes: either way it no longer accepts.
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("le serveur accepte encore des connexions une minute après SIGTERM :\n" + server.Output);
    }

    /// <summary>
    /// An updateSite sent by hand over one connection: headers with <c>Expect: 100-continue</c>, then nothing until
    /// Kestrel says « 100 Continue » (the endpoint has started reading the body: the request is in the application),
    /// then the body on <see cref="FinishAsync"/>, and the whole answer read to the end.
    /// </summary>
    private sealed class HeldRequest : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly byte[] _body;

        private HeldRequest(TcpClient tcp, byte[] body)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
            _body = body;
        }

        public static async Task<HeldRequest> StartAsync(ServerProcess server, long key, int version, string value)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { query = CrashTests.Mutation, variables = new { id = OperationsData.SiteId(key), v = version, t = value } });
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
            var held = new HeldRequest(tcp, body);
            var headers = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + $"Authorization: Bearer {ServerProcess.AdminToken}\r\nContent-Length: {body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            await held._stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
            var interim = await held.ReadHeadAsync();
            Assert.True(interim.StartsWith("HTTP/1.1 100", StringComparison.Ordinal), "pas de « 100 Continue » : " + interim);
            return held;
        }

        public async Task<(int Status, string Body)> FinishAsync()
        {
            await _stream.WriteAsync(_body);
            using var rest = new MemoryStream();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _stream.CopyToAsync(rest, timeout.Token);
            var text = Encoding.UTF8.GetString(rest.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(split > 0, "réponse sans en-têtes : " + text);
            var head = text[..split];
            var body = text[(split + 4)..];
            if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Unchunk(body);
            }

            return (int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), body);
        }

        public void Dispose()
        {
            _stream.Dispose();
            _tcp.Dispose();
        }

        /// <summary>Reads up to the blank line that ends an interim (1xx) response's head.</summary>
        private async Task<string> ReadHeadAsync()
        {
            var head = new StringBuilder();
            var one = new byte[1];
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await _stream.ReadAsync(one, timeout.Token) == 0)
                {
                    break;
                }

                head.Append((char)one[0]);
            }

            return head.ToString();
        }

        private static string Unchunk(string chunked)
        {
            var result = new StringBuilder();
            var rest = chunked;
            while (true)
            {
                var line = rest.IndexOf("\r\n", StringComparison.Ordinal);
                var size = Convert.ToInt32(rest[..line].Split(';')[0], 16);
                if (size == 0)
                {
                    return result.ToString();
                }

                // Sizes count octets: cut in bytes, not in characters.
                var bytes = Encoding.UTF8.GetBytes(rest[(line + 2)..]);
                result.Append(Encoding.UTF8.GetString(bytes, 0, size));
                rest = Encoding.UTF8.GetString(bytes, size + 2, bytes.Length - size - 2);
            }
        }
    }
}
