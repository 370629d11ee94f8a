using System.Collections.Frozen;
using System.Globalization;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// Turns the fields of one "lieux de médiation numérique" record (CSV row, flat or nested
/// JSON object, data.inclusion structure, converted MedNum BFC row) into a <see cref="Site"/>
/// and its issues, so that every format reports alike. Lenient on what can be read without
/// guessing (enumeration labels with other case, accents or spacing; the v0.1 <c>;</c>
/// separator, column names and labels; a phone number with spaces; a date as dd/mm/yyyy; a
/// postcode that lost its leading zero), each such reading reported as a correction; values
/// that cannot be read are dropped with an error, and the row is rejected when the dropped
/// value is a required one.
/// </summary>
public static class LmnRecordParser
{
    /// <summary>
    /// The longest value accepted in a field, in characters: data.inclusion's bound for a
    /// description. Longer text is refused (the field is dropped with an error) rather than
    /// stored: it is a broken file (an unclosed quote swallowing the rest) far more often
    /// than a real description.
    /// </summary>
    public const int MaxFieldLength = 10_000;

    /// <summary>The longest identifier accepted (a UUID is 36 characters, data.inclusion's are below 100).</summary>
    public const int MaxIdLength = 200;

    /// <summary>The 7 fields the standard requires; an error on one of them rejects the row.</summary>
    public static IReadOnlySet<string> RequiredFields { get; } = new[]
    {
        SiteFields.Id, SiteFields.Pivot, SiteFields.Nom, SiteFields.Commune,
        SiteFields.CodePostal, SiteFields.Adresse, SiteFields.DateMaj,
    }.ToFrozenSet(StringComparer.Ordinal);

    // Messages are French: counts are written the French way (10 000), whatever the machine's culture,
    // with a plain space that any console shows.
    private static readonly NumberFormatInfo _french = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

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
        return Parse(rowNumber, lineNumber, new CellRecord(cell), today);
    }

    /// <summary>Parses one record whose multi-valued fields may come as separate values (see <see cref="ILmnRecord.Values"/>).</summary>
    public static ImportRow Parse(int rowNumber, int lineNumber, ILmnRecord record, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var r = new RecordReader(record);

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
                CodePostal = r.Code(SiteFields.CodePostal) ?? "",
                CodeInsee = r.Code(SiteFields.CodeInsee),
                Voie = r.Text(SiteFields.Adresse) ?? "",
                Complement = r.Text(SiteFields.ComplementAdresse),
            },
            Location = r.Location(),
            Typologie = r.Enums(Vocabularies.Typologies),
            Telephone = r.Telephone(),
            Courriels = r.List(SiteFields.Courriels),
            SiteWeb = r.Urls(SiteFields.SiteWeb),
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

        site = CheckHoraires(site, issues);
        var rejected = r.RejectsRow || issues.Exists(i => i.Severity == ValidationSeverity.Error && RequiredFields.Contains(i.Field));
        return new ImportRow(rowNumber, lineNumber, id, rejected ? null : site, issues);
    }

    /// <summary>
    /// The error for a value holding a control character (see <see cref="ControlCharacters"/>),
    /// or null: the character and its position named, the value shown with the character made
    /// visible. Such an error rejects its row, whatever the field.
    /// </summary>
    public static ValidationIssue? ControlCharacterIssue(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = ControlCharacters.IndexOfForbidden(value);
        if (at < 0)
        {
            return null;
        }

        return new ValidationIssue(field, Excerpt(ControlCharacters.Visible(value.Trim())),
            string.Create(_french, $"La valeur contient le caractère de contrôle {ControlCharacters.Describe(value[at])} (caractère {at + 1}), qui n'a pas de sens dans un texte : le fichier est abîmé ou mal exporté à cet endroit. La ligne est rejetée ; corrigez cette cellule puis importez de nouveau."),
            ValidationSeverity.Error);
    }

    /// <summary>At most <paramref name="maxLength"/> characters of <paramref name="value"/>, cut on a character boundary and ended with « … » when cut.</summary>
    public static string Excerpt(string value, int maxLength = 80)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= maxLength)
        {
            return value;
        }

        // Do not cut an emoji or an accented letter written as two code units in half.
        var cut = maxLength - 1;
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return string.Concat(value.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// <c>horaires</c> must be an OSM opening_hours expression that the search can evaluate: a
    /// slip with one obvious repair (the parser's suggestion) is corrected, anything else is
    /// dropped with the parser's French explanation (no hours rather than wrong hours). A valid
    /// expression is kept exactly as written.
    /// </summary>
    private static Site CheckHoraires(Site site, List<ValidationIssue> issues)
    {
        if (site.Horaires is not { } horaires)
        {
            return site;
        }

        OpeningHoursParseResult result;
        try
        {
            result = OpeningHoursParser.Parse(horaires);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A text the hours parser did not foresee is this value's problem, not the import's.
            issues.Add(new ValidationIssue(SiteFields.Horaires, horaires,
                $"Les horaires n'ont pas pu être analysés ({e.GetType().Name}) : ils ne sont pas repris.", ValidationSeverity.Error));
            return site with { Horaires = null };
        }

        if (result.IsValid)
        {
            return site;
        }

        var first = result.Errors[0];
        if (first.Suggestion is { } suggestion)
        {
            issues.Add(new ValidationIssue(SiteFields.Horaires, horaires,
                $"Horaires corrigés en « {suggestion} » : {first.Message.TrimEnd('.', ' ')}.",
                ValidationSeverity.Correction));
            return site with { Horaires = suggestion };
        }

        var where = first.Position < horaires.Length ? $" (caractère {first.Position + 1}, « {horaires[first.Position..Math.Min(horaires.Length, first.Position + Math.Max(first.Length, 1))]} »)" : " (à la fin)";
        var others = result.Errors.Count > 1 ? $" ; {result.Errors.Count - 1} autre(s) problème(s)" : "";
        issues.Add(new ValidationIssue(SiteFields.Horaires, horaires,
            $"Les horaires ne sont pas au format OpenStreetMap opening_hours{where} : {first.Message.TrimEnd('.', ' ')}{others}. Ils ne sont pas repris ; exemple attendu : Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00.",
            ValidationSeverity.Error));
        return site with { Horaires = null };
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

    private sealed class CellRecord(Func<string, string?> cell) : ILmnRecord
    {
        public string? Text(string field) => cell(field);

        public IReadOnlyList<string>? Values(string field) => null;
    }

    /// <summary>Reads the fields of one record and collects what had to be corrected or dropped.</summary>
    private sealed class RecordReader
    {
        private readonly ILmnRecord _record;
        private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);

        // v1 values read from v0.1 columns (conditions_acces…), by v1 field.
        private readonly Dictionary<string, List<string>> _legacyValues = new(StringComparer.Ordinal);

        public RecordReader(ILmnRecord record)
        {
            _record = record;
            ReadLegacyColumns();
        }

        public List<ValidationIssue> Issues { get; } = [];

        /// <summary>Whether a value made the whole row untrustworthy (a control character), whatever its field.</summary>
        public bool RejectsRow { get; private set; }

        public void Correction(string field, string? value, string message) =>
            Issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Correction));

        public void Error(string field, string? value, string message) =>
            Issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Error));

        public void Warning(string field, string? value, string message) =>
            Issues.Add(new ValidationIssue(field, value, message, ValidationSeverity.Warning));

        /// <summary>The trimmed text, or null when empty, absent, or refused (too long); read once per field.</summary>
        public string? Text(string field)
        {
            if (!_texts.TryGetValue(field, out var text))
            {
                text = Clean(field, RawText(field));
                _texts[field] = text;
            }

            return text;
        }

        /// <summary>A postcode or INSEE code, with the leading zero a spreadsheet dropped put back, and spaces removed.</summary>
        public string? Code(string field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }

            var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            if (compact.Length == 4 && compact.All(char.IsAsciiDigit))
            {
                var padded = "0" + compact;
                Correction(field, text, $"« {text} » lu comme « {padded} » : le zéro initial avait été perdu (cellule de tableur au format nombre).");
                return padded;
            }

            if (compact != text && compact.Length == 5 && compact.All(char.IsAsciiDigit))
            {
                Correction(field, text, $"Espaces retirées : « {text} » lu comme « {compact} ».");
                return compact;
            }

            return text;
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
                if (!Issues.Exists(i => i.Field == field && i.Severity == ValidationSeverity.Error))
                {
                    Error(field, null, "La date de mise à jour (date_maj) est obligatoire, au format AAAA-MM-JJ.");
                }

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

        /// <summary>
        /// The values of a multi-valued field: separate values when the source has them (JSON
        /// arrays), else the text split on <c>|</c>, or on <c>;</c> (v0.1) when there is no <c>|</c>;
        /// plus what v0.1 columns gave this field.
        /// </summary>
        public IReadOnlyList<string> List(string field)
        {
            var values = new List<string>();
            var given = RawValues(field);
            if (given is not null)
            {
                var blanks = 0;
                foreach (var raw in given)
                {
                    if (Clean(field, raw) is { } value)
                    {
                        values.Add(value);
                    }
                    else if (string.IsNullOrWhiteSpace(raw))
                    {
                        blanks++;
                    }
                }

                if (blanks > 0)
                {
                    Correction(field, null, "Valeur vide de la liste ignorée.");
                }
            }
            else if (Text(field) is { } text)
            {
                var separator = '|';
                if (!text.Contains('|', StringComparison.Ordinal) && text.Contains(';', StringComparison.Ordinal))
                {
                    separator = ';';
                    Correction(field, text, "Séparateur « ; » de la version 0.1 du standard lu comme « | ».");
                }

                var parts = text.Split(separator, StringSplitOptions.TrimEntries);
                values.AddRange(parts.Where(p => p.Length > 0));
                if (values.Count != parts.Length)
                {
                    Correction(field, text, "Valeur vide entre deux séparateurs ignorée.");
                }
            }

            foreach (var extra in _legacyValues.GetValueOrDefault(field) ?? [])
            {
                if (!values.Contains(extra, StringComparer.Ordinal))
                {
                    values.Add(extra);
                }
            }

            return values;
        }

        /// <summary>URLs, with v0.1's comma-separated lists (« https://a.fr/,https://b.fr/ ») split.</summary>
        public IReadOnlyList<string> Urls(string field)
        {
            var values = new List<string>();
            foreach (var value in List(field))
            {
                // A comma is legal in a URL, but not before a second "https://".
                var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 1 && parts.All(p => p.StartsWith("http", StringComparison.OrdinalIgnoreCase) && StandardPatterns.IsHttpUrl(p)))
                {
                    Correction(field, value, $"Adresses séparées par des virgules (version 0.1 du standard) : lues comme {parts.Length} valeurs.");
                    values.AddRange(parts);
                }
                else
                {
                    values.Add(value);
                }
            }

            return values;
        }

        /// <summary>An enumeration field: exact labels, then lenient ones and v0.1 ones (corrected), unknown ones dropped with an error.</summary>
        public IReadOnlyList<T> Enums<T>(Vocabulary<T> vocabulary) where T : struct, Enum
        {
            var field = vocabulary.Name;
            var values = new List<T>();
            var legacy = _legacyValues.GetValueOrDefault(field) ?? [];
            foreach (var text in List(field))
            {
                if (vocabulary.TryParseExact(text, out var value))
                {
                    // Values from a v0.1 column are already reported, and may repeat (two old labels, one new).
                    if (!legacy.Contains(text, StringComparer.Ordinal) || !values.Contains(value))
                    {
                        values.Add(value);
                    }
                }
                else if (vocabulary.TryParseLenient(text, out value))
                {
                    values.Add(value);
                    Correction(field, text, $"« {text} » lu comme « {vocabulary.Label(value)} », la valeur exacte du standard.");
                }
                else if (LmnLegacy.TryMapInColumn(field, text, out var label) && vocabulary.TryParseExact(label, out value))
                {
                    if (!values.Contains(value))
                    {
                        values.Add(value);
                    }

                    Correction(field, text, $"« {text} » (valeur de la version 0.1 du standard) lu comme « {label} ».");
                }
                else
                {
                    Error(field, text, $"« {text} » ne fait pas partie des valeurs du standard pour {field} : la valeur est ignorée.");
                }
            }

            return values;
        }

        private string? RawText(string field)
        {
            var text = _record.Text(field);
            if (text is null && _record.Values(field) is null && LmnLegacy.LegacyNameOf(field) is { } legacy)
            {
                text = _record.Text(legacy);
            }

            return text;
        }

        private IReadOnlyList<string>? RawValues(string field)
        {
            var values = _record.Values(field);
            if (values is null && _record.Text(field) is null && LmnLegacy.LegacyNameOf(field) is { } legacy)
            {
                values = _record.Values(legacy);
            }

            return values;
        }

        /// <summary>
        /// The value as the site may hold it: blank as null, trimmed, refused beyond the length
        /// limit; a replacement character (text decoded with the wrong encoding) is reported. A
        /// control character (NUL, ESC…, see <see cref="ControlCharacters"/>) refuses the value
        /// and rejects the whole row: the file was damaged there, so nothing in that row is
        /// trusted, and removing the character would store a value nobody wrote.
        /// </summary>
        private string? Clean(string field, string? raw)
        {
            if (raw is null)
            {
                return null;
            }

            if (ControlCharacterIssue(field, raw) is { } control)
            {
                RejectsRow = true;
                Issues.Add(control);
                return null;
            }

            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            var text = raw.Trim();
            var limit = field == SiteFields.Id ? MaxIdLength : MaxFieldLength;
            // The CSV reader keeps one character more than the limit: the length is only known to exceed it.
            if (text.Length > limit && StandardPatterns.Length(text) > limit)
            {
                Error(field, Excerpt(text),
                    string.Create(_french, $"La valeur dépasse {limit:#,0} caractères, la limite de l'import pour {field} : elle est refusée (guillemet non fermé ou texte collé par erreur ?)."));
                return null;
            }

            if (text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                Warning(field, text,
                    "La valeur contient « \uFFFD », la trace d'un caractère illisible : le fichier n'était sans doute pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 ») ; la valeur est conservée telle quelle.");
            }

            return text;
        }

        /// <summary>v0.1 columns whose values v1 spread over other fields, read when their v1 field is absent.</summary>
        private void ReadLegacyColumns()
        {
            foreach (var column in LmnLegacy.MappedColumns)
            {
                if (_record.Text(column.PrimaryField) is not null || _record.Values(column.PrimaryField) is not null)
                {
                    continue;
                }

                var raw = _record.Values(column.Name) is { } given ? string.Join(" | ", given) : _record.Text(column.Name);
                if (string.IsNullOrWhiteSpace(raw))
                {
                    continue;
                }

                var read = new List<string>();
                foreach (var value in List(column.Name))
                {
                    if (!column.Values.TryGetValue(LmnLegacy.Key(value), out var targets))
                    {
                        Error(column.PrimaryField, value,
                            $"« {value} » (colonne {column.Name} de la version 0.1 du standard) n'est pas une valeur connue : elle est ignorée.");
                        continue;
                    }

                    foreach (var target in targets)
                    {
                        if (target.Label is null)
                        {
                            read.Add($"« {value} » : sans équivalent en version 1, ignoré");
                            continue;
                        }

                        if (!_legacyValues.TryGetValue(target.Field, out var list))
                        {
                            _legacyValues[target.Field] = list = [];
                        }

                        if (!list.Contains(target.Label, StringComparer.Ordinal))
                        {
                            list.Add(target.Label);
                        }

                        read.Add($"« {value} » → {target.Field} « {target.Label} »");
                    }
                }

                if (read.Count > 0)
                {
                    Correction(column.PrimaryField, raw.Trim(),
                        $"Colonne {column.Name} de la version 0.1 du standard lue en version 1 : {string.Join(" ; ", read)}.");
                }
            }
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
    }
}
