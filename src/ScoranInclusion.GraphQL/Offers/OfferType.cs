using GraphQL;
using GraphQL.Types;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

public sealed class RegistrationType : ObjectGraphType<Registration>
{
    public RegistrationType()
    {
        Name = "Registration";
        Description = "Comment s'inscrire.";
        Field<StringGraphType>("url").Description("Lien d'inscription en ligne.").Resolve(c => c.Source.Url);
        Field<StringGraphType>("telephone").Description("Téléphone, au format international (+33…).").Resolve(c => c.Source.Telephone);
        Field<StringGraphType>("courriel").Resolve(c => c.Source.Courriel);
        Field<NonNullGraphType<BooleanGraphType>>("onSite").Description("Inscription sur place, ou venue sans inscription.").Resolve(c => c.Source.OnSite);
    }
}

/// <summary>A training offer: a workshop or a kind of help, given at a place on the dates of its sessions.</summary>
public sealed class OfferType : ObjectGraphType<StoredOffer>
{
    public const string TypeName = "Offer";

    public OfferType()
    {
        Name = TypeName;
        Description = "Offre de formation ou d'accompagnement (atelier, aide individuelle, à distance) et ses séances.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is StoredOffer;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Identifiant global opaque.").Resolve(c => GlobalId.Encode(TypeName, c.Source.Key));
        Field<NonNullGraphType<StringGraphType>>("title").Description("Titre (par exemple « Découvrir Mon Espace Santé »).").Resolve(c => c.Source.Offer.Title);
        Field<NonNullGraphType<StringGraphType>>("summary").Description("Résumé en langage simple (280 caractères au plus).").Resolve(c => c.Source.Offer.Summary);
        Field<StringGraphType>("description").Resolve(c => c.Source.Offer.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceEnumType>>>>("themes")
            .Description("Thèmes, dans le vocabulaire des services du standard.").Resolve(c => c.Source.Offer.Themes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>>("publics")
            .Description("Publics visés ; vide : tout public.").Resolve(c => c.Source.Offer.Publics);
        Field<NonNullGraphType<OfferLevelEnumType>>("level").Resolve(c => c.Source.Offer.Level);
        Field<NonNullGraphType<OfferFormatEnumType>>("format").Resolve(c => c.Source.Offer.Format);
        Field<NonNullGraphType<OfferFeeEnumType>>("fee").Resolve(c => c.Source.Offer.Fee);
        Field<StringGraphType>("feeCondition").Description("La condition de gratuité, ou le tarif.").Resolve(c => c.Source.Offer.FeeCondition);
        Field<NonNullGraphType<RegistrationType>>("registration").Resolve(c => c.Source.Offer.Registration);
        Field<StringGraphType>("accessibilityNotes").Description("Accessibilité : accès PMR, matériel adapté, FALC…").Resolve(c => c.Source.Offer.AccessibilityNotes);
        Field<NonNullGraphType<BooleanGraphType>>("isExample")
            .Description("true : exemple livré avec le serveur pour la démonstration, pas une annonce réelle.").Resolve(c => c.Source.Offer.IsExample);
        Field<NonNullGraphType<OfferStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Version, à renvoyer dans expectedVersion pour une modification sûre.").Resolve(c => c.Source.Version);
        Field<SiteType>("site").Description("Le lieu qui propose l'offre ; null pour une offre seulement à distance.")
            .Resolve(c => c.Loaders().Site(c.Source.Offer.SiteKey));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionType>>>>("sessions")
            .Description("Les séances entre from (par défaut maintenant) et to (par défaut from + 90 jours), par heure de début ; annulées comprises.")
            .Argument<DateTimeScalar>("from")
            .Argument<DateTimeScalar>("to")
            .Resolve(c =>
            {
                var (from, to) = TimeWindow.Read(c, defaultDays: 90);
                return c.Loaders().SessionsOfOffers(from, to, 500).Load(c.Source.Key);
            });
    }
}
