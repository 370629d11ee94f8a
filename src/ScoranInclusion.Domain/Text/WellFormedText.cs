namespace ScoranInclusion.Domain.Text;

/// <summary>
/// Where a string stops being well-formed Unicode: half of a UTF-16 surrogate pair on its own (lone or reversed), or a
/// noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of each plane). The API refuses such text
/// (<c>INVALID_STRING</c>) and text folding replaces it (<see cref="FoldableText"/>): both read it here.
/// </summary>
public static class WellFormedText
{
    /// <summary>An ill-formed stretch: where it starts, how many UTF-16 code units it takes, what it is (French).</summary>
    public readonly record struct Problem(int Index, int Length, string Description);

    /// <summary>The first ill-formed stretch of <paramref name="text"/> at or after <paramref name="start"/>, or null.</summary>
    public static Problem? FirstProblem(string text, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if ((codePoint & 0xFFFE) == 0xFFFE)
                {
                    return new Problem(i, 2, $"le non-caractère U+{codePoint:X}");
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return new Problem(i, 1, $"une moitié de paire de substitution UTF-16 isolée (U+{(int)c:X4})");
            }

            if (c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF')
            {
                return new Problem(i, 1, $"le non-caractère U+{(int)c:X4}");
            }
        }

        return null;
    }
}
