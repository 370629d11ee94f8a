using System.Globalization;
using Microsoft.Extensions.Options;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>reminders [--dry-run]</c>: runs the listing reminders once, as the server does each day with
/// <c>Reminders:Enabled=true</c> (<see cref="ListingReminders"/>). Exit codes: 0 done (even with nothing to do), 3 another
/// run holds the lease (nothing was done).
/// </summary>
internal static class RemindersCommand
{
    public const string Verb = "reminders";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["dry-run"] = false,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Files.Count > 0)
        {
            throw new CliUsageException($"argument inattendu : « {args.Files[0]} » (reminders ne prend que --dry-run)", args.Verb);
        }

        var dryRun = args.Has("dry-run");
        await using var app = CliHost.Build(args.HostArgs, console.Error);
        // A dry run writes nothing: not even the first-use seed.
        await CliHost.PrepareDatabaseAsync(app.Services, seed: !dryRun, console.Error, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ListingReminders>().RunAsync(dryRun, cancellationToken);
        if (run is null)
        {
            await console.Out.WriteLineAsync("Des relances sont déjà en cours ailleurs (le serveur ou une autre commande) ; rien n'a été fait.");
            return CliVerbs.Failure;
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<ReminderOptions>>().Value;
        foreach (var plan in run.Reminded)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {plan.Key} « {plan.Nom} » ({plan.Commune}) : relance {plan.Sequence}/{options.MaxReminders}, {plan.Recipients} courriel(s) {(plan.ToPlace ? "à l'adresse publique du lieu" : "aux médiateurs")}"));
        }

        await console.Out.WriteLineAsync(Summary(run, options));
        return CliVerbs.Success;
    }

    internal static string Summary(ReminderRun run, ReminderOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"Relances{(run.DryRun ? " (essai --dry-run : rien n'a été écrit ni envoyé)" : "")} : {run.Due} lieux ni confirmés ni mis à jour depuis {options.After} mois ; "
        + $"{run.Reminded.Count} {(run.DryRun ? "seraient relancés" : "relancés")} ({run.Mails} courriels), {run.Waiting} attendent l'intervalle ({options.Interval.TotalDays:0.#} jours), "
        + $"{run.Exhausted} sans réponse après {options.MaxReminders} relances (plus de relance avant une confirmation ou une modification), "
        + $"{run.WithoutRecipient} sans destinataire{(options.ContactPlaces ? " (ni médiateur ni courriel public valide)" : " (aucun compte médiateur ; Reminders:ContactPlaces=true pour écrire au lieu)")}.");
}
