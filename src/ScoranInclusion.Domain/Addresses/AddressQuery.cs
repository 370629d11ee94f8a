using System.Globalization;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Addresses;

/// <summary>One searched word: the word as typed (folded), its full form when it is an abbreviation, and whether a longer word may match (it is being typed).</summary>
public sealed record AddressQueryWord(string Word, string? Expansion, bool Prefix)
{
    /// <summary>How well this word matches an indexed word: 1 the same (or its full form), less for a word it only begins, 0 none.</summary>
    public double Match(string indexed)
    {
        if (indexed == Word || indexed == Expansion)
        {
            return 1;
        }

        return Prefix && indexed.StartsWith(Word, StringComparison.Ordinal)
            ? 0.5 + (0.5 * Word.Length / indexed.Length)
            : 0;
    }
}

/// <summary>
/// A typed address, read once and the same way for every provider: the house number and its
/// repetition index when the text starts or ends with one (« 12 bis », « 12b », « 12, »), a postal code
/// anywhere (five digits), and the other words. <see cref="Words"/> empty: nothing to search.
/// </summary>
public sealed record AddressQuery(int? Numero, string? Rep, string? PostalCode, IReadOnlyList<AddressQueryWord> Words)
{
    /// <summary>The longest text read; the rest is ignored (an autocompletion is a few words).</summary>
    public const int MaxLength = 200;

    /// <summary>At most this many words are searched.</summary>
    public const int MaxWords = 10;

    public static AddressQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
        }

        var words = TextFolding.Words(text, splitDigitsFromLetters: true);
        var i = 0;
        int? numero = null;
        string? rep = null;
        if (words.Count > 1 && words[0].Length <= 4 && IsDigits(words[0]))
        {
            numero = int.Parse(words[0], NumberStyles.None, CultureInfo.InvariantCulture);
            i = 1;
            if (i < words.Count - 1 && AddressWords.IsRepetition(words[i]))
            {
                rep = AddressWords.Repetition(words[i]);
                i++;
            }
        }

        else if (words.Count > 1)
        {
            // « rue de l'arquebuse 21 », « … 21 bis »: a number typed last.
            var last = words.Count - 1;
            var repWord = last >= 1 && AddressWords.IsRepetition(words[last]) && IsDigits(words[last - 1]) && words[last - 1].Length <= 4 ? words[last] : null;
            var numberAt = repWord is null ? last : last - 1;
            if (numberAt >= 1 && words[numberAt].Length <= 4 && IsDigits(words[numberAt]))
            {
                numero = int.Parse(words[numberAt], NumberStyles.None, CultureInfo.InvariantCulture);
                rep = AddressWords.Repetition(repWord);
                words.RemoveRange(numberAt, words.Count - numberAt);
            }
        }

        string? postalCode = null;
        var searched = new List<AddressQueryWord>();
        var lastIndex = words.Count - 1;
        for (; i < words.Count && searched.Count < MaxWords; i++)
        {
            var word = words[i];
            if (postalCode is null && word.Length == 5 && IsDigits(word))
            {
                postalCode = word;
                continue;
            }

            if (AddressWords.IsSmallWord(word))
            {
                continue;
            }

            // A one-letter word is matched whole (or as its full form: « r » is « rue »), unless it is
            // the last one, being typed: as a beginning anywhere else it would match most of the index.
            searched.Add(new AddressQueryWord(word, AddressWords.Expansion(word), Prefix: word.Length > 1 || i == lastIndex));
        }

        return new AddressQuery(numero, rep, postalCode, searched);
    }

    private static bool IsDigits(string word)
    {
        foreach (var c in word)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return word.Length > 0;
    }
}
