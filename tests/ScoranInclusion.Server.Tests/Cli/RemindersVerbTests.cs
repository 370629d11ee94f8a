using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Cli;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>
/// <c>reminders [--dry-run]</c> on a seeded SQLite file (today every seeded place is older than six months): the summary,
/// the dry run that writes nothing, a second run that waits for the interval, a run already held elsewhere, and usage.
/// No SMTP server: the mails wait in the outbox.
/// </summary>
public sealed class RemindersVerbTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task The_verb_reminds_the_places_of_mediators_the_dry_run_writes_nothing_and_a_second_run_waits_for_the_interval()
    {
        var first = await _cli.RunAsync("r.db", true, "reminders");
        Assert.True(first.ExitCode == CliVerbs.Success, first.ToString());
        // Nobody manages a seeded place, and Reminders:ContactPlaces is off: nothing is sent.
        Assert.Matches(@"^Relances : \d+ lieux ni confirmés ni mis à jour depuis 6 mois ; 0 relancés \(0 courriels\)", first.Out);
        Assert.Equal(0, Count("site_reminders"));

        var invited = await _cli.RunAsync("r.db", true, "accounts", "invite", "relance.verbe@example.org", "--role", "mediator", "--sites", "1");
        Assert.True(invited.ExitCode == CliVerbs.Success, invited.ToString());
        var outbox = Count("mail_outbox");

        var dry = await _cli.RunAsync("r.db", true, "reminders", "--dry-run");
        Assert.True(dry.ExitCode == CliVerbs.Success, dry.ToString());
        Assert.Contains("  1 « ", dry.Out, StringComparison.Ordinal);
        Assert.Contains("relance 1/4, 1 courriel(s) aux médiateurs", dry.Out, StringComparison.Ordinal);
        Assert.Contains("(essai --dry-run : rien n'a été écrit ni envoyé)", dry.Out, StringComparison.Ordinal);
        Assert.Contains("1 seraient relancés (1 courriels)", dry.Out, StringComparison.Ordinal);
        Assert.Equal((0, 0, outbox), (Count("site_reminders"), Count("reminder_links"), Count("mail_outbox")));

        var real = await _cli.RunAsync("r.db", true, "reminders");
        Assert.True(real.ExitCode == CliVerbs.Success, real.ToString());
        Assert.Contains("1 relancés (1 courriels)", real.Out, StringComparison.Ordinal);
        Assert.Equal((1, 1, outbox + 1), (Count("site_reminders"), Count("reminder_links"), Count("mail_outbox")));

        var again = await _cli.RunAsync("r.db", true, "reminders");
        Assert.Contains("0 relancés (0 courriels), 1 attendent l'intervalle (14 jours)", again.Out, StringComparison.Ordinal);
        Assert.Equal(1, Count("site_reminders"));
    }

    [Fact]
    public async Task A_run_held_elsewhere_exits_with_3_and_does_nothing_and_usage_errors_exit_with_2()
    {
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("held.db", true, "reminders", "--dry-run")).ExitCode);
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("held.db", true, "reminders")).ExitCode);
        Execute("held.db", "UPDATE sync_leases SET Holder = 'autre-serveur', ExpiresAt = '2999-01-01 00:00:00+00:00' WHERE Name = 'reminders:run'");
        var held = await _cli.RunAsync("held.db", true, "reminders");
        Assert.True(held.ExitCode == CliVerbs.Failure, held.ToString());
        Assert.Contains("Des relances sont déjà en cours ailleurs", held.Out, StringComparison.Ordinal);

        foreach (var args in new[] { new[] { "reminders", "fichier" }, ["reminders", "--bogus"] })
        {
            var result = await CliRunner.RunRawAsync(args);
            Assert.True(result.ExitCode == CliVerbs.UsageError, result.ToString());
            Assert.StartsWith("erreur : ", result.Error, StringComparison.Ordinal);
            Assert.Contains("reminders [--dry-run]", result.Error + result.Out, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _cli.Dispose();

    private int Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_cli.PathOf("r.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_cli.PathOf(database)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
