using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Workflows.Mail;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same machine or network only).</summary>
    None,

    /// <summary>Plain connection upgraded by STARTTLS, which is required (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>The SMTP server (<c>Email:Smtp:*</c>). Without a host, nothing is sent: mails wait in the outbox.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Positive]
    [Between(1, 65535)]
    public int Port { get; set; } = 587;

    [NamedValue]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }
}

/// <summary>Bound from the <c>Email</c> section: the SMTP server, the sender, the public address of links, and the outbox's pace.</summary>
public sealed class MailOptions
{
    public const string Section = "Email";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The From address (« Annuaire <annuaire@example.org> » or a bare address); required once a host is set.</summary>
    public string? From { get; set; }

    /// <summary>The public address of the server in the links of mails; empty: <c>Auth:PublicBaseUrl</c>.</summary>
    [HttpAddress("https://lieux.example.org")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Attempts before a message is marked failed.</summary>
    [Positive]
    [Between(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles at each next one (at most six hours).</summary>
    [Positive]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a sender holds a message it claimed: another sender (a replica, or this one restarted) takes it back
    /// only after that. Longer than any SMTP exchange (the client gives up after <see cref="SendTimeout"/>).
    /// </summary>
    [Positive]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one SMTP exchange may take before it counts as failed.</summary>
    [Positive]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the sender looks for due messages (it is also woken up when a message is written).</summary>
    [Positive]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a host is set: the background sender runs.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>The section's rules, the SMTP sub-section's, and what only makes sense together (a host needs a sender).</summary>
internal sealed class MailOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var problems = new List<string>(SettingRules.Problems(options, MailOptions.Section, key => configuration?[key]));
        problems.AddRange(SettingRules.Problems(options.Smtp, MailOptions.Section + ":Smtp", key => configuration?[key]));
        if (options.LeaseDuration <= options.SendTimeout)
        {
            problems.Add(SettingRules.Problem("Email:LeaseDuration", configuration?["Email:LeaseDuration"] ?? options.LeaseDuration.ToString(),
                $"attendu une durée plus longue que Email:SendTimeout ({options.SendTimeout}), sinon un autre envoi reprendrait un courriel en cours d'envoi"));
        }

        if (options.Configured)
        {
            if (string.IsNullOrWhiteSpace(options.From))
            {
                problems.Add("Email:From manquant : avec Email:Smtp:Host, donnez l'adresse d'expédition (par exemple annuaire@example.org).");
            }
            else if (!MimeAddress.IsValid(options.From))
            {
                problems.Add(SettingRules.Problem("Email:From", options.From, "attendu une adresse électronique (annuaire@example.org ou « Annuaire <annuaire@example.org> »)"));
            }

            if (string.IsNullOrEmpty(options.Smtp.User) != string.IsNullOrEmpty(options.Smtp.Password))
            {
                problems.Add("Email:Smtp:User et Email:Smtp:Password vont ensemble : donnez les deux, ou aucun.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The shape of an address the sender accepts, checked without MimeKit (Workflows does not send).</summary>
internal static class MimeAddress
{
    public static bool IsValid(string text)
    {
        var address = text.Trim();
        var open = address.LastIndexOf('<');
        if (open >= 0)
        {
            if (!address.EndsWith('>'))
            {
                return false;
            }

            address = address[(open + 1)..^1];
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1 && !address.Any(char.IsWhiteSpace);
    }
}
