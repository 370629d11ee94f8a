using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Editing;

/// <summary>What a mutation (or a restricted read) is about to do.</summary>
public enum EditAction
{
    CreateOffer,
    UpdateOffer,
    CancelOffer,
    CreateSession,
    UpdateSession,
    CancelSession,
    ChangeSeats,
    UpdateSite,
    ConfirmSite,
    ViewHistory,
}

/// <summary>
/// The object of an edit: the offer, session, place and itinerant stop concerned, when known. A stop counts as
/// the place that operates its route (<c>itinerant_routes.OperatorSiteId</c>).
/// </summary>
public sealed record EditTarget(EditAction Action, long? OfferKey = null, long? SessionKey = null, long? SiteKey = null, long? StopKey = null);

/// <summary>
/// The one check every mutation goes through: who acts (<see cref="RequestIdentity"/>), and whether the places
/// the edit touches are in their scope. Returns the actor for history, or throws UNAUTHENTICATED / FORBIDDEN.
/// </summary>
public interface IEditAuthorization
{
    /// <summary>Returns who acts (for history), or throws a coded error (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND).</summary>
    Task<string> AuthorizeAsync(EditTarget target, CancellationToken cancellationToken);

    /// <summary>The same for an action on a place already read (its scope known): no query beyond the caller's identity.</summary>
    Task<string> AuthorizePlaceAsync(EditAction action, PlaceScope place, CancellationToken cancellationToken);
}

/// <summary>
/// Roles and scopes: an administrator (an account, or the <c>Auth:AdminToken</c> of scripts) may do
/// everything; a moderator, what concerns the places of their département (or of the region); a mediator,
/// what concerns their places (listed, or sharing their structure's SIRET). An edit that touches several
/// places (an offer moved from A to B, a session held elsewhere than its offer's place) needs all of them. An
/// itinerant stop is scoped through its route's operator: a session at another operator's stop is theirs to allow.
/// Every refusal is written to the <c>ScoranInclusion.Audit</c> log with the account id only.
/// </summary>
public sealed class ScopedEditAuthorization(RequestIdentity identity, PlaceScopes scopes, ILoggerFactory loggers) : IEditAuthorization
{
    private readonly ILogger _audit = loggers.CreateLogger(AuditLog.Category);

    public async Task<string> AuthorizeAsync(EditTarget target, CancellationToken cancellationToken)
    {
        var principal = await identity.RequireAsync(cancellationToken);
        if (principal.Role == AccountRole.Admin)
        {
            return identity.Actor!;
        }

        var places = await PlacesAsync(target, cancellationToken);
        if (places.Count == 0 || places.Any(p => p is null))
        {
            // An offer of an itinerant route, or a remote session, has no place: only administrators.
            Refuse(principal, target, places);
        }

        foreach (var place in places)
        {
            if (!InScope(principal, place!))
            {
                Refuse(principal, target, places);
            }
        }

        return identity.Actor!;
    }

    public async Task<string> AuthorizePlaceAsync(EditAction action, PlaceScope place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        var principal = await identity.RequireAsync(cancellationToken);
        if (principal.Role != AccountRole.Admin && !InScope(principal, place))
        {
            Refuse(principal, new EditTarget(action, SiteKey: place.Key), [place]);
        }

        return identity.Actor!;
    }

    /// <summary>Whether a place is in an account's scope (mediators: their places or SIRET; moderators: their territory).</summary>
    public static bool InScope(AccountPrincipal principal, PlaceScope place) => principal.Role switch
    {
        AccountRole.Admin => true,
        AccountRole.Moderator => principal.Departement is null || principal.Departement == place.Departement,
        AccountRole.Mediator => principal.SiteKeys.Contains(place.Key) || Domain.Sites.Pivot.SameStructure(principal.Pivot, place.Pivot),
        _ => false,
    };

    private void Refuse(AccountPrincipal principal, EditTarget target, IReadOnlyList<PlaceScope?> places)
    {
        _audit.LogWarning("Refus : compte {AccountId} ({Role}), action {Action}, lieux {Sites}",
            principal.Id, principal.Role, target.Action, string.Join(",", places.Select(p => p?.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "aucun")));
        throw new ScoranError(ErrorCodes.Forbidden, principal.Role == AccountRole.Mediator
            ? "Ce lieu n'est pas l'un des vôtres : seuls ses médiateurs, les modérateurs de son territoire et les administrateurs peuvent le modifier."
            : "Ce lieu est hors de votre territoire de modération.");
    }

    // Every place the edit concerns: the target place, the offer's, the session's and its offer's.
    private async Task<List<PlaceScope?>> PlacesAsync(EditTarget target, CancellationToken cancellationToken)
    {
        var keys = new List<long?>();
        if (target.SiteKey is { } site)
        {
            keys.Add(site);
        }

        if (target.OfferKey is { } offerKey)
        {
            var offerSite = await scopes.OfferPlaceAsync(offerKey, cancellationToken);
            if (offerSite is null && target.Action != EditAction.CreateOffer)
            {
                throw new ScoranError(ErrorCodes.NotFound, $"Offre inconnue : {offerKey}.");
            }

            keys.Add(offerSite);
        }

        if (target.SessionKey is { } sessionKey)
        {
            var session = await scopes.SessionPlacesAsync(sessionKey, cancellationToken)
                ?? throw new ScoranError(ErrorCodes.NotFound, $"Séance inconnue : {sessionKey}.");
            keys.Add(session.OfferSiteId);
            if (session.SiteId is { } held)
            {
                keys.Add(held);
            }

            if (session.StopId is { } stop)
            {
                keys.Add(await StopOperatorAsync(stop, cancellationToken));
            }
        }

        if (target.StopKey is { } stopKey)
        {
            keys.Add(await StopOperatorAsync(stopKey, cancellationToken));
        }

        var known = keys.OfType<long>().Distinct().ToList();
        var rows = await scopes.PlacesAsync(known, cancellationToken);
        if (target.SiteKey is { } wanted && rows.All(r => r.Key != wanted))
        {
            throw new ScoranError(ErrorCodes.NotFound, $"Lieu inconnu : {wanted}.");
        }

        var places = rows.Select(r => (PlaceScope?)r).ToList();
        if (keys.Any(k => k is null))
        {
            places.Add(null);
        }

        return places;
    }

    // The place that runs the stop's route; null (administrators only) when the route has no operator in the directory.
    private async Task<long?> StopOperatorAsync(long stopKey, CancellationToken cancellationToken)
    {
        var stop = await scopes.StopOperatorAsync(stopKey, cancellationToken)
            ?? throw new ScoranError(ErrorCodes.NotFound, $"Arrêt itinérant inconnu : {stopKey}.") { Data = { ["field"] = "stopId" } };
        return stop.Value;
    }
}

/// <summary>The log category of security events (logins, refusals): account ids only, never e-mails nor tokens.</summary>
public static class AuditLog
{
    public const string Category = "ScoranInclusion.Audit";
}
