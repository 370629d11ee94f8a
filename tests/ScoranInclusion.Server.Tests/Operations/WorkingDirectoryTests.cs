using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// What the README promises a newcomer: started from a folder (the clone's root) with the README's command,
/// the server creates its database in that folder's <c>data/</c>, not in the project's, and still reads its own
/// appsettings.json; the verbs and the installed program (systemd's WorkingDirectory) follow the same rule.
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed class WorkingDirectoryTests : IDisposable
{
    private static readonly string s_project = Path.Combine(RepoPaths.Root, "src", "ScoranInclusion.Server");

    private readonly string _folder = Directory.CreateTempSubdirectory("scoran-dossier-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Dotnet_run_from_a_folder_creates_data_scoran_db_in_that_folder()
    {
        var inProject = Path.Combine(s_project, "data", "scoran.db");
        var projectFileBefore = File.Exists(inProject) ? File.GetLastWriteTimeUtc(inProject) : (DateTime?)null;
        var port = FreePort();
        // The README's command (the build is the test project's own: same configuration, no rebuild).
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--project", s_project, "--no-build", "-c", Configuration, "--", $"--urls=http://127.0.0.1:{port}", "--Storage:SeedOnStart=false" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitReadyAsync(process, port, output);
            var database = Path.Combine(_folder, "data", "scoran.db");
            Assert.True(File.Exists(database), $"pas de {database} :\n{ServerProcess.Collect(output)}");
            Assert.Equal(projectFileBefore, File.Exists(inProject) ? File.GetLastWriteTimeUtc(inProject) : null);
            // Its own appsettings.json is read from next to the program (EF Core's commands are not logged there).
            Assert.DoesNotContain("Executed DbCommand", ServerProcess.Collect(output), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_installed_server_and_a_verb_use_the_working_directory_for_the_default_database_and_the_files()
    {
        // As systemd runs it (WorkingDirectory=…, the dll elsewhere), here for a verb: data/ and the output in the folder.
        var (exitCode, output, error) = await ServerProcess.RunAsync(
            ["export", "--format", "lmn-csv", "--out", "lieux.csv", "--Storage:SeedOnStart=false", $"--Geodata:Directory={RepoPaths.Geodata}"],
            _folder, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == CliVerbs.Success, $"code {exitCode}\n{output}\n{error}");
        Assert.True(File.Exists(Path.Combine(_folder, "data", "scoran.db")), error);
        Assert.True(File.Exists(Path.Combine(_folder, "lieux.csv")), error);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "data", "scoran.db")), "base créée à côté du programme");

        // The server started there with the same default finds the same file (and serves, /readyz).
        using var server = StartIn(_folder, out var port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitReadyAsync(server.Process, port, server.Output);
        using var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "data"), "*.db"));
        Assert.DoesNotContain("Executed DbCommand", ServerProcess.Collect(server.Output), StringComparison.Ordinal);
    }

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static Started StartIn(string folder, out int port)
    {
        port = FreePort();
        var start = ServerProcess.StartInfo([$"--urls=http://127.0.0.1:{port}", "--Storage:SeedOnStart=false", $"--Geodata:Directory={RepoPaths.Geodata}"], folder);
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Started(process, output);
    }

    private static async Task WaitReadyAsync(Process process, int port, StringBuilder output)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "arrêté au démarrage :\n" + ServerProcess.Collect(output));
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("pas prêt après 3 minutes :\n" + ServerProcess.Collect(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Started(Process Process, StringBuilder Output) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
