using System.Text;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// One record of a CSV file. <paramref name="RowNumber"/> counts records from 1 (the header
/// is row 1, as in a spreadsheet); <paramref name="LineNumber"/> is the physical line where
/// the record starts, which differs once a quoted field has contained a line break.
/// </summary>
public sealed record CsvRecord(int RowNumber, int LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// A streaming RFC 4180 reader: quoted fields with doubled quotes and line breaks, LF, CRLF
/// or CR line ends, an optional UTF-8 byte order mark. Fields are returned as written
/// (no trimming); blank lines are skipped. Written here rather than with CsvHelper because
/// the import report needs the line of each record, and the format is small.
/// </summary>
public static class CsvRecordReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, separator);
    }

    private static IEnumerable<CsvRecord> ReadIterator(TextReader reader, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var rowNumber = 0;
        var inQuotes = false;

        // A record made of one empty, unquoted field is a blank line, not data.
        var fieldWasQuoted = false;

        var c = reader.Read();
        if (c == '\uFEFF')
        {
            c = reader.Read();
        }

        while (c != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n'))
                    {
                        line++;
                    }

                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                inQuotes = true;
                fieldWasQuoted = true;
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(++rowNumber, recordLine, fields.ToArray());
                }

                fields.Clear();
                field.Clear();
                fieldWasQuoted = false;
                line++;
                recordLine = line;
            }
            else
            {
                // Text after a closing quote ("abc"def) is malformed; keep it rather than lose it.
                field.Append(ch);
            }

            c = reader.Read();
        }

        // An unterminated quote runs to the end of the file: the text is kept as the last field.
        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(++rowNumber, recordLine, fields.ToArray());
        }
    }
}
