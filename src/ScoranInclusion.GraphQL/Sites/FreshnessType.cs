using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Search;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>How fresh a place's information is, as citizens are shown it (« Mis à jour le … · Source : … »).</summary>
public sealed class FreshnessType : ObjectGraphType<Freshness>
{
    public FreshnessType()
    {
        Name = "Freshness";
        Description = "Fraîcheur des informations d'un lieu : le signe le plus récent qu'elles sont vraies (confirmation ou modification par l'équipe du lieu, date_maj d'une source pour les champs qu'elle donne).";
        Field<NonNullGraphType<DateTimeScalar>>("lastVerifiedAt")
            .Description("Quand : l'instant d'une confirmation, le début du jour (heure de Paris) d'une modification ou d'une date_maj.")
            .Resolve(c => c.Source.LastVerifiedAt);
        Field<NonNullGraphType<StringGraphType>>("source")
            .Description("Par qui, pour les personnes : le nom de la source (« MedNum BFC », « France services », « data·inclusion »…) ou « l'équipe du lieu ».")
            .Resolve(c => c.Source.Source);
        Field<NonNullGraphType<BooleanGraphType>>("stale")
            .Description("Plus ancien que Freshness:StaleAfter (12 mois par défaut) : les pages montrent « Informations à vérifier ».")
            .Resolve(c => c.Source.Stale);
    }

    /// <summary>Site.freshness: from the place's row alone, no query per place.</summary>
    public static void AddSiteField(ObjectGraphType<Storage.Sites.StoredSite> site)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.Field<NonNullGraphType<FreshnessType>>("freshness")
            .Description("Fraîcheur des informations : quand elles ont été vérifiées pour la dernière fois, par qui, et si elles sont à vérifier.")
            .Resolve(c => c.RequestServices!.GetRequiredService<PlaceFreshness>().Of(c.Source, c.RequestNow()));
    }
}
