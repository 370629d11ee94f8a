using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Limits;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Accounts;

public sealed class AccountRoleEnumType : EnumerationGraphType<AccountRole>
{
    public AccountRoleEnumType()
    {
        Name = "AccountRole";
        Description = "Rôle d'un compte.";
        Values["MEDIATOR"]!.Description = "Médiatrice ou médiateur : modifie les lieux de sa structure.";
        Values["MODERATOR"]!.Description = "Modération : les lieux d'un département, ou de toute la région.";
        Values["ADMIN"]!.Description = "Administration : tout.";
    }
}

/// <summary>An account, shown to itself (me, login), to administrators and to the moderation of its territory (accounts). Never a hash nor a token.</summary>
public sealed class AccountType : ObjectGraphType<AccountEntity>
{
    public const string TypeName = "Account";

    public AccountType()
    {
        Name = TypeName;
        Description = "Un compte de médiation, de modération ou d'administration (visible de son titulaire, de l'administration et, pour la médiation, de la modération de son territoire).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<AccountRoleEnumType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SiteType>>>>("sites")
            .Description("Médiateurs : les lieux donnés un par un (ceux du SIRET s'y ajoutent, voir siret).")
            .Resolve(c =>
            {
                var sites = c.Loaders().Sites;
                var loads = AccountService.ToPrincipal(c.Source).SiteKeys.Order().Select(sites.Load).ToList();
                return new Then<IReadOnlyList<StoredSite>>(async cancellationToken =>
                {
                    var found = new List<StoredSite>(loads.Count);
                    foreach (var load in loads)
                    {
                        if (await load.GetResultAsync(cancellationToken) is { } site)
                        {
                            found.Add(site);
                        }
                    }

                    return found;
                });
            });
        Field<StringGraphType>("siret").Description("Médiateurs : tous les lieux de ce SIRET (pivot) sont les leurs.").Resolve(c => c.Source.ScopePivot);
        Field<StringGraphType>("departement").Description("Modérateurs : leur département ; null : toute la région.").Resolve(c => c.Source.ScopeDepartement);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<BooleanGraphType>>("invitationPending").Description("L'invitation n'a pas encore été acceptée (aucun mot de passe choisi).").Resolve(c => c.Source.PasswordHash is null);
        Field<NonNullGraphType<BooleanGraphType>>("disabled").Description("Désactivé : ne peut plus se connecter.").Resolve(c => c.Source.DisabledAt is not null);
    }
}

public sealed record LoginPayload(string Token, DateTimeOffset ExpiresAt, AccountEntity Account);

public sealed class LoginPayloadType : ObjectGraphType<LoginPayload>
{
    public LoginPayloadType()
    {
        Name = "LoginPayload";
        Field<NonNullGraphType<StringGraphType>>("token").Description("À envoyer dans Authorization: Bearer <jeton>. Montré une seule fois.").Resolve(c => c.Source.Token);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
        Field<NonNullGraphType<AccountType>>("account").Resolve(c => c.Source.Account);
    }
}

/// <summary>Login, logout, invitations and revocation, added to the Mutation type.</summary>
internal static class AccountFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<AccountType>("me")
            .Description("Le compte du jeton envoyé ; null sans jeton (ou avec le jeton d'administration des scripts).")
            .ResolveAsync(async c =>
            {
                var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().GetAsync(c.CancellationToken);
                return principal is null || principal.Id == 0
                    ? null
                    : await c.RequestServices!.GetRequiredService<AccountService>().FindAsync(principal.Id, c.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<LoginPayloadType>>("login")
            .Description("Se connecter : un jeton (Authorization: Bearer) valable Auth:TokenLifetime (30 jours par défaut). Même réponse que l'adresse ait un compte ou non. Après Auth:MaxFailedLogins essais manqués depuis une même connexion avec une même adresse, cette connexion est bloquée un moment pour cette adresse (ACCOUNT_LOCKED) ; les autres connexions ne le sont pas. Une seule vérification de mot de passe par requête (TOO_MANY_PASSWORD_FIELDS) et RateLimiting:LoginPermitLimit par adresse IP (RATE_LIMITED).")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .Mark()
            .ResolveAsync(async c =>
            {
                PasswordFields.Acquire(c);
                var audit = Audit(c);
                try
                {
                    var client = ClientAddress.Key(c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext);
                    var issued = await Accounts(c).LoginAsync(c.GetArgument<string>("email"), c.GetArgument<string>("password"), client, c.CancellationToken);
                    audit.LogInformation("Connexion : compte {AccountId}", issued.Account.Id);
                    return new LoginPayload(issued.Token, issued.ExpiresAt, issued.Account);
                }
                catch (AccountException e)
                {
                    audit.LogWarning("Connexion refusée ({Code}) : compte {AccountId}", e.Code, e.Data["accountId"] ?? "inconnu");
                    throw ToError(e);
                }
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("logout")
            .Description("Révoque le jeton envoyé dans Authorization: Bearer ; false s'il n'était pas (ou plus) valide.")
            .ResolveAsync(async c =>
            {
                var identity = c.RequestServices!.GetRequiredService<RequestIdentity>();
                var principal = await identity.GetAsync(c.CancellationToken);
                if (identity.BearerToken is not { } token || principal is null || principal.Id == 0)
                {
                    return false;
                }

                var done = await Accounts(c).LogoutAsync(token, c.CancellationToken);
                Audit(c).LogInformation("Déconnexion : compte {AccountId}", principal.Id);
                return done;
            });

        mutation.Field<NonNullGraphType<LoginPayloadType>>("acceptInvitation")
            .Description("Choisit le mot de passe d'un compte invité (lien à usage unique, Auth:MinPasswordLength caractères au moins) et connecte.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .Mark()
            .ResolveAsync(async c =>
            {
                PasswordFields.Acquire(c);
                try
                {
                    var issued = await Accounts(c).AcceptInvitationAsync(c.GetArgument<string>("token"), c.GetArgument<string>("password"), c.CancellationToken);
                    Audit(c).LogInformation("Invitation acceptée : compte {AccountId}", issued.Account.Id);
                    return new LoginPayload(issued.Token, issued.ExpiresAt, issued.Account);
                }
                catch (AccountException e)
                {
                    Audit(c).LogWarning("Invitation refusée ({Code})", e.Code);
                    throw ToError(e);
                }
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("requestPasswordReset")
            .Description("Mot de passe oublié : envoie à l'adresse, si elle a un compte actif, un lien pour choisir un nouveau mot de passe (valable une heure, à usage unique). Toujours true, que l'adresse ait un compte ou non. Auth:MaxPasswordResetsPerHour liens par compte et par heure ; RateLimiting:LoginPermitLimit par adresse IP (RATE_LIMITED).")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Mark()
            .ResolveAsync(async c =>
            {
                PasswordFields.Acquire(c);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var request = await Accounts(c).RequestPasswordResetAsync(c.GetArgument<string>("email"), c.CancellationToken);
                Audit(c).LogInformation("Demande de nouveau mot de passe : {Outcome} (compte {AccountId})", request.Outcome, request.AccountId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "aucun");
                // The answer leaves no sooner than a floor, whatever was written: its time does not tell an account apart.
                var left = PasswordResetAnswerFloor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(left, c.CancellationToken);
                }

                return true;
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("resetPassword")
            .Description("Choisit un nouveau mot de passe avec le jeton du lien reçu par courriel (requestPasswordReset) : une fois, dans l'heure. Toutes les connexions et tous les liens du compte sont révoqués ; se connecter ensuite avec login. INVALID_RESET_TOKEN, INVALID_PASSWORD.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .Mark()
            .ResolveAsync(async c =>
            {
                PasswordFields.Acquire(c);
                try
                {
                    var account = await Accounts(c).ResetPasswordAsync(c.GetArgument<string>("token"), c.GetArgument<string>("password"), c.CancellationToken);
                    Audit(c).LogInformation("Nouveau mot de passe choisi, jetons révoqués : compte {AccountId}", account.Id);
                    return true;
                }
                catch (AccountException e)
                {
                    Audit(c).LogWarning("Nouveau mot de passe refusé ({Code})", e.Code);
                    throw ToError(e);
                }
            });

        mutation.Field<NonNullGraphType<IntGraphType>>("revokeAccount")
            .Description("Administrateurs : révoque tous les jetons d'un compte (le nombre révoqué) ; disable: true l'empêche aussi de se reconnecter.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<BooleanGraphType>("disable", a => a.DefaultValue = false)
            .ResolveAsync(async c =>
            {
                var identity = c.RequestServices!.GetRequiredService<RequestIdentity>();
                var principal = await identity.RequireAsync(c.CancellationToken);
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), AccountType.TypeName);
                if (principal.Role != AccountRole.Admin)
                {
                    Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action RevokeAccount, compte visé {Target}", principal.Id, principal.Role, key);
                    throw new ScoranError(ErrorCodes.Forbidden, "Seuls les administrateurs révoquent un compte.");
                }

                try
                {
                    var count = await Accounts(c).RevokeAsync(key, c.GetArgument("disable", false), c.CancellationToken);
                    Audit(c).LogInformation("Révocation du compte {Target} par {Actor}", key, identity.Actor);
                    return count;
                }
                catch (AccountException e)
                {
                    throw ToError(e);
                }
            });
    }

    /// <summary>
    /// The least time requestPasswordReset takes: a known address writes a token and a mail (a few milliseconds), an unknown
    /// one only reads; both answer after this floor, far above either.
    /// </summary>
    public static readonly TimeSpan PasswordResetAnswerFloor = TimeSpan.FromMilliseconds(150);

    public static ScoranError ToError(AccountException e)
    {
        var error = new ScoranError(e.Code, e.Message);
        if (e.Field is not null)
        {
            error.Data["field"] = e.Field;
        }

        return error;
    }

    private static AccountService Accounts(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<AccountService>();

    private static ILogger Audit(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
}
