using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace ScoranInclusion.Server.Tests.Support;

/// <summary>
/// Starts the real server on a free 127.0.0.1 port (Kestrel) and runs one browser scenario file of
/// <c>web/tests/</c> once with node (Debian chromium driven by playwright-core, see <c>web/tests/kit.mjs</c>);
/// each « RESULT {json} » line it prints is one scenario, for the xunit tests to assert on.
/// </summary>
public abstract class BrowserScriptRun(string script) : IAsyncLifetime, IDisposable
{
    public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    private ScoranServerFactory? _factory;

    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Settings of the server, before it starts.</summary>
    protected virtual void Configure(ScoranServerFactory factory)
    {
    }

    /// <summary>What the script needs from the running server (accounts, invitations…), as environment variables.</summary>
    protected virtual Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl) => Task.FromResult(new Dictionary<string, string>());

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Output = $"chromium introuvable ({Chromium}) : installez-le (apt-get install -y chromium) ou donnez son chemin dans CHROMIUM.";
            return;
        }

        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        _factory = new ScoranServerFactory();
        Configure(_factory);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        var environment = await PrepareAsync(_factory, baseUrl);

        var node = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        node.Environment["BASE_URL"] = baseUrl;
        node.Environment["CHROMIUM"] = Chromium;
        foreach (var (key, value) in environment)
        {
            node.Environment[key] = value;
        }

        using var process = Process.Start(node)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
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

    /// <summary>Asserts that a scenario ran and passed (its detail goes to the test output).</summary>
    public void AssertPassed(string name, Xunit.Abstractions.ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Assert.True(Results.TryGetValue(name, out var result), $"scénario non exécuté : {name}\n{Output}");
        output.WriteLine(result.ToJsonString());
        Assert.True(result["ok"]!.GetValue<bool>(), result["error"]?.GetValue<string>());
    }

    /// <summary>Asserts that the script ran exactly these scenarios and exited with 0.</summary>
    public void AssertRanExactly(IEnumerable<string> names, Xunit.Abstractions.ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Output);
        Assert.Equal(names.Order(StringComparer.Ordinal), Results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, ExitCode);
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
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a run started for its script besides the server (a mail server…), stopped after it.</summary>
    protected virtual void Release()
    {
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
