using System.Diagnostics;
using System.Text;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>The real server executable (next to the tests) run as a child process, as systemd would run it.</summary>
internal static class ServerProcess
{
    public static string Assembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "ScoranInclusion.Server.dll");
            Assert.True(File.Exists(path), path);
            return path;
        }
    }

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
