using System.Buffers;
using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// One record of a CSV file. <paramref name="RowNumber"/> counts records from 1 (the header
/// is row 1, as in a spreadsheet); <paramref name="LineNumber"/> is the physical line where
/// the record starts, which differs once a quoted field has contained a line break.
/// </summary>
/// <param name="RowNumber">Records counted from 1, the header being row 1.</param>
/// <param name="LineNumber">The physical line where the record starts.</param>
/// <param name="Fields">The cells, each cut at <see cref="CsvReadOptions.MaxFieldChars"/> characters, at most <see cref="CsvReadOptions.MaxFields"/> of them.</param>
public sealed record CsvRecord(int RowNumber, int LineNumber, IReadOnlyList<string> Fields)
{
    /// <summary>The number of cells the record really has (<see cref="Fields"/> stops at <see cref="CsvReadOptions.MaxFields"/>).</summary>
    public int FieldCount { get; init; } = Fields.Count;

    /// <summary>The line of a quote still open at the end of the file (lenient reading only): the last cell ran to the end.</summary>
    public int? UnclosedQuoteLine { get; init; }
}

/// <summary>
/// Malformed CSV met by a strict reading (<see cref="CsvRecordReader.ReadStrict"/>): <see cref="Reason"/>
/// says what is wrong, <see cref="LineNumber"/> where, so that callers can name their file.
/// </summary>
public sealed class CsvFormatException(int lineNumber, string reason)
    : FormatException($"line {lineNumber}: {reason}")
{
    /// <summary>The 1-based physical line of the error.</summary>
    public int LineNumber { get; } = lineNumber;

    /// <summary>What is wrong, without the line: "a quoted field is not closed".</summary>
    public string Reason { get; } = reason;
}

/// <summary>How a <see cref="CsvRecordReader"/> reads.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The project's own files: <c>,</c>, lenient, no limit.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The separator; null chooses it from the header line (<see cref="CsvRecordReader.SniffSeparator"/>).</summary>
    public char? Separator { get; init; } = ',';

    /// <summary>
    /// Malformed quoting throws a <see cref="CsvFormatException"/> when the enumeration reaches
    /// it, rather than being kept as written (see <see cref="CsvRecordReader.Read"/>).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The characters a cell keeps; the rest is dropped. Files from elsewhere set it, so that an
    /// unclosed quote at the top of a gigabyte file costs a few kilobytes, not the process.
    /// </summary>
    public int MaxFieldChars { get; init; } = int.MaxValue;

    /// <summary>The cells a record keeps (<see cref="CsvRecord.FieldCount"/> still counts them all).</summary>
    public int MaxFields { get; init; } = int.MaxValue;
}

/// <summary>
/// The project's one CSV reader: streaming RFC 4180, quoted fields with doubled quotes and line
/// breaks, LF, CRLF or CR line ends, an optional byte order mark, blank lines skipped. Fields are
/// returned as written (no trimming), with the row and line numbers that reports name. Written
/// here rather than with a package because callers need the line of each record for their error
/// messages, bounded memory for files from elsewhere, and the format is small.
/// </summary>
/// <remarks>
/// It lives in ScoranInclusion.Domain, although it knows nothing of the domain, because a CSV
/// tokenizer is a pure function of its text with no dependency, and Domain is the lowest
/// project that all its users reference: Geo (the geodata files of the commune directory),
/// Import (LMN and MedNum BFC files, format detection) and the geodata builder. The import's
/// progress counts bytes on the stream beneath (Import's <c>CountingStream</c>), not here.
/// </remarks>
public sealed class CsvRecordReader
{
    private const int BufferSize = 1 << 16;
    private const string UnclosedQuote = "a quoted field is not closed";
    private const string TextAfterClosingQuote = "a closing quote must end the field";
    private const string QuoteInUnquotedField = "a quote inside an unquoted field";

    private static readonly SearchValues<char> _quotedStops = SearchValues.Create("\"\r\n");

    private readonly TextReader _reader;
    private readonly CsvReadOptions _options;
    private readonly SearchValues<char> _unquotedStops;
    private char[]? _buffer;
    private int _position;
    private int _length;

    private CsvRecordReader(TextReader reader, CsvReadOptions options)
    {
        _reader = reader;
        _options = options;
        if (options.Separator is { } separator)
        {
            Separator = separator;
        }
        else
        {
            // The first block is read now, to choose the separator from the header line.
            Start();
            Separator = SniffSeparator(_buffer.AsSpan(_position, _length - _position));
        }

        _unquotedStops = SearchValues.Create(['"', '\r', '\n', Separator]);
    }

    /// <summary>The separator, given or chosen from the header line.</summary>
    public char Separator { get; }

    /// <summary>
    /// Reads leniently, for files from elsewhere whose every row should be reported rather
    /// than the file rejected: text after a closing quote (<c>"abc"def</c> reads <c>abcdef</c>)
    /// or a quote inside an unquoted field is kept as written, and an unclosed quote runs to the
    /// end of the input, its text kept as the last field (<see cref="CsvRecord.UnclosedQuoteLine"/> says so).
    /// </summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvRecordReader(reader, CsvReadOptions.Default with { Separator = separator }).Records();
    }

    /// <summary>
    /// Reads files that must be well formed: the cases that <see cref="Read"/> tolerates throw
    /// a <see cref="CsvFormatException"/> instead, when the enumeration reaches them. An
    /// unclosed quote is reported on the line where it opens.
    /// </summary>
    public static IEnumerable<CsvRecord> ReadStrict(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvRecordReader(reader, CsvReadOptions.Default with { Separator = separator, Strict = true }).Records();
    }

    /// <summary>
    /// Starts reading with <paramref name="options"/>; when the separator is to be chosen, the
    /// first block of text is read now, so that <see cref="Separator"/> is known before the records.
    /// </summary>
    public static CsvRecordReader Open(TextReader reader, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        return new CsvRecordReader(reader, options);
    }

    /// <summary>
    /// The separator of a header line: whichever of <c>,</c> <c>;</c> and tab occurs most
    /// outside quotes in the first line (<c>,</c> on a tie, as the standard says), since French
    /// spreadsheets export with <c>;</c>.
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

    /// <summary>The records, lazily; enumerate once.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        Start();
        var strict = _options.Strict;
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
            if (fields.Count < _options.MaxFields)
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
            var text = next < 0 ? span : span[..next];
            if (strict && fieldWasQuoted && (text.Length > 0 || (next >= 0 && span[next] == '"')))
            {
                throw new CsvFormatException(line, TextAfterClosingQuote);
            }

            Append(field, text);
            if (next < 0)
            {
                _position = _length;
                continue;
            }

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
                else if (strict)
                {
                    throw new CsvFormatException(line, QuoteInUnquotedField);
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
                    yield return new CsvRecord(++rowNumber, recordLine, [.. fields]) { FieldCount = fieldCount };
                }

                fields.Clear();
                field.Clear();
                fieldCount = 0;
                fieldWasQuoted = false;
                line++;
                recordLine = line;
            }
        }

        if (inQuotes && strict)
        {
            throw new CsvFormatException(quoteLine, UnclosedQuote);
        }

        // An unterminated quote runs to the end of the file: its text is kept as the last field.
        if (fieldCount > 0 || field.Length > 0 || fieldWasQuoted)
        {
            EndField();
            yield return new CsvRecord(++rowNumber, recordLine, [.. fields])
            {
                FieldCount = fieldCount,
                UnclosedQuoteLine = inQuotes ? quoteLine : null,
            };
        }
    }

    /// <summary>Reads the first block and steps over a byte order mark, once.</summary>
    private void Start()
    {
        if (_buffer is not null)
        {
            return;
        }

        _buffer = new char[BufferSize];
        _length = _reader.ReadBlock(_buffer, 0, _buffer.Length);
        if (_length > 0 && _buffer[0] == '\uFEFF')
        {
            _position = 1;
        }
    }

    private void Append(StringBuilder field, ReadOnlySpan<char> text)
    {
        var room = _options.MaxFieldChars - field.Length;
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

        return _buffer![_position];
    }

    private bool Fill()
    {
        _position = 0;
        _length = _reader.Read(_buffer!, 0, _buffer!.Length);
        return _length > 0;
    }
}
