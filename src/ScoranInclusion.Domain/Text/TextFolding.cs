using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain.Text;

/// <summary>
/// The project's one accent folding, for every comparison that ignores accents: commune names
/// typed in a search or written in an address, place names and streets compared for duplicates,
/// vocabulary labels read leniently, and the identifiers derived from text (file names, API names).
/// Accents are removed by Unicode decomposition (NFD) without the combining marks; the ligatures
/// œ, æ and ß, which have no decomposition, are spelled out (oe, ae, ss) so that « Bœuf » and
/// « Boeuf » fold alike. Ill-formed text (a lone surrogate, typed into a URL) is made
/// foldable first (<see cref="FoldableText"/>): it never throws.
/// </summary>
/// <remarks>
/// The variants differ only in what they keep of the folded text, because their callers need
/// different shapes: <see cref="RemoveAccents"/> keeps case and punctuation (identifiers choose
/// their own separators and case), <see cref="Fold"/> lower-cases (free text), <see cref="Words"/>
/// cuts at punctuation and spaces (names compared word by word, where abbreviations are
/// expanded per word), and <see cref="Key"/> keeps letters and digits only (labels looked up
/// whatever their spacing and punctuation).
/// </remarks>
public static class TextFolding
{
    /// <summary>Without accents, ligatures spelled out, case and everything else kept: « Saint-Jean-de-Bœuf » → « Saint-Jean-de-Boeuf ».</summary>
    public static string RemoveAccents(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = FoldableText.Of(text).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            switch (c)
            {
                case 'œ':
                    folded.Append("oe");
                    break;
                case 'Œ':
                    folded.Append("OE");
                    break;
                case 'æ':
                    folded.Append("ae");
                    break;
                case 'Æ':
                    folded.Append("AE");
                    break;
                case 'ß':
                    folded.Append("ss");
                    break;
                default:
                    folded.Append(c);
                    break;
            }
        }

        return folded.ToString();
    }

    /// <summary><see cref="RemoveAccents"/> in lower case: « STE HÉLÈNE » → « ste helene ».</summary>
    public static string Fold(string text) => RemoveAccents(text).ToLowerInvariant();

    /// <summary>
    /// The words of <see cref="Fold"/>: runs of letters and digits, anything else a separator.
    /// « L’Isle sur -- le Doubs » → l, isle, sur, le, doubs.
    /// </summary>
    /// <param name="splitDigitsFromLetters">Also cut between digits and letters: « 12bis » → 12, bis (street numbers).</param>
    public static List<string> Words(string text, bool splitDigitsFromLetters = false)
    {
        var words = new List<string>();
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            var boundary = !inWord
                || (splitDigitsFromLetters && start >= 0 && char.IsDigit(folded[i]) != char.IsDigit(folded[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }

            if (inWord && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>The letters and digits of <see cref="Fold"/> only: « Aide aux démarches (CAF) » → « aideauxdemarchescaf ».</summary>
    public static string Key(string text)
    {
        var folded = Fold(text);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
