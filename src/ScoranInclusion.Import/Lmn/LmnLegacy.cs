using System.Collections.Frozen;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.Lmn;

/// <summary>Where a v0.1 value goes in v1: a field and its exact v1 label, or nowhere (<see cref="Label"/> null).</summary>
internal sealed record LegacyTarget(string Field, string? Label);

/// <summary>A v0.1 column whose values v1 spread over other fields, read only when <see cref="PrimaryField"/> is absent.</summary>
internal sealed record LegacyColumn(string Name, string PrimaryField, FrozenDictionary<string, LegacyTarget[]> Values);

/// <summary>
/// Version 0.1 of the standard (Schema_V0.1.json, 2022), which regional sources still emit:
/// renamed columns, columns whose long labels ("Gratuit : Je peux accéder gratuitement…")
/// v1 turned into other fields, and the 15 old services that became 9. The standard gives no
/// official v0.1 → v1 table for values: the choices below are ours, listed in Formats/README.md.
/// </summary>
internal static class LmnLegacy
{
    /// <summary>Columns v1 only renamed: read under their old name when the new one is absent.</summary>
    public static IReadOnlyList<(string Legacy, string Current)> RenamedColumns { get; } =
    [
        ("courriel", SiteFields.Courriels),
        ("labels_autres", SiteFields.AutresFormationsLabels),
        ("accessibilite", SiteFields.FicheAccesLibre),

        // The ANCT library's own v0 CSV writer spells it so.
        ("presentation_resumee", SiteFields.PresentationResume),
    ];

    /// <summary>v0.1 columns that v1 removed without replacement: known, so not reported as unknown, and ignored.</summary>
    public static IReadOnlySet<string> IgnoredColumns { get; } = new[] { "cle_ban" }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<LegacyColumn> MappedColumns { get; } =
    [
        new("conditions_acces", SiteFields.FraisACharge, Table(
        [
            ("Gratuit", [Frais(FraisACharge.Gratuit)]),
            ("Gratuit sous condition", [Frais(FraisACharge.GratuitSousCondition)]),
            ("Payant", [Frais(FraisACharge.Payant)]),
            ("Adhésion", [Frais(FraisACharge.Payant)]),
            ("Accepte le Pass numérique", [Frais(FraisACharge.GratuitSousCondition)]),
        ])),
        new("publics_accueillis", SiteFields.PublicsSpecifiquementAdresses, Table(
        [
            ("Seniors (+ 65 ans)", [Public(PublicSpecifiquementAdresse.Seniors)]),
            ("Familles/enfants", [Public(PublicSpecifiquementAdresse.FamillesEtOuEnfants)]),
            ("Adultes", [new LegacyTarget(SiteFields.PublicsSpecifiquementAdresses, null)]),
            ("Jeunes (16-26 ans)", [Public(PublicSpecifiquementAdresse.Jeunes)]),
            ("Public langues étrangères", [PriseEnCharge(PriseEnChargeSpecifique.LanguesEtrangeresAutres)]),
            ("Déficience visuelle", [PriseEnCharge(PriseEnChargeSpecifique.DeficienceVisuelle)]),
            ("Surdité", [PriseEnCharge(PriseEnChargeSpecifique.Surdite)]),
            ("Handicaps psychiques", [PriseEnCharge(PriseEnChargeSpecifique.HandicapsMentaux)]),
            ("Handicaps mentaux", [PriseEnCharge(PriseEnChargeSpecifique.HandicapsMentaux)]),
            ("Uniquement femmes", [Public(PublicSpecifiquementAdresse.Femmes)]),
            ("Personnes en situation d'illettrisme", [PriseEnCharge(PriseEnChargeSpecifique.Illettrisme)]),
        ])),
        new("labels_nationaux", SiteFields.DispositifProgrammesNationaux, Table(
        [
            ("France Services", [Dispositif(DispositifProgrammeNational.FranceServices)]),
            ("CNFS", [Dispositif(DispositifProgrammeNational.ConseillersNumeriques)]),
            ("APTIC", [Other("APTIC")]),
            ("Aidants Connect", [Dispositif(DispositifProgrammeNational.AidantsConnect)]),
            ("Fabriques de Territoire", [Label(FormationLabel.FabriquesDeTerritoire)]),
            ("Grandes écoles du numérique", [Dispositif(DispositifProgrammeNational.GrandeEcoleDuNumerique)]),
            ("Point relais CAF", [Dispositif(DispositifProgrammeNational.PointDAccesNumeriqueCaf)]),
            ("Point numérique CAF", [Dispositif(DispositifProgrammeNational.PointDAccesNumeriqueCaf)]),
            ("Relais pôle emploi", [Other("Relais Pôle emploi")]),
            ("French Tech", [Other("French Tech")]),
            ("Campus connecté", [Other("Campus connecté")]),
        ])),
    ];

    // v0.1 labels still found in the columns that kept their name. None of them is a v1 label.
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> _inColumn =
        new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal)
        {
            [SiteFields.Services] = Aliases(Vocabularies.Services,
            [
                ("Devenir autonome dans les démarches administratives", Service.AideAuxDemarchesAdministratives),
                ("Réaliser des démarches administratives avec un accompagnement", Service.AideAuxDemarchesAdministratives),
                ("Accompagner les démarches de santé", Service.AideAuxDemarchesAdministratives),
                ("Prendre en main un smartphone ou une tablette", Service.MaitriseDesOutilsNumeriquesDuQuotidien),
                ("Prendre en main un ordinateur", Service.MaitriseDesOutilsNumeriquesDuQuotidien),
                ("Utiliser le numérique au quotidien", Service.MaitriseDesOutilsNumeriquesDuQuotidien),
                ("Approfondir ma culture numérique", Service.ComprehensionDuMondeNumerique),
                ("Promouvoir la citoyenneté numérique", Service.ComprehensionDuMondeNumerique),
                ("Favoriser mon insertion professionnelle", Service.InsertionProfessionnelleViaLeNumerique),
                ("Créer et développer mon entreprise", Service.InsertionProfessionnelleViaLeNumerique),
                ("Accéder à une connexion internet", Service.AccesInternetEtMaterielInformatique),
                ("Accéder à du matériel", Service.AccesInternetEtMaterielInformatique),
                ("S’équiper en matériel informatique", Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire),
                ("Créer avec le numérique", Service.LoisirsEtCreationsNumeriques),
                ("Soutenir la parentalité et l'éducation avec le numérique", Service.ParentaliteEtEducationAvecLeNumerique),
            ]),
            [SiteFields.ModalitesAccompagnement] = Aliases(Vocabularies.ModalitesAccompagnement,
            [
                ("Seul", ModaliteAccompagnement.EnAutonomie),
                ("Avec de l'aide", ModaliteAccompagnement.AccompagnementIndividuel),
                ("Dans un atelier", ModaliteAccompagnement.DansUnAtelierCollectif),
                ("A ma place", ModaliteAccompagnement.AccompagnementIndividuel),
            ]),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The v1 name of a column that v1 only renamed, or null.</summary>
    public static string? LegacyNameOf(string field)
    {
        foreach (var (legacy, current) in RenamedColumns)
        {
            if (current == field)
            {
                return legacy;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="column"/> is a v0.1 column that the reader understands.</summary>
    public static bool IsKnownColumn(string column) =>
        IgnoredColumns.Contains(column)
        || RenamedColumns.Any(c => c.Legacy == column)
        || MappedColumns.Any(c => c.Name == column);

    /// <summary>The v1 label of a v0.1 value of a column that kept its name (services, modalites_accompagnement).</summary>
    public static bool TryMapInColumn(string field, string value, out string label)
    {
        label = "";
        return _inColumn.TryGetValue(field, out var aliases) && aliases.TryGetValue(Key(value), out label!);
    }

    /// <summary>
    /// The lookup key of a v0.1 label: the part before « : » (the long labels are
    /// « Gratuit : Je peux accéder… »), without case, accents, spaces or punctuation.
    /// </summary>
    public static string Key(string label)
    {
        var colon = label.IndexOf(':', StringComparison.Ordinal);
        var head = colon > 0 ? label[..colon] : label;
        return TextFolding.Key(head);
    }

    private static FrozenDictionary<string, LegacyTarget[]> Table(IEnumerable<(string Label, LegacyTarget[] Targets)> entries) =>
        entries.ToFrozenDictionary(e => Key(e.Label), e => e.Targets, StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Aliases<T>(Domain.Vocabulary<T> vocabulary, IEnumerable<(string Legacy, T Value)> entries)
        where T : struct, Enum =>
        entries.ToFrozenDictionary(e => Key(e.Legacy), e => vocabulary.Label(e.Value), StringComparer.Ordinal);

    private static LegacyTarget Frais(FraisACharge value) => new(SiteFields.FraisACharge, Vocabularies.Frais.Label(value));

    private static LegacyTarget Public(PublicSpecifiquementAdresse value) =>
        new(SiteFields.PublicsSpecifiquementAdresses, Vocabularies.Publics.Label(value));

    private static LegacyTarget PriseEnCharge(PriseEnChargeSpecifique value) =>
        new(SiteFields.PriseEnChargeSpecifique, Vocabularies.PrisesEnCharge.Label(value));

    private static LegacyTarget Dispositif(DispositifProgrammeNational value) =>
        new(SiteFields.DispositifProgrammesNationaux, Vocabularies.Dispositifs.Label(value));

    private static LegacyTarget Label(FormationLabel value) => new(SiteFields.FormationsLabels, Vocabularies.FormationsLabels.Label(value));

    private static LegacyTarget Other(string label) => new(SiteFields.AutresFormationsLabels, label);
}
