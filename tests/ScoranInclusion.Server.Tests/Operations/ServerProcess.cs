using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// The built server (ScoranInclusion.Server.dll next to the tests) run as a child process on a SQLite file and
/// a free 127.0.0.1 port, as an operator runs it: killed with SIGKILL or stopped with SIGTERM like systemd does.
/// Its output is kept for the failure messages.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    public const string AdminToken = "jeton-admin-des-tests-d-exploitation";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The server executable next to the tests (copied there by the project reference).</summary>
    public static string Assembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "ScoranInclusion.Server.dll");
            Assert.True(File.Exists(path), path);
            return path;
        }
    }

    /// <summary>The configuration switches of every run on <paramref name="databaseFile"/>.</summary>
    public static string[] Settings(string databaseFile) =>
    [
        $"--ConnectionStrings:Scoran=Data Source={databaseFile}",
        $"--Geodata:Directory={RepoPaths.Geodata}",
        "--Storage:SeedOnStart=false",
    ];

    /// <summary>Starts the server (not waiting for it); <paramref name="extra"/> are more switches.</summary>
    public static ServerProcess Start(string databaseFile, params string[] extra)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in Settings(databaseFile))
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Auth:AdminToken={AdminToken}");
        start.ArgumentList.Add("--RateLimiting:Enabled=false");
        foreach (var arg in extra)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (generous: the machine may be loaded).</summary>
    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + s_startTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"le serveur s'est arrêté au démarrage (code {(_process.HasExited ? _process.ExitCode : 0)}) :\n{Output}");
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
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("le serveur n'est pas prêt après " + s_startTimeout + " :\n" + Output);
    }

    /// <summary>SIGKILL: no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or docker stop send it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            // The asynchronous readers get the last lines.
            _process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Static helpers for one-shot runs (configuration checks, live telemetry): the executable run to its end.
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's own settings must not leak into the child.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>Runs to the end (killed after <paramref name="timeout"/>): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"Le serveur tourne encore après {timeout.TotalSeconds} s : {await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>SIGTERM, as systemd stops a service.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public static string Collect(StringBuilder lines)
    {
        lock (lines)
        {
            return lines.ToString();
        }
    }
}
