using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Accounts;

/// <summary>A refused account operation: a stable code (upper snake case), a French message, and the input at fault.</summary>
public sealed class AccountException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}

/// <summary>The codes of <see cref="AccountException"/>; clients branch on them.</summary>
public static class AccountErrorCodes
{
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string AccountLocked = "ACCOUNT_LOCKED";
    public const string InvalidPassword = "INVALID_PASSWORD";
    public const string InvalidInvitation = "INVALID_INVITATION";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string AccountExists = "ACCOUNT_EXISTS";
    public const string InvalidScope = "INVALID_SCOPE";

    /// <summary>A mediator's SIRET that names no structure: malformed, the « unknown » placeholder, or a wrong control key.</summary>
    public const string InvalidSiret = "INVALID_SIRET";
    public const string NotFound = "NOT_FOUND";

    /// <summary>A password reset link unknown, used, expired, or of a disabled account.</summary>
    public const string InvalidResetToken = "INVALID_RESET_TOKEN";

    /// <summary>An invitation to send again for an account whose password is already chosen.</summary>
    public const string InvitationAccepted = "INVITATION_ACCEPTED";
}

/// <summary>What became of a password reset request: for the audit log only, never for the answer.</summary>
public enum PasswordResetOutcome
{
    /// <summary>A link was written to the outbox.</summary>
    Queued,

    /// <summary>No account (or a malformed address): nothing written.</summary>
    UnknownAddress,

    /// <summary>A disabled account: nothing written.</summary>
    Disabled,

    /// <summary>Too many links for this account within an hour: nothing written.</summary>
    Limited,
}

/// <summary>Who is acting, as the authorization check sees it.</summary>
public sealed record AccountPrincipal(long Id, AccountRole Role, IReadOnlySet<long> SiteKeys, string? Pivot, string? Departement)
{
    /// <summary>The actor written to history rows: <c>account:ID</c> (never the e-mail).</summary>
    public string Actor => "account:" + Id.ToString(CultureInfo.InvariantCulture);
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, AccountEntity Account);

/// <summary>What an invitation gives: the account, and the one-time token of its link.</summary>
public sealed record Invitation(AccountEntity Account, string Token, DateTimeOffset ExpiresAt);

/// <summary>The outcome of a reset request, and the account concerned when there is one (for the audit log).</summary>
public sealed record PasswordResetRequest(PasswordResetOutcome Outcome, long? AccountId);

/// <summary>
/// Accounts, passwords and tokens. Passwords go through <see cref="IPasswordHashing"/> (ASP.NET Core Identity's
/// PBKDF2 in the server); tokens are 256 random bits given once to the caller and stored as SHA-256. Every login costs
/// exactly one password hash, whatever the e-mail (known, unknown, malformed, without password, disabled) and whatever
/// the state of its throttle, and answers the same for all: neither the answer nor the time tells whether an account
/// exists. Failed logins throttle the (client, e-mail) pair (<see cref="LoginThrottle"/>), never the account for everyone.
/// </summary>
public sealed class AccountService(
    ScoranDbContext db, TimeProvider clock, IOptions<AccountOptions> options, IPasswordHashing hasher, LoginThrottle? throttle = null,
    IOptions<MailOptions>? mail = null, MailOutboxSignal? signal = null)
{
    /// <summary>How long a password reset link is valid.</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    private const int MaxPasswordLength = 256;

    // Outside the server's container (tools, tests that build the service by hand), a throttle of its own.
    private readonly LoginThrottle _throttle = throttle ?? new LoginThrottle(options);

    private AccountOptions Options => options.Value;

    public static string NormalizeEmail(string email)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (normalized.Length is < 3 or > 254 || at <= 0 || at != normalized.LastIndexOf('@') || at == normalized.Length - 1
            || normalized.Any(char.IsWhiteSpace))
        {
            throw new AccountException(AccountErrorCodes.InvalidEmail, $"Adresse électronique invalide : « {email} ».", "email");
        }

        return normalized;
    }

    /// <summary>Creates an account without password and its invitation. The scope must fit the role.</summary>
    public async Task<Invitation> InviteAsync(
        string email, AccountRole role, IReadOnlyCollection<long>? siteKeys, string? pivot, string? departement, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        siteKeys ??= [];
        switch (role)
        {
            case AccountRole.Mediator when siteKeys.Count == 0 && string.IsNullOrEmpty(pivot):
                throw new AccountException(AccountErrorCodes.InvalidScope, "Un médiateur a des lieux : donnez leurs identifiants ou le SIRET de la structure.", "sites");
            // The placeholder 00000000000000 is every unknown place's pivot: as a scope it would open nearly the whole region.
            case AccountRole.Mediator when pivot is not null && Pivot.StructureSiretProblem(pivot) is { } problem:
                throw new AccountException(AccountErrorCodes.InvalidSiret, problem, "siret");
            case AccountRole.Moderator when departement is not null && !IsDepartementCode(departement):
                throw new AccountException(AccountErrorCodes.InvalidScope, $"Code de département invalide : « {departement} ».", "departement");
            case not AccountRole.Mediator when siteKeys.Count > 0 || pivot is not null:
                throw new AccountException(AccountErrorCodes.InvalidScope, "Seul un médiateur a des lieux (--sites, --siret).", "sites");
            case not AccountRole.Moderator when departement is not null:
                throw new AccountException(AccountErrorCodes.InvalidScope, "Seul un modérateur a un département.", "departement");
        }

        if (siteKeys.Count > 0)
        {
            var known = await db.Sites.Where(s => siteKeys.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
            var missing = siteKeys.Except(known).ToList();
            if (missing.Count > 0)
            {
                throw new AccountException(AccountErrorCodes.InvalidScope, "Lieu inconnu : " + string.Join(", ", missing) + ".", "sites");
            }
        }

        if (await db.Accounts.AnyAsync(a => a.Email == normalized, cancellationToken))
        {
            throw new AccountException(AccountErrorCodes.AccountExists, "Un compte existe déjà pour cette adresse.", "email");
        }

        var now = clock.GetUtcNow();
        var account = new AccountEntity
        {
            Email = normalized,
            Role = role,
            ScopeSiteIds = siteKeys.Count > 0 ? string.Join(',', siteKeys.Order()) : null,
            ScopePivot = pivot,
            ScopeDepartement = departement,
            CreatedAt = now,
        };
        // The account, its link and the mail that carries it: one transaction (the mail names the account's id).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        var invitation = await QueueInvitationAsync(account, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Wake();
        return invitation;
    }

    /// <summary>
    /// A new invitation link for an account whose invitation was not accepted yet, sent again by e-mail: every earlier
    /// invitation link of the account stops working. The scope stays the account's.
    /// </summary>
    public async Task<Invitation> ResendInvitationAsync(long accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new AccountException(AccountErrorCodes.NotFound, $"Compte inconnu : {accountId}.", "id");
        if (account.PasswordHash is not null)
        {
            throw new AccountException(AccountErrorCodes.InvitationAccepted,
                "Ce compte a déjà choisi son mot de passe : s'il l'a oublié, « Mot de passe oublié ? » sur la page de connexion.", "id");
        }

        if (account.DisabledAt is not null)
        {
            throw new AccountException(AccountErrorCodes.InvalidScope, "Ce compte est désactivé : il ne peut pas être invité de nouveau.", "id");
        }

        var now = clock.GetUtcNow();
        // The revocation, the new link and its mail: one transaction, so never two live links nor a link without its mail.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AccountTokens.Where(t => t.AccountId == accountId && t.Kind == AccountTokenKind.Invitation && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var invitation = await QueueInvitationAsync(account, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Wake();
        return invitation;
    }

    /// <summary>
    /// Asks for a password reset link for <paramref name="email"/>. The caller answers the same whatever the outcome (no
    /// account, a disabled one, too many requests): the outcome is for the audit log. The link is valid one hour, once;
    /// an account gets at most <c>Auth:MaxPasswordResetsPerHour</c> links an hour; a new link revokes the earlier ones.
    /// </summary>
    public async Task<PasswordResetRequest> RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        AccountEntity? account = null;
        try
        {
            var normalized = NormalizeEmail(email);
            account = await db.Accounts.SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
        }
        catch (AccountException)
        {
            // A malformed address has no account: the same answer as an unknown one.
        }

        if (account is null)
        {
            return new PasswordResetRequest(PasswordResetOutcome.UnknownAddress, null);
        }

        if (account.DisabledAt is not null)
        {
            return new PasswordResetRequest(PasswordResetOutcome.Disabled, account.Id);
        }

        // REVIEW: compared in memory: SQLite cannot compare DateTimeOffset columns, and an account has a few reset tokens an hour.
        var recent = await db.AccountTokens.AsNoTracking()
            .Where(t => t.AccountId == account.Id && t.Kind == AccountTokenKind.PasswordReset)
            .Select(t => t.CreatedAt).ToListAsync(cancellationToken);
        if (recent.Count(c => c > now - TimeSpan.FromHours(1)) >= Options.MaxPasswordResetsPerHour)
        {
            return new PasswordResetRequest(PasswordResetOutcome.Limited, account.Id);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AccountTokens.Where(t => t.AccountId == account.Id && t.Kind == AccountTokenKind.PasswordReset && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var (token, row) = NewToken(account, AccountTokenKind.PasswordReset, now, PasswordResetLifetime);
        db.AccountTokens.Add(row);
        MailOutbox.Queue(db, MailKinds.PasswordReset, account.Id, account.Email,
            MailMessages.PasswordReset(LinkBase + "/espace/nouveau-mot-de-passe?jeton=" + token, row.ExpiresAt), now, row.ExpiresAt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Wake();
        return new PasswordResetRequest(PasswordResetOutcome.Queued, account.Id);
    }

    /// <summary>
    /// Sets a new password with a reset link (once, within the hour) and revokes every other token of the account: its
    /// logins, its other links. The person then logs in with the new password.
    /// </summary>
    public async Task<AccountEntity> ResetPasswordAsync(string token, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = HashToken(token ?? "");
        var reset = await db.AccountTokens.Include(t => t.Account)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.Kind == AccountTokenKind.PasswordReset, cancellationToken);
        if (reset?.Account is null || reset.RevokedAt is not null || reset.ExpiresAt <= now || reset.Account.DisabledAt is not null)
        {
            throw new AccountException(AccountErrorCodes.InvalidResetToken,
                "Lien de nouveau mot de passe inconnu, déjà utilisé ou expiré : demandez-en un nouveau.", "token");
        }

        CheckPassword(password);
        var account = reset.Account;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The link is used by a conditional update: of two uses racing, one only changes the password.
        var used = await db.AccountTokens.Where(t => t.Id == reset.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (used == 0)
        {
            throw new AccountException(AccountErrorCodes.InvalidResetToken,
                "Lien de nouveau mot de passe inconnu, déjà utilisé ou expiré : demandez-en un nouveau.", "token");
        }

        account.PasswordHash = hasher.Hash(password);
        await db.SaveChangesAsync(cancellationToken);
        // Every other login and link of the account stops working: whoever knew the old password is logged out.
        await db.AccountTokens.Where(t => t.AccountId == account.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    /// <summary>Sets the password of an invited account (once), and logs it in.</summary>
    public async Task<IssuedToken> AcceptInvitationAsync(string token, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = HashToken(token ?? "");
        var invitation = await db.AccountTokens.Include(t => t.Account)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.Kind == AccountTokenKind.Invitation, cancellationToken);
        if (invitation?.Account is null || invitation.RevokedAt is not null || invitation.ExpiresAt <= now || invitation.Account.DisabledAt is not null)
        {
            throw new AccountException(AccountErrorCodes.InvalidInvitation,
                "Invitation inconnue, déjà utilisée ou expirée : demandez-en une nouvelle.", "token");
        }

        CheckPassword(password);
        var account = invitation.Account;
        account.PasswordHash = hasher.Hash(password);
        invitation.RevokedAt = now;
        var (session, row) = NewToken(account, AccountTokenKind.Session, now, Options.TokenLifetime);
        db.AccountTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(session, row.ExpiresAt, account);
    }

    /// <summary>
    /// Checks an e-mail and password sent by <paramref name="client"/> (the key of its address); a bearer token, or
    /// INVALID_CREDENTIALS, or ACCOUNT_LOCKED once this client failed too often with this e-mail (known or not).
    /// </summary>
    public async Task<IssuedToken> LoginAsync(string email, string password, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        password ??= "";
        // The throttle's key is the e-mail as typed (normalized when it can be): an unknown one is throttled like a known one.
        var typed = (email ?? "").Trim().ToLowerInvariant();
        if (_throttle.BlockedUntil(client, typed, now) is { } blocked)
        {
            // The same work as any other answer: a throttled pair is not told apart by its speed either.
            hasher.VerifyNothing(password);
            throw Locked(blocked);
        }

        AccountEntity? account = null;
        try
        {
            var normalized = NormalizeEmail(email!);
            account = await db.Accounts.SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
        }
        catch (AccountException)
        {
            // A malformed address has no account: it fails below like an unknown one.
        }

        PasswordCheck verdict;
        if (account is { PasswordHash: { } hash, DisabledAt: null })
        {
            verdict = hasher.Verify(hash, password);
        }
        else
        {
            // Unknown, malformed, invitation not accepted, disabled: the same single hash, the same failure.
            hasher.VerifyNothing(password);
            verdict = PasswordCheck.Failed;
        }
        if (verdict == PasswordCheck.Failed)
        {
            var failure = _throttle.Fail(client, typed, now) is { } until ? Locked(until) : BadCredentials();
            // For the audit log only (never in the answer): which account was tried, when there is one.
            failure.Data["accountId"] = account?.Id;
            throw failure;
        }

        _throttle.Succeed(client, typed);
        if (verdict == PasswordCheck.SuccessRehashNeeded)
        {
            // Only after a success, for a hash of an older format: nothing an attacker can tell apart.
            account!.PasswordHash = hasher.Hash(password);
        }

        var (token, row) = NewToken(account!, AccountTokenKind.Session, now, Options.TokenLifetime);
        db.AccountTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(token, row.ExpiresAt, account!);
    }

    /// <summary>The account behind a bearer token, or null when the token is unknown, expired, revoked or its account disabled.</summary>
    public async Task<AccountPrincipal?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = HashToken(token);
        var row = await db.AccountTokens.AsNoTracking().Include(t => t.Account)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.Kind == AccountTokenKind.Session, cancellationToken);
        if (row?.Account is not { } account || row.RevokedAt is not null || row.ExpiresAt <= now || account.DisabledAt is not null)
        {
            return null;
        }

        return ToPrincipal(account);
    }

    public static AccountPrincipal ToPrincipal(AccountEntity account) => new(
        account.Id,
        account.Role,
        (account.ScopeSiteIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToHashSet(),
        account.ScopePivot,
        account.ScopeDepartement);

    /// <summary>Revokes one login token (logout); false when it was not a live token.</summary>
    public async Task<bool> LogoutAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = HashToken(token);
        var revoked = await db.AccountTokens
            .Where(t => t.TokenHash == hash && t.Kind == AccountTokenKind.Session && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked > 0;
    }

    /// <summary>Revokes every token of an account (an administrator's decision); with <paramref name="disable"/>, it cannot log in again.</summary>
    public async Task<int> RevokeAsync(long accountId, bool disable, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new AccountException(AccountErrorCodes.NotFound, $"Compte inconnu : {accountId}.", "id");
        // Disabled and revoked together, or neither: never a disabled account whose tokens still work.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (disable)
        {
            account.DisabledAt ??= now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var revoked = await db.AccountTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revoked;
    }

    /// <summary>The one-time link of an invitation (<c>Email:PublicBaseUrl</c>, or else <c>Auth:PublicBaseUrl</c>, + <c>/espace/invitation?jeton=…</c>), as the CLI prints it, inviteAccount returns it and the mail holds it.</summary>
    public string InvitationLink(Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return InvitationLink(invitation.Token);
    }

    /// <summary>Whether mails leave (an SMTP server is configured); otherwise they wait in the outbox and links are handed over by hand.</summary>
    public bool MailConfigured => mail?.Value.Configured == true;

    private string LinkBase => (mail?.Value.PublicBaseUrl is { Length: > 0 } own ? own : Options.PublicBaseUrl).TrimEnd('/');

    private string InvitationLink(string token) => LinkBase + "/espace/invitation?jeton=" + token;

    // The token and the mail that carries it, saved together (in the caller's transaction when there is one).
    private async Task<Invitation> QueueInvitationAsync(AccountEntity account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (token, row) = NewToken(account, AccountTokenKind.Invitation, now, Options.InvitationLifetime);
        db.AccountTokens.Add(row);
        MailOutbox.Queue(db, MailKinds.Invitation, account.Id, account.Email,
            MailMessages.Invitation(InvitationLink(token), row.ExpiresAt, account.Role), now, row.ExpiresAt);
        await db.SaveChangesAsync(cancellationToken);
        return new Invitation(account, token, row.ExpiresAt);
    }

    /// <summary>
    /// A page of accounts in id order, strictly after <paramref name="after"/>. With <paramref name="mediatorsOf"/>, only the
    /// mediators with at least one place (listed, or of their SIRET) in that département: a moderator's view.
    /// </summary>
    public async Task<(IReadOnlyList<AccountEntity> Accounts, bool HasNext)> ListAsync(
        AccountRole? role, string? mediatorsOf, long after, int first, CancellationToken cancellationToken)
    {
        var query = db.Accounts.AsNoTracking().Where(a => a.Id > after);
        if (role is { } wanted)
        {
            query = query.Where(a => a.Role == wanted);
        }

        if (mediatorsOf is null)
        {
            var rows = await query.OrderBy(a => a.Id).Take(first + 1).ToListAsync(cancellationToken);
            return (rows.Take(first).ToList(), rows.Count > first);
        }

        // REVIEW: filtered in memory: a region has a few hundred mediators, and their scope is a list in a column.
        var mediators = await query.Where(a => a.Role == AccountRole.Mediator).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var keys = mediators.SelectMany(a => ToPrincipal(a).SiteKeys).Distinct().ToList();
        var pivots = mediators.Select(a => a.ScopePivot).Where(Pivot.IsStructureSiret).OfType<string>().Distinct().ToList();
        var places = await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id) || pivots.Contains(s.Pivot))
            .Select(s => new { s.Id, s.Pivot, s.CodeInsee, s.CodePostal }).ToListAsync(cancellationToken);
        var inside = places.Where(p => SiteDepartement.Of(p.CodeInsee, p.CodePostal) == mediatorsOf).ToList();
        var insideKeys = inside.Select(p => p.Id).ToHashSet();
        var insidePivots = inside.Select(p => p.Pivot).ToHashSet(StringComparer.Ordinal);
        var visible = mediators
            .Where(a => ToPrincipal(a).SiteKeys.Any(insideKeys.Contains) || insidePivots.Any(p => Pivot.SameStructure(a.ScopePivot, p)))
            .Take(first + 1)
            .ToList();
        return (visible.Take(first).ToList(), visible.Count > first);
    }

    public Task<AccountEntity?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        return db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
    }

    public Task<AccountEntity?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The codes of the région's départements, and Corsica's in case: two digits or 2A/2B, or 97x.</summary>
    public static bool IsDepartementCode(string code) =>
        (code.Length == 2 && ((char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) && code != "00" && code != "20") || code is "2A" or "2B"))
        || (code.Length == 3 && code.StartsWith("97", StringComparison.Ordinal) && char.IsAsciiDigit(code[2]));

    private void CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < Options.MinPasswordLength)
        {
            throw new AccountException(AccountErrorCodes.InvalidPassword,
                $"Mot de passe trop court : {Options.MinPasswordLength} caractères au moins (une phrase de quelques mots convient).", "password");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new AccountException(AccountErrorCodes.InvalidPassword, $"Mot de passe trop long : {MaxPasswordLength} caractères au plus.", "password");
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            throw new AccountException(AccountErrorCodes.InvalidPassword, "Le mot de passe ne peut pas être fait que d'espaces.", "password");
        }
    }

    private static (string Token, AccountTokenEntity Row) NewToken(AccountEntity account, AccountTokenKind kind, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, new AccountTokenEntity
        {
            Account = account,
            Kind = kind,
            TokenHash = HashToken(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static AccountException BadCredentials() => new(AccountErrorCodes.InvalidCredentials, "Adresse ou mot de passe incorrect.");

    private AccountException Locked(DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        return new(AccountErrorCodes.AccountLocked,
            $"Trop d'essais manqués avec cette adresse depuis votre connexion : la connexion est bloquée pour {minutes} minute{(minutes > 1 ? "s" : "")}. Réessayez ensuite.");
    }
}
