using System.Buffers;
using System.Text;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats;

/// <summary>One record of a CSV file as the tokenizer found it.</summary>
/// <param name="RowNumber">Records counted from 1, the header being row 1 (a spreadsheet's numbering).</param>
/// <param name="LineNumber">The physical line where the record starts.</param>
/// <param name="Fields">The cells, each cut at <see cref="CsvTokenizer.MaxFieldChars"/> characters.</param>
/// <param name="FieldCount">The number of cells the record really has (<paramref name="Fields"/> stops at <see cref="CsvTokenizer.MaxFields"/>).</param>
/// <param name="UnclosedQuoteLine">The line of a quote still open at the end of the file: the last cell ran to the end.</param>
internal sealed record CsvRow(int RowNumber, int LineNumber, string[] Fields, int FieldCount, int? UnclosedQuoteLine);

/// <summary>
/// A lenient, streaming RFC 4180 reader for files from elsewhere, in bounded memory whatever
/// the input: quoted fields with doubled quotes and line breaks; LF, CRLF or CR line ends; an
/// optional byte order mark; blank lines skipped; the separator (<c>,</c>, <c>;</c> or tab)
/// chosen from the header line, since French spreadsheets export with <c>;</c>. Malformed
/// quoting is kept as written rather than lost (<c>"abc"def</c> reads <c>abcdef</c>), and an
/// unclosed quote is reported on the record it swallowed.
/// </summary>
/// <remarks>
/// Unlike <see cref="Domain.Text.CsvRecordReader"/> (for the project's own well-formed files),
/// a cell keeps at most <see cref="MaxFieldChars"/> characters and a record at most
/// <see cref="MaxFields"/> cells: an unclosed quote at the top of a gigabyte file then costs a
/// few kilobytes and one rejected row, not the process.
/// </remarks>
internal sealed class CsvTokenizer
{
    /// <summary>One more than the parser accepts, so that it sees the value is too long.</summary>
    public const int MaxFieldChars = LmnRecordParser.MaxFieldLength + 1;

    public const int MaxFields = 10_000;

    private const int BufferSize = 1 << 16;

    private static readonly SearchValues<char> _quotedStops = SearchValues.Create("\"\r\n");

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly SearchValues<char> _unquotedStops;
    private int _position;
    private int _length;

    private CsvTokenizer(TextReader reader)
    {
        _reader = reader;
        _length = reader.ReadBlock(_buffer, 0, _buffer.Length);
        if (_length > 0 && _buffer[0] == '\uFEFF')
        {
            _position = 1;
        }

        Separator = SniffSeparator(_buffer.AsSpan(_position, _length - _position));
        _unquotedStops = SearchValues.Create(['"', '\r', '\n', Separator]);
    }

    /// <summary>The separator chosen from the header line.</summary>
    public char Separator { get; }

    /// <summary>Starts reading: the first block of text is read now, to choose the separator.</summary>
    public static CsvTokenizer Open(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvTokenizer(reader);
    }

    /// <summary>
    /// The separator of a header line: whichever of <c>,</c> <c>;</c> and tab occurs most
    /// outside quotes in the first line (<c>,</c> on a tie, as the standard says).
    /// </summary>
    public static char SniffSeparator(ReadOnlySpan<char> text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (c is '\r' or '\n')
                {
                    break;
                }

                if (c == ',')
                {
                    commas++;
                }
                else if (c == ';')
                {
                    semicolons++;
                }
                else if (c == '\t')
                {
                    tabs++;
                }
            }
        }

        if (semicolons > commas && semicolons >= tabs)
        {
            return ';';
        }

        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /// <summary>The records, lazily.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var fieldCount = 0;
        var line = 1;
        var recordLine = 1;
        var quoteLine = 1;
        var rowNumber = 0;
        var inQuotes = false;

        // A record made of one empty, unquoted field is a blank line, not data.
        var fieldWasQuoted = false;

        void EndField()
        {
            fieldCount++;
            if (fields.Count < MaxFields)
            {
                fields.Add(field.ToString());
            }

            field.Clear();
            fieldWasQuoted = false;
        }

        while (true)
        {
            if (_position >= _length && !Fill())
            {
                break;
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            if (inQuotes)
            {
                var stop = span.IndexOfAny(_quotedStops);
                if (stop < 0)
                {
                    Append(field, span);
                    _position = _length;
                    continue;
                }

                Append(field, span[..stop]);
                var ch = span[stop];
                _position += stop + 1;
                if (ch == '"')
                {
                    if (PeekChar() == '"')
                    {
                        _position++;
                        Append(field, "\"");
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    // A line break inside quotes belongs to the value; CRLF counts as one line.
                    if (ch == '\n' || PeekChar() != '\n')
                    {
                        line++;
                    }

                    Append(field, [ch]);
                }

                continue;
            }

            var next = span.IndexOfAny(_unquotedStops);
            if (next < 0)
            {
                Append(field, span);
                _position = _length;
                continue;
            }

            Append(field, span[..next]);
            var c = span[next];
            _position += next + 1;
            if (c == '"')
            {
                if (field.Length == 0 && !fieldWasQuoted)
                {
                    inQuotes = true;
                    fieldWasQuoted = true;
                    quoteLine = line;
                }
                else
                {
                    // A quote inside an unquoted field, or text after a closing quote: kept as written.
                    Append(field, "\"");
                }
            }
            else if (c == Separator)
            {
                EndField();
            }
            else
            {
                if (c == '\r' && PeekChar() == '\n')
                {
                    _position++;
                }

                if (fieldCount > 0 || field.Length > 0 || fieldWasQuoted)
                {
                    EndField();
                    yield return new CsvRow(++rowNumber, recordLine, [.. fields], fieldCount, null);
                }

                fields.Clear();
                field.Clear();
                fieldCount = 0;
                fieldWasQuoted = false;
                line++;
                recordLine = line;
            }
        }

        // An unterminated quote runs to the end of the file: its text is kept as the last field.
        if (fieldCount > 0 || field.Length > 0 || fieldWasQuoted)
        {
            EndField();
            yield return new CsvRow(++rowNumber, recordLine, [.. fields], fieldCount, inQuotes ? quoteLine : null);
        }
    }

    private static void Append(StringBuilder field, ReadOnlySpan<char> text)
    {
        var room = MaxFieldChars - field.Length;
        if (room > 0)
        {
            field.Append(text.Length <= room ? text : text[..room]);
        }
    }

    private int PeekChar()
    {
        if (_position >= _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position];
    }

    private bool Fill()
    {
        _position = 0;
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        return _length > 0;
    }
}
