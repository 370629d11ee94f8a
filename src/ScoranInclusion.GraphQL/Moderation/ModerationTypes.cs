using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.GraphQL.Moderation;

public sealed class ModerationKindEnumType : EnumerationGraphType<ModerationKind>
{
    public ModerationKindEnumType()
    {
        Name = "ModerationKind";
        Description = "Nature d'un élément de la file de modération.";
        Values["PROPOSAL"]!.Description = "Un nouveau lieu proposé par un compte de médiation.";
        Values["CLAIM"]!.Description = "« Ce lieu est le mien » : un compte de médiation demande à gérer un lieu existant.";
        Values["REPORT"]!.Description = "Une erreur signalée sur un lieu par une personne, sans compte.";
    }
}

public sealed class ModerationStatusEnumType : EnumerationGraphType<ModerationStatus>
{
    public ModerationStatusEnumType()
    {
        Name = "ModerationStatus";
        Description = "État d'un élément de la file de modération.";
        Values["PENDING"]!.Description = "En attente d'une décision.";
        Values["APPROVED"]!.Description = "Accepté : lieu créé, lieu ajouté aux lieux du compte, ou signalement traité.";
        Values["REJECTED"]!.Description = "Refusé, avec une raison.";
    }
}

/// <summary>The fields of a proposed place, as proposed (not a Site: it has no id, history nor offers until approved).</summary>
public sealed class ProposedSiteType : ObjectGraphType<Site>
{
    public ProposedSiteType()
    {
        Name = "ProposedSite";
        Description = "Un lieu tel que proposé (avant décision ; une fois accepté, voir ModerationItem.site).";
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Nom);
        Field<NonNullGraphType<StringGraphType>>("pivot").Resolve(c => c.Source.Pivot);
        Field<NonNullGraphType<AdresseType>>("adresse").Resolve(c => c.Source.Adresse);
        Field<GeoPointType>("location").Resolve(c => c.Source.Location);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TypologieEnumType>>>>("typologie").Resolve(c => c.Source.Typologie);
        Field<StringGraphType>("telephone").Resolve(c => c.Source.Telephone);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("courriels").Resolve(c => c.Source.Courriels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("siteWeb").Resolve(c => c.Source.SiteWeb);
        Field<StringGraphType>("horaires").Resolve(c => c.Source.Horaires);
        Field<StringGraphType>("presentationResume").Resolve(c => c.Source.PresentationResume);
        Field<StringGraphType>("presentationDetail").Resolve(c => c.Source.PresentationDetail);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceEnumType>>>>("services").Resolve(c => c.Source.Services);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FraisAChargeEnumType>>>>("fraisACharge").Resolve(c => c.Source.FraisACharge);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModaliteAccompagnementEnumType>>>>("modalitesAccompagnement").Resolve(c => c.Source.ModalitesAccompagnement);
        Field<StringGraphType>("priseRdv").Resolve(c => c.Source.PriseRdv);
    }
}

/// <summary>One item of the moderation queue, seen by its submitter or by the moderation of its territory.</summary>
public sealed class ModerationItemType : ObjectGraphType<ModerationItemEntity>
{
    public const string TypeName = "ModerationItem";

    public ModerationItemType()
    {
        Name = TypeName;
        Description = "Un élément de la file de modération : lieu proposé, lieu revendiqué ou erreur signalée, et sa décision.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<ModerationKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<ModerationStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("departement").Description("Le département du lieu (ou de l'adresse proposée) : qui modère.").Resolve(c => c.Source.Departement);
        Field<SiteType>("site")
            .Description("CLAIM et REPORT : le lieu concerné ; PROPOSAL : le lieu créé, une fois accepté.")
            .Resolve(c => c.Loaders().Site(c.Source.SiteId));
        Field<ProposedSiteType>("proposal").Description("PROPOSAL : le lieu proposé.")
            .Resolve(c => c.Source.Proposal is { } snapshot ? SiteSnapshot.Deserialize(snapshot) : null);
        Field<StringGraphType>("message").Description("Le message de la demande ou du signalement.").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reportedFields")
            .Description("REPORT : les champs qui semblent faux (noms du standard : horaires, telephone, adresse…).")
            .Resolve(c => c.Source.ReportedFieldList);
        Field<StringGraphType>("contactEmail")
            .Description("REPORT : l'adresse de la personne, si elle en a laissé une ; visible de la modération seule, effacée dès la décision.")
            .ResolveAsync(async c => await IsModeratorOfAsync(c, c.Source) ? c.Source.ContactEmail : null);
        Field<StringGraphType>("submittedBy")
            .Description("Qui a fait la demande (account:<id>) ; null pour un signalement. Visible de la modération.")
            .ResolveAsync(async c => await IsModeratorOfAsync(c, c.Source) ? c.Source.SubmittedBy : null);
        Field<DateTimeScalar>("decidedAt").Resolve(c => c.Source.DecidedAt);
        Field<StringGraphType>("decidedBy").Description("Qui a décidé : account:<id> ou admin-token.").Resolve(c => c.Source.DecidedBy);
        Field<StringGraphType>("reason").Description("La raison de la décision (toujours donnée pour un refus).").Resolve(c => c.Source.Reason);
    }

    /// <summary>Whether the caller moderates this item's territory (moderators of its département or the region, administrators).</summary>
    internal static async Task<bool> IsModeratorOfAsync(IResolveFieldContext c, ModerationItemEntity item)
    {
        var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().GetAsync(c.CancellationToken);
        return principal is not null && Moderates(principal, item.Departement);
    }

    internal static bool Moderates(AccountPrincipal principal, string departement) => principal.Role switch
    {
        AccountRole.Admin => true,
        AccountRole.Moderator => principal.Departement is null || principal.Departement == departement,
        _ => false,
    };
}

public sealed record ModerationItemEdge(string Cursor, ModerationItemEntity Node);

public sealed record ModerationItemConnection(IReadOnlyList<ModerationItemEdge> Edges, PageInfo PageInfo);

public sealed class ModerationItemEdgeType : ObjectGraphType<ModerationItemEdge>
{
    public ModerationItemEdgeType()
    {
        Name = "ModerationItemEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<ModerationItemType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class ModerationItemConnectionType : ObjectGraphType<ModerationItemConnection>
{
    public ModerationItemConnectionType()
    {
        Name = "ModerationItemConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModerationItemEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModerationItemType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}
