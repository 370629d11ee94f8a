using GraphQL;
using GraphQL.Types;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>The offers fields of a place: Site.offers and Site.nextSessions.</summary>
internal static class SiteOfferFields
{
    public const int MaxNextSessions = 50;

    public static void Add(ObjectGraphType<StoredSite> site)
    {
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferType>>>>("offers")
            .Description("Les offres (ateliers, accompagnements) que propose le lieu ; retirées comprises avec includeCancelled.")
            .Argument<BooleanGraphType>("includeCancelled", a => a.DefaultValue = false)
            .Resolve(c => c.Loaders().OffersOfSites(c.GetArgument("includeCancelled", false)).Load(c.Source.Key));
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionType>>>>("nextSessions")
            .Description("Les prochaines séances au lieu (en cours ou à venir), par heure de début ; les séances annulées y figurent avec le statut CANCELLED.")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 3; a.Description = $"Nombre de séances (0 à {MaxNextSessions})."; })
            .Resolve(c =>
            {
                var first = c.GetArgument("first", 3);
                if (first < 0 || first > MaxNextSessions)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et {MaxNextSessions} (reçu {first}).");
                }

                return c.Loaders().NextSessions(first).Load(c.Source.Key);
            });
    }
}
