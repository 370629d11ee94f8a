using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.GraphQL.Sites;

public sealed class ServiceEnumType() : StandardEnumType<Service>(
    "Service", "Service d'accompagnement proposé par le lieu.", Vocabularies.Services);

public sealed class PublicSpecifiquementAdresseEnumType() : StandardEnumType<PublicSpecifiquementAdresse>(
    "PublicSpecifiquementAdresse", "Public auquel le lieu s'adresse spécifiquement (sans valeur : tout public).", Vocabularies.Publics);

public sealed class PriseEnChargeSpecifiqueEnumType() : StandardEnumType<PriseEnChargeSpecifique>(
    "PriseEnChargeSpecifique", "Besoin particulier que le lieu sait accompagner.", Vocabularies.PrisesEnCharge);

public sealed class FraisAChargeEnumType() : StandardEnumType<FraisACharge>(
    "FraisACharge", "Conditions financières d'accès.", Vocabularies.Frais);

public sealed class ModaliteAccesEnumType() : StandardEnumType<ModaliteAcces>(
    "ModaliteAcces", "Démarche pour être reçu.", Vocabularies.ModalitesAcces);

public sealed class ModaliteAccompagnementEnumType() : StandardEnumType<ModaliteAccompagnement>(
    "ModaliteAccompagnement", "Forme de l'accompagnement.", Vocabularies.ModalitesAccompagnement);

public sealed class DispositifProgrammeNationalEnumType() : StandardEnumType<DispositifProgrammeNational>(
    "DispositifProgrammeNational", "Dispositif ou programme national auquel le lieu appartient.", Vocabularies.Dispositifs);

public sealed class FormationLabelEnumType() : StandardEnumType<FormationLabel>(
    "FormationLabel", "Formation ou label obtenu par le lieu.", Vocabularies.FormationsLabels);

public sealed class ItineranceEnumType() : StandardEnumType<Itinerance>(
    "Itinerance", "Lieu fixe ou itinérant (bus numérique…).", Vocabularies.Itinerances);

public sealed class TypologieEnumType() : StandardEnumType<Typologie>(
    "Typologie", "Type de structure (liste data.inclusion).", Vocabularies.Typologies);
