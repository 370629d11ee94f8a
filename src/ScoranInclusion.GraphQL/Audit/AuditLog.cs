using System.Security.Claims;
using Microsoft.Extensions.Logging;

namespace ScoranInclusion.GraphQL.Audit;

/// <summary>
/// The audit trail: refused permissions (and, with the accounts work, logins), in the log category
/// <c>ScoranInclusion.Audit</c>. Personal data stops at the account id: no IP address, no token, no
/// variables (they may hold a citizen's position or search text).
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "ScoranInclusion.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>A mutation refused with UNAUTHENTICATED or FORBIDDEN.</summary>
    public void PermissionRefused(ClaimsPrincipal? user, string code, string? operation, string? field) =>
        _logger.LogWarning("Permission refusée : {Code} sur {Field} (opération {Operation}, compte {Account})",
            code, field ?? "(inconnu)", operation ?? "(anonyme)", AccountId(user));

    /// <summary>A cookie-carrying mutation from another site.</summary>
    public void CrossSiteRefused(ClaimsPrincipal? user, string? operation) =>
        _logger.LogWarning("Modification intersite refusée (opération {Operation}, compte {Account})",
            operation ?? "(anonyme)", AccountId(user));

    /// <summary>Any other security event (a login, a logout, a role change): its name, its outcome, the account.</summary>
    public void Record(string eventName, string outcome, string? accountId) =>
        _logger.LogInformation("{Event} : {Outcome} (compte {Account})", eventName, outcome, accountId ?? "(aucun)");

    /// <summary>The account id claim of an authenticated user, or « (aucun) ».</summary>
    public static string AccountId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value ?? "(sans identifiant)"
            : "(aucun)";
}
