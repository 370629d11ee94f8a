namespace ScoranInclusion.Import.Formats;

/// <summary>
/// Reads a JSON file with every raw control byte (C0 but tab, LF and CR) written as a
/// <c>\u00XX</c> escape. JSON forbids such a byte inside a string, so one NUL in one value
/// would make the file malformed from there on and lose every object after it; escaped, it
/// reaches the value, whose row the parser rejects naming the field, like a CSV cell's.
/// </summary>
/// <remarks>
/// No string tracking is needed: outside a string such a byte is an error whether escaped or
/// not. A control byte right after an escaping backslash gets <c>u00XX</c> only, so that the
/// pair still reads as one escape. Line breaks are left alone, so line numbers stay true.
/// </remarks>
internal sealed class JsonControlEscapingStream(Stream inner) : Stream
{
    private readonly byte[] _in = new byte[16 * 1024];
    private readonly byte[] _out = new byte[16 * 1024 * 6];
    private int _outStart;
    private int _outEnd;

    // Whether the last byte passed on is a backslash that escapes the next one.
    private bool _escaping;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_outStart == _outEnd)
        {
            var read = inner.Read(_in, 0, _in.Length);
            if (read == 0)
            {
                return 0;
            }

            Transform(read);
        }

        var n = Math.Min(buffer.Length, _outEnd - _outStart);
        _out.AsSpan(_outStart, n).CopyTo(buffer);
        _outStart += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Transform(int count)
    {
        var o = 0;
        for (var i = 0; i < count; i++)
        {
            var b = _in[i];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                if (!_escaping)
                {
                    _out[o++] = (byte)'\\';
                }

                _out[o++] = (byte)'u';
                _out[o++] = (byte)'0';
                _out[o++] = (byte)'0';
                _out[o++] = Hex(b >> 4);
                _out[o++] = Hex(b & 0xF);
                _escaping = false;
                continue;
            }

            _out[o++] = b;
            _escaping = b == (byte)'\\' && !_escaping;
        }

        _outStart = 0;
        _outEnd = o;
    }

    private static byte Hex(int digit) => (byte)(digit < 10 ? '0' + digit : 'A' + digit - 10);
}
