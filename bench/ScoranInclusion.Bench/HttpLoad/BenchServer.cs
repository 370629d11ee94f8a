using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// The built server (<c>src/ScoranInclusion.Server/bin/Release/net10.0/ScoranInclusion.Server.dll</c>) started as its
/// own process on 127.0.0.1, on a new SQLite file in a temp folder (seeded from geodata/ on start, as a first start),
/// with the rate limits raised for the run, the plain endpoint on, an administration token, logs at Warning into a file.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string AdminToken = "jeton-admin-du-banc-de-charge-0123456789";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StreamWriter _log;
    private int _errorLines;
    private int _warningLines;

    private BenchServer(Process process, string folder, StreamWriter log, Uri address)
    {
        _process = process;
        _folder = folder;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>Lines the server logged at Error or Critical (<c>fail:</c>, <c>crit:</c>) so far.</summary>
    public int ErrorLines => Volatile.Read(ref _errorLines);

    public int WarningLines => Volatile.Read(ref _warningLines);

    public string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>The built server; <c>SCORAN_BENCH_SERVER_DLL</c> names another build (an older one, to compare back to back at the same load).</summary>
    public static string ServerDll => Environment.GetEnvironmentVariable("SCORAN_BENCH_SERVER_DLL") is { Length: > 0 } other
        ? Path.GetFullPath(other)
        : Path.Combine(BenchData.Root, "src", "ScoranInclusion.Server", "bin", "Release", "net10.0", "ScoranInclusion.Server.dll");

    public static async Task<BenchServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(ServerDll))
        {
            throw new InvalidOperationException($"Serveur introuvable : {ServerDll}. Construisez-le : dotnet build -c Release src/ScoranInclusion.Server");
        }

        var folder = Path.Combine(Path.GetTempPath(), "scoran-bench-http-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var all = new Dictionary<string, string>
        {
            ["urls"] = address.ToString().TrimEnd('/'),
            ["ConnectionStrings:Scoran"] = $"Data Source={Path.Combine(folder, "scoran.db")}",
            ["RateLimiting:AnonymousPermitLimit"] = "1000000000",
            ["RateLimiting:AuthenticatedPermitLimit"] = "1000000000",
            ["Auth:AdminToken"] = AdminToken,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        start.ArgumentList.Add(ServerDll);
        // The plain baseline endpoint is the bench's, not the product's: the runtime loads it into the server's process.
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(ScoranInclusion.Bench.PlainEndpoint.PlainNearestSitesEndpoint).Assembly.Location;
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var log = new StreamWriter(Path.Combine(folder, "server.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Le serveur n'a pas démarré.");
        var server = new BenchServer(process, folder, log, address);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errorLines);
        }
        else if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warningLines);
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Le serveur s'est arrêté (code {_process.ExitCode}) ; journal : {LogFile}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/healthz n'a pas répondu 200 en {timeout.TotalSeconds} s ; journal : {LogFile}");
    }

    /// <summary>The server's CPU time (user + system) so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>VmRSS (or VmHWM, the peak) of the server, in MiB, from /proc.</summary>
    public double MemoryMiB(string field = "VmRSS")
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (ends requests, checkpoints the SQLite WAL).
            _ = Kill(_process.Id, 15);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Environment.GetEnvironmentVariable("SCORAN_BENCH_KEEP") is null)
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

#pragma warning disable SYSLIB1054 // a single libc call with int arguments: DllImport is enough
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
