using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Server.Cli;

/// <summary>Where a verb writes: the report or export (out), messages and progress (error).</summary>
/// <param name="OpenOut">The byte stream behind <paramref name="Out"/>, for exports written to stdout.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenOut);

/// <summary>
/// The command-line verbs of the server executable (<c>import</c>, <c>export</c>,
/// <c>validate</c>, <c>sync</c>, <c>merges</c>, <c>accounts</c>, <c>backup</c>, <c>restore</c>, <c>adresses</c>), dispatched by Program.cs before the web host is built. Each builds the
/// server's services without starting them, runs, and returns the process exit code:
/// 0 success, 1 rejected rows, 2 usage error, 3 failure (database, disk).
/// </summary>
public static class CliVerbs
{
    public const string ImportVerb = "import";
    public const string ExportVerb = "export";
    public const string ValidateVerb = "validate";

    public const int Success = 0;
    public const int RejectedRows = 1;
    public const int UsageError = 2;
    public const int Failure = 3;

    /// <summary>
    /// Whether the command line asks for a verb rather than the server: a first argument that
    /// is not a switch (<c>--urls …</c>, <c>--Key=value</c>, <c>Key=value</c>), or a request
    /// for help. An unknown word is a verb too, so that a typo fails (exit 2) instead of
    /// starting a server.
    /// </summary>
    public static bool IsVerb(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return false;
        }

        var first = args[0];
        return first is "-h" or "--help" or "-?"
            || (first.Length > 0 && !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('=', StringComparison.Ordinal));
    }

    /// <summary>Runs a verb; <paramref name="stdout"/> and <paramref name="stderr"/> default to the console.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(
            stdout ?? Console.Out,
            stderr ?? Console.Error,
            stdout is null ? Console.OpenStandardOutput : () => new TextWriterStream(stdout));

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler? onCancel = null;
        if (stdout is null)
        {
            onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };
            Console.CancelKeyPress += onCancel;
        }

        try
        {
            return await RunVerbAsync(args, console, cancellation.Token);
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync("erreur : " + e.Message);
            await console.Error.WriteLineAsync();
            await console.Error.WriteLineAsync(CliUsage.For(e.Verb));
            return UsageError;
        }
        catch (OptionsValidationException e)
        {
            await console.Error.WriteLineAsync("erreur de configuration : " + string.Join(" ; ", e.Failures));
            return UsageError;
        }
        catch (Exception e) when (e is DatabaseNewerThanCodeException or DatabaseRestoringException)
        {
            // Nothing was written; the message says what to do.
            await console.Error.WriteLineAsync("erreur : " + e.Message);
            return Failure;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("interrompu.");
            return Failure;
        }
        catch (Exception e)
        {
            // Database unreachable, disk full, unreadable geodata…: one line, no stack trace.
            await console.Error.WriteLineAsync($"échec : {e.Message} ({e.GetType().Name})");
            return Failure;
        }
        finally
        {
            if (onCancel is not null)
            {
                Console.CancelKeyPress -= onCancel;
            }

            await console.Out.FlushAsync(CancellationToken.None);
            await console.Error.FlushAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunVerbAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Length == 0 ? "help" : args[0];
        switch (verb)
        {
            case "help" or "-h" or "--help" or "-?":
                await console.Out.WriteLineAsync(CliUsage.For(args.Length > 1 ? args[1] : null));
                return Success;
            case ExportVerb:
                return await RunAsync(args, ExportCommand.Options, ExportCommand.RunAsync, console, cancellationToken);
            case ImportVerb:
                return await RunAsync(args, ImportCommand.Options, ImportCommand.RunAsync, console, cancellationToken);
            case ValidateVerb:
                return await RunAsync(args, ValidateCommand.Options, ValidateCommand.RunAsync, console, cancellationToken);
            case MergesCommand.Verb:
                return await RunAsync(args, MergesCommand.Options, MergesCommand.RunAsync, console, cancellationToken);
            case AccountsCommand.Verb:
                return await RunAsync(args, AccountsCommand.Options, AccountsCommand.RunAsync, console, cancellationToken);
            case BackupCommand.BackupVerb:
                return await RunAsync(args, BackupCommand.Options, BackupCommand.BackupAsync, console, cancellationToken);
            case BackupCommand.RestoreVerb:
                return await RunAsync(args, BackupCommand.Options, BackupCommand.RestoreAsync, console, cancellationToken);
            case SyncCommand.Verb:
                return await RunAsync(args, SyncCommand.Options, SyncCommand.RunAsync, console, cancellationToken);
            case RemindersCommand.Verb:
                return await RunAsync(args, RemindersCommand.Options, RemindersCommand.RunAsync, console, cancellationToken);
            case AddressesCommand.Verb:
                return await RunAsync(args, AddressesCommand.Options, AddressesCommand.RunAsync, console, cancellationToken);
            default:
                throw new CliUsageException($"verbe inconnu : « {verb} » (attendu : import, export, validate, sync, reminders, merges, accounts, backup, restore ou adresses ; sans verbe, le serveur démarre)");
        }
    }

    private static async Task<int> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, bool> options,
        Func<CliArguments, CliConsole, CancellationToken, Task<int>> command,
        CliConsole console,
        CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, options);
        if (parsed.Help)
        {
            await console.Out.WriteLineAsync(CliUsage.For(parsed.Verb));
            return Success;
        }

        return await command(parsed, console, cancellationToken);
    }
}
