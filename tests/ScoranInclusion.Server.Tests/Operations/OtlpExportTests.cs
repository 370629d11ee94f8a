using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// <c>Telemetry:Exporter=otlp</c> over HTTP: traces, metrics and logs reach the collector's three paths, and the
/// protobuf bodies (strings are plain UTF-8 in them) hold the operation's name but no position nor search text.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_reach_the_collector_without_the_person_s_data()
    {
        using var collector = new HttpListener();
        var port = FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var listening = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });

        using (var server = new ScoranServerFactory())
        {
            server.Settings["Telemetry:Exporter"] = "otlp";
            server.Settings["Telemetry:OtlpProtocol"] = "http";
            server.Settings["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}";
            server.Settings["Logging:LogLevel:Default"] = "Debug";
            using var client = server.CreateClient();
            using var post = await client.PostAsync("/graphql", ErrorsTests.Json(new
            {
                query = "query RechercheOtlp($lat: Float!, $s: String!) { nearestSites(near: { point: { latitude: $lat, longitude: 5.0412345 } }, first: 2) { edges { node { nom } } } communes(search: $s) { nom } }",
                operationName = "RechercheOtlp",
                variables = new { lat = 47.3212345, s = "quetigny-secret" },
            }));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            server.Services.GetRequiredService<TracerProvider>().ForceFlush();
            server.Services.GetRequiredService<MeterProvider>().ForceFlush();
            // What is left of the logs leaves when the server stops (its batch is flushed on disposal).
        }

        // The last export may still be on its way to the listener on a loaded machine: wait for it (at most 30 s).
        for (var waited = 0; waited < 300 && !received.Any(r => r.Path == "/v1/logs"); waited++)
        {
            await Task.Delay(100);
        }

        collector.Stop();
        await listening;

        var paths = received.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/v1/traces", paths);
        Assert.Contains("/v1/metrics", paths);
        Assert.Contains("/v1/logs", paths);
        var everything = Encoding.UTF8.GetString([.. received.SelectMany(r => r.Body)]);
        Assert.Contains("RechercheOtlp", everything, StringComparison.Ordinal);
        Assert.Contains("scoran.graphql.operations", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { "47.3212345", "5.0412345", "3212345", "0412345", "quetigny-secret" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
