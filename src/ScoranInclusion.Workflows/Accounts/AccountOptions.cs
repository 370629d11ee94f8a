using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Workflows.Accounts;

/// <summary>Bound from the <c>Auth</c> section (with <c>Auth:AdminToken</c>, read by the GraphQL module).</summary>
public sealed class AccountOptions
{
    public const string Section = "Auth";

    /// <summary>How long a login token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an invitation link stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Minimum password length (characters).</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>
    /// Failed logins from one client address with one e-mail (known or not) within <see cref="LockoutDuration"/> before that
    /// pair is refused for a while (<see cref="LoginThrottle"/>); other addresses are not concerned.
    /// </summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a throttled (address, e-mail) pair is refused, and the window in which its failures count.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The public address of the server, for invitation links printed by the CLI.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5178";
}
