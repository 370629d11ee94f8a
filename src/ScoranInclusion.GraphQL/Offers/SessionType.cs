using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>One dated session of an offer.</summary>
public sealed class SessionType : ObjectGraphType<StoredSession>
{
    public const string TypeName = GlobalIds.Session;

    public SessionType()
    {
        Name = TypeName;
        Description = "Séance datée d'une offre : horaires, lieu (ou arrêt itinérant, ou lien à distance), places.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is StoredSession;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Identifiant global opaque.").Resolve(c => GlobalId.Encode(TypeName, c.Source.Key));
        Field<NonNullGraphType<DateTimeScalar>>("startsAt").Description("Début, heure de Paris avec décalage.").Resolve(c => c.Source.StartsAt);
        Field<NonNullGraphType<DateTimeScalar>>("endsAt").Resolve(c => c.Source.EndsAt);
        Field<NonNullGraphType<SessionStatusEnumType>>("status").Resolve(c => c.Source.StatusAt(c.Now()));
        Field<IntGraphType>("capacity").Description("Nombre de places ; null : sans limite.").Resolve(c => c.Source.Capacity);
        Field<NonNullGraphType<IntGraphType>>("seatsTaken").Resolve(c => c.Source.SeatsTaken);
        Field<IntGraphType>("remainingSeats").Description("Places restantes ; null : sans limite.").Resolve(c => c.Source.RemainingSeats);
        Field<StringGraphType>("remoteUrl").Description("Lien pour suivre la séance à distance.").Resolve(c => c.Source.RemoteUrl);
        Field<StringGraphType>("cancelReason").Description("Motif d'annulation, s'il a été donné.").Resolve(c => c.Source.CancelReason);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Version, à renvoyer dans expectedVersion pour une modification sûre.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<OfferType>>("offer").Resolve(c => c.Loaders().Offers.Load(c.Source.OfferKey));
        Field<SiteType>("site").Description("Le lieu de la séance (celui de l'offre par défaut) ; null à un arrêt itinérant ou à distance.")
            .Resolve(c => c.Loaders().Site(c.Source.SiteKey));
        Field<ItinerantStopType>("stop").Description("L'arrêt itinérant où se tient la séance, le cas échéant.")
            .Resolve(c => c.Loaders().Stop(c.Source.StopKey));
        Field<NonNullGraphType<StringGraphType>>("jsonLd")
            .Description("La séance en JSON-LD schema.org (CourseInstance, sous-type d'Event), à insérer dans une page web.")
            .Resolve(JsonLd);
    }

    /// <summary>The session in JSON-LD: its offer, place and stop are asked for at once, so that they join the level's batches.</summary>
    public static IDataLoaderResult<string> JsonLd(IResolveFieldContext<StoredSession> context)
    {
        var session = context.Source;
        var loaders = context.Loaders();
        var now = context.Now();
        var offerResult = loaders.Offers.Load(session.OfferKey);
        var siteResult = loaders.Site(session.SiteKey);
        var stopResult = loaders.Stop(session.StopKey);
        return new Then<string>(async cancellationToken =>
        {
            var offer = (await offerResult.GetResultAsync(cancellationToken))!;
            SessionPlace? place = null;
            if (await siteResult.GetResultAsync(cancellationToken) is { } site)
            {
                place = new SessionPlace(site.Site.Nom, site.Site.Adresse.Voie, site.Site.Adresse.CodePostal, site.Site.Adresse.Commune, site.Site.Location);
            }
            else if (await stopResult.GetResultAsync(cancellationToken) is { } stop)
            {
                place = new SessionPlace($"{stop.RouteName} — {stop.Commune}", stop.Adresse, null, stop.Commune, stop.Location);
            }

            var facts = new SessionFacts("urn:scoran:session:" + GlobalId.Encode(TypeName, session.Key), session.StartsAt, session.EndsAt,
                session.StatusAt(now), session.Capacity, session.RemainingSeats, session.RemoteUrl, place);
            return SessionJsonLd.Build(offer.Offer, facts);
        });
    }
}

public sealed record SessionEdge(StoredSession Node, double? DistanceMeters, string Cursor);

public sealed record SessionConnection(IReadOnlyList<SessionEdge> Edges, PageInfo PageInfo);

public sealed class SessionEdgeType : ObjectGraphType<SessionEdge>
{
    public SessionEdgeType()
    {
        Name = "SessionEdge";
        Field<NonNullGraphType<SessionType>>("node").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<FloatGraphType>("distanceMeters")
            .Description("Distance géodésique en mètres depuis l'origine ; null pour une séance seulement à distance.")
            .Resolve(c => c.Source.DistanceMeters);
    }
}

public sealed class SessionConnectionType : ObjectGraphType<SessionConnection>
{
    public SessionConnectionType()
    {
        Name = "SessionConnection";
        Description = "Page de séances.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionType>>>>("nodes").Description("Raccourci : les séances des edges.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}
