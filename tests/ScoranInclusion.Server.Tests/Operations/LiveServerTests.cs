using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// The real executable as deployed (docs/deploiement.md): JSON logs on the console, the default console
/// exporter of telemetry, a widget search by GET and by POST, then SIGTERM. What it printed holds the
/// operation's name and no position nor search text.
/// </summary>
[Trait("Category", "Process")]
public sealed class LiveServerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoran-live-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Json_logs_and_the_console_exporter_show_the_operation_and_nothing_of_the_person()
    {
        var port = FreePort();
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = Process.Start(ServerProcess.StartInfo(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:Scoran=Data Source={Path.Combine(_folder, "scoran.db")}",
            $"--Geodata:Directory={RepoPaths.Geodata}",
            "--Logging:Console:FormatterName=json",
            "--Telemetry:Exporter=console",
            "--Telemetry:MetricsIntervalSeconds=1",
        ], _folder))!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReadyAsync(client, process, output, error);

            const string query = """
                query RechercheWidget($lat: Float!, $lon: Float!, $s: String!) {
                  nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: 3) { edges { node { nom } } }
                  communes(search: $s, first: 2) { nom }
                }
                """;
            var variables = """{"lat":47.3212345,"lon":5.0412345,"s":"quetigny-secret"}""";
            using (var get = await client.GetAsync("/graphql?operationName=RechercheWidget&query=" + Uri.EscapeDataString(query) + "&variables=" + Uri.EscapeDataString(variables)))
            {
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            }

            using (var post = await client.PostAsync("/graphql", new StringContent(
                $$"""{"query":{{JsonSerializer.Serialize(query)}},"operationName":"RechercheWidget","variables":{{variables}}}""", Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            }

            // One export of the metrics at least (every second), then a stop as systemd does it.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }
        finally
        {
            if (!process.HasExited)
            {
                ServerProcess.Terminate(process);
            }

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        var stdout = ServerProcess.Collect(output);
        var stderr = ServerProcess.Collect(error);
        Assert.True(process.ExitCode == 0, $"code {process.ExitCode}\n{stderr}");

        // JSON logs: each log line is one JSON object with its category and message.
        var jsonLines = stdout.Split('\n').Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(jsonLines);
        foreach (var line in jsonLines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.True(document.RootElement.TryGetProperty("Category", out _), line);
        }

        Assert.Contains(jsonLines, l => l.Contains("Index de recherche prêt", StringComparison.Ordinal));

        // The console exporter: the request's span with the operation, the metrics.
        Assert.Contains("graphql.operation.name: RechercheWidget", stdout, StringComparison.Ordinal);
        Assert.Contains("scoran.graphql.operations", stdout, StringComparison.Ordinal);
        Assert.Contains("scoran.search.nearest_sites", stdout, StringComparison.Ordinal);

        foreach (var secret in new[] { "47.3212345", "5.0412345", "3212345", "0412345", "quetigny-secret" })
        {
            Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
        }
    }

    private static void Append(StringBuilder lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.AppendLine(line);
        }
    }

    private static async Task WaitReadyAsync(HttpClient client, Process process, StringBuilder output, StringBuilder error)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"le serveur s'est arrêté : {ServerProcess.Collect(output)}\n{ServerProcess.Collect(error)}");
            try
            {
                using var ready = await client.GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (migrations, first seed).
            }

            await Task.Delay(250);
        }

        Assert.Fail("le serveur n'est pas prêt après 3 minutes : " + ServerProcess.Collect(error));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
