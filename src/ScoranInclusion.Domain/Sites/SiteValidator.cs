using System.Globalization;

namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// Checks a site against the rules of the national standard v1.0.2 (schema.json patterns,
/// required fields) and a few rules of the ANCT library. Nothing is corrected here: each
/// problem becomes a <see cref="ValidationIssue"/> whose message, in French, says what is
/// wrong and what is expected, so that importers can show it to the data producer.
/// </summary>
public static class SiteValidator
{
    /// <summary>Validates against today's date (UTC); see <see cref="Validate(Site, DateOnly)"/>.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Site site) =>
        Validate(site, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>
    /// The issues of <paramref name="site"/>, in the standard's column order; empty when the site is clean.
    /// <paramref name="today"/> is only used to refuse a <c>date_maj</c> in the future.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> Validate(Site site, DateOnly today)
    {
        var issues = new List<ValidationIssue>();

        Required(issues, SiteFields.Id, site.Id, "L'identifiant du lieu (id) est obligatoire.");
        CheckPivot(issues, site.Pivot);
        Required(issues, SiteFields.Nom, site.Nom, "Le nom du lieu est obligatoire.");
        CheckAdresse(issues, site.Adresse);
        CheckLocation(issues, site.Location);
        CheckEnumList(issues, site.Typologie, Vocabularies.Typologies);
        CheckTelephone(issues, site.Telephone);
        // Mailbox names are case-insensitive in practice, so "Contact@x.fr" duplicates "contact@x.fr".
        CheckStringList(issues, SiteFields.Courriels, site.Courriels, StringComparer.OrdinalIgnoreCase,
            v => StandardPatterns.IsEmail(v) ? null : $"L'adresse e-mail « {v} » n'est pas valide : une adresse de la forme nom@domaine.fr est attendue.");
        CheckStringList(issues, SiteFields.SiteWeb, site.SiteWeb, StringComparer.Ordinal,
            v => StandardPatterns.IsHttpUrl(v) ? null : $"Le site web doit être une adresse complète commençant par https:// ou http:// {Recu(v)}.");
        CheckResume(issues, site.PresentationResume);
        CheckEnumList(issues, site.Itinerance, Vocabularies.Itinerances);
        CheckDateMaj(issues, site.DateMaj, today);
        CheckEnumList(issues, site.Services, Vocabularies.Services);
        CheckEnumList(issues, site.PublicsSpecifiquementAdresses, Vocabularies.Publics);
        CheckEnumList(issues, site.PriseEnChargeSpecifique, Vocabularies.PrisesEnCharge);
        CheckEnumList(issues, site.FraisACharge, Vocabularies.Frais);
        CheckEnumList(issues, site.DispositifProgrammesNationaux, Vocabularies.Dispositifs);
        CheckEnumList(issues, site.FormationsLabels, Vocabularies.FormationsLabels);
        CheckStringList(issues, SiteFields.AutresFormationsLabels, site.AutresFormationsLabels, StringComparer.Ordinal);
        CheckEnumList(issues, site.ModalitesAcces, Vocabularies.ModalitesAcces);
        CheckEnumList(issues, site.ModalitesAccompagnement, Vocabularies.ModalitesAccompagnement);
        CheckUrl(issues, SiteFields.FicheAccesLibre, site.FicheAccesLibre,
            "La fiche Acceslibre doit être une adresse complète commençant par https:// ou http://, par exemple https://acceslibre.beta.gouv.fr/app/…");
        CheckUrl(issues, SiteFields.PriseRdv, site.PriseRdv,
            "Le lien de prise de rendez-vous doit être une adresse complète commençant par https:// ou http://");
        CheckOpenToPublic(issues, site);

        return issues;
    }

    private static void CheckPivot(List<ValidationIssue> issues, string pivot)
    {
        if (!Required(issues, SiteFields.Pivot, pivot,
            $"Le pivot (SIRET ou RNA) est obligatoire ; s'il est inconnu, indiquez {Pivot.Unknown}."))
        {
            return;
        }

        if (!Pivot.IsValid(pivot))
        {
            Error(issues, SiteFields.Pivot, pivot,
                $"Le pivot doit être un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 caractères), sans espace ni ponctuation {Recu(pivot)}.");
            return;
        }

        var kind = Pivot.Kind(pivot);
        if ((kind is PivotKind.Siret or PivotKind.Siren) && !Pivot.HasValidCheckDigit(pivot))
        {
            var name = kind == PivotKind.Siret ? "SIRET" : "SIREN";
            Warning(issues, SiteFields.Pivot, pivot,
                $"La clé de contrôle du {name} « {pivot} » est incorrecte : le numéro est conservé mais semble mal recopié ; vérifiez-le sur annuaire-entreprises.data.gouv.fr.");
        }
    }

    private static void CheckAdresse(List<ValidationIssue> issues, Adresse adresse)
    {
        Required(issues, SiteFields.Commune, adresse.Commune, "Le nom de la commune est obligatoire.");

        var codePostalOk = Required(issues, SiteFields.CodePostal, adresse.CodePostal, "Le code postal est obligatoire.");
        if (codePostalOk && !StandardPatterns.IsCodePostal(adresse.CodePostal))
        {
            codePostalOk = false;
            Error(issues, SiteFields.CodePostal, adresse.CodePostal,
                $"Le code postal doit comporter 5 chiffres {Recu(adresse.CodePostal)}.");
        }

        if (!string.IsNullOrWhiteSpace(adresse.CodeInsee))
        {
            if (!StandardPatterns.IsCodeInsee(adresse.CodeInsee))
            {
                Error(issues, SiteFields.CodeInsee, adresse.CodeInsee,
                    $"Le code INSEE de la commune doit comporter 5 caractères : le département sur 2 chiffres (2A ou 2B pour la Corse) puis 3 chiffres {Recu(adresse.CodeInsee)}.");
            }
            else if (codePostalOk && !StandardPatterns.CodeInseeMatchesCodePostal(adresse.CodeInsee, adresse.CodePostal))
            {
                Warning(issues, SiteFields.CodeInsee, adresse.CodeInsee,
                    $"Le code INSEE « {adresse.CodeInsee} » n'est pas dans le département du code postal « {adresse.CodePostal} » : vérifiez la commune (le code est conservé).");
            }
        }

        Required(issues, SiteFields.Adresse, adresse.Voie, "L'adresse (numéro et voie) est obligatoire.");
    }

    private static void CheckLocation(List<ValidationIssue> issues, GeoPoint? location)
    {
        if (location is not { } point)
        {
            return;
        }

        var latitudeOk = CheckCoordinate(issues, SiteFields.Latitude, "La latitude", point.Latitude, 90);
        var longitudeOk = CheckCoordinate(issues, SiteFields.Longitude, "La longitude", point.Longitude, 180);

        // (0, 0) is what a failed geocoding or an empty cell read as a number produces.
        if (latitudeOk && longitudeOk && point.Latitude == 0 && point.Longitude == 0)
        {
            Error(issues, SiteFields.Latitude, point.ToString(),
                "Les coordonnées (0, 0) désignent un point du golfe de Guinée, signe d'un géocodage manqué : indiquez la position réelle du lieu ou laissez latitude et longitude vides.");
        }
    }

    private static bool CheckCoordinate(List<ValidationIssue> issues, string field, string name, double value, double limit)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            Error(issues, field, text, $"{name} doit être un nombre en degrés décimaux {Recu(text)}.");
            return false;
        }

        if (Math.Abs(value) > limit)
        {
            Error(issues, field, text, $"{name} doit être comprise entre -{limit} et {limit} degrés {Recu(text)}.");
            return false;
        }

        return true;
    }

    private static void CheckTelephone(List<ValidationIssue> issues, string? telephone)
    {
        if (!string.IsNullOrWhiteSpace(telephone) && !StandardPatterns.IsTelephone(telephone))
        {
            Error(issues, SiteFields.Telephone, telephone,
                $"Le téléphone doit être un seul numéro au format international, sans espace ni point, par exemple +33380488414 {Recu(telephone)}.");
        }
    }

    private static void CheckResume(List<ValidationIssue> issues, string? resume)
    {
        if (resume is not null && !StandardPatterns.IsPresentationResume(resume))
        {
            Error(issues, SiteFields.PresentationResume, resume,
                $"Le résumé de présentation ne doit pas dépasser {StandardPatterns.PresentationResumeMaxLength} caractères (reçu {StandardPatterns.Length(resume)} caractères) ; le texte complet a sa place dans presentation_detail.");
        }
    }

    private static void CheckDateMaj(List<ValidationIssue> issues, DateOnly dateMaj, DateOnly today)
    {
        var text = dateMaj.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (dateMaj == default)
        {
            Error(issues, SiteFields.DateMaj, text, "La date de mise à jour (date_maj) est obligatoire, au format AAAA-MM-JJ.");
            return;
        }

        // One day of slack: a producer east of UTC (e.g. New Caledonia) is already "tomorrow".
        if (dateMaj > today.AddDays(1))
        {
            Error(issues, SiteFields.DateMaj, text,
                $"La date de mise à jour ne peut pas être dans le futur : au plus tard le {today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} est attendu {Recu(text)}.");
        }
    }

    private static void CheckUrl(List<ValidationIssue> issues, string field, string? url, string expected)
    {
        if (!string.IsNullOrWhiteSpace(url) && !StandardPatterns.IsHttpUrl(url))
        {
            Error(issues, field, url, $"{expected} {Recu(url)}.");
        }
    }

    private static void CheckOpenToPublic(List<ValidationIssue> issues, Site site)
    {
        if (site.Services.Count == 0 && !site.ModalitesAcces.Contains(ModaliteAcces.CeLieuNAccueillePasDePublic))
        {
            var label = Vocabularies.ModalitesAcces.Label(ModaliteAcces.CeLieuNAccueillePasDePublic);
            Warning(issues, SiteFields.Services, null,
                $"Aucun service n'est renseigné : la bibliothèque du standard traite alors le lieu comme n'accueillant pas de public et ignore ses publics, prises en charge, frais, itinérance et modalités d'accompagnement. Renseignez au moins un service, ou indiquez « {label} » dans modalites_acces.");
        }
    }

    private static void CheckEnumList<T>(List<ValidationIssue> issues, IReadOnlyList<T> values, Vocabulary<T> vocabulary) where T : struct, Enum
    {
        var seen = new HashSet<T>();
        var reported = new HashSet<T>();
        foreach (var value in values)
        {
            if (!Enum.IsDefined(value))
            {
                Error(issues, vocabulary.Name, value.ToString(),
                    $"La valeur « {value} » ne fait pas partie de la liste du standard pour {vocabulary.Name}.");
            }
            else if (!seen.Add(value) && reported.Add(value))
            {
                Duplicate(issues, vocabulary.Name, vocabulary.Label(value));
            }
        }
    }

    private static void CheckStringList(
        List<ValidationIssue> issues,
        string field,
        IReadOnlyList<string> values,
        StringComparer comparer,
        Func<string, string?>? formatProblem = null)
    {
        var seen = new HashSet<string>(comparer);
        var reported = new HashSet<string>(comparer);
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(issues, field, value, $"Une valeur vide figure dans {field} : retirez-la.");
            }

            // The CSV form joins the values with "|", so one containing it would split in two on export.
            else if (value.Contains('|', StringComparison.Ordinal))
            {
                Error(issues, field, value,
                    $"La valeur « {value} » contient « | », le séparateur des valeurs multiples du standard : donnez chaque valeur séparément.");
            }
            else if (formatProblem?.Invoke(value) is { } problem)
            {
                Error(issues, field, value, problem);
            }
            else if (!seen.Add(value) && reported.Add(value))
            {
                Duplicate(issues, field, value);
            }
        }
    }

    private static void Duplicate(List<ValidationIssue> issues, string field, string value) =>
        Warning(issues, field, value, $"La valeur « {value} » figure plusieurs fois dans {field} : une seule occurrence est attendue.");

    /// <summary>Adds an error when <paramref name="value"/> is blank; true when it is present.</summary>
    private static bool Required(List<ValidationIssue> issues, string field, string? value, string message)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Error(issues, field, value, message);
        return false;
    }

    private static string Recu(string? value) => $"(reçu « {value} »)";

    private static void Error(List<ValidationIssue> issues, string field, string? value, string message) =>
        issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Error));

    private static void Warning(List<ValidationIssue> issues, string field, string? value, string message) =>
        issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Warning));
}
