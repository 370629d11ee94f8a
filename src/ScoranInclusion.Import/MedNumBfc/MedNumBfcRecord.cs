using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.MedNumBfc;

/// <summary>One row of a MedNum BFC export, its cells by column name.</summary>
public sealed record MedNumBfcRecord(int RowNumber, int LineNumber, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The cell's text, trimmed; empty when the column is absent.</summary>
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>Reads the MedNum BFC CSV export (<c>bfc-ternum-dataset.csv</c>, 29 columns), header-driven.</summary>
public static class MedNumBfcReader
{
    /// <summary>The columns without which the file is not a MedNum BFC export.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
        ["bfc_id", "lon", "lat", "adresse", "code_postal", "ville", "nom_structure"];

    /// <exception cref="InvalidDataException">The header lacks one of <see cref="RequiredColumns"/>.</exception>
    public static IEnumerable<MedNumBfcRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader);
    }

    private static IEnumerable<MedNumBfcRecord> ReadIterator(TextReader reader)
    {
        string[]? header = null;
        foreach (var record in CsvRecordReader.Read(reader))
        {
            if (header is null)
            {
                header = record.Fields.Select(f => f.Trim()).ToArray();
                var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException(
                        $"Ce fichier n'est pas un export MedNum BFC : colonne(s) absente(s) : {string.Join(", ", missing)}.");
                }

                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < record.Fields.Count; i++)
            {
                cells.TryAdd(header[i], record.Fields[i]);
            }

            yield return new MedNumBfcRecord(record.RowNumber, record.LineNumber, cells);
        }
    }
}
