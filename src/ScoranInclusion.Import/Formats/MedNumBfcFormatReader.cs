using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.Import.Formats;

/// <summary>
/// Reads the MedNum BFC CSV export with <see cref="MedNumBfcConverter"/> (which places each row
/// in its commune from its point and address), then runs each converted site through
/// <see cref="LmnRecordParser"/> so that this format reports exactly as the standard's own:
/// same length limits, same field rules. The CSV itself is read by the same bounded reader
/// as the standard's (<see cref="ImportCsv"/>), with the same file and row checks (header, cell count, unclosed quote).
/// </summary>
public static class MedNumBfcFormatReader
{
    /// <exception cref="ArgumentException"><see cref="ImportReadOptions.Communes"/> is not set: the conversion cannot place rows in their commune.</exception>
    public static IEnumerable<ImportRow> Read(Stream stream, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Communes is null)
        {
            throw new ArgumentException(
                "Le format MedNum BFC a besoin des communes du territoire (ImportReadOptions.Communes) pour placer chaque lieu dans sa commune.",
                nameof(options));
        }

        var converter = new MedNumBfcConverter(options.Communes, options.MedNumBfc);
        return DuplicateIds.Reject(ReadRows(stream, converter, options.Today), RowNames.Csv);
    }

    private static IEnumerable<ImportRow> ReadRows(Stream stream, MedNumBfcConverter converter, DateOnly? today)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        using var rows = ImportCsv.Open(reader).Records().GetEnumerator();
        if (!rows.MoveNext())
        {
            yield return ImportRow.FileIssue(1, 1, "Le fichier est vide : l'en-tête de l'export MedNum BFC (bfc_id, lon, lat…) est attendu.");
            yield break;
        }

        var header = rows.Current.Fields.Select(f => f.Trim().Trim('\uFEFF')).ToArray();
        var missing = MedNumBfcReader.RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            yield return ImportRow.FileIssue(1, 1,
                $"Ce fichier n'est pas un export MedNum BFC : colonne(s) absente(s) : {string.Join(", ", missing)} ; aucune ligne ne peut être importée.");
            yield break;
        }

        var idColumn = Array.IndexOf(header, "bfc_id");
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (NamedCells.Read(row, header, idColumn, out var cells) is { } rejected)
            {
                yield return rejected;
                continue;
            }

            yield return Validate(Convert(converter, row, cells, idColumn), today);
        }
    }

    /// <summary>
    /// The conversion of one row. A failure of the converter on some unforeseen text is this
    /// row's problem, reported on it, not the end of the import.
    /// </summary>
    private static ImportRow Convert(MedNumBfcConverter converter, CsvRecord row, Dictionary<string, string> cells, int idColumn)
    {
        try
        {
            return converter.Convert(new MedNumBfcRecord(row.RowNumber, row.LineNumber, cells)).Row;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ImportRow(row.RowNumber, row.LineNumber, NamedCells.IdOf(row, idColumn), null,
                [new ValidationIssue(ImportRow.RowField, null, $"La ligne n'a pas pu être convertie ({e.GetType().Name} : {e.Message}) : elle est rejetée.", ValidationSeverity.Error)]);
        }
    }


    /// <summary>The converted row as the standard's parser reads it back: its issues after the converter's.</summary>
    private static ImportRow Validate(ImportRow converted, DateOnly? today)
    {
        if (converted.Site is not { } site)
        {
            return converted;
        }

        var values = SiteFields.Values(site);
        var columns = SiteFields.All;
        var parsed = LmnRecordParser.Parse(converted.RowNumber, converted.LineNumber, field =>
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == field)
                {
                    return values[i];
                }
            }

            return null;
        }, today);

        return parsed with { Issues = [.. converted.Issues, .. parsed.Issues] };
    }
}
