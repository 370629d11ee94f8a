using System.Globalization;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats;

/// <summary>
/// A row of a CSV format read by column name (the MedNum BFC export, the France services list): its cells by
/// header name, or its rejection when the row is damaged (a quote never closed, not as many columns as the
/// header, a control character in a cell), so that every such format refuses the same damage in the same words.
/// </summary>
internal static class NamedCells
{
    /// <returns>The rejected row, or null when <paramref name="cells"/> holds the row's cells by header name.</returns>
    public static ImportRow? Read(CsvRecord row, string[] header, int idColumn, out Dictionary<string, string> cells)
    {
        cells = new Dictionary<string, string>(StringComparer.Ordinal);
        string? message = null;
        if (row.UnclosedQuoteLine is { } quoteLine)
        {
            message = $"Un guillemet ouvert ligne {quoteLine} n'est jamais refermé : la fin du fichier a été lue comme une seule valeur ; la ligne est rejetée.";
        }
        else if (row.FieldCount != header.Length)
        {
            message = string.Create(CultureInfo.InvariantCulture,
                $"La ligne a {row.FieldCount} colonnes au lieu des {header.Length} de l'en-tête : elle est rejetée.");
        }

        if (message is not null)
        {
            return new ImportRow(row.RowNumber, row.LineNumber, IdOf(row, idColumn), null,
                [new ValidationIssue(ImportRow.RowField, null, message, ValidationSeverity.Error)]);
        }

        var damaged = new List<ValidationIssue>();
        for (var i = 0; i < header.Length; i++)
        {
            cells.TryAdd(header[i], row.Fields[i]);
            if (LmnRecordParser.ControlCharacterIssue(header[i], row.Fields[i]) is { } control)
            {
                damaged.Add(control);
            }
        }

        // Checked on the file's own cells, before conversion, so that the report names its column.
        return damaged.Count > 0 ? new ImportRow(row.RowNumber, row.LineNumber, IdOf(row, idColumn), null, damaged) : null;
    }

    /// <summary>The row's id when it is usable as one (for the report of a rejected row), else null.</summary>
    public static string? IdOf(CsvRecord row, int idColumn) =>
        idColumn < row.Fields.Count && row.Fields[idColumn].Trim() is { Length: > 0 and <= LmnRecordParser.MaxIdLength } text
            && ControlCharacters.IndexOfForbidden(text) < 0 ? text : null;
}
