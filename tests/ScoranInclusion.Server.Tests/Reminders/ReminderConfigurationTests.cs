using Microsoft.Extensions.Configuration;
using ScoranInclusion.Server.Startup;

namespace ScoranInclusion.Server.Tests.Reminders;

/// <summary>The Reminders section is checked at start like the others: every problem, in French, naming the key.</summary>
public sealed class ReminderConfigurationTests
{
    [Fact]
    public void Bad_reminder_settings_are_each_told_in_french_with_their_key()
    {
        var problems = ConfigurationChecks.Problems(Configuration(new()
        {
            ["Reminders:After"] = "0",
            ["Reminders:Interval"] = "00:10:00",
            ["Reminders:MaxReminders"] = "11",
            ["Reminders:Hour"] = "24",
        }));

        Assert.Contains(problems, p => p.StartsWith("Reminders:After = « 0 » : attendu un nombre entier strictement positif", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:Interval = « 00:10:00 » : attendu au moins un jour", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:MaxReminders = « 11 » : attendu un nombre entre 1 et 10", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:Hour = « 24 » : attendu un nombre entre 0 et 23", StringComparison.Ordinal));
        Assert.Contains(ConfigurationChecks.Problems(Configuration(new() { ["Reminders:Enabled"] = "oui" })), p => p.StartsWith("Reminders:Enabled = « oui »", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_reminder_must_come_before_the_place_shows_as_to_be_checked()
    {
        Assert.Contains(ConfigurationChecks.Problems(Configuration(new() { ["Reminders:After"] = "12" })),
            p => p.StartsWith("Reminders:After = « 12 » : attendu moins de mois que Freshness:StaleAfter (12)", StringComparison.Ordinal));
        Assert.Empty(ConfigurationChecks.Problems(Configuration(new() { ["Reminders:After"] = "12", ["Freshness:StaleAfter"] = "18" })));
        Assert.Empty(ConfigurationChecks.Problems(Configuration(new()
        {
            ["Reminders:Enabled"] = "true",
            ["Reminders:Interval"] = "7.00:00:00",
            ["Reminders:MaxReminders"] = "2",
            ["Reminders:ContactPlaces"] = "true",
            ["Reminders:Hour"] = "0",
        })));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings)
    {
        settings["Geodata:Directory"] = RepoPaths.Geodata;
        settings["ConnectionStrings:Scoran"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "scoran-reminder-config.db");
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
