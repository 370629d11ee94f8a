using Microsoft.Extensions.Configuration;
using ScoranInclusion.Server.Startup;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>The Email section is checked at start like the others: every problem, in French, naming the key.</summary>
public sealed class MailConfigurationTests
{
    [Fact]
    public void Bad_mail_settings_are_each_told_in_french_with_their_key()
    {
        var problems = ConfigurationChecks.Problems(Configuration(new()
        {
            ["Email:Smtp:Host"] = "smtp.example.org",
            ["Email:Smtp:Port"] = "70000",
            ["Email:Smtp:Security"] = "Ssl",
            ["Email:Smtp:User"] = "annuaire",
            ["Email:PublicBaseUrl"] = "lieux.example.org",
            ["Email:LeaseDuration"] = "00:00:30",
        }));

        Assert.Contains(problems, p => p.StartsWith("Email:Smtp:Security = « Ssl » : valeur inconnue ; valeurs possibles : None, StartTls, Tls", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:Smtp:Port = « 70000 »", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:PublicBaseUrl = « lieux.example.org » : ce n'est pas une adresse http:// ou https://", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:LeaseDuration = « 00:00:30 » : attendu une durée plus longue que Email:SendTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:From manquant", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:Smtp:User et Email:Smtp:Password vont ensemble", StringComparison.Ordinal));
    }

    [Fact]
    public void No_smtp_host_is_a_valid_configuration_and_a_complete_one_too()
    {
        Assert.Empty(ConfigurationChecks.Problems(Configuration([])));
        Assert.Empty(ConfigurationChecks.Problems(Configuration(new()
        {
            ["Email:Smtp:Host"] = "smtp.example.org",
            ["Email:Smtp:Port"] = "465",
            ["Email:Smtp:Security"] = "Tls",
            ["Email:Smtp:User"] = "annuaire",
            ["Email:Smtp:Password"] = "secret",
            ["Email:From"] = "Annuaire <annuaire@example.org>",
            ["Email:PublicBaseUrl"] = "https://lieux.example.org",
        })));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings)
    {
        settings["Geodata:Directory"] = RepoPaths.Geodata;
        settings["ConnectionStrings:Scoran"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "scoran-mail-config.db");
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
