using System.Collections.Frozen;
using System.Globalization;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// Turns the cells of one "lieux de médiation numérique" record (CSV row or flat JSON object,
/// keyed by the standard's field names) into a <see cref="Site"/> and its issues. Lenient on
/// what can be read without guessing (enumeration labels with other case, accents or spacing;
/// the v0.1 <c>;</c> separator; a phone number with spaces; a date as dd/mm/yyyy), each such
/// reading reported as a correction; values that cannot be read are dropped with an error,
/// and the row is rejected when the dropped value is a required one.
/// </summary>
public static class LmnRecordParser
{
    /// <summary>The 7 fields the standard requires; an error on one of them rejects the row.</summary>
    public static IReadOnlySet<string> RequiredFields { get; } = new[]
    {
        SiteFields.Id, SiteFields.Pivot, SiteFields.Nom, SiteFields.Commune,
        SiteFields.CodePostal, SiteFields.Adresse, SiteFields.DateMaj,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] _lenientDateFormats =
    [
        "dd/MM/yyyy", "d/M/yyyy", "yyyy/MM/dd", "dd-MM-yyyy", "yyyy-M-d",
    ];

    /// <summary>
    /// Parses one record. <paramref name="cell"/> returns a field's raw text, or null when the
    /// source has no such column. <paramref name="today"/> (default: today, UTC) only serves
    /// the validator's "date_maj not in the future" rule.
    /// </summary>
    public static ImportRow Parse(int rowNumber, int lineNumber, Func<string, string?> cell, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var r = new RecordReader(cell);

        var id = r.Text(SiteFields.Id);
        var resume = r.Text(SiteFields.PresentationResume);
        var detail = r.Text(SiteFields.PresentationDetail);
        if (resume is not null && !StandardPatterns.IsPresentationResume(resume) && detail is null)
        {
            // Too long for the summary but nothing lost if it becomes the detailed text.
            r.Correction(SiteFields.PresentationResume, resume,
                $"Le résumé dépasse {StandardPatterns.PresentationResumeMaxLength} caractères : il est placé dans presentation_detail, qui était vide.");
            (resume, detail) = (null, resume);
        }

        var site = new Site
        {
            Id = id ?? "",
            Pivot = r.Text(SiteFields.Pivot) ?? "",
            Nom = r.Text(SiteFields.Nom) ?? "",
            Adresse = new Adresse
            {
                Commune = r.Text(SiteFields.Commune) ?? "",
                CodePostal = r.Text(SiteFields.CodePostal) ?? "",
                CodeInsee = r.Text(SiteFields.CodeInsee),
                Voie = r.Text(SiteFields.Adresse) ?? "",
                Complement = r.Text(SiteFields.ComplementAdresse),
            },
            Location = r.Location(),
            Typologie = r.Enums(Vocabularies.Typologies),
            Telephone = r.Telephone(),
            Courriels = r.List(SiteFields.Courriels),
            SiteWeb = r.List(SiteFields.SiteWeb),
            Horaires = r.Text(SiteFields.Horaires),
            PresentationResume = resume,
            PresentationDetail = detail,
            Source = r.Text(SiteFields.Source),
            Itinerance = r.Enums(Vocabularies.Itinerances),
            StructureParente = r.Text(SiteFields.StructureParente),
            DateMaj = r.Date(SiteFields.DateMaj),
            Services = r.Enums(Vocabularies.Services),
            PublicsSpecifiquementAdresses = r.Enums(Vocabularies.Publics),
            PriseEnChargeSpecifique = r.Enums(Vocabularies.PrisesEnCharge),
            FraisACharge = r.Enums(Vocabularies.Frais),
            DispositifProgrammesNationaux = r.Enums(Vocabularies.Dispositifs),
            FormationsLabels = r.Enums(Vocabularies.FormationsLabels),
            AutresFormationsLabels = r.List(SiteFields.AutresFormationsLabels),
            ModalitesAcces = r.Enums(Vocabularies.ModalitesAcces),
            ModalitesAccompagnement = r.Enums(Vocabularies.ModalitesAccompagnement),
            FicheAccesLibre = r.Text(SiteFields.FicheAccesLibre),
            PriseRdv = r.Text(SiteFields.PriseRdv),
        };

        var issues = r.Issues;
        var parserErrors = issues.Where(i => i.Severity == ValidationSeverity.Error).ToList();
        var validated = today is { } day ? SiteValidator.Validate(site, day) : SiteValidator.Validate(site);
        foreach (var issue in validated)
        {
            // The parser already said it, with the raw text the producer wrote.
            var alreadyReported = parserErrors.Exists(e => e.Field == issue.Field
                && (RequiredFields.Contains(issue.Field) || e.Value == issue.Value || issue.Value is null));
            if (alreadyReported)
            {
                continue;
            }

            issues.Add(issue);
            if (issue.Severity == ValidationSeverity.Error && !RequiredFields.Contains(issue.Field))
            {
                site = Drop(site, issue.Field, issue.Value);
            }
        }

        var rejected = issues.Exists(i => i.Severity == ValidationSeverity.Error && RequiredFields.Contains(i.Field));
        return new ImportRow(rowNumber, lineNumber, id, rejected ? null : site, issues);
    }

    /// <summary>Removes a value the validator refused from an optional field, so that a kept row only holds valid values.</summary>
    private static Site Drop(Site site, string field, string? value) => field switch
    {
        SiteFields.CodeInsee => site with { Adresse = site.Adresse with { CodeInsee = null } },
        SiteFields.ComplementAdresse => site with { Adresse = site.Adresse with { Complement = null } },
        SiteFields.Latitude or SiteFields.Longitude => site with { Location = null },
        SiteFields.Telephone => site with { Telephone = null },
        SiteFields.Courriels => site with { Courriels = Without(site.Courriels, value) },
        SiteFields.SiteWeb => site with { SiteWeb = Without(site.SiteWeb, value) },
        SiteFields.AutresFormationsLabels => site with { AutresFormationsLabels = Without(site.AutresFormationsLabels, value) },
        SiteFields.Horaires => site with { Horaires = null },
        SiteFields.PresentationResume => site with { PresentationResume = null },
        SiteFields.PresentationDetail => site with { PresentationDetail = null },
        SiteFields.Source => site with { Source = null },
        SiteFields.StructureParente => site with { StructureParente = null },
        SiteFields.FicheAccesLibre => site with { FicheAccesLibre = null },
        SiteFields.PriseRdv => site with { PriseRdv = null },
        _ => site,
    };

    private static IReadOnlyList<string> Without(IReadOnlyList<string> values, string? value) =>
        value is null ? [] : values.Where(v => v != value).ToArray();

    /// <summary>Reads the cells of one record and collects what had to be corrected or dropped.</summary>
    private sealed class RecordReader(Func<string, string?> cell)
    {
        public List<ValidationIssue> Issues { get; } = [];

        public void Correction(string field, string? value, string message) =>
            Issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Correction));

        public void Error(string field, string? value, string message) =>
            Issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Error));

        /// <summary>The trimmed text, or null when empty or absent.</summary>
        public string? Text(string field)
        {
            var raw = cell(field);
            return string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        }

        public GeoPoint? Location()
        {
            var latitude = Number(SiteFields.Latitude);
            var longitude = Number(SiteFields.Longitude);
            if (latitude is { } lat && longitude is { } lon)
            {
                return new GeoPoint(lat, lon);
            }

            // A position needs both; one alone is dropped rather than paired with a guess.
            if (latitude is not null && Text(SiteFields.Longitude) is null)
            {
                Error(SiteFields.Longitude, null, "La longitude est absente alors que la latitude est renseignée : la position est ignorée.");
            }
            else if (longitude is not null && Text(SiteFields.Latitude) is null)
            {
                Error(SiteFields.Latitude, null, "La latitude est absente alors que la longitude est renseignée : la position est ignorée.");
            }

            return null;
        }

        private double? Number(string field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            // A French spreadsheet writes 47,32: unambiguous for a single number.
            var dotted = text.Replace(',', '.');
            if (text.Count(c => c == ',') == 1 && !text.Contains('.', StringComparison.Ordinal)
                && double.TryParse(dotted, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                Correction(field, text, $"Virgule décimale remplacée par un point : « {text} » lu comme {dotted}.");
                return value;
            }

            Error(field, text, $"« {text} » n'est pas un nombre en degrés décimaux (par exemple 47.32191) : la position est ignorée.");
            return null;
        }

        public string? Telephone()
        {
            var text = Text(SiteFields.Telephone);
            if (text is null || Domain.Sites.Telephone.IsNormalized(text))
            {
                return text;
            }

            if (Domain.Sites.Telephone.TryNormalize(text, out var normalized))
            {
                Correction(SiteFields.Telephone, text, $"Numéro mis au format international : « {text} » devient « {normalized} ».");
                return normalized;
            }

            Error(SiteFields.Telephone, text,
                $"Le téléphone « {text} » n'est pas un numéro français reconnaissable : un seul numéro au format +33XXXXXXXXX est attendu ; la valeur est ignorée.");
            return null;
        }

        public DateOnly Date(string field)
        {
            var text = Text(field);
            if (text is null)
            {
                Error(field, null, "La date de mise à jour (date_maj) est obligatoire, au format AAAA-MM-JJ.");
                return default;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            // A timestamp (2024-04-02T10:00:00+02:00) keeps the day its producer wrote.
            var lenient = DateOnly.TryParseExact(text, _lenientDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                || (text.Length > 10 && text[10] is 'T' or ' '
                    && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date));
            if (lenient)
            {
                var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Correction(field, text, $"Date lue comme {iso} (format AAAA-MM-JJ attendu).");
                return date;
            }

            Error(field, text, $"La date « {text} » n'est pas au format AAAA-MM-JJ (par exemple 2024-04-02).");
            return default;
        }

        /// <summary>The values of a multi-valued field: <c>|</c>-separated, or <c>;</c> (v0.1) when there is no <c>|</c>.</summary>
        public IReadOnlyList<string> List(string field)
        {
            var text = Text(field);
            if (text is null)
            {
                return [];
            }

            var separator = '|';
            if (!text.Contains('|', StringComparison.Ordinal) && text.Contains(';', StringComparison.Ordinal))
            {
                separator = ';';
                Correction(field, text, "Séparateur « ; » de la version 0.1 du standard lu comme « | ».");
            }

            var parts = text.Split(separator, StringSplitOptions.TrimEntries);
            var values = parts.Where(p => p.Length > 0).ToArray();
            if (values.Length != parts.Length)
            {
                Correction(field, text, "Valeur vide entre deux séparateurs ignorée.");
            }

            return values;
        }

        /// <summary>An enumeration field: exact labels, then lenient ones (corrected), unknown ones dropped with an error.</summary>
        public IReadOnlyList<T> Enums<T>(Vocabulary<T> vocabulary) where T : struct, Enum
        {
            var field = vocabulary.Name;
            var values = new List<T>();
            foreach (var text in List(field))
            {
                if (vocabulary.TryParseExact(text, out var value))
                {
                    values.Add(value);
                }
                else if (vocabulary.TryParseLenient(text, out value))
                {
                    values.Add(value);
                    Correction(field, text, $"« {text} » lu comme « {vocabulary.Label(value)} », la valeur exacte du standard.");
                }
                else
                {
                    Error(field, text, $"« {text} » ne fait pas partie des valeurs du standard pour {field} : la valeur est ignorée.");
                }
            }

            return values;
        }
    }
}
