using System.Globalization;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>adresses import FICHIER...</c> and <c>adresses status</c>: the local address index built from the
/// Base Adresse Nationale files (one per département). Each file replaces its départements' addresses
/// in one transaction; rejected rows are listed with their row and field (exit 1, the others imported);
/// a file that cannot be read changes nothing (exit 3).
/// </summary>
internal static class AddressesCommand
{
    public const string Verb = "adresses";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal);

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var action = args.Files.Count == 0 ? "status" : args.Files[0];
        var files = args.Files.Skip(1).Select(CliPaths.Resolve).ToList();
        if (action == "import")
        {
            if (files.Count == 0)
            {
                throw new CliUsageException("« adresses import » attend au moins un fichier (adresses-21.csv.gz…)", args.Verb);
            }

            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                throw new CliUsageException($"fichier introuvable : {missing}", args.Verb);
            }
        }
        else if (action != "status")
        {
            throw new CliUsageException($"action inconnue : « {action} » (attendu : import ou status)", args.Verb);
        }
        else if (files.Count > 0)
        {
            throw new CliUsageException($"argument en trop : « {args.Files[1]} »", args.Verb);
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        await CliHost.PrepareDatabaseAsync(app.Services, seed: false, console.Error, cancellationToken);
        if (action == "status")
        {
            await using var statusScope = app.Services.CreateAsyncScope();
            await WriteStatusAsync(console.Out, await statusScope.ServiceProvider.GetRequiredService<AddressIndex>().StatusAsync(cancellationToken));
            return CliVerbs.Success;
        }

        var exit = CliVerbs.Success;
        foreach (var file in files)
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<AddressImport>().ImportAsync(file, console.Error, cancellationToken);
                await WriteReportAsync(console.Out, result);
                if (result.RejectedCount > 0)
                {
                    exit = Math.Max(exit, CliVerbs.RejectedRows);
                }
            }
            catch (BanFileException e)
            {
                await console.Error.WriteLineAsync($"{Path.GetFileName(file)} : {e.Message} Rien n'a été importé de ce fichier.");
                exit = CliVerbs.Failure;
            }
        }

        return exit;
    }

    private static async Task WriteReportAsync(TextWriter output, AddressImportResult result)
    {
        var departements = result.Departements.Count == 0 ? "aucun" : string.Join(", ", result.Departements);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{result.File} : {result.Rows} ligne(s) lue(s), {result.Imported} importée(s), {result.RejectedCount} rejetée(s) ; département(s) remplacé(s) : {departements}."));
        foreach (var r in result.Rejections)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ligne {r.Row}, champ {r.Field} : {r.Reason}"));
        }

        if (result.RejectedCount > result.Rejections.Count)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  … et {result.RejectedCount - result.Rejections.Count} autre(s) ligne(s) rejetée(s)."));
        }
    }

    private static async Task WriteStatusAsync(TextWriter output, IReadOnlyList<AddressDepartementStatus> status)
    {
        if (status.Count == 0)
        {
            await output.WriteLineAsync("Index des adresses vide : importez les fichiers de la Base Adresse Nationale (adresses import adresses-21.csv.gz …).");
            return;
        }

        await output.WriteLineAsync("département\tadresses\tvoies\tfichier\timporté le (UTC)");
        foreach (var d in status)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{d.Departement}\t{d.Adresses}\t{d.Voies}\t{d.Fichier}\t{d.ImporteLe.UtcDateTime:yyyy-MM-dd HH:mm}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"total\t{status.Sum(d => d.Adresses)}\t{status.Sum(d => d.Voies)}"));
    }
}
