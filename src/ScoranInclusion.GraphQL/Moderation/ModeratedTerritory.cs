using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Audit;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.GraphQL.Moderation;

/// <summary>
/// The département a moderation list reads (the moderation queue, the withdrawn places): a moderator of a
/// département gets their own (asking for another is refused and audited), regional moderators and
/// administrators the one asked for or all (null); mediators are refused.
/// </summary>
internal static class ModeratedTerritory
{
    /// <param name="action">The list's name in the audit log (e.g. <c>ModerationQueue</c>).</param>
    public static string? Resolve(IResolveFieldContext c, AccountPrincipal principal, string action)
    {
        var wanted = c.GetArgument<string?>("departement");
        if (wanted is not null && !AccountService.IsDepartementCode(wanted))
        {
            throw new ScoranError(ErrorCodes.InvalidTerritory, $"Code de département invalide : « {GlobalId.Truncate(wanted)} » (21, 25, 2A…).");
        }

        var audit = c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
        if (principal.Role == AccountRole.Mediator)
        {
            audit.LogWarning("Refus : compte {AccountId} ({Role}), action {Action}", principal.Id, principal.Role, action);
            throw new ScoranError(ErrorCodes.Forbidden, "Réservé à la modération et à l'administration.");
        }

        if (principal.Role == AccountRole.Moderator && principal.Departement is { } own)
        {
            if (wanted is not null && wanted != own)
            {
                audit.LogWarning("Refus : compte {AccountId} ({Role}), action {Action}, département {Departement}", principal.Id, principal.Role, action, wanted);
                throw new ScoranError(ErrorCodes.Forbidden, $"Votre territoire est le département {own}.");
            }

            return own;
        }

        return wanted;
    }
}
