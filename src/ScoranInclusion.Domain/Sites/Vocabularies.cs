namespace ScoranInclusion.Domain.Sites;

/// <summary>The exact labels of the standard's enumerations (schema.json v1.0.2).</summary>
public static class Vocabularies
{
    public static readonly Vocabulary<Service> Services = new("services",
    [
        (Service.AideAuxDemarchesAdministratives, "Aide aux démarches administratives"),
        (Service.MaitriseDesOutilsNumeriquesDuQuotidien, "Maîtrise des outils numériques du quotidien"),
        (Service.InsertionProfessionnelleViaLeNumerique, "Insertion professionnelle via le numérique"),
        (Service.UtilisationSecuriseeDuNumerique, "Utilisation sécurisée du numérique"),
        (Service.ParentaliteEtEducationAvecLeNumerique, "Parentalité et éducation avec le numérique"),
        (Service.LoisirsEtCreationsNumeriques, "Loisirs et créations numériques"),
        (Service.ComprehensionDuMondeNumerique, "Compréhension du monde numérique"),
        (Service.AccesInternetEtMaterielInformatique, "Accès internet et matériel informatique"),
        (Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire, "Acquisition de matériel informatique à prix solidaire"),
    ]);

    public static readonly Vocabulary<PublicSpecifiquementAdresse> Publics = new("publics_specifiquement_adresses",
    [
        (PublicSpecifiquementAdresse.Jeunes, "Jeunes"),
        (PublicSpecifiquementAdresse.Etudiants, "Étudiants"),
        (PublicSpecifiquementAdresse.FamillesEtOuEnfants, "Familles et/ou enfants"),
        (PublicSpecifiquementAdresse.Seniors, "Seniors"),
        (PublicSpecifiquementAdresse.Femmes, "Femmes"),
    ]);

    public static readonly Vocabulary<PriseEnChargeSpecifique> PrisesEnCharge = new("prise_en_charge_specifique",
    [
        (PriseEnChargeSpecifique.Surdite, "Surdité"),
        (PriseEnChargeSpecifique.HandicapsMoteurs, "Handicaps moteurs"),
        (PriseEnChargeSpecifique.HandicapsMentaux, "Handicaps mentaux"),
        (PriseEnChargeSpecifique.Illettrisme, "Illettrisme"),
        (PriseEnChargeSpecifique.LanguesEtrangeresAnglais, "Langues étrangères (anglais)"),
        (PriseEnChargeSpecifique.LanguesEtrangeresAutres, "Langues étrangères (autres)"),
        (PriseEnChargeSpecifique.DeficienceVisuelle, "Déficience visuelle"),
    ]);

    public static readonly Vocabulary<FraisACharge> Frais = new("frais_a_charge",
    [
        (FraisACharge.Gratuit, "Gratuit"),
        (FraisACharge.GratuitSousCondition, "Gratuit sous condition"),
        (FraisACharge.Payant, "Payant"),
    ]);

    public static readonly Vocabulary<ModaliteAcces> ModalitesAcces = new("modalites_acces",
    [
        (ModaliteAcces.SePresenter, "Se présenter"),
        (ModaliteAcces.Telephoner, "Téléphoner"),
        (ModaliteAcces.ContacterParMail, "Contacter par mail"),
        (ModaliteAcces.PrendreUnRdvEnLigne, "Prendre un RDV en ligne"),
        (ModaliteAcces.CeLieuNAccueillePasDePublic, "Ce lieu n'accueille pas de public"),
        (ModaliteAcces.EnvoyerUnMailAvecUneFicheDePrescription, "Envoyer un mail avec une fiche de prescription"),
    ]);

    public static readonly Vocabulary<ModaliteAccompagnement> ModalitesAccompagnement = new("modalites_accompagnement",
    [
        (ModaliteAccompagnement.EnAutonomie, "En autonomie"),
        (ModaliteAccompagnement.AccompagnementIndividuel, "Accompagnement individuel"),
        (ModaliteAccompagnement.DansUnAtelierCollectif, "Dans un atelier collectif"),
        (ModaliteAccompagnement.ADistance, "À distance"),
    ]);

    public static readonly Vocabulary<DispositifProgrammeNational> Dispositifs = new("dispositif_programmes_nationaux",
    [
        (DispositifProgrammeNational.AidantsConnect, "Aidants Connect"),
        (DispositifProgrammeNational.BibliothequesNumeriqueDeReference, "Bibliothèques numérique de référence"),
        (DispositifProgrammeNational.CertificationPix, "Certification PIX"),
        (DispositifProgrammeNational.ConseillersNumeriques, "Conseillers numériques"),
        (DispositifProgrammeNational.EmmausConnect, "Emmaüs Connect"),
        (DispositifProgrammeNational.FranceServices, "France Services"),
        (DispositifProgrammeNational.GrandeEcoleDuNumerique, "Grande école du numérique"),
        (DispositifProgrammeNational.LaCroixRouge, "La Croix Rouge"),
        (DispositifProgrammeNational.PointDAccesNumeriqueCaf, "Point d'accès numérique CAF"),
        (DispositifProgrammeNational.PromeneursDuNet, "Promeneurs du net"),
        (DispositifProgrammeNational.RelaisNumeriqueEmmausConnect, "Relais numérique (Emmaüs Connect)"),
    ]);

    // The v1.0.2 pattern writes "Étapes numériques(La Poste)" without a space while the
    // description and the ANCT library write it with one: we emit the library's form and
    // accept both (the lenient match ignores spacing).
    public static readonly Vocabulary<FormationLabel> FormationsLabels = new("formations_labels",
    [
        (FormationLabel.FormeAMonEspaceSante, "Formé à « Mon Espace Santé »"),
        (FormationLabel.FormeADuplexIllettrisme, "Formé à « DUPLEX » (illettrisme)"),
        (FormationLabel.ArniaMedNumBfc, "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"),
        (FormationLabel.CollectifRessourcesEtActeursReemploiNormandie, "Collectif ressources et acteurs réemploi (Normandie)"),
        (FormationLabel.EtapesNumeriquesLaPoste, "Étapes numériques (La Poste)"),
        (FormationLabel.FabriquesDeTerritoire, "Fabriques de Territoire"),
        (FormationLabel.LesEclaireursDuNumeriqueDrome, "Les Éclaireurs du numérique (Drôme)"),
        (FormationLabel.MesPapiersMetropoleDeLyon, "Mes Papiers (Métropole de Lyon)"),
        (FormationLabel.Ordi30, "ORDI 3.0"),
        (FormationLabel.SudLabsPaca, "SUD LABS (PACA)"),
    ]);

    public static readonly Vocabulary<Itinerance> Itinerances = new("itinerance",
    [
        (Itinerance.Itinerant, "Itinérant"),
        (Itinerance.Fixe, "Fixe"),
    ]);

    // Labels are the codes themselves (what the standard writes). The French names are
    // lenient aliases because hand-made regional files often spell them out, and PE
    // (Pôle emploi) is read as FT because the library replaced it when the agency was
    // renamed France Travail in 2024.
    public static readonly Vocabulary<Typologie> Typologies = new("typologie",
    [
        (Typologie.Aci, "ACI"),
        (Typologie.Aciphc, "ACIPHC"),
        (Typologie.Afpa, "AFPA"),
        (Typologie.Ai, "AI"),
        (Typologie.Ase, "ASE"),
        (Typologie.Asso, "ASSO"),
        (Typologie.AssoChomeur, "ASSO_CHOMEUR"),
        (Typologie.Autre, "Autre"),
        (Typologie.Avip, "AVIP"),
        (Typologie.Bib, "BIB"),
        (Typologie.Caarud, "CAARUD"),
        (Typologie.Cada, "CADA"),
        (Typologie.Caf, "CAF"),
        (Typologie.CapEmploi, "CAP_EMPLOI"),
        (Typologie.Cava, "CAVA"),
        (Typologie.Cc, "CC"),
        (Typologie.Ccas, "CCAS"),
        (Typologie.Ccons, "CCONS"),
        (Typologie.Cd, "CD"),
        (Typologie.Cdas, "CDAS"),
        (Typologie.Cfp, "CFP"),
        (Typologie.Chrs, "CHRS"),
        (Typologie.Chu, "CHU"),
        (Typologie.Cias, "CIAS"),
        (Typologie.Cidff, "CIDFF"),
        (Typologie.Citmet, "CITMET"),
        (Typologie.Cmp, "CMP"),
        (Typologie.Cms, "CMS"),
        (Typologie.Cpam, "CPAM"),
        (Typologie.Cph, "CPH"),
        (Typologie.Cs, "CS"),
        (Typologie.Csapa, "CSAPA"),
        (Typologie.Csc, "CSC"),
        (Typologie.Deets, "DEETS"),
        (Typologie.Dept, "DEPT"),
        (Typologie.Diplp, "DIPLP"),
        (Typologie.E2c, "E2C"),
        (Typologie.Ea, "EA"),
        (Typologie.Eatt, "EATT"),
        (Typologie.Ei, "EI"),
        (Typologie.Eiti, "EITI"),
        (Typologie.Enm, "ENM"),
        (Typologie.Epci, "EPCI"),
        (Typologie.Epi, "EPI"),
        (Typologie.Epide, "EPIDE"),
        (Typologie.Epn, "EPN"),
        (Typologie.Es, "ES"),
        (Typologie.Esat, "ESAT"),
        (Typologie.Ess, "ESS"),
        (Typologie.Etti, "ETTI"),
        (Typologie.Evs, "EVS"),
        (Typologie.Fablab, "FABLAB"),
        (Typologie.Fabrique, "FABRIQUE"),
        (Typologie.Fais, "FAIS"),
        (Typologie.Ft, "FT"),
        (Typologie.Geiq, "GEIQ"),
        (Typologie.Huda, "HUDA"),
        (Typologie.LaPoste, "LA_POSTE"),
        (Typologie.Mde, "MDE"),
        (Typologie.Mdh, "MDH"),
        (Typologie.Mdef, "MDEF"),
        (Typologie.Mdph, "MDPH"),
        (Typologie.Mds, "MDS"),
        (Typologie.Mjc, "MJC"),
        (Typologie.Ml, "ML"),
        (Typologie.Mq, "MQ"),
        (Typologie.Msa, "MSA"),
        (Typologie.Msap, "MSAP"),
        (Typologie.Muni, "MUNI"),
        (Typologie.Oacas, "OACAS"),
        (Typologie.Odc, "ODC"),
        (Typologie.Of, "OF"),
        (Typologie.Oil, "OIL"),
        (Typologie.Opcs, "OPCS"),
        (Typologie.Pad, "PAD"),
        (Typologie.Pension, "PENSION"),
        (Typologie.Pi, "PI"),
        (Typologie.PijBij, "PIJ_BIJ"),
        (Typologie.Pimms, "PIMMS"),
        (Typologie.Pjj, "PJJ"),
        (Typologie.Plie, "PLIE"),
        (Typologie.Pref, "PREF"),
        (Typologie.Prevention, "PREVENTION"),
        (Typologie.Reg, "REG"),
        (Typologie.RelaisLecture, "RELAIS_LECTURE"),
        (Typologie.Ressourcerie, "RESSOURCERIE"),
        (Typologie.Rfs, "RFS"),
        (Typologie.RsFjt, "RS_FJT"),
        (Typologie.Scp, "SCP"),
        (Typologie.Spip, "SPIP"),
        (Typologie.TiersLieux, "TIERS_LIEUX"),
        (Typologie.Udaf, "UDAF"),
    ],
    [.. TypologieLabels.All.Select(e => (e.Value, e.Key)), ("PE", Typologie.Ft), ("Pôle emploi", Typologie.Ft)]);
}
