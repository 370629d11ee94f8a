using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sites;

/// <summary>Between the domain record and its stored row. Lists are kept as the standard's pipe-joined labels.</summary>
public static class SiteMapping
{
    private const char Separator = '|';

    public static Site ToDomain(this SiteEntity e) => new()
    {
        Id = e.SourceId,
        Pivot = e.Pivot,
        Nom = e.Nom,
        Adresse = new Adresse
        {
            Voie = e.Adresse,
            Complement = e.ComplementAdresse,
            CodePostal = e.CodePostal,
            CodeInsee = e.CodeInsee,
            Commune = e.Commune,
        },
        Location = e.Latitude is { } lat && e.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
        Typologie = Parse(e.Typologie, Vocabularies.Typologies),
        Telephone = e.Telephone,
        Courriels = Split(e.Courriels),
        SiteWeb = Split(e.SiteWeb),
        Horaires = e.Horaires,
        PresentationResume = e.PresentationResume,
        PresentationDetail = e.PresentationDetail,
        Source = e.Source,
        Itinerance = Parse(e.Itinerance, Vocabularies.Itinerances),
        StructureParente = e.StructureParente,
        DateMaj = e.DateMaj,
        Services = Parse(e.Services, Vocabularies.Services),
        PublicsSpecifiquementAdresses = Parse(e.PublicsSpecifiquementAdresses, Vocabularies.Publics),
        PriseEnChargeSpecifique = Parse(e.PriseEnChargeSpecifique, Vocabularies.PrisesEnCharge),
        FraisACharge = Parse(e.FraisACharge, Vocabularies.Frais),
        DispositifProgrammesNationaux = Parse(e.DispositifProgrammesNationaux, Vocabularies.Dispositifs),
        FormationsLabels = Parse(e.FormationsLabels, Vocabularies.FormationsLabels),
        AutresFormationsLabels = Split(e.AutresFormationsLabels),
        ModalitesAcces = Parse(e.ModalitesAcces, Vocabularies.ModalitesAcces),
        ModalitesAccompagnement = Parse(e.ModalitesAccompagnement, Vocabularies.ModalitesAccompagnement),
        FicheAccesLibre = e.FicheAccesLibre,
        PriseRdv = e.PriseRdv,
        Closures = TemporaryNoticesJson.ParseClosures(e.Closures),
        Notices = TemporaryNoticesJson.ParseNotices(e.Notices),
        LanguesParlees = SpokenLanguages.Parse(e.LanguesParlees),
    };

    /// <summary>Copies the standard's fields of <paramref name="site"/> onto <paramref name="e"/>.</summary>
    public static void CopyFrom(this SiteEntity e, Site site)
    {
        e.SourceId = site.Id;
        e.Pivot = site.Pivot;
        e.Nom = site.Nom;
        e.Adresse = site.Adresse.Voie;
        e.ComplementAdresse = site.Adresse.Complement;
        e.CodePostal = site.Adresse.CodePostal;
        e.CodeInsee = site.Adresse.CodeInsee;
        e.Commune = site.Adresse.Commune;
        e.Latitude = site.Location?.Latitude;
        e.Longitude = site.Location?.Longitude;
        e.Typologie = Join(site.Typologie, Vocabularies.Typologies);
        e.Telephone = site.Telephone;
        e.Courriels = Join(site.Courriels);
        e.SiteWeb = Join(site.SiteWeb);
        e.Horaires = site.Horaires;
        e.PresentationResume = site.PresentationResume;
        e.PresentationDetail = site.PresentationDetail;
        e.Source = site.Source;
        e.Itinerance = Join(site.Itinerance, Vocabularies.Itinerances);
        e.StructureParente = site.StructureParente;
        e.DateMaj = site.DateMaj;
        e.Services = Join(site.Services, Vocabularies.Services);
        e.PublicsSpecifiquementAdresses = Join(site.PublicsSpecifiquementAdresses, Vocabularies.Publics);
        e.PriseEnChargeSpecifique = Join(site.PriseEnChargeSpecifique, Vocabularies.PrisesEnCharge);
        e.FraisACharge = Join(site.FraisACharge, Vocabularies.Frais);
        e.DispositifProgrammesNationaux = Join(site.DispositifProgrammesNationaux, Vocabularies.Dispositifs);
        e.FormationsLabels = Join(site.FormationsLabels, Vocabularies.FormationsLabels);
        e.AutresFormationsLabels = Join(site.AutresFormationsLabels);
        e.ModalitesAcces = Join(site.ModalitesAcces, Vocabularies.ModalitesAcces);
        e.ModalitesAccompagnement = Join(site.ModalitesAccompagnement, Vocabularies.ModalitesAccompagnement);
        e.FicheAccesLibre = site.FicheAccesLibre;
        e.PriseRdv = site.PriseRdv;
    }

    /// <summary>The standard's columns as stored, by the standard's field names (for diffs and change history).</summary>
    public static IEnumerable<(string Field, object? Value)> StandardColumns(this SiteEntity e)
    {
        yield return ("id", e.SourceId);
        yield return ("pivot", e.Pivot);
        yield return ("nom", e.Nom);
        yield return ("commune", e.Commune);
        yield return ("code_postal", e.CodePostal);
        yield return ("code_insee", e.CodeInsee);
        yield return ("adresse", e.Adresse);
        yield return ("complement_adresse", e.ComplementAdresse);
        yield return ("latitude", e.Latitude);
        yield return ("longitude", e.Longitude);
        yield return ("typologie", e.Typologie);
        yield return ("telephone", e.Telephone);
        yield return ("courriels", e.Courriels);
        yield return ("site_web", e.SiteWeb);
        yield return ("horaires", e.Horaires);
        yield return ("presentation_resume", e.PresentationResume);
        yield return ("presentation_detail", e.PresentationDetail);
        yield return ("source", e.Source);
        yield return ("itinerance", e.Itinerance);
        yield return ("structure_parente", e.StructureParente);
        yield return ("date_maj", e.DateMaj);
        yield return ("services", e.Services);
        yield return ("publics_specifiquement_adresses", e.PublicsSpecifiquementAdresses);
        yield return ("prise_en_charge_specifique", e.PriseEnChargeSpecifique);
        yield return ("frais_a_charge", e.FraisACharge);
        yield return ("dispositif_programmes_nationaux", e.DispositifProgrammesNationaux);
        yield return ("formations_labels", e.FormationsLabels);
        yield return ("autres_formations_labels", e.AutresFormationsLabels);
        yield return ("modalites_acces", e.ModalitesAcces);
        yield return ("modalites_accompagnement", e.ModalitesAccompagnement);
        yield return ("fiche_acces_libre", e.FicheAccesLibre);
        yield return ("prise_rdv", e.PriseRdv);
    }

    /// <summary>The standard's fields whose stored values differ between two rows.</summary>
    public static IReadOnlyList<string> ChangedFields(SiteEntity before, SiteEntity after) =>
        [.. before.StandardColumns().Zip(after.StandardColumns())
            .Where(pair => !Equals(pair.First.Value, pair.Second.Value))
            .Select(pair => pair.First.Field)];

    private static string? Join(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : string.Join(Separator, values);

    private static string? Join<T>(IReadOnlyList<T> values, Vocabulary<T> vocabulary) where T : struct, Enum =>
        values.Count == 0 ? null : string.Join(Separator, values.Select(vocabulary.Label));

    private static string[] Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(Separator);

    private static T[] Parse<T>(string? joined, Vocabulary<T> vocabulary) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(joined))
        {
            return [];
        }

        var labels = joined.Split(Separator);
        var values = new List<T>(labels.Length);
        foreach (var label in labels)
        {
            // Rows are written by CopyFrom only, so a label that no longer parses means the
            // vocabulary changed under stored data: fail loudly rather than drop a value.
            if (!vocabulary.TryParseExact(label, out var value))
            {
                throw new InvalidOperationException($"Valeur « {label} » inconnue pour {vocabulary.Name} en base.");
            }

            values.Add(value);
        }

        return [.. values];
    }
}
