using GraphQL.Types;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Search;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>Where to search from: exactly one of a point, a commune or a postal code.</summary>
public sealed record NearInput(GeoPoint? Point, string? Commune, string? PostalCode, double? RadiusKm, string? Address = null);

public sealed class NearInputType : InputObjectGraphType<NearInput>
{
    public NearInputType()
    {
        Name = "NearInput";
        Description = "Origine de la recherche : exactement un des champs point, commune, postalCode ou address.";
        Field<GeoPointInputType>("point").Description("Une position (par exemple celle du navigateur ; jamais enregistrée).");
        Field<StringGraphType>("commune").Description("Code INSEE d'une commune de la région (actuel ou ancien) : on part de son point représentatif.");
        Field<StringGraphType>("postalCode").Description("Code postal : on part du point de la commune la plus peuplée qui le porte.");
        Field<StringGraphType>("address").Description("Une adresse tapée (« 12 rue de la Préfecture, Dijon ») : on part de la meilleure correspondance de l'index local des adresses (UNKNOWN_ADDRESS si aucune, ADDRESS_INDEX_EMPTY sans index) ; jamais enregistrée.");
        Field<FloatGraphType>("radiusKm").Description("Rayon maximal en kilomètres (sans valeur : pas de limite, les plus proches où qu'ils soient).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new NearInput(
        value.TryGetValue("point", out var p) ? p as GeoPoint? : null,
        value.TryGetValue("commune", out var c) ? c as string : null,
        value.TryGetValue("postalCode", out var pc) ? pc as string : null,
        value.TryGetValue("radiusKm", out var r) && r is not null ? Convert.ToDouble(r, System.Globalization.CultureInfo.InvariantCulture) : null,
        value.TryGetValue("address", out var a) ? a as string : null);
}

/// <summary>The filter as given: openNow is turned into an instant by the resolver, which knows the clock.</summary>
public sealed record SiteFilterInput(SiteFilter Filter, bool OpenNow, int? HasSessionWithinDays = null);

public sealed class SiteFilterInputType : InputObjectGraphType<SiteFilterInput>
{
    public SiteFilterInputType()
    {
        Name = "SiteFilter";
        Description = "Filtres : dans une liste, une valeur suffit (OU) ; les listes se combinent (ET). Une liste vide ou absente ne filtre pas.";
        Field<ListGraphType<NonNullGraphType<ServiceEnumType>>>("services").Description("Le lieu propose au moins un de ces services.");
        Field<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>("publics")
            .Description("Le lieu accueille au moins un de ces publics ; un lieu sans public spécifique accueille tout public et convient donc toujours.");
        Field<ListGraphType<NonNullGraphType<FraisAChargeEnumType>>>("fraisACharge").Description("Le lieu pratique au moins une de ces conditions financières.");
        Field<ListGraphType<NonNullGraphType<ModaliteAccompagnementEnumType>>>("modalitesAccompagnement")
            .Description("Le lieu propose au moins une de ces formes d'accompagnement.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("langues")
            .Description("Le lieu déclare parler au moins une de ces langues (codes ISO 639-1 : « uk », « ar »…). Un lieu qui n'indique pas ses langues ne convient pas. Un code inconnu : INVALID_FILTER.");
        Field<BooleanGraphType>("openNow")
            .Description("true : seulement les lieux ouverts maintenant d'après leurs horaires (heure de Paris, jours fériés compris). Les lieux sans horaires ou aux horaires incertains (« sur rendez-vous ») sont écartés.");
        Field<DateTimeScalar>("openAt")
            .Description("Seulement les lieux ouverts à cet instant (sans décalage : heure de Paris). Ne se combine pas avec openNow.");
        Field<DateScalar>("openOn")
            .Description("Seulement les lieux ouverts à un moment de ce jour (heure de Paris, jours fériés compris), par exemple « ouvert samedi ». Les horaires incertains (« sur rendez-vous ») ne comptent pas comme ouverts.");

        Field<IntGraphType>("hasSessionWithinDays")
            .Description("Seulement les lieux qui ont une séance (atelier…) non annulée dans les N prochains jours (1 à 366).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new SiteFilterInput(
        new SiteFilter
        {
            Services = List<Service>(value, "services"),
            Publics = List<PublicSpecifiquementAdresse>(value, "publics"),
            FraisACharge = List<FraisACharge>(value, "fraisACharge"),
            ModalitesAccompagnement = List<ModaliteAccompagnement>(value, "modalitesAccompagnement"),
            Langues = value.TryGetValue("langues", out var langues) && langues is IEnumerable<object?> codes
                ? SpokenLanguages.Normalize(codes.OfType<string>()) : [],
            OpenAt = value.TryGetValue("openAt", out var at) ? at as DateTimeOffset? : null,
            OpenOn = value.TryGetValue("openOn", out var on) ? on as DateOnly? : null,
        },
        value.TryGetValue("openNow", out var now) && now is true,
        value.TryGetValue("hasSessionWithinDays", out var days) ? days as int? : null);

    private static T[] List<T>(IDictionary<string, object?> value, string key) where T : struct, Enum =>
        value.TryGetValue(key, out var list) && list is IEnumerable<object?> items ? [.. items.OfType<T>()] : [];
}
