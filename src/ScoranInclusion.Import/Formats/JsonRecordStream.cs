using System.Text.Json;

namespace ScoranInclusion.Import.Formats;

internal enum JsonItemKind
{
    /// <summary>An object: <see cref="JsonItem.Document"/> holds it.</summary>
    Record,

    /// <summary>An element of the array that is not an object (a string, a number, an array): skipped.</summary>
    NotAnObject,

    /// <summary>An object larger than the reader's bound: skipped without being held in memory.</summary>
    TooLarge,

    /// <summary>The JSON is broken at <see cref="JsonItem.Line"/>: reading stops here.</summary>
    Malformed,
}

/// <summary>One element of a JSON file read by <see cref="JsonRecordStream"/>; the caller disposes <see cref="Document"/>.</summary>
/// <param name="Index">1-based position of the element (for <see cref="JsonItemKind.Malformed"/>, of the element that could not be read).</param>
/// <param name="Line">1-based line where the element starts, or where the JSON breaks.</param>
/// <param name="Detail">What is wrong (English text of the .NET parser for malformed JSON, with its column).</param>
internal sealed record JsonItem(JsonItemKind Kind, int Index, int Line, JsonDocument? Document, string? Detail)
{
    /// <summary>For <see cref="JsonItemKind.Malformed"/>: the 1-based byte position in the line.</summary>
    public long Column { get; init; }
}

/// <summary>
/// Reads the objects of a JSON file one at a time, in memory bounded by the largest object
/// (not the file): an array of objects (<c>[{…}, {…}]</c>), an object wrapping such an array
/// under a usual key (<c>{"lieux": […]}</c>, <c>{"items": […], "total": 3}</c>, …), or JSON
/// Lines / concatenated objects (<c>{…}\n{…}</c>). Each object is parsed with
/// <see cref="JsonDocument.ParseValue"/> once its bytes are all in the buffer; the line where
/// it starts is counted on the way. Broken JSON ends the stream with a
/// <see cref="JsonItemKind.Malformed"/> item, the objects before it having been returned.
/// </summary>
internal sealed class JsonRecordStream : IDisposable
{
    /// <summary>The largest object read into memory; larger ones are skipped and reported.</summary>
    public const int DefaultMaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>The keys under which an object may wrap the array of records.</summary>
    public static IReadOnlyList<string> WrapperKeys { get; } =
        ["lieux", "items", "data", "results", "resultats", "structures", "services", "records"];

    private static readonly JsonReaderOptions _options = new()
    {
        AllowMultipleValues = true,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state = new(_options);
    private long _linesBeforeStart;
    private Mode _mode = Mode.Start;
    private int _index;

    // In Trailer mode: whether the top-level value (array or wrapper) is closed.
    private bool _closed;
    private bool _bomChecked;

    public JsonRecordStream(Stream stream, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // A raw control byte inside one string must cost its row, not the rest of the file.
        _stream = new JsonControlEscapingStream(stream);
        _maxRecordBytes = Math.Max(maxRecordBytes, 1024);
        _buffer = new byte[Math.Min(64 * 1024, _maxRecordBytes)];
    }

    private enum Mode
    {
        Start,
        Array,
        Values,

        /// <summary>After the records' array: the rest must be well formed (the end of a wrapper) and then nothing.</summary>
        Trailer,
        Done,
    }

    private enum Outcome
    {
        Done,
        NeedMore,
    }

    /// <summary>The key of the wrapping object whose array is read, when there is one.</summary>
    public string? WrapperKey { get; private set; }

    /// <summary>False for a file with no JSON value at all (empty, or only spaces): once read, an empty file.</summary>
    public bool SawValue { get; private set; }

    /// <summary>The elements, lazily; stops after a <see cref="JsonItemKind.Malformed"/> one.</summary>
    public IEnumerable<JsonItem> Items()
    {
        while (Next() is { } item)
        {
            yield return item;
            if (item.Kind == JsonItemKind.Malformed)
            {
                yield break;
            }
        }
    }

    public void Dispose()
    {
        // The stream belongs to the caller; only the buffer is let go.
        _buffer = [];
    }

    /// <summary>The next element, or null at the end.</summary>
    public JsonItem? Next()
    {
        while (_mode != Mode.Done)
        {
            // Utf8JsonReader does not skip a byte order mark, which Windows editors write.
            if (!_bomChecked && (_end - _start >= 3 || _eof))
            {
                _bomChecked = true;
                if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
                {
                    _start += 3;
                }
            }

            JsonItem? item = null;
            Outcome outcome;
            try
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
                outcome = _mode switch
                {
                    Mode.Start => Start(ref reader),
                    Mode.Trailer => Trailer(ref reader),
                    _ => Element(ref reader, out item),
                };
            }
            catch (JsonException e)
            {
                _mode = Mode.Done;
                return new JsonItem(JsonItemKind.Malformed, _index + 1, (int)(e.LineNumber ?? _linesBeforeStart) + 1, null, Reason(e))
                {
                    Column = (e.BytePositionInLine ?? 0) + 1,
                };
            }
            catch (InvalidOperationException e)
            {
                // Text that is not UTF-8 where the reader had to decode it.
                _mode = Mode.Done;
                return new JsonItem(JsonItemKind.Malformed, _index + 1, (int)_linesBeforeStart + 1, null, e.Message);
            }

            if (outcome == Outcome.Done)
            {
                if (item is not null)
                {
                    return item;
                }

                continue;
            }

            if (!Refill())
            {
                // The buffer is at its bound and still holds no whole element.
                return TooLarge();
            }
        }

        return null;
    }

    /// <summary>A size as the messages write it: « 16 Mo », « 512 Ko ».</summary>
    public static string Size(int bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} Mo" : $"{Math.Max(1, bytes / 1024)} Ko";

    private static string Reason(JsonException e)
    {
        // The parser's message ends with its own " LineNumber: … | BytePositionInLine: …." which the report says in French.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private Outcome Start(ref Utf8JsonReader reader)
    {
        if (_end - _start >= 2 && _buffer[_start] is 0xFF or 0xFE && _buffer[_start + 1] is 0xFE or 0xFF)
        {
            throw new JsonException("le fichier est encodé en UTF-16 : enregistrez-le en UTF-8", null, 0, 0);
        }

        if (!reader.Read())
        {
            if (_eof)
            {
                _mode = Mode.Done;
                return Outcome.Done;
            }

            return Outcome.NeedMore;
        }

        SawValue = true;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                Commit(ref reader);
                _mode = Mode.Array;
                return Outcome.Done;

            case JsonTokenType.StartObject:
                return WrapperOrRecords(ref reader);

            default:
                throw new JsonException(
                    $"le fichier contient {TokenName(reader.TokenType)} là où un tableau d'objets ou un objet est attendu",
                    null, _linesBeforeStart, 0);
        }
    }

    /// <summary>
    /// A top-level object is a wrapper when one of its properties is a <see cref="WrapperKeys"/>
    /// array of objects (or an empty array); otherwise it is the first record of a JSON Lines
    /// file or a single record, read again from its start.
    /// </summary>
    private Outcome WrapperOrRecords(ref Utf8JsonReader reader)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return Outcome.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // No wrapped array: the object is a record. Read it again as the first value.
                _mode = Mode.Values;
                return Outcome.Done;
            }

            string? key = null;
            foreach (var candidate in WrapperKeys)
            {
                if (reader.ValueTextEquals(candidate))
                {
                    key = candidate;
                }
            }

            if (!reader.Read())
            {
                return Outcome.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.StartArray && key is not null)
            {
                var peek = reader;
                if (!peek.Read())
                {
                    return Outcome.NeedMore;
                }

                if (peek.TokenType is JsonTokenType.StartObject or JsonTokenType.EndArray)
                {
                    WrapperKey = key;
                    Commit(ref reader);
                    _mode = Mode.Array;
                    return Outcome.Done;
                }
            }

            if (!reader.TrySkip())
            {
                return Outcome.NeedMore;
            }
        }
    }

    private Outcome Element(ref Utf8JsonReader reader, out JsonItem? item)
    {
        item = null;
        if (!reader.Read())
        {
            if (_eof && _mode == Mode.Values)
            {
                _mode = Mode.Done;
                return Outcome.Done;
            }

            return Outcome.NeedMore;
        }

        if (_mode == Mode.Array && reader.TokenType == JsonTokenType.EndArray)
        {
            Commit(ref reader);
            _mode = Mode.Trailer;
            _closed = WrapperKey is null;
            return Outcome.Done;
        }

        var line = LineAt((int)reader.TokenStartIndex);
        var probe = reader;
        if (!probe.TrySkip())
        {
            return Outcome.NeedMore;
        }

        _index++;
        if (probe.BytesConsumed - reader.TokenStartIndex > _maxRecordBytes)
        {
            reader = probe;
            Commit(ref reader);
            item = new JsonItem(JsonItemKind.TooLarge, _index, line, null, null);
            return Outcome.Done;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = reader.TokenType;
            reader = probe;
            Commit(ref reader);
            item = new JsonItem(JsonItemKind.NotAnObject, _index, line, null, TokenName(kind));
            return Outcome.Done;
        }

        var document = JsonDocument.ParseValue(ref reader);
        Commit(ref reader);
        item = new JsonItem(JsonItemKind.Record, _index, line, document, null);
        return Outcome.Done;
    }

    /// <summary>Reads what follows the records' array to the end, token by token: the end of a wrapper, then nothing.</summary>
    private Outcome Trailer(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (_closed)
            {
                throw new JsonException("du contenu suit la fin des données", null, LineAt((int)reader.TokenStartIndex) - 1, 0);
            }

            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                _closed = true;
            }
        }

        // Tokens are only skipped here: what was read is let go, whatever the size of the rest.
        Commit(ref reader);
        if (_eof)
        {
            _mode = Mode.Done;
        }

        return _eof ? Outcome.Done : Outcome.NeedMore;
    }

    private static string TokenName(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "une chaîne",
        JsonTokenType.Number => "un nombre",
        JsonTokenType.True or JsonTokenType.False => "un booléen",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "un tableau",
        _ => token.ToString(),
    };

    /// <summary>
    /// Skips an element too large for the buffer token by token, keeping only the current
    /// token in memory, and reports it; a single token larger than the bound ends the file.
    /// </summary>
    private JsonItem TooLarge()
    {
        if (_mode == Mode.Start)
        {
            // A first object too large to tell a wrapper from a record: records follow.
            _mode = Mode.Values;
        }

        _index++;
        var index = _index;
        var line = (int)_linesBeforeStart + 1;
        try
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            if (!reader.Read())
            {
                throw new JsonException($"une seule valeur dépasse {Size(_maxRecordBytes)}", null, _linesBeforeStart, 0);
            }

            line = LineAt((int)reader.TokenStartIndex);
            var depth = reader.CurrentDepth;
            Commit(ref reader);
            while (true)
            {
                reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
                var finished = false;
                while (reader.Read())
                {
                    if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        finished = true;
                        break;
                    }
                }

                Commit(ref reader);
                if (finished)
                {
                    return new JsonItem(JsonItemKind.TooLarge, index, line, null, null);
                }

                if (!Refill())
                {
                    throw new JsonException($"une seule valeur dépasse {Size(_maxRecordBytes)}", null, _linesBeforeStart, 0);
                }
            }
        }
        catch (JsonException e)
        {
            _mode = Mode.Done;
            return new JsonItem(JsonItemKind.Malformed, index, (int)(e.LineNumber ?? _linesBeforeStart) + 1, null, Reason(e))
            {
                Column = (e.BytePositionInLine ?? 0) + 1,
            };
        }
    }

    private int LineAt(int offsetInWindow) =>
        (int)(_linesBeforeStart + _buffer.AsSpan(_start, offsetInWindow).Count((byte)'\n')) + 1;

    private void Commit(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _linesBeforeStart += _buffer.AsSpan(_start, consumed).Count((byte)'\n');
        _start += consumed;
        _state = reader.CurrentState;
    }

    /// <summary>Reads more bytes, moving what is left to the front and growing up to the bound; false when at the bound.</summary>
    private bool Refill()
    {
        if (_eof)
        {
            // isFinalBlock was true: the reader throws rather than asking for more, so this is not reached.
            throw new JsonException("fin de fichier inattendue", null, _linesBeforeStart, 0);
        }

        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxRecordBytes)
            {
                return false;
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxRecordBytes));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        return true;
    }
}
