using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Editing;

namespace ScoranInclusion.GraphQL.Audit;

/// <summary>
/// The audit trail: refused permissions (and, with the accounts work, logins), in the log category
/// <c>ScoranInclusion.Audit</c>. Personal data stops at the account id: no IP address, no token, no
/// variables (they may hold a citizen's position or search text). What the client chose (operation names,
/// aliases in a path) is cut to <see cref="MaxNameLength"/> characters without control characters, so a
/// request can neither flood the log nor forge a line of it.
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "ScoranInclusion.Audit";

    /// <summary>The longest operation name (or field path) written; the telemetry keeps names to the same length.</summary>
    public const int MaxNameLength = 64;

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>A mutation refused with UNAUTHENTICATED or FORBIDDEN, with the account of the request's token (<see cref="AccountOf"/>).</summary>
    public void PermissionRefused(string? account, string code, string? operation, string? field) =>
        _logger.LogWarning("Permission refusée : {Code} sur {Field} (opération {Operation}, compte {Account})",
            code, field is null ? "(inconnu)" : Bounded(field), OperationName(operation), account ?? "(aucun)");

    /// <summary>A cookie-carrying mutation from another site.</summary>
    public void CrossSiteRefused(string? account, string? operation) =>
        _logger.LogWarning("Modification intersite refusée (opération {Operation}, compte {Account})",
            OperationName(operation), account ?? "(aucun)");

    /// <summary>Any other security event (a login, a logout, a role change): its name, its outcome, the account.</summary>
    public void Record(string eventName, string outcome, string? accountId) =>
        _logger.LogInformation("{Event} : {Outcome} (compte {Account})", eventName, outcome, accountId ?? "(aucun)");

    /// <summary>
    /// The account of the request, from its identity (the bearer token, or the page's cookie in-process): <c>account:ID</c>,
    /// <c>admin-token</c>, or null when anonymous. Known even when the mutation was refused: the token was valid, the right was not.
    /// </summary>
    public static async Task<string?> AccountOf(RequestIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await identity.GetAsync(cancellationToken);
        return identity.Actor;
    }

    /// <summary>A client-chosen operation name as written to the log: « (anonyme) », or at most 64 characters, no control character.</summary>
    public static string OperationName(string? name) => string.IsNullOrEmpty(name) ? "(anonyme)" : Bounded(name);

    private static string Bounded(string text)
    {
        var kept = new StringBuilder(Math.Min(text.Length, MaxNameLength));
        foreach (var rune in text.EnumerateRunes())
        {
            // Control characters (line breaks, escapes) and invisible format characters (bidirectional overrides) are dropped.
            if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }

            if (kept.Length + rune.Utf16SequenceLength > MaxNameLength)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return kept.ToString();
    }
}
