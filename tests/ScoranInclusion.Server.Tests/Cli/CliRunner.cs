using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>What a verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"code {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// A temp folder with its own databases; runs the verbs in-process on one of them, with the
/// project's geodata and captured stdout/stderr.
/// </summary>
public sealed class CliRunner : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "scoran-cli-" + Guid.NewGuid().ToString("N"));

    public CliRunner() => Directory.CreateDirectory(Folder);

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs a verb on <paramref name="database"/> (a file of the folder); <paramref name="seed"/> as Storage:SeedOnStart.</summary>
    public async Task<CliResult> RunAsync(string database, bool seed, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all =
        [
            .. args,
            $"--ConnectionStrings:Scoran=Data Source={PathOf(database)}",
            $"--Geodata:Directory={RepoPaths.Geodata}",
            $"--Storage:SeedOnStart={(seed ? "true" : "false")}",
        ];
        var code = await CliVerbs.RunAsync(all, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the exact command line, nothing added.</summary>
    public static async Task<CliResult> RunRawAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliVerbs.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
