using System.Globalization;

namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// The standard's column names, as <see cref="ValidationIssue.Field"/> reports them, so that
/// importers and API clients can point back at the column of the source file.
/// </summary>
public static class SiteFields
{
    public const string Id = "id";
    public const string Pivot = "pivot";
    public const string Nom = "nom";
    public const string Commune = "commune";
    public const string CodePostal = "code_postal";
    public const string CodeInsee = "code_insee";
    public const string Adresse = "adresse";
    public const string ComplementAdresse = "complement_adresse";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string Typologie = "typologie";
    public const string Telephone = "telephone";
    public const string Courriels = "courriels";
    public const string SiteWeb = "site_web";
    public const string Horaires = "horaires";
    public const string PresentationResume = "presentation_resume";
    public const string PresentationDetail = "presentation_detail";
    public const string Source = "source";
    public const string Itinerance = "itinerance";
    public const string StructureParente = "structure_parente";
    public const string DateMaj = "date_maj";
    public const string Services = "services";
    public const string PublicsSpecifiquementAdresses = "publics_specifiquement_adresses";
    public const string PriseEnChargeSpecifique = "prise_en_charge_specifique";
    public const string FraisACharge = "frais_a_charge";
    public const string DispositifProgrammesNationaux = "dispositif_programmes_nationaux";
    public const string FormationsLabels = "formations_labels";
    public const string AutresFormationsLabels = "autres_formations_labels";
    public const string ModalitesAcces = "modalites_acces";
    public const string ModalitesAccompagnement = "modalites_accompagnement";
    public const string FicheAccesLibre = "fiche_acces_libre";
    public const string PriseRdv = "prise_rdv";

    /// <summary>The 32 columns in the order of the standard's CSV.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Id, Pivot, Nom, Commune, CodePostal, CodeInsee, Adresse, ComplementAdresse, Latitude, Longitude,
        Typologie, Telephone, Courriels, SiteWeb, Horaires, PresentationResume, PresentationDetail, Source,
        Itinerance, StructureParente, DateMaj, Services, PublicsSpecifiquementAdresses, PriseEnChargeSpecifique,
        FraisACharge, DispositifProgrammesNationaux, FormationsLabels, AutresFormationsLabels, ModalitesAcces,
        ModalitesAccompagnement, FicheAccesLibre, PriseRdv,
    ];

    /// <summary>The 32 cells of a site, in <see cref="SiteFields.All"/> order, as the standard's CSV and JSON write them (unquoted).</summary>
    public static IReadOnlyList<string> Values(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return
        [
            site.Id,
            site.Pivot,
            site.Nom,
            site.Adresse.Commune,
            site.Adresse.CodePostal,
            site.Adresse.CodeInsee ?? "",
            site.Adresse.Voie,
            site.Adresse.Complement ?? "",
            site.Location is { } l ? Number(l.Latitude) : "",
            site.Location is { } p ? Number(p.Longitude) : "",
            Join(site.Typologie, Vocabularies.Typologies),
            site.Telephone ?? "",
            Join(site.Courriels),
            Join(site.SiteWeb),
            site.Horaires ?? "",
            site.PresentationResume ?? "",
            site.PresentationDetail ?? "",
            site.Source ?? "",
            Join(site.Itinerance, Vocabularies.Itinerances),
            site.StructureParente ?? "",
            site.DateMaj.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Join(site.Services, Vocabularies.Services),
            Join(site.PublicsSpecifiquementAdresses, Vocabularies.Publics),
            Join(site.PriseEnChargeSpecifique, Vocabularies.PrisesEnCharge),
            Join(site.FraisACharge, Vocabularies.Frais),
            Join(site.DispositifProgrammesNationaux, Vocabularies.Dispositifs),
            Join(site.FormationsLabels, Vocabularies.FormationsLabels),
            Join(site.AutresFormationsLabels),
            Join(site.ModalitesAcces, Vocabularies.ModalitesAcces),
            Join(site.ModalitesAccompagnement, Vocabularies.ModalitesAccompagnement),
            site.FicheAccesLibre ?? "",
            site.PriseRdv ?? "",
        ];
    }

    // The shortest text that reads back to the same double; the standard's "number" has no
    // exponent form in its examples, so tiny values (|x| < 1e-4) are written out in full.
    private static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal)
            ? ((decimal)value).ToString(CultureInfo.InvariantCulture)
            : text;
    }

    private static string Join(IReadOnlyList<string> values) => string.Join('|', values);

    private static string Join<T>(IReadOnlyList<T> values, Vocabulary<T> vocabulary) where T : struct, Enum =>
        string.Join('|', values.Select(vocabulary.Label));
}
