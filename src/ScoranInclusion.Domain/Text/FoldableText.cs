using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// Text that Unicode normalization (NFD, used by every accent-insensitive comparison) accepts. .NET's normalization
/// throws on a lone UTF-16 surrogate and on the noncharacter U+FFFE; a citizen's search text comes from a URL or a form
/// where such characters can be typed in, and must be searched as text, never fail: each one becomes U+FFFD, the
/// replacement character, which matches nothing.
/// </summary>
public static class FoldableText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                safe?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                safe ??= new StringBuilder(text.Length).Append(text, 0, i);
                safe.Append('\uFFFD');
                continue;
            }

            safe?.Append(c);
        }

        return safe?.ToString() ?? text;
    }
}
