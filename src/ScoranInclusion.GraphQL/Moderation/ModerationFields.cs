using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.GraphQL.Moderation;

/// <summary>
/// How strictly anonymous error reports are limited, per address (the server's <c>RateLimiting:Report*</c> settings).
/// The address is only a key of the limiter, in memory: it is never stored nor logged.
/// </summary>
public interface IReportRateLimiter
{
    /// <summary>True when the request may report; otherwise how long to wait.</summary>
    bool TryAcquire(HttpContext http, out TimeSpan retryAfter);
}

/// <summary>proposeSite, claimSite, reportSiteError, approveModerationItem, rejectModerationItem, moderationQueue, mySubmissions.</summary>
internal static class ModerationFields
{
    public const string CursorType = "ModerationCursor";

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ModerationItemType>>("proposeSite")
            .Description("Propose un nouveau lieu à la modération de son département (tout compte). Les champs sont vérifiés comme dans updateSite (INVALID_SITE, champ par champ, rien n'est écrit) ; nom, adresse et position sont obligatoires. Accepté, le lieu est créé et confié au compte de médiation qui l'a proposé.")
            .Argument<NonNullGraphType<SiteInputType>>("input")
            .Argument<StringGraphType>("message", "Un mot pour la modération (2 000 caractères au plus).")
            .ResolveAsync(async c =>
            {
                var identity = Identity(c);
                var principal = await identity.RequireAsync(c.CancellationToken);
                var patch = SiteInputType.From(c.Arguments!["input"].Value as IDictionary<string, object?> ?? new Dictionary<string, object?>());
                var blank = new Site
                {
                    Id = "proposition",
                    Pivot = Pivot.Unknown,
                    Nom = "",
                    Adresse = new Adresse { Voie = "", CodePostal = "", Commune = "" },
                    DateMaj = DateOnly.MinValue,
                };
                try
                {
                    var item = await Queue(c).ProposeAsync(patch.Apply(blank), identity.Actor!, principal.Id, c.GetArgument<string?>("message"), c.CancellationToken);
                    Audit(c).LogInformation("Modération : lieu proposé, élément {ItemId}, par {Actor}", item.Id, identity.Actor);
                    return item;
                }
                catch (SiteEditInvalidException e)
                {
                    throw SiteEditingFields.InvalidSiteError(e);
                }
            });

        mutation.Field<NonNullGraphType<ModerationItemType>>("claimSite")
            .Description("« Ce lieu est le mien » : un compte de médiation demande à gérer un lieu existant, avec un message (pourquoi, quelle structure). Accepté par la modération du département, le lieu s'ajoute aux siens.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("message")
            .ResolveAsync(async c =>
            {
                var identity = Identity(c);
                var principal = await identity.RequireAsync(c.CancellationToken);
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName);
                if (principal.Role != AccountRole.Mediator)
                {
                    Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action ClaimSite, lieu {Site}", principal.Id, principal.Role, key);
                    throw new ScoranError(ErrorCodes.Forbidden, "Seuls les comptes de médiation revendiquent un lieu.");
                }

                var item = await Run(() => Queue(c).ClaimAsync(key, principal, c.GetArgument<string>("message"), c.CancellationToken));
                Audit(c).LogInformation("Modération : lieu {Site} revendiqué, élément {ItemId}, par {Actor}", key, item.Id, identity.Actor);
                return item;
            });

        mutation.Field<NonNullGraphType<ModerationItemType>>("reportSiteError")
            .Description("Signale une erreur sur un lieu, sans compte : les champs qui semblent faux (noms du standard : horaires, telephone, adresse…), un message (2 000 caractères au plus), et si l'on veut une adresse pour être recontacté, effacée dès que la modération a traité le signalement. L'adresse IP n'est jamais enregistrée. Limité à quelques signalements par adresse (une adresse IPv6 compte pour son /64 ; RATE_LIMITED, en-tête Retry-After). Refusé depuis la page d'un autre site (CROSS_SITE_REQUEST), comme le formulaire.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields")
            .Argument<StringGraphType>("message")
            .Argument<StringGraphType>("contactEmail")
            .ResolveAsync(async c =>
            {
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName);
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext;
                // The rule of the HTML form (CrossSiteRequests.IsSameSite), here too: another site's page must not send
                // reports in its visitors' name (nor spend their addresses' budget). Scripts send neither header: allowed.
                if (http is not null && !CrossSiteRequests.IsSameSite(http.Request))
                {
                    Audit(c).LogWarning("Signalement intersite refusé sur le lieu {Site}", key);
                    throw new ScoranError(ErrorCodes.CrossSiteRequest,
                        "Signalement refusé : il s'envoie depuis la page du lieu sur ce site (ou par un programme), pas depuis la page d'un autre site.");
                }

                if (http is not null && !c.RequestServices!.GetRequiredService<IReportRateLimiter>().TryAcquire(http, out var retryAfter))
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                    var error = new ScoranError(ErrorCodes.RateLimited,
                        $"Trop de signalements depuis cette adresse : réessayez dans {Math.Max(1, (int)Math.Ceiling(seconds / 60.0))} minute(s). Merci de votre aide !");
                    error.Data["retryAfterSeconds"] = seconds;
                    throw error;
                }

                var fields = c.GetArgument<List<string>>("fields") ?? [];
                var item = await Run(() => Queue(c).ReportAsync(key, fields, c.GetArgument<string?>("message"), c.GetArgument<string?>("contactEmail"), c.CancellationToken));
                // Neither the message nor the contact: only what the moderation needs to find the item.
                Audit(c).LogInformation("Modération : erreur signalée sur le lieu {Site}, élément {ItemId}", key, item.Id);
                return item;
            });

        mutation.Field<NonNullGraphType<ModerationItemType>>("approveModerationItem")
            .Description("Accepte un élément en attente (modération de son département ou de la région, administration) : PROPOSAL crée le lieu (visible aussitôt dans la recherche, historique avec qui a décidé), CLAIM ajoute le lieu à ceux du compte, REPORT le marque traité (corrigez le lieu avec updateSite). Déjà décidé : ALREADY_DECIDED.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason", "Facultatif pour accepter.")
            .ResolveAsync(c => DecideAsync(c, approve: true));

        mutation.Field<NonNullGraphType<ModerationItemType>>("rejectModerationItem")
            .Description("Refuse un élément en attente, avec une raison que la personne verra (REASON_REQUIRED sans elle). Déjà décidé : ALREADY_DECIDED.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason", "Obligatoire : pourquoi (2 000 caractères au plus).")
            .ResolveAsync(c => DecideAsync(c, approve: false));
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ModerationItemConnectionType>>("moderationQueue")
            .Description("La file de modération, les plus anciens d'abord : modération d'un département (ses éléments), de la région et administration (tous, ou ceux de departement). Pagination Relay.")
            .Argument<ModerationStatusEnumType>("status", a => { a.DefaultValue = ModerationStatus.Pending; a.Description = "null : tous les états."; })
            .Argument<ModerationKindEnumType>("kind")
            .Argument<StringGraphType>("departement")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 20; a.Description = "Nombre d'éléments (0 à 100)."; })
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var principal = await Identity(c).RequireAsync(c.CancellationToken);
                var wanted = ModeratedTerritory.Resolve(c, principal, "ModerationQueue");

                var filter = new ModerationFilter(c.GetArgument<ModerationStatus?>("status"), c.GetArgument<ModerationKind?>("kind"), wanted);
                return await PageAsync(c, filter, newestFirst: false);
            });

        query.Field<NonNullGraphType<ModerationItemConnectionType>>("mySubmissions")
            .Description("Les demandes du compte connecté (lieux proposés, lieux revendiqués) et leurs décisions, les plus récentes d'abord.")
            .Argument<ModerationStatusEnumType>("status", "null (par défaut) : tous les états.")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 20; a.Description = "Nombre d'éléments (0 à 100)."; })
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var principal = await Identity(c).RequireAsync(c.CancellationToken);
                // The administrator token (id 0) is no account: it has no submissions of its own.
                var filter = new ModerationFilter(c.GetArgument<ModerationStatus?>("status"), SubmitterAccountId: principal.Id == 0 ? -1 : principal.Id);
                return await PageAsync(c, filter, newestFirst: true);
            });
    }

    private static async Task<object?> DecideAsync(IResolveFieldContext c, bool approve)
    {
        var identity = Identity(c);
        var principal = await identity.RequireAsync(c.CancellationToken);
        var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), ModerationItemType.TypeName);
        var queue = Queue(c);
        var item = await queue.FindAsync(key, c.CancellationToken)
            ?? throw new ScoranError(ErrorCodes.NotFound, $"Élément de modération inconnu : {c.GetArgument<string>("id")}.");
        if (!ModerationItemType.Moderates(principal, item.Departement))
        {
            Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action {Action}, élément {ItemId}",
                principal.Id, principal.Role, approve ? "ApproveModerationItem" : "RejectModerationItem", key);
            throw new ScoranError(ErrorCodes.Forbidden, principal.Role == AccountRole.Moderator
                ? "Cet élément est hors de votre territoire de modération."
                : "Réservé à la modération et à l'administration.");
        }

        var reason = c.GetArgument<string?>("reason");
        var decided = await Run(() => approve
            ? queue.ApproveAsync(key, identity.Actor!, reason, c.CancellationToken)
            : queue.RejectAsync(key, identity.Actor!, reason, c.CancellationToken));
        Audit(c).LogInformation("Modération : élément {ItemId} ({Kind}) {Decision} par {Actor}{Site}", decided.Id, decided.Kind,
            approve ? "accepté" : "refusé", identity.Actor,
            decided.Kind == ModerationKind.Proposal && decided.SiteId is { } created ? ", lieu créé " + created.ToString(CultureInfo.InvariantCulture) : "");
        return decided;
    }

    private static async Task<ModerationItemConnection> PageAsync(IResolveFieldContext c, ModerationFilter filter, bool newestFirst)
    {
        var (first, after) = IdPaging.Read(c, CursorType);

        var (items, hasNext) = await Queue(c).ListAsync(filter, after, first, newestFirst, c.CancellationToken);
        var edges = items.Select(i => new ModerationItemEdge(GlobalId.Encode(CursorType, i.Id), i)).ToList();
        return new ModerationItemConnection(edges, new PageInfo(hasNext, after > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ModerationException e)
        {
            var error = new ScoranError(e.Code, e.Message);
            if (e.Field is not null)
            {
                error.Data["field"] = e.Field;
            }

            throw error;
        }
    }

    private static RequestIdentity Identity(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<RequestIdentity>();

    private static ModerationQueue Queue(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ModerationQueue>();

    private static ILogger Audit(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
}
