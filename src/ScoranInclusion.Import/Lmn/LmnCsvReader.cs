using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// Reads a "lieux de médiation numérique" CSV (standard v1, and v0.1 files' <c>;</c>
/// separator, renamed columns and long labels) into one <see cref="ImportRow"/> per data row,
/// lazily and in bounded memory. Columns are found by name in the header, in any order; the
/// separator (<c>,</c>, or <c>;</c> as French spreadsheets write) is taken from the header.
/// A pure parser: nothing is stored, and a rejected row does not stop the file.
/// </summary>
/// <remarks>
/// Problems of the file as a whole come as <see cref="ImportRow.FileIssue"/> rows: an empty
/// file, missing required columns (the rows are then not read: each would be rejected for
/// the same reason), unknown or repeated columns (a warning). A row whose number of cells
/// differs from the header's is rejected without being read, since its cells are misaligned;
/// so is the row an unclosed quote swallowed. A second row with an id already kept is rejected.
/// </remarks>
public static class LmnCsvReader
{
    /// <summary>Reads UTF-8 text, with or without a byte order mark; the stream is left open.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, DateOnly? today = null) =>
        Read(stream, ImportReadOptions.Default with { Today = today });

    /// <summary>Reads the header, then yields each data row as it is parsed.</summary>
    public static IEnumerable<ImportRow> Read(TextReader reader, DateOnly? today = null) =>
        Read(reader, ImportReadOptions.Default with { Today = today });

    /// <summary>Reads UTF-8 text (UTF-16 with a byte order mark too); the stream is left open.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return ReadStream(stream, options);
    }

    public static IEnumerable<ImportRow> Read(TextReader reader, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        return DuplicateIds.Reject(ReadRows(reader, options.Today), RowNames.Csv);
    }

    private static IEnumerable<ImportRow> ReadStream(Stream stream, ImportReadOptions options)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        foreach (var row in Read(reader, options))
        {
            yield return row;
        }
    }

    private static IEnumerable<ImportRow> ReadRows(TextReader reader, DateOnly? today)
    {
        var csv = ImportCsv.Open(reader);
        using var rows = csv.Records().GetEnumerator();
        if (!rows.MoveNext())
        {
            yield return ImportRow.FileIssue(1, 1, "Le fichier est vide : une ligne d'en-tête nommant les colonnes du standard (id, pivot, nom…) est attendue.");
            yield break;
        }

        var header = rows.Current;
        var (columns, headerIssues) = MapColumns(header);
        foreach (var issue in headerIssues)
        {
            yield return issue;
            if (!issue.Issues.Any(i => i.Severity == ValidationSeverity.Error))
            {
                continue;
            }

            // Every row would be rejected for the same missing column: say it once.
            yield break;
        }

        var expected = header.FieldCount;
        columns.TryGetValue(SiteFields.Id, out var idColumn);
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.UnclosedQuoteLine is { } quoteLine)
            {
                yield return Rejected(row, IdOf(row, idColumn),
                    $"Un guillemet ouvert ligne {quoteLine} n'est jamais refermé : la fin du fichier a été lue comme une seule valeur ; la ligne est rejetée.");
            }
            else if (row.FieldCount != expected)
            {
                yield return Rejected(row, IdOf(row, idColumn),
                    string.Create(CultureInfo.InvariantCulture,
                        $"La ligne a {row.FieldCount} colonnes au lieu des {expected} de l'en-tête (séparateur « {Display(csv.Separator)} » ou guillemet en trop ou manquant ?) : elle est rejetée."));
            }
            else
            {
                yield return LmnRecordParser.Parse(row.RowNumber, row.LineNumber, new ColumnRecord(columns, row.Fields), today);
            }
        }
    }

    private static string Display(char separator) => separator == '\t' ? "tabulation" : separator.ToString();

    private static ImportRow Rejected(CsvRecord row, string? id, string message) =>
        new(row.RowNumber, row.LineNumber, id, null, [new ValidationIssue(ImportRow.RowField, null, message, ValidationSeverity.Error)]);

    private static string? IdOf(CsvRecord row, int idColumn)
    {
        if (idColumn >= row.Fields.Count)
        {
            return null;
        }

        // A damaged id is shown with its control characters made visible, never as written.
        var id = ControlCharacters.Visible(row.Fields[idColumn].Trim());
        return id.Length is > 0 and <= LmnRecordParser.MaxIdLength ? id : null;
    }

    private static (Dictionary<string, int> Columns, List<ImportRow> Issues) MapColumns(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            // Header cells may carry stray spaces, a BOM that survived decoding, or upper case.
            var name = header.Fields[i].Trim().Trim('\uFEFF').ToLowerInvariant();
            if (name.Length == 0)
            {
                continue;
            }

            if (!columns.TryAdd(name, i))
            {
                repeated.Add(name);
            }
            else if (!SiteFields.All.Contains(name) && !LmnLegacy.IsKnownColumn(name))
            {
                unknown.Add(name);
            }
        }

        var issues = new List<ImportRow>();
        var missing = LmnRecordParser.RequiredFields
            .Where(f => !columns.ContainsKey(f) && (LmnLegacy.LegacyNameOf(f) is not { } legacy || !columns.ContainsKey(legacy)))
            .OrderBy(f => SiteFields.All.ToList().IndexOf(f))
            .ToList();
        if (missing.Count > 0)
        {
            var hint = columns.ContainsKey("bfc_id")
                ? " C'est l'en-tête d'un export MedNum BFC : importez-le avec le format mednum-bfc."
                : header.Fields.Count == 1 && header.Fields[0].Contains('|', StringComparison.Ordinal)
                    ? " Les colonnes semblent séparées par « | » : le standard les sépare par des virgules."
                    : "";
            // The other remarks on the header would only drown this one.
            issues.Add(ImportRow.FileIssue(header.RowNumber, header.LineNumber,
                $"Colonne(s) obligatoire(s) absente(s) de l'en-tête : {string.Join(", ", missing)} ; aucune ligne ne peut être importée.{hint} En-tête lu : {LmnRecordParser.Excerpt(string.Join(", ", columns.Keys), 300)}."));
            return (columns, issues);
        }

        if (repeated.Count > 0)
        {
            issues.Insert(0, ImportRow.FileIssue(header.RowNumber, header.LineNumber,
                $"Colonne(s) en double dans l'en-tête : {string.Join(", ", repeated.Distinct())} ; seule la première est lue.",
                ValidationSeverity.Warning));
        }

        if (unknown.Count > 0)
        {
            issues.Insert(0, ImportRow.FileIssue(header.RowNumber, header.LineNumber,
                $"Colonne(s) inconnue(s) du standard, ignorée(s) : {string.Join(", ", unknown)}.",
                ValidationSeverity.Warning));
        }

        return (columns, issues);
    }

    /// <summary>A data row seen through the header: a column absent from the header reads as null.</summary>
    private sealed class ColumnRecord(Dictionary<string, int> columns, IReadOnlyList<string> fields) : ILmnRecord
    {
        public string? Text(string field) =>
            columns.TryGetValue(field, out var index) && index < fields.Count ? fields[index] : null;

        public IReadOnlyList<string>? Values(string field) => null;
    }
}
