namespace ScoranInclusion.Storage.Accounts;

/// <summary>What an account may do; the scope columns of <see cref="AccountEntity"/> say where.</summary>
public enum AccountRole
{
    /// <summary>Edits the places of their structure: a set of places, or every place of a SIRET (pivot).</summary>
    Mediator,

    /// <summary>Reviews the places of a territory: a département, or the whole region.</summary>
    Moderator,

    /// <summary>Everything, everywhere.</summary>
    Admin,
}

/// <summary>
/// A person who edits or moderates (table <c>accounts</c>). The password is stored only as a
/// <c>PasswordHasher</c> hash; it is null until the invitation is accepted.
/// </summary>
public sealed class AccountEntity
{
    public long Id { get; set; }

    /// <summary>Lower-cased; unique. Never written to logs (the id is).</summary>
    public string Email { get; set; } = "";

    public string? PasswordHash { get; set; }

    public AccountRole Role { get; set; }

    /// <summary>Mediators: the keys of their places, comma-separated (may be empty when <see cref="ScopePivot"/> is set).</summary>
    public string? ScopeSiteIds { get; set; }

    /// <summary>Mediators: a SIRET; every place with this pivot is theirs.</summary>
    public string? ScopePivot { get; set; }

    /// <summary>Moderators: a département code; null means the whole region.</summary>
    public string? ScopeDepartement { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>No longer written: failed logins are throttled per client and e-mail (<see cref="LoginThrottle"/>), not per account.</summary>
    /// <remarks>REVIEW: kept (always 0) so that this change needs no migration of either provider; a later migration may drop it.</remarks>
    public int FailedLogins { get; set; }

    /// <summary>No longer written (see <see cref="FailedLogins"/>): an account is never locked for everyone.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>A disabled account cannot log in and its tokens are refused.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

public enum AccountTokenKind
{
    /// <summary>A login: the bearer token of API calls (and of the pages' cookie).</summary>
    Session,

    /// <summary>A one-time invitation: accepted once, to set the password.</summary>
    Invitation,

    /// <summary>A one-time password reset link, sent by e-mail: used once, within an hour, to choose a new password.</summary>
    PasswordReset,
}

/// <summary>
/// An issued token (table <c>account_tokens</c>). Only the SHA-256 of the token is kept: tokens
/// are 256 random bits, so a fast hash is enough and a database leak gives no usable token.
/// </summary>
public sealed class AccountTokenEntity
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public AccountEntity? Account { get; set; }

    public AccountTokenKind Kind { get; set; }

    /// <summary>SHA-256 of the token, hex; unique.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Logout, admin revocation, or an invitation used.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
