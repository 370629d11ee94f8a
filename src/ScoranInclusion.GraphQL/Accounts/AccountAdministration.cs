using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.GraphQL.Accounts;

public sealed record InviteAccountInput(string Email, AccountRole Role, IReadOnlyList<string> Sites, string? Siret, string? Departement);

public sealed class InviteAccountInputType : InputObjectGraphType<InviteAccountInput>
{
    public InviteAccountInputType()
    {
        Name = "InviteAccountInput";
        Description = "Un compte à inviter : son adresse, son rôle et sa portée (médiation : des lieux ou un SIRET ; modération : un département, ou rien pour la région).";
        Field<NonNullGraphType<StringGraphType>>("email");
        Field<NonNullGraphType<AccountRoleEnumType>>("role");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("sites").Description("Médiation : les identifiants des lieux.");
        Field<StringGraphType>("siret").Description("Médiation : tous les lieux de ce SIRET (14 chiffres).");
        Field<StringGraphType>("departement").Description("Modération : le département (21, 25…) ; sans : toute la région.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new InviteAccountInput(
        (string)value["email"]!,
        (AccountRole)value["role"]!,
        value.TryGetValue("sites", out var sites) && sites is IEnumerable<object?> list ? [.. list.OfType<string>()] : [],
        value.TryGetValue("siret", out var siret) && siret is string s && s.Trim().Length > 0 ? s.Trim() : null,
        value.TryGetValue("departement", out var departement) && departement is string d && d.Trim().Length > 0 ? d.Trim() : null);
}

public sealed record InvitationPayload(Invitation Invitation, string Link, bool Emailed);

public sealed class InvitationPayloadType : ObjectGraphType<InvitationPayload>
{
    public InvitationPayloadType()
    {
        Name = "InvitationPayload";
        Description = "Une invitation : le lien à usage unique, aussi envoyé par courriel quand un serveur SMTP est configuré (sinon, à transmettre à la personne). Montré une seule fois.";
        Field<NonNullGraphType<AccountType>>("account").Resolve(c => c.Source.Invitation.Account);
        Field<NonNullGraphType<StringGraphType>>("invitationUrl").Description("Auth:PublicBaseUrl + /espace/invitation?jeton=…, comme l'imprime le verbe accounts invite.").Resolve(c => c.Source.Link);
        Field<NonNullGraphType<StringGraphType>>("token").Description("Le jeton seul, pour acceptInvitation(token, password).").Resolve(c => c.Source.Invitation.Token);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Resolve(c => c.Source.Invitation.ExpiresAt);
        Field<NonNullGraphType<BooleanGraphType>>("emailed")
            .Description("true : le lien part aussi par courriel (Email:Smtp:Host configuré) ; false : le courriel attend dans la file d'envoi, transmettez le lien vous-même.")
            .Resolve(c => c.Source.Emailed);
    }
}

public sealed class MailStatusEnumType : EnumerationGraphType<OutboxStatus>
{
    public MailStatusEnumType()
    {
        Name = "MailStatus";
        Description = "L'état d'un courriel de la file d'envoi.";
        Values["PENDING"]!.Description = "En attente d'envoi (ou d'un nouvel essai).";
        Values["SENT"]!.Description = "Accepté par le serveur SMTP.";
        Values["FAILED"]!.Description = "Abandonné : trop d'essais, destinataire refusé, ou lien expiré avant l'envoi.";
    }
}

/// <summary>A message of the outbox as administrators see it: never its body (it holds a one-time link).</summary>
public sealed class OutboxMessageType : ObjectGraphType<OutboxEntry>
{
    public OutboxMessageType()
    {
        Name = "OutboxMessage";
        Description = "Un courriel de la file d'envoi (administration) : sans son contenu, qui porte un lien à usage unique.";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Son numéro dans la file.").Resolve(c => (int)Math.Min(c.Source.Id, int.MaxValue));
        Field<NonNullGraphType<StringGraphType>>("kind").Description("invitation, password-reset, moderation-digest (récapitulatif des modérateurs) ou moderation-decision (réponse à une proposition ou revendication).").Resolve(c => c.Source.Kind);
        Field<IdGraphType>("account").Description("L'identifiant du compte concerné.").Resolve(c => c.Source.AccountId is { } id ? GlobalId.Encode(AccountType.TypeName, id) : null);
        Field<NonNullGraphType<StringGraphType>>("recipient").Resolve(c => c.Source.Recipient);
        Field<NonNullGraphType<MailStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("sentAt").Resolve(c => c.Source.SentAt);
        Field<StringGraphType>("lastError").Description("La dernière erreur (réponse du serveur SMTP).").Resolve(c => c.Source.LastError);
    }
}

public sealed record AccountEdge(string Cursor, AccountEntity Node);

public sealed record AccountConnection(IReadOnlyList<AccountEdge> Edges, PageInfo PageInfo);

public sealed class AccountEdgeType : ObjectGraphType<AccountEdge>
{
    public AccountEdgeType()
    {
        Name = "AccountEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<AccountType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class AccountConnectionType : ObjectGraphType<AccountConnection>
{
    public AccountConnectionType()
    {
        Name = "AccountConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}

/// <summary>inviteAccount and accounts: the administration of accounts through the API (the accounts verb does the same on the command line).</summary>
internal static class AccountAdministrationFields
{
    public const string CursorType = "AccountCursor";

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<InvitationPayloadType>>("inviteAccount")
            .Description("Crée un compte et son lien d'invitation à usage unique (valable Auth:InvitationLifetime). Administration : tout rôle ; modération : des comptes de médiation pour des lieux de son territoire (un SIRET : modération régionale seulement).")
            .Argument<NonNullGraphType<InviteAccountInputType>>("input")
            .ResolveAsync(async c =>
            {
                var identity = c.RequestServices!.GetRequiredService<RequestIdentity>();
                var principal = await identity.RequireAsync(c.CancellationToken);
                var input = c.GetArgument<InviteAccountInput>("input");
                var keys = input.Sites.Select(id => GlobalId.DecodeKey(id, SiteType.TypeName)).Distinct().ToList();
                await AuthorizeInvitationAsync(c, principal, input, keys);
                var accounts = c.RequestServices!.GetRequiredService<AccountService>();
                try
                {
                    var invitation = await accounts.InviteAsync(input.Email, input.Role, keys, input.Siret, input.Departement, c.CancellationToken);
                    Audit(c).LogInformation("Invitation : compte {Target} ({Role}) créé par {Actor}", invitation.Account.Id, invitation.Account.Role, identity.Actor);
                    return new InvitationPayload(invitation, accounts.InvitationLink(invitation), accounts.MailConfigured);
                }
                catch (AccountException e)
                {
                    Audit(c).LogWarning("Invitation refusée ({Code}) par {Actor}", e.Code, identity.Actor);
                    throw AccountFields.ToError(e);
                }
            });
    }

    public static void AddResend(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<InvitationPayloadType>>("resendInvitation")
            .Description("Envoie de nouveau l'invitation d'un compte qui n'a pas encore choisi son mot de passe : un nouveau lien, par courriel ; les liens précédents ne marchent plus. Mêmes droits qu'inviteAccount.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var identity = c.RequestServices!.GetRequiredService<RequestIdentity>();
                var principal = await identity.RequireAsync(c.CancellationToken);
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), AccountType.TypeName);
                var accounts = c.RequestServices!.GetRequiredService<AccountService>();
                var target = await accounts.FindAsync(key, c.CancellationToken)
                    ?? throw new ScoranError(ErrorCodes.NotFound, "Compte inconnu.");
                var scope = AccountService.ToPrincipal(target);
                await AuthorizeInvitationAsync(c, principal, new InviteAccountInput(target.Email, target.Role, [], target.ScopePivot, target.ScopeDepartement), [.. scope.SiteKeys]);
                try
                {
                    var invitation = await accounts.ResendInvitationAsync(key, c.CancellationToken);
                    Audit(c).LogInformation("Invitation renvoyée : compte {Target}, liens précédents révoqués, par {Actor}", key, identity.Actor);
                    return new InvitationPayload(invitation, accounts.InvitationLink(invitation), accounts.MailConfigured);
                }
                catch (AccountException e)
                {
                    Audit(c).LogWarning("Invitation non renvoyée ({Code}) par {Actor}", e.Code, identity.Actor);
                    throw AccountFields.ToError(e);
                }
            });
    }

    public static void AddOutboxQuery(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OutboxMessageType>>>>("mailOutbox")
            .Description("Administration : les derniers courriels de la file d'envoi (les plus récents d'abord), tous ou d'un état (FAILED : ceux qui ne partiront pas).")
            .Argument<MailStatusEnumType>("status")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 50; a.Description = "Nombre de courriels (1 à 200)."; })
            .ResolveAsync(async c =>
            {
                var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().RequireAsync(c.CancellationToken);
                if (principal.Role != AccountRole.Admin)
                {
                    Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action MailOutbox", principal.Id, principal.Role);
                    throw new ScoranError(ErrorCodes.Forbidden, "Réservé à l'administration.");
                }

                var first = c.GetArgument("first", 50);
                if (first is < 1 or > 200)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, "first : entre 1 et 200.");
                }

                return await c.RequestServices!.GetRequiredService<MailOutbox>().ListAsync(c.GetArgument<OutboxStatus?>("status"), first, c.CancellationToken);
            });
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AccountConnectionType>>("accounts")
            .Description("Les comptes, par ordre de création (administration : tous ; modération : les comptes de médiation qui ont un lieu dans son territoire). Jamais de mot de passe ni de jeton.")
            .Argument<AccountRoleEnumType>("role")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 20; a.Description = "Nombre de comptes (0 à 100)."; })
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().RequireAsync(c.CancellationToken);
                var role = c.GetArgument<AccountRole?>("role");
                string? mediatorsOf = null;
                switch (principal.Role)
                {
                    case AccountRole.Admin:
                        break;
                    case AccountRole.Moderator when role is null or AccountRole.Mediator:
                        role = AccountRole.Mediator;
                        mediatorsOf = principal.Departement;
                        break;
                    default:
                        Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action ListAccounts", principal.Id, principal.Role);
                        throw new ScoranError(ErrorCodes.Forbidden, principal.Role == AccountRole.Moderator
                            ? "La modération ne voit que les comptes de médiation."
                            : "Réservé à l'administration et à la modération.");
                }

                var (first, after) = IdPaging.Read(c, CursorType);

                var (page, hasNext) = await c.RequestServices!.GetRequiredService<AccountService>().ListAsync(role, mediatorsOf, after, first, c.CancellationToken);
                var edges = page.Select(a => new AccountEdge(GlobalId.Encode(CursorType, a.Id), a)).ToList();
                return new AccountConnection(edges, new PageInfo(hasNext, after > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
            });
    }

    // Administrators invite anyone; moderators, mediators of places of their territory; mediators, nobody.
    private static async Task AuthorizeInvitationAsync(IResolveFieldContext c, AccountPrincipal principal, InviteAccountInput input, IReadOnlyList<long> keys)
    {
        if (principal.Role == AccountRole.Admin)
        {
            return;
        }

        string? refusal = null;
        if (principal.Role != AccountRole.Moderator)
        {
            refusal = "Seules l'administration et la modération invitent des comptes.";
        }
        else if (input.Role != AccountRole.Mediator)
        {
            refusal = "La modération invite des comptes de médiation ; les autres rôles, l'administration.";
        }
        else if (principal.Departement is { } own)
        {
            if (input.Siret is not null)
            {
                refusal = "Un SIRET peut couvrir des lieux hors de votre département : donnez les lieux un par un, ou demandez à l'administration.";
            }
            else
            {
                var places = await c.RequestServices!.GetRequiredService<PlaceScopes>().PlacesAsync(keys, c.CancellationToken);
                if (places.Any(p => p.Departement != own))
                {
                    refusal = "Un de ces lieux est hors de votre territoire de modération.";
                }
            }
        }

        if (refusal is not null)
        {
            Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action InviteAccount, rôle {Requested}", principal.Id, principal.Role, input.Role);
            throw new ScoranError(ErrorCodes.Forbidden, refusal);
        }
    }

    private static ILogger Audit(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
}
