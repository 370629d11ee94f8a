using GraphQL.Types;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Sites;

public sealed record SiteEdge(StoredSite Node, double? DistanceMeters, string Cursor);

public sealed record SiteConnection(IReadOnlyList<SiteEdge> Edges, PageInfo PageInfo);

public sealed class SiteEdgeType : ObjectGraphType<SiteEdge>
{
    public SiteEdgeType()
    {
        Name = "SiteEdge";
        Field<NonNullGraphType<SiteType>>("node").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<FloatGraphType>("distanceMeters")
            .Description("Distance géodésique (ellipsoïde WGS84) en mètres depuis le point de recherche.")
            .Resolve(c => c.Source.DistanceMeters);
    }
}

public sealed class SiteConnectionType : ObjectGraphType<SiteConnection>
{
    public SiteConnectionType()
    {
        Name = "SiteConnection";
        Description = "Page de lieux, triés par distance croissante.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SiteEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SiteType>>>>("nodes")
            .Description("Raccourci : les lieux des edges, dans le même ordre.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}
