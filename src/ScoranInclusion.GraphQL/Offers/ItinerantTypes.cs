using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

public sealed class VisitType : ObjectGraphType<Visit>
{
    public VisitType()
    {
        Name = "Visit";
        Description = "Un passage d'un service itinérant à un arrêt.";
        Field<NonNullGraphType<DateTimeScalar>>("startsAt").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<DateTimeScalar>>("endsAt").Resolve(c => c.Source.End);
    }
}

/// <summary>A stop of an itinerant service (a digital bus).</summary>
public sealed class ItinerantStopType : ObjectGraphType<StoredStop>
{
    public const string TypeName = "ItinerantStop";

    public ItinerantStopType()
    {
        Name = TypeName;
        Description = "Arrêt d'un service itinérant (bus numérique, médiateur mobile) : commune, adresse, point, passages.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is StoredStop;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Key));
        Field<NonNullGraphType<StringGraphType>>("routeName").Description("Nom du service itinérant.").Resolve(c => c.Source.RouteName);
        Field<StringGraphType>("routeDescription").Resolve(c => c.Source.RouteDescription);
        Field<SiteType>("operator").Description("Le lieu qui fait circuler le service, s'il est dans l'annuaire.")
            .Resolve(c => c.Loaders().Site(c.Source.OperatorSiteKey));
        Field<NonNullGraphType<BooleanGraphType>>("isExample").Description("true : exemple livré avec le serveur, pas une tournée réelle.").Resolve(c => c.Source.IsExample);
        Field<NonNullGraphType<StringGraphType>>("commune").Resolve(c => c.Source.Commune);
        Field<NonNullGraphType<StringGraphType>>("codeInsee").Resolve(c => c.Source.CodeInsee);
        Field<NonNullGraphType<StringGraphType>>("adresse").Resolve(c => c.Source.Adresse);
        Field<NonNullGraphType<GeoPointType>>("location").Resolve(c => c.Source.Location);
        Field<StringGraphType>("openingHours").Description("Passages réguliers au format OpenStreetMap opening_hours.").Resolve(c => c.Source.OpeningHours);
        Field<VisitType>("nextVisit").Description("Le passage en cours ou le prochain (dans les 120 jours).")
            .Resolve(c => ItinerantVisits.Next(c.Source.Visits, Schedule(c), c.Now()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitType>>>>("visits")
            .Description("Les passages entre from (par défaut maintenant) et to (par défaut from + 30 jours).")
            .Argument<DateTimeScalar>("from")
            .Argument<DateTimeScalar>("to")
            .Resolve(c =>
            {
                var (from, to) = TimeWindow.Read(c, defaultDays: 30);
                return ItinerantVisits.Between(c.Source.Visits, Schedule(c), from, to);
            });
    }

    internal static Domain.OpeningHours.OpeningHoursSchedule? Schedule(IResolveFieldContext<StoredStop> context) =>
        context.RequestServices!.GetRequiredService<ScheduleCache>().Get(context.Source.OpeningHours);
}

public sealed record NextVisit(StoredStop Stop, double DistanceMeters, Visit Visit);

public sealed class NextVisitType : ObjectGraphType<NextVisit>
{
    public NextVisitType()
    {
        Name = "NextVisit";
        Description = "Le prochain passage d'un service itinérant près de l'origine.";
        Field<NonNullGraphType<ItinerantStopType>>("stop").Resolve(c => c.Source.Stop);
        Field<NonNullGraphType<FloatGraphType>>("distanceMeters").Resolve(c => c.Source.DistanceMeters);
        Field<NonNullGraphType<DateTimeScalar>>("startsAt").Resolve(c => c.Source.Visit.Start);
        Field<NonNullGraphType<DateTimeScalar>>("endsAt").Resolve(c => c.Source.Visit.End);
    }
}
