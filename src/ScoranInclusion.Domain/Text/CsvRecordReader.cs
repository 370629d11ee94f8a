using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// One record of a CSV file. <paramref name="RowNumber"/> counts records from 1 (the header
/// is row 1, as in a spreadsheet); <paramref name="LineNumber"/> is the physical line where
/// the record starts, which differs once a quoted field has contained a line break.
/// </summary>
public sealed record CsvRecord(int RowNumber, int LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// Malformed CSV met by <see cref="CsvRecordReader.ReadStrict"/>: <see cref="Reason"/> says
/// what is wrong, <see cref="LineNumber"/> where, so that callers can name their file.
/// </summary>
public sealed class CsvFormatException(int lineNumber, string reason)
    : FormatException($"line {lineNumber}: {reason}")
{
    /// <summary>The 1-based physical line of the error.</summary>
    public int LineNumber { get; } = lineNumber;

    /// <summary>What is wrong, without the line: "a quoted field is not closed".</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// A streaming RFC 4180 reader: quoted fields with doubled quotes and line breaks, LF, CRLF
/// or CR line ends, an optional UTF-8 byte order mark. Fields are returned as written
/// (no trimming); blank lines are skipped. Written here rather than with CsvHelper because
/// callers need the line of each record for their error messages, and the format is small.
/// </summary>
/// <remarks>
/// It lives in ScoranInclusion.Domain, although it knows nothing of the domain, because a CSV
/// tokenizer is a pure function of its text with no dependency, and Domain is the lowest
/// project that both its users reference: Geo (the geodata files of the commune directory)
/// and Import (LMN and MedNum BFC files, the geodata builder). Domain takes no package, so
/// sharing the reader from there costs its users nothing.
/// </remarks>
public static class CsvRecordReader
{
    private const string UnclosedQuote = "a quoted field is not closed";
    private const string TextAfterClosingQuote = "a closing quote must end the field";
    private const string QuoteInUnquotedField = "a quote inside an unquoted field";

    /// <summary>
    /// Reads leniently, for files from elsewhere whose every row should be reported rather
    /// than the file rejected: text after a closing quote (<c>"abc"def</c>) or a quote inside
    /// an unquoted field is kept as written, and an unclosed quote runs to the end of the
    /// input, its text kept as the last field.
    /// </summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, separator, strict: false);
    }

    /// <summary>
    /// Reads files that must be well formed: the cases that <see cref="Read"/> tolerates throw
    /// a <see cref="CsvFormatException"/> instead, when the enumeration reaches them. An
    /// unclosed quote is reported on the line where it opens.
    /// </summary>
    public static IEnumerable<CsvRecord> ReadStrict(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, separator, strict: true);
    }

    private static IEnumerable<CsvRecord> ReadIterator(TextReader reader, char separator, bool strict)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoteLine = 1;
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
                quoteLine = line;
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
                // Text after a closing quote ("abc"def) is malformed; leniently, keep it rather than lose it.
                if (strict && fieldWasQuoted)
                {
                    throw new CsvFormatException(line, TextAfterClosingQuote);
                }

                if (strict && ch == '"')
                {
                    throw new CsvFormatException(line, QuoteInUnquotedField);
                }

                field.Append(ch);
            }

            c = reader.Read();
        }

        if (inQuotes && strict)
        {
            throw new CsvFormatException(quoteLine, UnclosedQuote);
        }

        // An unterminated quote runs to the end of the file: the text is kept as the last field.
        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(++rowNumber, recordLine, fields.ToArray());
        }
    }
}
