using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Coverage;

/// <summary>
/// Starts the real server on a free 127.0.0.1 port and runs web/tests/couverture.test.mjs once
/// (Debian chromium driven by playwright-core), as <c>Web/BrowserRun</c> does for browser.test.mjs:
/// a file and a fixture of their own, so that the two scripts grow without touching each other.
/// </summary>
public sealed class CouvertureBrowserRun : IAsyncLifetime, IDisposable
{
    public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    private ScoranServerFactory? _factory;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Output = $"chromium introuvable ({chromium}) : installez-le (apt-get install -y chromium) ou donnez son chemin dans CHROMIUM.";
            return;
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _factory = new ScoranServerFactory();
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        var node = new ProcessStartInfo("node", ["tests/couverture.test.mjs"])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        node.Environment["BASE_URL"] = $"http://127.0.0.1:{port}";
        node.Environment["CHROMIUM"] = chromium;
        using var process = Process.Start(node)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        Output = await stdout + await stderr;
        ExitCode = process.HasExited ? process.ExitCode : -1;
        foreach (var line in Output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
        {
            var result = JsonNode.Parse(line["RESULT ".Length..])!.AsObject();
            Results[result["name"]!.GetValue<string>()] = result;
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _factory = null;
    }
}

public sealed class CouvertureBrowserTests(CouvertureBrowserRun run, ITestOutputHelper output) : IClassFixture<CouvertureBrowserRun>
{
    private const string Scenario = "/couverture : carte choroplèthe, légende, tableau trié, clavier, axe-core sans violation";

    [Fact]
    public void The_coverage_page_passes_in_chromium()
    {
        output.WriteLine(run.Output);
        Assert.True(run.Results.TryGetValue(Scenario, out var result), $"scénario non exécuté : {Scenario}\n{run.Output}");
        Assert.True(result["ok"]!.GetValue<bool>(), result["error"]?.GetValue<string>());
        Assert.Equal([Scenario], run.Results.Keys);
        Assert.Equal(0, run.ExitCode);
    }
}
