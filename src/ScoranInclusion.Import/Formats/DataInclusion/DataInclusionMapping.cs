using System.Collections.Frozen;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats.DataInclusion;

/// <summary>A data.inclusion value seen from the national standard: the field and exact label it becomes.</summary>
/// <param name="Field">The standard's field (snake_case).</param>
/// <param name="Label">The exact label (or free text for autres_formations_labels).</param>
internal sealed record LmnValue(string Field, string Label);

/// <summary>
/// The official crosswalk from the standard to data.inclusion v1 (peers document §1.9,
/// <c>gip-inclusion/data-inclusion:pipeline/dbt/models/intermediate/v1/001_mappings/mediation_numerique</c>),
/// read backwards, plus the v0 values still found in older exports. Where the crosswalk sends
/// several standard values to one data.inclusion value, the reverse picks the closest one; the
/// choices are listed in Formats/README.md. A value with no entry has no equivalent and is
/// reported as not carried over (silently for the few that mean "everyone" or "on site").
/// </summary>
internal static class DataInclusionMapping
{
    /// <summary>Values that carry no information for the standard: dropped without a word.</summary>
    public static IReadOnlySet<string> Silent { get; } = new[]
    {
        "tous-publics", "adultes", "en-presentiel", "numerique",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Service <c>type</c> (v1) and <c>types</c> (v0) → modalites_accompagnement.</summary>
    public static FrozenDictionary<string, LmnValue[]> Types { get; } = Table(
    [
        ("accompagnement", [Accompagnement(ModaliteAccompagnement.AccompagnementIndividuel)]),
        ("atelier", [Accompagnement(ModaliteAccompagnement.DansUnAtelierCollectif)]),
        ("aide-materielle", [Accompagnement(ModaliteAccompagnement.EnAutonomie)]),

        // v0 only.
        ("autonomie", [Accompagnement(ModaliteAccompagnement.EnAutonomie)]),
        ("delegation", [Accompagnement(ModaliteAccompagnement.AccompagnementIndividuel)]),
    ]);

    /// <summary>Service <c>modes_accueil</c> → modalites_accompagnement (data.inclusion writes À distance as a-distance).</summary>
    public static FrozenDictionary<string, LmnValue[]> ModesAccueil { get; } = Table(
    [
        ("a-distance", [Accompagnement(ModaliteAccompagnement.ADistance)]),
    ]);

    /// <summary>Service <c>publics</c> (v1) and <c>profils</c> (v0) → publics_specifiquement_adresses, prise_en_charge_specifique.</summary>
    public static FrozenDictionary<string, LmnValue[]> Publics { get; } = Table(
    [
        ("etudiants", [Public(PublicSpecifiquementAdresse.Etudiants)]),
        ("familles", [Public(PublicSpecifiquementAdresse.FamillesEtOuEnfants)]),
        ("femmes", [Public(PublicSpecifiquementAdresse.Femmes)]),
        ("jeunes", [Public(PublicSpecifiquementAdresse.Jeunes)]),
        ("seniors", [Public(PublicSpecifiquementAdresse.Seniors)]),

        // v0 profils, whose labels are the standard v0.1's publics_accueillis.
        ("familles-enfants", [Public(PublicSpecifiquementAdresse.FamillesEtOuEnfants)]),
        ("jeunes-16-26", [Public(PublicSpecifiquementAdresse.Jeunes)]),
        ("seniors-65", [Public(PublicSpecifiquementAdresse.Seniors)]),
        ("retraites", [Public(PublicSpecifiquementAdresse.Seniors)]),
        ("deficience-visuelle", [PriseEnCharge(PriseEnChargeSpecifique.DeficienceVisuelle)]),
        ("surdite", [PriseEnCharge(PriseEnChargeSpecifique.Surdite)]),
        ("handicaps-mentaux", [PriseEnCharge(PriseEnChargeSpecifique.HandicapsMentaux)]),
        ("handicaps-psychiques", [PriseEnCharge(PriseEnChargeSpecifique.HandicapsMentaux)]),
        ("personnes-en-situation-illettrisme", [PriseEnCharge(PriseEnChargeSpecifique.Illettrisme)]),
        ("public-langues-etrangeres", [PriseEnCharge(PriseEnChargeSpecifique.LanguesEtrangeresAutres)]),
    ]);

    /// <summary>Service <c>modes_mobilisation</c> (v1) and <c>modes_orientation_*</c> (v0) → modalites_acces.</summary>
    public static FrozenDictionary<string, LmnValue[]> ModesMobilisation { get; } = Table(
    [
        ("envoyer-un-courriel", [Acces(ModaliteAcces.ContacterParMail)]),
        ("se-presenter", [Acces(ModaliteAcces.SePresenter)]),
        ("telephoner", [Acces(ModaliteAcces.Telephoner)]),
        ("utiliser-lien-mobilisation", [Acces(ModaliteAcces.PrendreUnRdvEnLigne)]),

        // v0.
        ("envoyer-un-mail", [Acces(ModaliteAcces.ContacterParMail)]),
        ("envoyer-un-mail-avec-une-fiche-de-prescription", [Acces(ModaliteAcces.EnvoyerUnMailAvecUneFicheDePrescription)]),
        ("prendre-rdv", [Acces(ModaliteAcces.PrendreUnRdvEnLigne)]),
    ]);

    /// <summary>Service <c>frais</c>: a value (v1) or a list (v0) → frais_a_charge.</summary>
    public static FrozenDictionary<string, LmnValue[]> Frais { get; } = Table(
    [
        ("gratuit", [FraisValue(FraisACharge.Gratuit)]),
        ("payant", [FraisValue(FraisACharge.Payant)]),

        // v0.
        ("gratuit-sous-conditions", [FraisValue(FraisACharge.GratuitSousCondition)]),
        ("adhesion", [FraisValue(FraisACharge.Payant)]),
        ("pass-numerique", [FraisValue(FraisACharge.GratuitSousCondition)]),
    ]);

    /// <summary>Service <c>thematiques</c> of the numerique family (v1) → services. v0's <c>numerique--…</c> are read through the v0.1 labels they slugify.</summary>
    public static FrozenDictionary<string, LmnValue[]> Thematiques { get; } = Table(
    [
        ("numerique--acceder-a-une-connexion-internet", [ServiceValue(Service.AccesInternetEtMaterielInformatique)]),
        ("numerique--acquerir-un-equipement", [ServiceValue(Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire)]),
        ("numerique--acceder-a-des-services-en-ligne", [ServiceValue(Service.AideAuxDemarchesAdministratives)]),
        ("numerique--maitriser-les-fondamentaux-du-numerique", [ServiceValue(Service.MaitriseDesOutilsNumeriquesDuQuotidien)]),
    ]);

    /// <summary>
    /// Thematiques of other families that the crosswalk pairs with a numerique one: they mean a
    /// service of the standard only on a service that also has a <c>numerique--</c> thematique.
    /// </summary>
    public static FrozenDictionary<string, LmnValue[]> PairedThematiques { get; } = Table(
    [
        ("difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives", [ServiceValue(Service.AideAuxDemarchesAdministratives)]),
        ("preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi", [ServiceValue(Service.InsertionProfessionnelleViaLeNumerique)]),
        ("famille--soutien-a-la-parentalite-et-a-leducation", [ServiceValue(Service.ParentaliteEtEducationAvecLeNumerique)]),
        ("remobilisation--activites-sportives-et-culturelles", [ServiceValue(Service.LoisirsEtCreationsNumeriques)]),
    ]);

    /// <summary>
    /// Structure <c>reseaux_porteurs</c> (v1) and <c>labels_nationaux</c> (v0) → dispositif_programmes_nationaux,
    /// formations_labels, autres_formations_labels, and typologie (v1 folded the v0 typologie into this list).
    /// A network whose slug is a typologie code (<c>chrs</c> → CHRS) needs no entry.
    /// </summary>
    public static FrozenDictionary<string, LmnValue[]> Reseaux { get; } = Table(
    [
        ("aidants-connect", [Dispositif(DispositifProgrammeNational.AidantsConnect)]),
        ("conseillers-numeriques", [Dispositif(DispositifProgrammeNational.ConseillersNumeriques)]),
        ("conseiller-numerique", [Dispositif(DispositifProgrammeNational.ConseillersNumeriques)]),
        ("france-service", [Dispositif(DispositifProgrammeNational.FranceServices)]),
        ("grandes-ecoles-du-numerique", [Dispositif(DispositifProgrammeNational.GrandeEcoleDuNumerique)]),
        ("croix-rouge", [Dispositif(DispositifProgrammeNational.LaCroixRouge)]),
        ("fabrique-de-territoire", [new LmnValue(SiteFields.FormationsLabels, Vocabularies.FormationsLabels.Label(FormationLabel.FabriquesDeTerritoire))]),
        ("aptic", [new LmnValue(SiteFields.AutresFormationsLabels, "APTIC")]),
        ("espaces-publics-numeriques", [TypologieValue(Typologie.Epn)]),
        ("ccas-cias", [TypologieValue(Typologie.Ccas)]),
        ("communes", [TypologieValue(Typologie.Muni)]),
        ("departements", [TypologieValue(Typologie.Cd)]),
        ("france-travail", [TypologieValue(Typologie.Ft)]),
        ("mission-locale", [TypologieValue(Typologie.Ml)]),
        ("la-poste", [TypologieValue(Typologie.LaPoste)]),
        ("pimms-mediation", [TypologieValue(Typologie.Pimms)]),
        ("ressourceries", [TypologieValue(Typologie.Ressourcerie)]),
        ("la-ressourcerie", [TypologieValue(Typologie.Ressourcerie)]),
        ("reseau-information-jeunesse", [TypologieValue(Typologie.PijBij)]),
        ("maisons-des-solidarites", [TypologieValue(Typologie.Mds)]),
        ("maisons-de-l-emploi", [TypologieValue(Typologie.Mde)]),
        ("maisons-de-lemploi", [TypologieValue(Typologie.Mde)]),
        ("mutualite-sociale-agricole", [TypologieValue(Typologie.Msa)]),
        ("residences-fjt", [TypologieValue(Typologie.RsFjt)]),
        ("ecoles-de-la-deuxieme-chance", [TypologieValue(Typologie.E2c)]),
        ("creches-avip", [TypologieValue(Typologie.Avip)]),
        ("maison-departementale-de-lautonomie", [TypologieValue(Typologie.Mdph)]),
    ]);

    /// <summary>The standard's values for a data.inclusion value of a list, or null when it has no equivalent.</summary>
    public static LmnValue[]? Lookup(FrozenDictionary<string, LmnValue[]> table, string value) =>
        table.TryGetValue(value.Trim().ToLowerInvariant(), out var values) ? values : null;

    /// <summary>A network named as a typologie code (<c>chrs</c>, <c>caf</c>, <c>mjc</c>…), or one of <see cref="Reseaux"/>.</summary>
    public static LmnValue[]? Reseau(string value)
    {
        if (Lookup(Reseaux, value) is { } values)
        {
            return values;
        }

        var code = value.Trim().Replace('-', '_').ToUpperInvariant();
        return Vocabularies.Typologies.TryParseExact(code, out var typologie) ? [TypologieValue(typologie)] : null;
    }

    /// <summary>A numerique thematique: v1's four, or v0's <c>numerique--</c> slugs of the standard v0.1's services.</summary>
    public static LmnValue[]? Thematique(string value)
    {
        if (Lookup(Thematiques, value) is { } values)
        {
            return values;
        }

        const string prefix = "numerique--";
        var slug = value.Trim().ToLowerInvariant();
        return slug.StartsWith(prefix, StringComparison.Ordinal)
            && LmnLegacy.TryMapInColumn(SiteFields.Services, slug[prefix.Length..], out var label)
            ? [new LmnValue(SiteFields.Services, label)]
            : null;
    }

    private static FrozenDictionary<string, LmnValue[]> Table(IEnumerable<(string Key, LmnValue[] Values)> entries) =>
        entries.ToFrozenDictionary(e => e.Key, e => e.Values, StringComparer.Ordinal);

    private static LmnValue Of<T>(Vocabulary<T> vocabulary, T value) where T : struct, Enum => new(vocabulary.Name, vocabulary.Label(value));

    private static LmnValue Accompagnement(ModaliteAccompagnement value) => Of(Vocabularies.ModalitesAccompagnement, value);

    private static LmnValue Public(PublicSpecifiquementAdresse value) => Of(Vocabularies.Publics, value);

    private static LmnValue PriseEnCharge(PriseEnChargeSpecifique value) => Of(Vocabularies.PrisesEnCharge, value);

    private static LmnValue Acces(ModaliteAcces value) => Of(Vocabularies.ModalitesAcces, value);

    private static LmnValue FraisValue(FraisACharge value) => Of(Vocabularies.Frais, value);

    private static LmnValue ServiceValue(Service value) => Of(Vocabularies.Services, value);

    private static LmnValue Dispositif(DispositifProgrammeNational value) => Of(Vocabularies.Dispositifs, value);

    private static LmnValue TypologieValue(Typologie value) => Of(Vocabularies.Typologies, value);
}
