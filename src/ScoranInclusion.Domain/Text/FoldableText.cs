using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// Text that Unicode normalization (NFD, used by every accent-insensitive comparison) accepts. .NET's normalization
/// throws on a lone UTF-16 surrogate and on the noncharacter U+FFFE; a citizen's search text comes from a URL or a form
/// where such characters can be typed in, and must be searched as text, never fail: each ill-formed stretch
/// (<see cref="WellFormedText"/>) becomes U+FFFD, the replacement character, which matches nothing.
/// </summary>
public static class FoldableText
{
    public static string Of(string text)
    {
        if (WellFormedText.FirstProblem(text) is not { } problem)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        var from = 0;
        for (WellFormedText.Problem? next = problem; next is { } p; next = WellFormedText.FirstProblem(text, from))
        {
            safe.Append(text, from, p.Index - from).Append('\uFFFD');
            from = p.Index + p.Length;
        }

        return safe.Append(text, from, text.Length - from).ToString();
    }
}
