namespace ScoranInclusion.Domain.Sites;

// The closed lists of "Schéma de données des lieux de médiation numérique" v1.0.2.
// Labels (exact strings of the standard) are in Vocabularies.cs.

public enum Service
{
    AideAuxDemarchesAdministratives,
    MaitriseDesOutilsNumeriquesDuQuotidien,
    InsertionProfessionnelleViaLeNumerique,
    UtilisationSecuriseeDuNumerique,
    ParentaliteEtEducationAvecLeNumerique,
    LoisirsEtCreationsNumeriques,
    ComprehensionDuMondeNumerique,
    AccesInternetEtMaterielInformatique,
    AcquisitionDeMaterielInformatiqueAPrixSolidaire,
}

public enum PublicSpecifiquementAdresse
{
    Jeunes,
    Etudiants,
    FamillesEtOuEnfants,
    Seniors,
    Femmes,
}

public enum PriseEnChargeSpecifique
{
    Surdite,
    HandicapsMoteurs,
    HandicapsMentaux,
    Illettrisme,
    LanguesEtrangeresAnglais,
    LanguesEtrangeresAutres,
    DeficienceVisuelle,
}

public enum FraisACharge
{
    Gratuit,
    GratuitSousCondition,
    Payant,
}

public enum ModaliteAcces
{
    SePresenter,
    Telephoner,
    ContacterParMail,
    PrendreUnRdvEnLigne,
    CeLieuNAccueillePasDePublic,
    EnvoyerUnMailAvecUneFicheDePrescription,
}

public enum ModaliteAccompagnement
{
    EnAutonomie,
    AccompagnementIndividuel,
    DansUnAtelierCollectif,
    ADistance,
}

public enum DispositifProgrammeNational
{
    AidantsConnect,
    BibliothequesNumeriqueDeReference,
    CertificationPix,
    ConseillersNumeriques,
    EmmausConnect,
    FranceServices,
    GrandeEcoleDuNumerique,
    LaCroixRouge,
    PointDAccesNumeriqueCaf,
    PromeneursDuNet,
    RelaisNumeriqueEmmausConnect,
}

public enum FormationLabel
{
    FormeAMonEspaceSante,
    FormeADuplexIllettrisme,
    ArniaMedNumBfc,
    CollectifRessourcesEtActeursReemploiNormandie,
    EtapesNumeriquesLaPoste,
    FabriquesDeTerritoire,
    LesEclaireursDuNumeriqueDrome,
    MesPapiersMetropoleDeLyon,
    Ordi30,
    SudLabsPaca,
}

public enum Itinerance
{
    Itinerant,
    Fixe,
}
