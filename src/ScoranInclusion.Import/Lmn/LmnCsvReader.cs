using System.Text;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// Reads a "lieux de médiation numérique" CSV (standard v1, and v0.1 files' <c>;</c>
/// separator and renamed columns) into one <see cref="ImportRow"/> per data row, lazily.
/// Columns are found by name in the header, in any order; unknown columns are ignored.
/// A pure parser: nothing is stored, and a rejected row does not stop the file.
/// </summary>
public static class LmnCsvReader
{
    // v0.1 names of columns that v1 only renamed (descriptif-des-evolutions of the standard);
    // used when the v1 column is absent.
    private static readonly (string Legacy, string Current)[] _legacyColumns =
    [
        ("courriel", SiteFields.Courriels),
        ("labels_autres", SiteFields.AutresFormationsLabels),
        ("accessibilite", SiteFields.FicheAccesLibre),
    ];

    /// <summary>Reads UTF-8 text, with or without a byte order mark; the stream is left open.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadStream(stream, today);
    }

    /// <summary>Reads the header, then yields each data row as it is parsed.</summary>
    public static IEnumerable<ImportRow> Read(TextReader reader, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadRows(reader, today);
    }

    private static IEnumerable<ImportRow> ReadStream(Stream stream, DateOnly? today)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        foreach (var row in ReadRows(reader, today))
        {
            yield return row;
        }
    }

    private static IEnumerable<ImportRow> ReadRows(TextReader reader, DateOnly? today)
    {
        Dictionary<string, int>? columns = null;
        foreach (var record in CsvRecordReader.Read(reader))
        {
            if (columns is null)
            {
                columns = MapColumns(record.Fields);
                continue;
            }

            var fields = record.Fields;
            string? Cell(string name) =>
                columns.TryGetValue(name, out var index) && index < fields.Count ? fields[index] : null;

            yield return LmnRecordParser.Parse(record.RowNumber, record.LineNumber, Cell, today);
        }
    }

    private static Dictionary<string, int> MapColumns(IReadOnlyList<string> header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            // Header cells may carry stray spaces, a BOM that survived decoding, or upper case.
            var name = header[i].Trim().Trim('\uFEFF').ToLowerInvariant();
            columns.TryAdd(name, i);
        }

        foreach (var (legacy, current) in _legacyColumns)
        {
            if (!columns.ContainsKey(current) && columns.TryGetValue(legacy, out var index))
            {
                columns[current] = index;
            }
        }

        return columns;
    }
}
