using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.GraphQL.Editing;

/// <summary>
/// Who sends the request, read once per request from <c>Authorization: Bearer</c>: the configured
/// administrator token, an account's login token, or nobody. Only the header counts (never a cookie), so
/// that another site cannot make a browser call mutations on someone's behalf.
/// </summary>
public sealed class RequestIdentity(IHttpContextAccessor http, IOptions<AccountOptions> options, AccountService accounts, ILoggerFactory loggers)
{
    /// <summary>The history actor of the administrator token.</summary>
    public const string AdminTokenActor = "admin-token";

    private static readonly AccountPrincipal AdminTokenPrincipal = new(0, AccountRole.Admin, new HashSet<long>(), null, null);

    private bool _resolved;
    private AccountPrincipal? _principal;
    private string? _inProcessToken;

    /// <summary>The bearer token of the request, if any.</summary>
    public string? BearerToken
    {
        get
        {
            if (_inProcessToken is not null)
            {
                return _inProcessToken;
            }

            var header = http.HttpContext?.Request.Headers.Authorization.ToString();
            return !string.IsNullOrEmpty(header) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? header["Bearer ".Length..].Trim()
                : null;
        }
    }

    /// <summary>
    /// For in-process callers only (the mediators' pages under <c>/espace</c>, which read their own cookie and
    /// check an antiforgery token first): the login token to act with, instead of the request's header. The
    /// GraphQL endpoint never calls this, so a cookie still grants nothing on <c>/graphql</c>.
    /// </summary>
    public void UseInProcessToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _inProcessToken = token;
        _resolved = false;
        _principal = null;
    }

    /// <summary>The actor written to history (<c>account:ID</c> or <c>admin-token</c>); null when anonymous.</summary>
    public string? Actor => _principal is null ? null : _principal.Id == 0 ? AdminTokenActor : _principal.Actor;

    /// <summary>The account behind the request, or null (anonymous, or a token that is refused).</summary>
    public async Task<AccountPrincipal?> GetAsync(CancellationToken cancellationToken)
    {
        if (!_resolved)
        {
            _principal = await ResolveAsync(BearerToken, cancellationToken);
            _resolved = true;
        }

        return _principal;
    }

    /// <summary>The account behind the request, or UNAUTHENTICATED.</summary>
    public async Task<AccountPrincipal> RequireAsync(CancellationToken cancellationToken)
    {
        var principal = await GetAsync(cancellationToken);
        if (principal is not null)
        {
            return principal;
        }

        if (BearerToken is null)
        {
            throw new ScoranError(ErrorCodes.Unauthenticated, "Connectez-vous d'abord : en-tête Authorization: Bearer <jeton> (mutation login).");
        }

        loggers.CreateLogger(AuditLog.Category).LogWarning("Jeton refusé (inconnu, expiré ou révoqué)");
        throw new ScoranError(ErrorCodes.Unauthenticated, "Jeton refusé : inconnu, expiré ou révoqué. Reconnectez-vous.");
    }

    private async Task<AccountPrincipal?> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var admin = options.Value.AdminToken;
        if (!string.IsNullOrEmpty(admin) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(admin)))
        {
            return AdminTokenPrincipal;
        }

        return await accounts.AuthenticateAsync(token, cancellationToken);
    }
}
