namespace ScoranInclusion.Domain.Text;

/// <summary>
/// How every CSV this project writes spells one cell: RFC 4180 quoting, and, for a CSV meant
/// to be opened in a spreadsheet, no text that the spreadsheet would run as a formula.
/// </summary>
/// <remarks>
/// A cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is
/// read as a formula by Excel, LibreOffice and Google Sheets (« CSV injection »):
/// <c>=HYPERLINK("https://…","Cliquez")</c> in a place's name becomes a live link, and worse
/// formulas can run. Following OWASP's advice, such a cell is prefixed with an apostrophe,
/// which the spreadsheet shows as text; a plain number (<c>-3.5</c>, <c>+33380000000</c>) is
/// left alone, since the spreadsheet reads it as a number, not a formula.
/// </remarks>
public static class CsvCell
{
    /// <summary>The cell as RFC 4180 writes it: quoted (quotes doubled) only if it holds a separator, a quote or a line break.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><see cref="Neutralize"/>, then <see cref="Escape"/>: the cell of a CSV meant for a spreadsheet.</summary>
    public static string EscapeForSpreadsheet(string value) => Escape(Neutralize(value));

    /// <summary>Whether a spreadsheet would read <paramref name="value"/> as a formula (see the remarks).</summary>
    public static bool IsFormulaLike(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value);
    }

    /// <summary>The value, with an apostrophe before it when a spreadsheet would read it as a formula.</summary>
    public static string Neutralize(string value) => IsFormulaLike(value) ? "'" + value : value;

    // A sign, digits, at most one decimal point: what a spreadsheet reads as a number.
    private static bool IsPlainNumber(string value)
    {
        var digits = 0;
        var points = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && points++ == 0)
            {
                continue;
            }
            else if (i != 0 || c is not ('+' or '-'))
            {
                return false;
            }
        }

        return digits > 0;
    }
}
