using System.Text;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// A strict RFC 4180 reader (comma separator, double-quote quoting, CRLF or LF) that keeps
/// the line number of each record for error messages. Blank lines are skipped.
/// </summary>
/// <remarks>
/// Written here rather than taken from CsvHelper: the geodata files are small and fixed, and
/// start-up errors must name the file and line, which is simplest to guarantee ourselves.
/// </remarks>
internal sealed class CsvRecordReader(TextReader reader, string sourceName)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public string SourceName => sourceName;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    /// <param name="lineNumber">The 1-based line on which the record starts.</param>
    public bool TryRead(List<string> fields, out int lineNumber)
    {
        fields.Clear();
        while (true)
        {
            lineNumber = _line;
            var next = reader.Peek();
            if (next == -1)
                return false;
            if (next is not ('\r' or '\n'))
                break;
            ReadLineEnd(reader.Read());
        }

        while (true)
        {
            _field.Clear();
            var c = reader.Read();
            if (c == '"')
            {
                var quoteLine = _line;
                while (true)
                {
                    c = reader.Read();
                    if (c == -1)
                        throw GeodataErrors.Malformed(sourceName, quoteLine, "a quoted field is not closed");
                    if (c == '"')
                    {
                        if (reader.Peek() != '"')
                            break;
                        reader.Read();
                    }
                    else if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                c = reader.Read();
                if (c is not (',' or '\r' or '\n' or -1))
                    throw GeodataErrors.Malformed(sourceName, _line, "a closing quote must end the field");
            }
            else
            {
                while (c is not (',' or '\r' or '\n' or -1))
                {
                    if (c == '"')
                        throw GeodataErrors.Malformed(sourceName, _line, "a quote inside an unquoted field");
                    _field.Append((char)c);
                    c = reader.Read();
                }
            }

            fields.Add(_field.ToString());
            if (c == ',')
                continue;
            ReadLineEnd(c);
            return true;
        }
    }

    private void ReadLineEnd(int c)
    {
        if (c == -1)
            return;
        if (c == '\r' && reader.Peek() == '\n')
            reader.Read();
        _line++;
    }
}
