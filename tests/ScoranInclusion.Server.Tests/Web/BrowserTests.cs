using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// Starts the real server on a free 127.0.0.1 port and runs web/tests/browser.test.mjs once
/// (Debian chromium driven by playwright-core); each scenario of the script is one test here.
/// </summary>
public sealed class BrowserRun : IAsyncLifetime, IDisposable
{
    public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    private ScoranServerFactory? _factory;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Output = $"chromium introuvable ({Chromium}) : installez-le (apt-get install -y chromium) ou donnez son chemin dans CHROMIUM.";
            return;
        }

        var port = FreePort();
        _factory = new ScoranServerFactory();
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        var node = new ProcessStartInfo("node", ["tests/browser.test.mjs"])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        node.Environment["BASE_URL"] = $"http://127.0.0.1:{port}";
        node.Environment["CHROMIUM"] = Chromium;
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

    private static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class BrowserTests(BrowserRun run, ITestOutputHelper output) : IClassFixture<BrowserRun>
{
    /// <summary>The scenarios of web/tests/browser.test.mjs, by name.</summary>
    private static readonly string[] s_names =
    [
        "accueil : chercher une commune par autocomplétion (Autun)",
        "filtres : un service et un jour d'ouverture",
        "fiche d'un lieu : horaires, contact, itinéraire, signalement, source",
        "page d'un lieu (/lieu/{id}) lisible sans JavaScript",
        "axe-core : accueil avec résultats et fiche ouverte",
        "ateliers : filtre des 14 prochains jours, prochain atelier dans la liste, « Prochains ateliers » dans la fiche (Chenôve)",
        "ateliers sans JavaScript : /lieux?ateliers=14 et « Prochains ateliers » de /lieu/{id}",
        "clavier seul : tabulation, code postal, Entrée, ouverture d'une fiche",
        "« Utiliser ma position » : position arrondie, jamais dans l'adresse de la page",
        "liste simple sans JavaScript (/lieux?commune=21231)",
        "/integrer : intercommunalité, aperçu et code à copier",
        "widget intégré avec les paramètres de la Cartographie nationale",
        "captures d'écran de l'accueil",
        "aucune requête ne quitte le serveur local, aucune erreur JavaScript",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes_in_chromium(string name)
    {
        Assert.True(run.Results.TryGetValue(name, out var result), $"scénario non exécuté : {name}\n{run.Output}");
        output.WriteLine(result.ToJsonString());
        Assert.True(result["ok"]!.GetValue<bool>(), result["error"]?.GetValue<string>());
    }

    [Fact]
    public void The_script_ran_exactly_these_scenarios_and_exited_cleanly()
    {
        output.WriteLine(run.Output);
        Assert.Equal(s_names.Order(StringComparer.Ordinal), run.Results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, run.ExitCode);
    }
}
