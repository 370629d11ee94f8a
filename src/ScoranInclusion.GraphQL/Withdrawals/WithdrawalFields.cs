using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Moderation;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Withdrawals;

namespace ScoranInclusion.GraphQL.Withdrawals;

public sealed class WithdrawnSiteType : ObjectGraphType<WithdrawnPlace>
{
    public WithdrawnSiteType()
    {
        Name = "WithdrawnSite";
        Description = "Un lieu retiré de l'annuaire (plus aucune source ne le liste, rien d'autre ne le tient) : caché de la recherche, des pages et des exports, gardé avec son historique, rétablissable (restoreSite).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("L'identifiant du lieu (celui de Site).").Resolve(c => GlobalId.Encode(SiteType.TypeName, c.Source.Key));
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Nom);
        Field<NonNullGraphType<StringGraphType>>("adresse").Description("Voie.").Resolve(c => c.Source.Adresse);
        Field<NonNullGraphType<StringGraphType>>("codePostal").Resolve(c => c.Source.CodePostal);
        Field<NonNullGraphType<StringGraphType>>("commune").Resolve(c => c.Source.Commune);
        Field<NonNullGraphType<StringGraphType>>("departement").Resolve(c => c.Source.Departement);
        Field<NonNullGraphType<StringGraphType>>("provenance").Description("Le jeu de données de la première source du lieu.").Resolve(c => c.Source.Provenance);
        Field<NonNullGraphType<DateTimeScalar>>("withdrawnAt").Description("Depuis quand.").Resolve(c => c.Source.WithdrawnAt);
        Field<StringGraphType>("withdrawnReason").Description("Pourquoi, en français.").Resolve(c => c.Source.Reason);
    }
}

public sealed record WithdrawnSiteEdge(string Cursor, WithdrawnPlace Node);

public sealed record WithdrawnSiteConnection(IReadOnlyList<WithdrawnSiteEdge> Edges, PageInfo PageInfo);

public sealed class WithdrawnSiteEdgeType : ObjectGraphType<WithdrawnSiteEdge>
{
    public WithdrawnSiteEdgeType()
    {
        Name = "WithdrawnSiteEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<WithdrawnSiteType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class WithdrawnSiteConnectionType : ObjectGraphType<WithdrawnSiteConnection>
{
    public WithdrawnSiteConnectionType()
    {
        Name = "WithdrawnSiteConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WithdrawnSiteEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WithdrawnSiteType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}

/// <summary>withdrawnSites and restoreSite: the withdrawn places of a moderator's territory (all for administrators), and their restoration.</summary>
internal static class WithdrawalFields
{
    public const string CursorType = "WithdrawnSiteCursor";

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<WithdrawnSiteConnectionType>>("withdrawnSites")
            .Description("Les lieux retirés de l'annuaire (plus listés par leurs sources), par identifiant croissant : modération d'un département (les siens), de la région et administration (tous, ou ceux de departement). Pagination Relay. Médiation : FORBIDDEN.")
            .Argument<StringGraphType>("departement")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 20; a.Description = "Nombre de lieux (0 à 100)."; })
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var principal = await Identity(c).RequireAsync(c.CancellationToken);
                var wanted = ModeratedTerritory.Resolve(c, principal, "WithdrawnSites");

                var (first, after) = IdPaging.Read(c, CursorType);
                var (items, hasNext) = await Places(c).ListAsync(wanted, after, first, c.CancellationToken);
                var edges = items.Select(i => new WithdrawnSiteEdge(GlobalId.Encode(CursorType, i.Key), i)).ToList();
                return new WithdrawnSiteConnection(edges, new PageInfo(hasNext, after > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SiteType>>("restoreSite")
            .Description("Rétablit un lieu retiré (modération de son département ou de la région, administration) : il revient dans la recherche, les pages et les exports, l'historique dit qui l'a décidé, et la synchronisation des sources ne le retirera plus d'elle-même. Lieu inconnu : NOT_FOUND ; lieu non retiré (ou déjà rétabli) : NOT_WITHDRAWN ; hors territoire : FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var identity = Identity(c);
                var principal = await identity.RequireAsync(c.CancellationToken);
                var key = GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName);
                var places = Places(c);
                if (principal.Role != AccountRole.Admin)
                {
                    var place = await places.FindAsync(key, c.CancellationToken);
                    // Outside one's territory (or a mediator): refused before saying whether the place is withdrawn.
                    if (principal.Role != AccountRole.Moderator || (place is not null && !ModerationItemType.Moderates(principal, place.Departement)))
                    {
                        Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action RestoreSite, lieu {Site}", principal.Id, principal.Role, key);
                        throw new ScoranError(ErrorCodes.Forbidden, principal.Role == AccountRole.Moderator
                            ? "Ce lieu est hors de votre territoire de modération."
                            : "Réservé à la modération et à l'administration.");
                    }
                }

                try
                {
                    var site = await places.RestoreAsync(key, identity.Actor!, c.CancellationToken);
                    Audit(c).LogInformation("Lieu {Site} rétabli par {Actor}", key, identity.Actor);
                    return site;
                }
                catch (WithdrawalException e)
                {
                    throw new ScoranError(e.Code == WithdrawalErrorCodes.NotFound ? ErrorCodes.NotFound : ErrorCodes.NotWithdrawn, e.Message);
                }
            });
    }

    private static RequestIdentity Identity(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<RequestIdentity>();

    private static WithdrawnPlaces Places(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<WithdrawnPlaces>();

    private static ILogger Audit(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
}
