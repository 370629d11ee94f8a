using System.Globalization;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage.Merges;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>merges [pending|history|confirm ID|reject ID|undo ID] [--site KEY] [--by NAME]</c>: the
/// person's side of duplicate merging. An import merges on its own only the pairs it is sure
/// of; the uncertain ones wait here, and any merge can be undone.
/// </summary>
internal static class MergesCommand
{
    public const string Verb = "merges";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["site"] = true,
        ["by"] = true,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var action = args.Files.Count == 0 ? "pending" : args.Files[0];
        long? id = null;
        if (action is "confirm" or "reject" or "undo")
        {
            if (args.Files.Count != 2 || !long.TryParse(args.Files[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new CliUsageException($"« merges {action} » attend un numéro (celui que donne « merges {(action == "undo" ? "history" : "pending")} »)", args.Verb);
            }

            id = parsed;
        }
        else if (action is not ("pending" or "history"))
        {
            throw new CliUsageException($"action inconnue : « {action} » (attendu : pending, history, confirm, reject ou undo)", args.Verb);
        }
        else if (args.Files.Count > 1)
        {
            throw new CliUsageException($"argument en trop : « {args.Files[1]} »", args.Verb);
        }

        long? site = null;
        if (args.Value("site") is { } siteText)
        {
            site = long.TryParse(siteText, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
                ? key
                : throw new CliUsageException($"--site attend le numéro interne d'un lieu, pas « {siteText} »", args.Verb);
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        await CliHost.PrepareDatabaseAsync(app.Services, seed: false, console.Error, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var review = scope.ServiceProvider.GetRequiredService<MergeReview>();
        var by = args.Value("by");
        var output = console.Out;
        try
        {
            switch (action)
            {
                case "pending":
                    await WritePendingAsync(output, await review.ListPendingAsync(cancellationToken));
                    break;
                case "history":
                    await WriteHistoryAsync(output, await review.ListMergesAsync(site, cancellationToken));
                    break;
                case "confirm":
                    var merged = await review.ConfirmAsync(id!.Value, by, cancellationToken);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Paire {id} confirmée : le lieu {merged.RemovedSiteKey} est fusionné dans le lieu {merged.Target.Key} (fusion {merged.MergeId}, annulable par « merges undo {merged.MergeId} »)."));
                    break;
                case "reject":
                    await review.RejectAsync(id!.Value, by, cancellationToken);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Paire {id} écartée : les deux lieux restent distincts."));
                    break;
                default:
                    var undone = await review.UndoMergeAsync(id!.Value, by, cancellationToken);
                    var restored = undone.Restored is { } back ? string.Create(CultureInfo.InvariantCulture, $", le lieu {back.Key} est rétabli") : "";
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Fusion {id} annulée : le lieu {undone.Target.Key} a repris ses valeurs{restored}."));
                    break;
            }
        }
        catch (InvalidOperationException e) when (action is "confirm" or "reject" or "undo")
        {
            // Unknown number, pair already decided, merge already undone: the person's command, not the database.
            throw new CliUsageException(e.Message, args.Verb);
        }

        return CliVerbs.Success;
    }

    private static async Task WritePendingAsync(TextWriter output, IReadOnlyList<UncertainPair> pairs)
    {
        if (pairs.Count == 0)
        {
            await output.WriteLineAsync("Aucune paire incertaine en attente.");
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{pairs.Count} paire(s) incertaine(s), peut-être le même lieu :"));
        foreach (var pair in pairs)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Paire {pair.Id} — ressemblance {pair.Score.Total:0} / 100 (nom {pair.Score.Name:0}, rue {pair.Score.Street:0}{Distance(pair.Score)}), vue par {pair.DetectedBy} le {pair.DetectedAt:yyyy-MM-dd}"));
            await output.WriteLineAsync(Side("nouveau ", pair.Site));
            await output.WriteLineAsync(Side("existant", pair.Other));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  → merges confirm {pair.Id}   ou   merges reject {pair.Id}"));
        }
    }

    private static async Task WriteHistoryAsync(TextWriter output, IReadOnlyList<MergeInfo> merges)
    {
        if (merges.Count == 0)
        {
            await output.WriteLineAsync("Aucune fusion.");
            return;
        }

        foreach (var merge in merges)
        {
            var kind = merge.Kind switch
            {
                MergeKind.Automatic => "automatique",
                MergeKind.Confirmed => "confirmée",
                _ => merge.Kind.ToString().ToLowerInvariant(),
            };
            var into = merge.AbsorbedSiteKey is { } absorbed ? $"lieu {absorbed} → lieu {merge.TargetSiteKey}" : $"dans le lieu {merge.TargetSiteKey}";
            var state = merge.UndoneAt is { } undoneAt
                ? $"annulée le {undoneAt:yyyy-MM-dd} par {merge.UndoneBy}"
                : $"annulable : merges undo {merge.Id}";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Fusion {merge.Id} ({kind}, {merge.MergedAt:yyyy-MM-dd} par {merge.MergedBy}) : {merge.Provenance}/{merge.SourceId}, {into}, ressemblance {merge.Score.Total:0} — {state}"));
            if (merge.Score.Reason is { } reason)
            {
                await output.WriteLineAsync("  règle " + reason);
            }
        }
    }

    private static string Distance(MatchScore score) =>
        score.DistanceMeters is { } metres ? string.Create(CultureInfo.InvariantCulture, $", {metres:0} m") : ", distance inconnue";

    private static string Side(string label, PairSide side) => string.Create(CultureInfo.InvariantCulture,
        $"  {label} lieu {side.Key} : {side.Nom}, {side.Adresse}, {side.CodePostal} {side.Commune} [{string.Join(", ", side.Provenances)}]");
}
