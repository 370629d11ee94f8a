using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Offers;
using ScoranInclusion.GraphQL.OpeningHours;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.GraphQL.Territories;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    private const int MaxSearchLength = 100;
    private const int MaxExpressionLength = 2000;

    public QueryType()
    {
        Name = "Query";

        Accounts.AccountFields.AddQueries(this);
        SiteEditingFields.AddQueries(this);
        ChangeConnectionType.AddQuery(this);
        Moderation.ModerationFields.AddQueries(this);
        Accounts.AccountAdministrationFields.AddQueries(this);
        Accounts.AccountAdministrationFields.AddOutboxQuery(this);
        Coverage.CoverageFields.AddQuery(this);
        Withdrawals.WithdrawalFields.AddQueries(this);
        Sources.SourceFields.AddQueries(this);
        Addresses.AddressFields.AddQuery(this);

        Field<NonNullGraphType<SiteConnectionType>>("nearestSites")
            .Description("Les lieux les plus proches d'une origine, par distance géodésique croissante, avec filtres et pagination Relay.")
            .Argument<NonNullGraphType<NearInputType>>("near")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre de lieux (0 à 100)."; })
            .Argument<StringGraphType>("after", "Curseur (endCursor de la page précédente).")
            .Argument<SiteFilterInputType>("filter")
            .ResolveAsync(NearestSitesResolver.ResolveAsync);

        Field<SiteType>("site")
            .Description("Un lieu par son identifiant global ; null s'il n'existe pas (null et SITE_WITHDRAWN s'il a été retiré de l'annuaire).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await LiveSiteAsync(c, GlobalId.DecodeKey(c.GetArgument<string>("id"), SiteType.TypeName)));

        Field<NodeInterface>("node")
            .Description("N'importe quel objet par son identifiant global ; null s'il n'existe pas (null et SITE_WITHDRAWN pour un lieu retiré de l'annuaire).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(ResolveNodeAsync);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommuneType>>>>("communes")
            .Description("Autocomplétion des communes de la région par nom ou code postal, sans tenir compte des accents ni de la casse : correspondance exacte, puis début du nom, puis population.")
            .Argument<NonNullGraphType<StringGraphType>>("search")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre de communes (0 à 100)."; })
            .Resolve(c =>
            {
                var search = c.GetArgument<string>("search").Trim();
                if (search.Length == 0 || search.Length > MaxSearchLength)
                {
                    throw new ScoranError(ErrorCodes.InvalidSearch, $"Le texte recherché doit comporter de 1 à {MaxSearchLength} caractères.");
                }

                var first = Pagination.First(c, c.RequestServices!.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScoranGraphQLOptions>>().Value);
                return c.RequestServices!.GetRequiredService<CommuneDirectory>().Search(search, first);
            });

        Field<NonNullGraphType<OpeningHoursCheckType>>("validateOpeningHours")
            .Description("Vérifie une expression d'horaires OpenStreetMap (opening_hours) : erreurs avec position et correction proposée, forme normalisée, état à l'instant at (par défaut maintenant) et aperçu de la semaine.")
            .Argument<NonNullGraphType<StringGraphType>>("expression")
            .Argument<DateTimeScalar>("at", "Instant d'évaluation ; sans décalage : heure de Paris.")
            .Resolve(c =>
            {
                var expression = c.GetArgument<string>("expression");
                if (expression.Length > MaxExpressionLength)
                {
                    throw new ScoranError(ErrorCodes.InvalidExpression, $"L'expression d'horaires dépasse {MaxExpressionLength} caractères.");
                }

                return new OpeningHoursCheck(expression, OpeningHoursParser.Parse(expression), OpeningHoursType.At(c));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EpciType>>>>("epcis")
            .Description("Autocomplétion des intercommunalités par leur nom, par le nom ou le code postal d'une de leurs communes, ou par SIREN.")
            .Argument<NonNullGraphType<StringGraphType>>("search")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre d'intercommunalités (0 à 100)."; })
            .Resolve(c =>
            {
                var search = c.GetArgument<string>("search").Trim();
                if (search.Length == 0 || search.Length > MaxSearchLength)
                {
                    throw new ScoranError(ErrorCodes.InvalidSearch, $"Le texte recherché doit comporter de 1 à {MaxSearchLength} caractères.");
                }

                var first = Pagination.First(c, c.RequestServices!.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScoranGraphQLOptions>>().Value);
                return c.RequestServices!.GetRequiredService<EpciDirectory>().Search(search, first);
            });

        Field<EpciType>("epci")
            .Description("Une intercommunalité par son SIREN ; null si elle n'a pas de commune dans la région.")
            .Argument<NonNullGraphType<StringGraphType>>("siren")
            .Resolve(c => c.RequestServices!.GetRequiredService<EpciDirectory>().FindBySiren(c.GetArgument<string>("siren")));

        Field<NonNullGraphType<SessionConnectionType>>("upcomingSessions")
            .Description("Les séances (ateliers, permanences…) d'une période autour d'une origine : par heure de début (par défaut) ou par distance, avec filtres et pagination Relay. Les séances à distance sont comprises, sans distance.")
            .Argument<NonNullGraphType<NearInputType>>("near")
            .Argument<DateTimeScalar>("from", "Début de la période (par défaut maintenant) ; les séances en cours sont comprises.")
            .Argument<DateTimeScalar>("to", "Fin de la période (par défaut from + 30 jours ; 366 jours au plus).")
            .Argument<SessionFilterInputType>("filter")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre de séances (0 à 100)."; })
            .Argument<StringGraphType>("after", "Curseur (endCursor de la page précédente, même ordre).")
            .Argument<SessionOrderEnumType>("orderBy", a => { a.DefaultValue = SessionOrder.StartTime; a.Description = "Ordre : START_TIME (par défaut) ou DISTANCE."; })
            .WithComplexityImpact(UpcomingSessionsResolver.Cost)
            .ResolveAsync(UpcomingSessionsResolver.ResolveAsync);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NextVisitType>>>>("nextVisits")
            .Description("Les prochains passages des services itinérants (bus numériques) près d'une origine, du plus proche dans le temps au plus lointain. Sans radiusKm : 30 km.")
            .Argument<NonNullGraphType<NearInputType>>("near")
            .Argument<DateTimeScalar>("from", "À partir de cet instant (par défaut maintenant).")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre de passages (0 à 100)."; })
            .ResolveAsync(NextVisitsResolver.ResolveAsync);

        Field<OfferType>("offer")
            .Description("Une offre par son identifiant global ; null si elle n'existe pas.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<OfferReader>().GetOfferAsync(GlobalId.DecodeKey(c.GetArgument<string>("id"), OfferType.TypeName), c.CancellationToken));

        Field<SessionType>("session")
            .Description("Une séance par son identifiant global ; null si elle n'existe pas.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<OfferReader>().GetSessionAsync(GlobalId.DecodeKey(c.GetArgument<string>("id"), SessionType.TypeName), c.CancellationToken));

        Field<CommuneType>("commune")
            .Description("Une commune de la région par son code INSEE (actuel ou ancien) ; null si inconnue.")
            .Argument<NonNullGraphType<StringGraphType>>("codeInsee")
            .Resolve(c => c.RequestServices!.GetRequiredService<CommuneDirectory>().FindByInsee(c.GetArgument<string>("codeInsee")));
    }

    private static SiteReader Reader(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<SiteReader>();

    /// <summary>
    /// A place by key: null when unknown; a withdrawn one answers SITE_WITHDRAWN (its id was right, a client should
    /// drop it) and gives nothing of its content.
    /// </summary>
    private static async Task<StoredSite?> LiveSiteAsync(IResolveFieldContext context, long key)
    {
        // A place held in memory is live; the database tells a withdrawn place from an unknown one.
        var site = context.RequestServices!.GetRequiredService<Search.ReadModel.PlaceReadModel>().Find(key)
            ?? await Reader(context).GetAnyAsync(key, context.CancellationToken);
        if (site?.WithdrawnAt is { } withdrawnAt)
        {
            var error = new ScoranError(ErrorCodes.SiteWithdrawn,
                $"Ce lieu n'est plus référencé dans l'annuaire (retiré le {ParisTime.ToParis(withdrawnAt).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))}).");
            error.Data["withdrawnAt"] = withdrawnAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            throw error;
        }

        return site;
    }

    private static async Task<object?> ResolveNodeAsync(IResolveFieldContext context)
    {
        var id = context.GetArgument<string>("id");
        if (!GlobalId.TryDecode(id, out var type, out var key))
        {
            throw new ScoranError(ErrorCodes.InvalidId, $"L'identifiant « {GlobalId.Truncate(id)} » n'est pas un identifiant global valide.");
        }

        return type switch
        {
            SiteType.TypeName => await LiveSiteAsync(context, key),
            OfferType.TypeName => await context.RequestServices!.GetRequiredService<OfferReader>().GetOfferAsync(key, context.CancellationToken),
            SessionType.TypeName => await context.RequestServices!.GetRequiredService<OfferReader>().GetSessionAsync(key, context.CancellationToken),
            ItinerantStopType.TypeName => await context.RequestServices!.GetRequiredService<OfferReader>().GetStopAsync(key, context.CancellationToken),
            _ => throw new ScoranError(ErrorCodes.InvalidId, $"Type « {GlobalId.Truncate(type)} » inconnu dans l'identifiant."),
        };
    }
}
