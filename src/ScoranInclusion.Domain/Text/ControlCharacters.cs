using System.Buffers;
using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// The control characters that never belong in a text value of the standard: C0 (U+0000 to
/// U+001F) except tab, line feed and carriage return (which quoted CSV cells and JSON strings
/// may hold), DEL (U+007F) and C1 (U+0080 to U+009F). One in a cell means the file was damaged
/// or badly exported at that place, so the value cannot be trusted: importers reject its row
/// rather than silently remove the character (see <c>Import/Formats/README.md</c>).
/// </summary>
public static class ControlCharacters
{
    private static readonly SearchValues<char> _forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
         '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c)]);

    /// <summary>The index of the first forbidden control character in <paramref name="text"/>, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text) => text.IndexOfAny(_forbidden);

    /// <summary>Whether <paramref name="c"/> is one of the forbidden control characters.</summary>
    public static bool IsForbidden(char c) => _forbidden.Contains(c);

    /// <summary>« U+0000 (NUL) », « U+001B (ESC) », « U+0085 »: how messages name the character.</summary>
    public static string Describe(char c)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
        var name = c switch
        {
            '\0' => "NUL",
            '\a' => "BEL",
            '\b' => "BS",
            '\v' => "VT",
            '\f' => "FF",
            '\u001A' => "SUB",
            '\u001B' => "ESC",
            '\u007F' => "DEL",
            _ => null,
        };
        return name is null ? code : $"{code} ({name})";
    }

    /// <summary>
    /// The text with each forbidden control character shown as a visible symbol (␀ for NUL,
    /// the Unicode « control pictures »; « ⟨U+0085⟩ » for C1), so that a report can print
    /// the value without the terminal or the spreadsheet acting on it.
    /// </summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IndexOfForbidden(text) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!IsForbidden(c))
            {
                builder.Append(c);
            }
            else if (c < 0x20)
            {
                builder.Append((char)(0x2400 + c));
            }
            else if (c == '\u007F')
            {
                builder.Append('\u2421');
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"⟨U+{(int)c:X4}⟩");
            }
        }

        return builder.ToString();
    }
}
