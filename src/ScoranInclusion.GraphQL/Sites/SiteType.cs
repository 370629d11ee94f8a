using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.OpeningHours;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>A lieu de médiation numérique: every field of the national standard, in camelCase.</summary>
public sealed class SiteType : ObjectGraphType<StoredSite>
{
    public const string TypeName = GlobalIds.Site;

    public SiteType()
    {
        Name = TypeName;
        Description = "Lieu de médiation numérique, avec tous les champs du standard national v1.0.2.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is StoredSite;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Identifiant global opaque.")
            .Resolve(c => GlobalId.Encode(TypeName, c.Source.Key));
        Field<NonNullGraphType<StringGraphType>>("identifiantLocal")
            .Description("Champ id du standard : identifiant donné par le producteur de la donnée.")
            .Resolve(c => c.Source.Site.Id);
        Field<NonNullGraphType<StringGraphType>>("provenance")
            .Description("Jeu de données d'où vient la fiche (par exemple mednum-bfc).")
            .Resolve(c => c.Source.Provenance);
        Field<NonNullGraphType<StringGraphType>>("pivot")
            .Description("SIRET ou RNA de la structure ; 00000000000000 signifie inconnu.")
            .Resolve(c => c.Source.Site.Pivot);
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Site.Nom);
        Field<GeoPointType>("location").Description("Position WGS84 (champs latitude et longitude).")
            .Resolve(c => c.Source.Site.Location);
        Field<NonNullGraphType<AdresseType>>("adresse").Resolve(c => c.Source.Site.Adresse);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TypologieEnumType>>>>("typologie").Resolve(c => c.Source.Site.Typologie);
        Field<StringGraphType>("telephone").Description("Numéro au format international (+33…).").Resolve(c => c.Source.Site.Telephone);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("courriels").Resolve(c => c.Source.Site.Courriels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("siteWeb").Resolve(c => c.Source.Site.SiteWeb);
        Field<StringGraphType>("horaires").Description("Horaires au format OpenStreetMap opening_hours, tels qu'enregistrés.")
            .Resolve(c => c.Source.Site.Horaires);
        Field<OpeningHoursType>("openingHours")
            .Description("Les horaires évalués : ouvert maintenant ou à un instant, prochain changement, semaine, fermetures temporaires comprises. null sans horaires valides.")
            .Resolve(c => SiteHours.Of(c.RequestServices!.GetRequiredService<ScheduleCache>().Get(c.Source.Site.Horaires), c.Source.Site.Closures));
        Field<StringGraphType>("presentationResume").Description("Présentation courte (280 caractères au plus).")
            .Resolve(c => c.Source.Site.PresentationResume);
        Field<StringGraphType>("presentationDetail").Resolve(c => c.Source.Site.PresentationDetail);
        Field<StringGraphType>("source").Description("Structure qui a collecté la donnée.").Resolve(c => c.Source.Site.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItineranceEnumType>>>>("itinerance").Resolve(c => c.Source.Site.Itinerance);
        Field<StringGraphType>("structureParente").Resolve(c => c.Source.Site.StructureParente);
        Field<NonNullGraphType<DateScalar>>("dateMaj").Description("Date de mise à jour de la donnée.").Resolve(c => c.Source.Site.DateMaj);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceEnumType>>>>("services").Resolve(c => c.Source.Site.Services);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>>("publicsSpecifiquementAdresses")
            .Description("Publics spécifiquement adressés ; vide : tout public.")
            .Resolve(c => c.Source.Site.PublicsSpecifiquementAdresses);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PriseEnChargeSpecifiqueEnumType>>>>("priseEnChargeSpecifique")
            .Resolve(c => c.Source.Site.PriseEnChargeSpecifique);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FraisAChargeEnumType>>>>("fraisACharge").Resolve(c => c.Source.Site.FraisACharge);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DispositifProgrammeNationalEnumType>>>>("dispositifProgrammesNationaux")
            .Resolve(c => c.Source.Site.DispositifProgrammesNationaux);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FormationLabelEnumType>>>>("formationsLabels").Resolve(c => c.Source.Site.FormationsLabels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("autresFormationsLabels").Resolve(c => c.Source.Site.AutresFormationsLabels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModaliteAccesEnumType>>>>("modalitesAcces").Resolve(c => c.Source.Site.ModalitesAcces);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModaliteAccompagnementEnumType>>>>("modalitesAccompagnement")
            .Resolve(c => c.Source.Site.ModalitesAccompagnement);
        Field<StringGraphType>("ficheAccesLibre").Description("Page acceslibre du lieu (accessibilité).").Resolve(c => c.Source.Site.FicheAccesLibre);
        Field<StringGraphType>("priseRdv").Description("Lien de prise de rendez-vous en ligne.").Resolve(c => c.Source.Site.PriseRdv);
        Offers.SiteOfferFields.Add(this);
        SiteEditingFields.AddSiteFields(this);
        FreshnessType.AddSiteField(this);
        TemporaryNoticeFields.AddSiteFields(this);
        SpokenLanguageType.AddSiteFields(this);
    }
}
