using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScoranInclusion.Server.Tests.Languages;

/// <summary>
/// The Flesch reading ease adapted to French by Kandel and Moles (1958):
/// <c>207 − 1.015 × words per sentence − 73.6 × syllables per word</c>. 60 and above reads easily
/// (« assez facile » and better); the long words of administrative French bring it down fast.
/// Syllables are counted as spoken: vowel groups, the silent final e (« aide », « numérique ») not counted,
/// « qu »/« gu » before a vowel one consonant.
/// </summary>
public static partial class FrenchReadability
{
    private const string Vowels = "aeiouyàâäéèêëîïôöûùüÿœæ";

    public readonly record struct Score(double Value, int Words, int Sentences, int Syllables);

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"[\p{L}’'-]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"[.!?…]+")]
    private static partial Regex SentenceEnd();

    /// <summary>The words of a text: letters only, an elided article (« l' », « d' ») part of the word after it.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (Match token in WordRegex().Matches(PlaceholderRegex().Replace(text, " ")))
        {
            foreach (var part in token.Value.Split('\'', '’', '-'))
            {
                if (part.ToLower(CultureInfo.GetCultureInfo("fr-FR")).Any(c => Vowels.Contains(c, StringComparison.Ordinal)))
                {
                    words.Add(part);
                }
            }
        }

        return words;
    }

    /// <summary>Spoken syllables of one French word (at least one).</summary>
    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.ToLower(CultureInfo.GetCultureInfo("fr-FR"));
        var b = new StringBuilder(w.Length);
        for (var i = 0; i < w.Length; i++)
        {
            // « qu » and « gu » before a vowel: the u is not heard (« que », « guide »).
            if (w[i] == 'u' && i > 0 && (w[i - 1] == 'q' || (w[i - 1] == 'g' && i + 1 < w.Length && "eéèêiy".Contains(w[i + 1], StringComparison.Ordinal))))
            {
                continue;
            }

            b.Append(w[i]);
        }

        w = b.ToString();
        var groups = 0;
        var inVowel = false;
        foreach (var c in w)
        {
            var vowel = Vowels.Contains(c, StringComparison.Ordinal);
            if (vowel && !inVowel)
            {
                groups++;
            }

            inVowel = vowel;
        }

        // The final mute e (« aide », « numériques », « lieux » has none): not a syllable when another vowel is heard.
        if (groups > 1 && (w.EndsWith('e') || w.EndsWith("es", StringComparison.Ordinal)) && !Vowels.Contains(w[^(w.EndsWith('e') ? 2 : 3)], StringComparison.Ordinal))
        {
            groups--;
        }

        return Math.Max(1, groups);
    }

    /// <summary>The score of texts taken together; a text without a full stop (a title, a label) counts as one sentence.</summary>
    public static Score Of(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int words = 0, sentences = 0, syllables = 0;
        foreach (var text in texts)
        {
            var parts = SentenceEnd().Split(text).Where(p => Words(p).Count > 0).ToList();
            sentences += Math.Max(1, parts.Count);
            var all = Words(text);
            words += all.Count;
            syllables += all.Sum(Syllables);
        }

        if (words == 0)
        {
            return new Score(0, 0, sentences, 0);
        }

        var value = 207 - 1.015 * words / sentences - 73.6 * syllables / words;
        return new Score(value, words, sentences, syllables);
    }
}
