using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.Import.Formats;

/// <summary>
/// Reads the national list of France services (CSV: <c>id_fs, lib_fs, adresse, …, h_lundi …
/// h_samedi, itinerance…</c>) into the standard's fields, then runs each row through
/// <see cref="LmnRecordParser"/> so that it is checked and reported like every other format.
/// Every place gets the dispositif « France Services » and the service « Aide aux démarches
/// administratives ». Issues name the list's own columns (<c>lib_fs</c>, <c>mail</c>,
/// <c>h_mardi</c>…). The mapping is documented in README.md (« France services »).
/// </summary>
public static partial class FranceServicesFormatReader
{
    /// <summary>The columns of the national list, in its usual order (any order is read).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id_fs", "insee_dep", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal", "lib_com",
        "latitude", "longitude", "mail", "telephone", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi",
        "h_samedi", "commentaire", "itinerance", "format_fs", "groupe", "labellisation",
    ];

    /// <summary>Without one of these the rows cannot make a place (the standard requires them): the file is refused.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["id_fs", "lib_fs", "adresse", "code_postal", "lib_com"];

    /// <summary>The day columns, Monday first; <c>h_dimanche</c> is not in the list but read when a file has it.</summary>
    public static IReadOnlyList<string> DayColumns { get; } = ["h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi", "h_dimanche"];

    /// <summary>Columns of the list that the standard has no field for: read, then left out (README.md says why).</summary>
    public static IReadOnlyList<string> IgnoredColumns { get; } = ["insee_dep", "format_fs", "groupe", "labellisation"];

    /// <summary>The <c>source</c> written on every place: the organisation that publishes the list.</summary>
    public const string SourceName = "France services (ANCT)";

    // What the list's own columns are called in the standard, and back, for the report.
    private static readonly (string Column, string Field)[] _columnFields =
    [
        ("id_fs", SiteFields.Id), ("lib_fs", SiteFields.Nom), ("adresse", SiteFields.Adresse),
        ("complement_adresse", SiteFields.ComplementAdresse), ("insee_com", SiteFields.CodeInsee),
        ("code_postal", SiteFields.CodePostal), ("lib_com", SiteFields.Commune), ("latitude", SiteFields.Latitude),
        ("longitude", SiteFields.Longitude), ("mail", SiteFields.Courriels), ("telephone", SiteFields.Telephone),
        ("commentaire", SiteFields.PresentationResume), ("commentaire", SiteFields.PresentationDetail),
        ("itinerance", SiteFields.Itinerance),
    ];

    private static readonly string[] _itinerantMarks = ["oui", "o", "1", "true", "vrai", "x", "yes"];
    private static readonly string[] _fixedMarks = ["non", "n", "0", "false", "faux", "no"];

    public static IEnumerable<ImportRow> Read(Stream stream, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return DuplicateIds.Reject(ReadRows(stream, options.Today), RowNames.Csv)
            .Select(row => row.IsFileIssue ? row : row with { Issues = [.. row.Issues.Select(ToColumn)] });
    }

    private static IEnumerable<ImportRow> ReadRows(Stream stream, DateOnly? today)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        using var rows = ImportCsv.Open(reader).Records().GetEnumerator();
        if (!rows.MoveNext())
        {
            yield return ImportRow.FileIssue(1, 1, "Le fichier est vide : l'en-tête de la liste des France services (id_fs, lib_fs, adresse…) est attendu.");
            yield break;
        }

        var header = rows.Current.Fields.Select(f => f.Trim().Trim('\uFEFF').Trim().ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            yield return ImportRow.FileIssue(1, 1,
                $"Ce fichier n'est pas la liste des France services : colonne(s) absente(s) : {string.Join(", ", missing)} ; aucune ligne ne peut être importée.");
            yield break;
        }

        var unknown = header.Where(h => !Columns.Contains(h) && !DayColumns.Contains(h)).Distinct().ToList();
        var repeated = header.GroupBy(h => h).Where(g => g.Count() > 1 && g.Key.Length > 0).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || repeated.Count > 0)
        {
            var parts = new List<string>();
            if (unknown.Count > 0)
            {
                parts.Add($"colonne(s) inconnue(s), ignorée(s) : {string.Join(", ", unknown.Select(u => u.Length == 0 ? "(sans nom)" : u))}");
            }

            if (repeated.Count > 0)
            {
                parts.Add($"colonne(s) en double, seule la première est lue : {string.Join(", ", repeated)}");
            }

            yield return ImportRow.FileIssue(1, 1, LmnRecordParser.Excerpt(string.Join(" ; ", parts) + ".", 1000), ValidationSeverity.Warning);
        }

        var idColumn = Array.IndexOf(header, "id_fs");
        var day = today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (NamedCells.Read(row, header, idColumn, out var cells) is { } rejected)
            {
                yield return rejected;
                continue;
            }

            yield return Convert(row.RowNumber, row.LineNumber, cells, day);
        }
    }

    /// <summary>One row of the list as the standard's parser reads it, its issues naming the list's columns.</summary>
    internal static ImportRow Convert(int rowNumber, int lineNumber, IReadOnlyDictionary<string, string> cells, DateOnly today)
    {
        string? Cell(string column) => cells.TryGetValue(column, out var value) && value.Trim() is { Length: > 0 } text ? text : null;

        var issues = new List<ValidationIssue>();
        var (horaires, hoursIssues) = OpeningHours(cells);
        issues.AddRange(hoursIssues);

        string? itinerance = null;
        if (Cell("itinerance") is { } mobile)
        {
            var folded = mobile.ToLowerInvariant();
            if (_itinerantMarks.Contains(folded))
            {
                itinerance = Vocabularies.Itinerances.Label(Itinerance.Itinerant);
            }
            else if (!_fixedMarks.Contains(folded))
            {
                issues.Add(new ValidationIssue("itinerance", mobile,
                    $"Valeur d'itinérance non reconnue « {LmnRecordParser.Excerpt(mobile)} » (attendu : Oui ou Non) : le lieu n'est pas marqué itinérant.",
                    ValidationSeverity.Warning));
            }
        }

        // The comment is free text of any length: a summary when it fits, the detailed text otherwise.
        var commentaire = Cell("commentaire");
        var resume = commentaire is not null && StandardPatterns.IsPresentationResume(commentaire) ? commentaire : null;
        var detail = commentaire is not null && resume is null ? commentaire : null;

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [SiteFields.Id] = Cell("id_fs"),
            // The list has no SIRET: the standard's "unknown" value, as data.inclusion rows without one.
            [SiteFields.Pivot] = Pivot.Unknown,
            [SiteFields.Nom] = Cell("lib_fs"),
            [SiteFields.Adresse] = Cell("adresse"),
            [SiteFields.ComplementAdresse] = Cell("complement_adresse"),
            [SiteFields.CodeInsee] = Cell("insee_com"),
            [SiteFields.CodePostal] = Cell("code_postal"),
            [SiteFields.Commune] = Cell("lib_com"),
            // A decimal comma is the list's own convention in its French exports, not a defect.
            [SiteFields.Latitude] = Cell("latitude")?.Replace(',', '.'),
            [SiteFields.Longitude] = Cell("longitude")?.Replace(',', '.'),
            [SiteFields.Courriels] = Cell("mail"),
            [SiteFields.Telephone] = Cell("telephone"),
            [SiteFields.Horaires] = horaires,
            [SiteFields.PresentationResume] = resume,
            [SiteFields.PresentationDetail] = detail,
            [SiteFields.Source] = SourceName,
            [SiteFields.Itinerance] = itinerance,
            // REVIEW: the list carries no date of update: the day it is read stands for the day
            // its publisher vouched for it (the list is republished as a whole).
            [SiteFields.DateMaj] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [SiteFields.Services] = Vocabularies.Services.Label(Service.AideAuxDemarchesAdministratives),
            [SiteFields.DispositifProgrammesNationaux] = Vocabularies.Dispositifs.Label(DispositifProgrammeNational.FranceServices),
        };

        var parsed = LmnRecordParser.Parse(rowNumber, lineNumber, field => fields.GetValueOrDefault(field), today);
        return parsed with { Issues = [.. issues, .. parsed.Issues] };
    }

    /// <summary>
    /// The six (or seven) day cells as one OSM opening_hours expression, read by
    /// <see cref="HalfDayHours.ParseCell"/> (<c>09:00 - 12:00 / 13:30 - 17:00</c>, <c>9h-12h</c>,
    /// <c>9h00 à 12h00</c>, <c>… et …</c>, <c>Fermé</c>). One unreadable cell leaves the whole
    /// place without hours, with a warning naming the cell: partial hours would read as "closed"
    /// on the days left out, and wrong hours send people to a closed door.
    /// </summary>
    public static (string? Horaires, IReadOnlyList<ValidationIssue> Issues) OpeningHours(IReadOnlyDictionary<string, string> cells)
    {
        var days = new IReadOnlyList<MinuteRange>[7];
        var issues = new List<ValidationIssue>();
        for (var i = 0; i < 7; i++)
        {
            var text = cells.GetValueOrDefault(DayColumns[i])?.Trim() ?? "";
            var cell = HalfDayHours.ParseCell(Prepare(text));
            if (cell.Kind == HalfDayCellKind.Invalid)
            {
                issues.Add(new ValidationIssue(DayColumns[i], LmnRecordParser.Excerpt(text),
                    $"Horaires illisibles « {LmnRecordParser.Excerpt(text)} » (attendu par exemple « 09:00 - 12:00 / 13:30 - 17:00 », « 9h-12h et 14h-17h » ou « Fermé ») : les horaires du lieu ne sont pas repris, le reste de la ligne l'est.",
                    ValidationSeverity.Warning));
            }

            days[i] = cell.Ranges;
        }

        return issues.Count > 0 ? (null, issues) : (HalfDayHours.ToOpeningHours(days), issues);
    }

    // Spellings the half-day reader does not take as they are but that the list's free text
    // has: "de 9h à 12h et de 14h à 17h", non-breaking spaces, a final period.
    private static string Prepare(string text) =>
        FromBeforeTime().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim().TrimEnd('.').Trim(), "");

    [GeneratedRegex(@"\bde\s+(?=[0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FromBeforeTime();

    private static ValidationIssue ToColumn(ValidationIssue issue)
    {
        foreach (var (column, field) in _columnFields)
        {
            if (field == issue.Field)
            {
                return issue with { Field = column };
            }
        }

        return issue;
    }
}
