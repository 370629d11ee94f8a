using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Editing;

/// <summary>What a mutation is about to change.</summary>
public enum EditAction
{
    CreateOffer,
    UpdateOffer,
    CancelOffer,
    CreateSession,
    UpdateSession,
    CancelSession,
    ChangeSeats,
}

/// <summary>The object of an edit: the offer, session and place concerned, when known.</summary>
public sealed record EditTarget(EditAction Action, long? OfferKey = null, long? SessionKey = null, long? SiteKey = null);

/// <summary>
/// The one check every mutation goes through. Today an administrator token from configuration
/// (<see cref="AdminTokenAuthorization"/>); the mediators issue replaces it with roles per place, without
/// touching the mutations.
/// </summary>
public interface IEditAuthorization
{
    /// <summary>Returns who acts (for history), or throws a coded error (UNAUTHENTICATED, FORBIDDEN).</summary>
    Task<string> AuthorizeAsync(EditTarget target, CancellationToken cancellationToken);
}

/// <summary>Bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The administrator token that mutations must carry as <c>Authorization: Bearer …</c>. Empty (the default):
    /// every mutation is refused. At least 16 characters.
    /// </summary>
    public string? AdminToken { get; set; }
}

public sealed class AdminTokenAuthorization(IHttpContextAccessor http, IOptions<AuthOptions> options) : IEditAuthorization
{
    public Task<string> AuthorizeAsync(EditTarget target, CancellationToken cancellationToken)
    {
        var expected = options.Value.AdminToken;
        if (string.IsNullOrEmpty(expected))
        {
            throw new ScoranError(ErrorCodes.Forbidden,
                "Les modifications sont désactivées sur ce serveur : aucun jeton d'administration n'est configuré (Auth:AdminToken).");
        }

        var header = http.HttpContext?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScoranError(ErrorCodes.Unauthenticated, "Cette modification demande un jeton : en-tête Authorization: Bearer <jeton>.");
        }

        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(expected)))
        {
            throw new ScoranError(ErrorCodes.Unauthenticated, "Jeton refusé.");
        }

        return Task.FromResult("admin");
    }
}
