using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Workflows.Accounts;

/// <summary>Bound from the <c>Auth</c> section: accounts, logins and the administrator token (read by the GraphQL module).</summary>
public sealed class AccountOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// A token for scripts and tests, worth an administrator account (<c>Authorization: Bearer …</c>). Empty (the
    /// default): only accounts can edit. At least 16 characters.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>How long a login token lasts.</summary>
    [Positive]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an invitation link stays valid.</summary>
    [Positive]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Minimum password length (characters).</summary>
    [Positive]
    [Between(8, 128)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>
    /// Failed logins from one client address with one e-mail (known or not) within <see cref="LockoutDuration"/> before that
    /// pair is refused for a while (<see cref="LoginThrottle"/>); other addresses are not concerned.
    /// </summary>
    [Positive]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a throttled (address, e-mail) pair is refused, and the window in which its failures count.</summary>
    [Positive]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Password reset links an account may get within an hour; further requests get the same answer and no mail.</summary>
    [Positive]
    [Between(1, 20)]
    public int MaxPasswordResetsPerHour { get; set; } = 3;

    /// <summary>The public address of the server, for invitation links printed by the CLI.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5178";
}

/// <summary>The section's rules; the administrator token is checked for its length only, and never repeated.</summary>
internal sealed class AccountOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<AccountOptions>
{
    /// <summary>A shorter token could be guessed.</summary>
    public const int MinAdminTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        var problems = new List<string>(SettingRules.Problems(options, AccountOptions.Section, key => configuration?[key]));
        if (!string.IsNullOrEmpty(options.AdminToken) && options.AdminToken.Length < MinAdminTokenLength)
        {
            problems.Add($"Auth:AdminToken doit comporter au moins {MinAdminTokenLength} caractères.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
