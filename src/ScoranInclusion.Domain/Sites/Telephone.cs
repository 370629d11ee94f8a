using System.Text;

namespace ScoranInclusion.Domain.Sites;

/// <summary>The standard's telephone format: international, no spaces (+33XXXXXXXXX).</summary>
public static class Telephone
{
    // Overseas départements have their own country codes: dialled from abroad, +33 590… does
    // not reach Guadeloupe. Their national numbers (0590…, 0690…) therefore keep all nine
    // digits after the country code: 0590 12 34 56 → +590 590 12 34 56. The codes are those
    // the standard's pattern allows (it lists +269 for Mayotte, as the ANCT library does).
    private static readonly (string NationalPrefix, string CountryCode)[] _overseas =
    [
        ("0590", "+590"), ("0690", "+590"), ("0691", "+590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy
        ("0594", "+594"), ("0694", "+594"), // Guyane
        ("0262", "+262"), ("0263", "+262"), ("0692", "+262"), ("0693", "+262"), // La Réunion
        ("0596", "+596"), ("0696", "+596"), ("0697", "+596"), // Martinique
        ("0269", "+269"), ("0639", "+269"), // Mayotte
    ];

    // Country codes of the standard whose numbers are the nine digits of the French national
    // number without its leading 0.
    private static readonly string[] _nineDigitCodes = ["+33", "+590", "+594", "+262", "+596", "+269"];

    // The Pacific and Saint-Pierre-et-Miquelon have shorter national numbers: the standard
    // only bounds them (6 to 9 digits).
    private static readonly string[] _shortNumberCodes = ["+687", "+689", "+508", "+681"];

    /// <summary>
    /// Turns a French national or international number ("03 80 48 84 14", "+33 (0)3 80…",
    /// "0033 3 80…", "0590 12 34 56") into the standard's form ("+33380488414",
    /// "+590590123456"). Spaces (non-breaking ones included), dots and dashes are ignored.
    /// Anything else (letters, two numbers, a short number, an extension) is refused rather than guessed.
    /// </summary>
    /// <returns>True with the normalized number; false with <paramref name="normalized"/> empty.</returns>
    public static bool TryNormalize(string input, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var compact = Compact(input);
        if (compact is null)
        {
            return false;
        }

        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        string? result = compact[0] == '+' ? FromInternational(compact) : FromNational(compact);
        if (result is null || !StandardPatterns.IsTelephone(result))
        {
            return false;
        }

        normalized = result;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is already in the standard's form (the schema's pattern).</summary>
    public static bool IsNormalized(string value) => StandardPatterns.IsTelephone(value);

    /// <summary>Digits and a leading '+', without separators and without the "(0)" of "+33 (0)3…"; null if anything else is present.</summary>
    private static string? Compact(string input)
    {
        var text = input.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
            else if (c == '+' && sb.Length == 0)
            {
                sb.Append(c);
            }
            else if (!(c is '.' or '-' || char.IsWhiteSpace(c)))
            {
                return null;
            }
        }

        return sb.Length < 2 ? null : sb.ToString();
    }

    private static string? FromNational(string digits)
    {
        // A national number is 0 + nine digits, the first of which is never 0.
        if (digits.Length != 10 || digits[0] != '0' || digits[1] == '0')
        {
            return null;
        }

        foreach (var (prefix, countryCode) in _overseas)
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal))
            {
                return countryCode + digits[1..];
            }
        }

        return "+33" + digits[1..];
    }

    private static string? FromInternational(string number)
    {
        foreach (var code in _nineDigitCodes)
        {
            if (!number.StartsWith(code, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = number[code.Length..];

            // "+33 0 3 80…": the trunk 0 kept by mistake after the country code.
            if (rest.Length == 10 && rest[0] == '0')
            {
                rest = rest[1..];
            }

            if (rest.Length != 9 || rest[0] == '0')
            {
                return null;
            }

            // +33 followed by an overseas national number is a wrong conversion of it.
            if (code == "+33" && Array.Exists(_overseas, o => ("0" + rest).StartsWith(o.NationalPrefix, StringComparison.Ordinal)))
            {
                return FromNational("0" + rest);
            }

            return code + rest;
        }

        foreach (var code in _shortNumberCodes)
        {
            if (number.StartsWith(code, StringComparison.Ordinal))
            {
                return number;
            }
        }

        return null;
    }
}
