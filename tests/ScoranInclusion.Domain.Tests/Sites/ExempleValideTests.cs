using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

/// <summary>
/// The row of the standard's <c>exemple-valide.csv</c> (LaMednum/standard-mediation-num, which
/// frictionless validates in the standard's CI), copied by hand: it must be accepted as is.
/// </summary>
public class ExempleValideTests
{
    private static Site ExampleRow() => new()
    {
        Id = "structure-1",
        Pivot = "43493312300029",
        Nom = "Anonymal",
        Adresse = new Adresse
        {
            Commune = "Reims",
            CodePostal = "51100",
            CodeInsee = "51454",
            Voie = "12 BIS RUE DE LECLERCQ",
            Complement = "Le patio du bois de l'Aulne",
        },
        Location = new GeoPoint(43.52609, 5.41423),
        Typologie = Labels(Vocabularies.Typologies, "TIERS_LIEUX|ASSO"),
        Telephone = "+33180059880",
        Courriels = Split("contact@laquincaillerie.tl|responsable@laquincaillerie.tl"),
        SiteWeb = Split("https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/"),
        Horaires = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
        PresentationResume = "Notre association propose des formations aux outils numériques à destination des personnes âgées.",
        PresentationDetail = "Notre parcours d'initiation permet l'acquisition de compétences numériques de base. Nous proposons également un accompagnement à destination des personnes déjà initiées qui souhaiteraient approfondir leurs connaissances. Du matériel informatique est en libre accès pour nos adhérents tous les après-midis. En plus de d'accueillir les personnes dans notre lieu en semaine (sur rendez-vous), nous assurons une permanence le samedi matin dans la médiathèque XX.",
        Source = "Hubik",
        Itinerance = Labels(Vocabularies.Itinerances, "Itinérant"),
        StructureParente = "SIRET de la ville pour une bibliothèque.",
        DateMaj = new DateOnly(2024, 4, 2),
        Services = Labels(Vocabularies.Services, "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Loisirs et créations numériques"),
        PublicsSpecifiquementAdresses = Labels(Vocabularies.Publics, "Jeunes|Femmes"),
        PriseEnChargeSpecifique = Labels(Vocabularies.PrisesEnCharge, "Surdité|Illettrisme|Langues étrangères (anglais)"),
        FraisACharge = Labels(Vocabularies.Frais, "Gratuit sous condition|Payant"),
        DispositifProgrammesNationaux = Labels(Vocabularies.Dispositifs, "Aidants Connect|Conseillers numériques|La Croix Rouge"),
        FormationsLabels = Labels(Vocabularies.FormationsLabels, "Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)"),
        AutresFormationsLabels = Split("Label et la bête"),
        ModalitesAcces = Labels(Vocabularies.ModalitesAcces, "Se présenter|Téléphoner"),
        ModalitesAccompagnement = Labels(Vocabularies.ModalitesAccompagnement, "Dans un atelier collectif|À distance|En autonomie|Accompagnement individuel"),
        FicheAccesLibre = "https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/",
        PriseRdv = "https://www.rdv-solidarites.fr/",
    };

    [Fact]
    public void The_standards_example_row_has_no_issue() =>
        Assert.Empty(SiteValidator.Validate(ExampleRow(), new DateOnly(2026, 1, 1)));

    [Fact]
    public void The_example_pivot_is_a_siret_with_a_valid_key()
    {
        Assert.Equal(PivotKind.Siret, Pivot.Kind(ExampleRow().Pivot));
        Assert.True(Pivot.HasValidCheckDigit(ExampleRow().Pivot));
    }

    private static string[] Split(string joined) => joined.Split('|');

    // Exact parsing on purpose: the example uses the standard's own spelling of every label.
    private static T[] Labels<T>(Vocabulary<T> vocabulary, string joined) where T : struct, Enum =>
        [.. Split(joined).Select(label => vocabulary.TryParseExact(label, out var value)
            ? value
            : throw new InvalidOperationException($"« {label} » is not an exact label of {vocabulary.Name}"))];
}
