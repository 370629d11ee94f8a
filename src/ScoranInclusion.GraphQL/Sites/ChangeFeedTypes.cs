using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Storage.History;

namespace ScoranInclusion.GraphQL.Sites;

public sealed class ChangeKindEnumType : EnumerationGraphType<PublicChangeKind>
{
    public ChangeKindEnumType()
    {
        Name = "ChangeKind";
        Description = "Nature d'un changement dans le flux public.";
        Values["CREATED"]!.Description = "Lieu créé (ou recréé par l'annulation d'une fusion).";
        Values["UPDATED"]!.Description = "Champs modifiés (import, modification, confirmation : lastConfirmedAt).";
        Values["MERGED"]!.Description = "Champs modifiés par la fusion d'un autre lieu (relatedSiteId) dans celui-ci.";
        Values["REMOVED"]!.Description = "Lieu retiré : fusionné dans relatedSiteId, qui le remplace.";
    }
}

public sealed class ChangeType : ObjectGraphType<PublicChange>
{
    public ChangeType()
    {
        Name = "Change";
        Description = "Un changement d'un lieu, sans donnée personnelle (ni compte, ni auteur).";
        Field<NonNullGraphType<IdGraphType>>("siteId").Description("Le lieu (il peut ne plus exister : REMOVED).").Resolve(c => GlobalId.Encode(SiteType.TypeName, c.Source.SiteId));
        Field<NonNullGraphType<ChangeKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields")
            .Description("Les champs modifiés, noms du standard (horaires, code_postal…) ; last_confirmed_at pour une confirmation ; vide pour CREATED et REMOVED.")
            .Resolve(c => c.Source.Fields);
        Field<NonNullGraphType<DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<IdGraphType>("relatedSiteId").Description("MERGED : le lieu fusionné dans celui-ci ; REMOVED : le lieu qui le remplace.")
            .Resolve(c => c.Source.RelatedSiteId is { } k ? GlobalId.Encode(SiteType.TypeName, k) : null);
    }
}

public sealed record ChangeEdge(string Cursor, PublicChange Node);

public sealed record ChangeConnection(IReadOnlyList<ChangeEdge> Edges, PageInfo PageInfo);

public sealed class ChangeEdgeType : ObjectGraphType<ChangeEdge>
{
    public ChangeEdgeType()
    {
        Name = "ChangeEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<ChangeType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class ChangeConnectionType : ObjectGraphType<ChangeConnection>
{
    public const string CursorType = "ChangeCursor";

    public ChangeConnectionType()
    {
        Name = "ChangeConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }

    public static void AddQuery(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ChangeConnectionType>>("changes")
            .Description("Ce qui a changé depuis une date, dans l'ordre où c'est arrivé, pour les agrégateurs qui se synchronisent : une entrée par lieu et par opération. Sans donnée personnelle. Gardez endCursor pour la fois suivante.")
            .Argument<NonNullGraphType<DateTimeScalar>>("since")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 50; a.Description = "Nombre de changements (0 à 100)."; })
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 50);
                if (first is < 0 or > 100)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et 100 (reçu {first}).");
                }

                long after = 0;
                if (c.GetArgument<string?>("after") is { } cursor
                    && (!GlobalId.TryDecode(cursor, out var type, out after) || type != CursorType))
                {
                    throw new ScoranError(ErrorCodes.InvalidCursor, "Curseur inconnu : passez l'endCursor d'une page précédente de changes.");
                }

                var since = c.GetArgument<DateTimeOffset>("since");
                var (page, hasNext) = await c.RequestServices!.GetRequiredService<ChangeFeed>().ReadAsync(since, after, first, c.CancellationToken);
                var edges = page.Select(p => new ChangeEdge(GlobalId.Encode(CursorType, p.Position), p)).ToList();
                return new ChangeConnection(edges, new PageInfo(hasNext, after > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
            });
    }
}
