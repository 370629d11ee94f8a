namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// Reads OSM <c>opening_hours</c> expressions (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification),
/// the format of the national standard's <c>horaires</c>. The reference for meaning is opening_hours.js 3.15.0,
/// the evaluator of the national Cartographie; see <see cref="OpeningHoursSchedule"/> for the rule semantics.
/// </summary>
/// <remarks>
/// <para>Supported: <c>24/7</c>; rules joined by <c>;</c> (normal), <c>,</c> (additional) and <c>||</c>
/// (fallback); years (<c>2026</c>, <c>2025-2027</c>, <c>2020-2030/2</c>, <c>2026+</c>); months and dates
/// (<c>Jan-Mar</c>, <c>Dec-Feb</c>, <c>Dec 25</c>, <c>Dec 24-26</c>, <c>Jul 14-Aug 15</c>, <c>2026 Dec 24</c>,
/// <c>2026 Dec 30-2027 Jan 02</c>) with the optional <c>:</c> after them; ISO weeks (<c>week 01-26</c>,
/// <c>week 01-53/2</c>); weekdays, ranges that wrap (<c>Sa-Mo</c>) and occurrences in the month (<c>Mo[1]</c>,
/// <c>Sa[-1]</c>, <c>Mo[1,3]</c>, <c>Mo[2-4]</c>); <c>PH</c> (French public holidays), <c>Mo-Fr,PH</c>,
/// <c>PH Mo-Fr</c>; time ranges up to 48:00, past midnight, open ends (<c>17:00+</c>, <c>10:00-12:00+</c>);
/// <c>open</c>, <c>off</c>/<c>closed</c>, <c>unknown</c> and comments. Case and spacing are free, as in the
/// reference.</para>
/// <para>Refused, with a French explanation: <c>SH</c> (school holidays: no calendar of the zones here), sunrise
/// and sunset (no position here), <c>easter</c>, day offsets (<c>PH +1 day</c>), periodic or open-ended dates
/// (<c>Jan 01-31/2</c>, <c>Dec 24+</c>), points in time (<c>10:00-16:00/01:00</c>), a comment used as a date
/// selector, years before 1900, expressions longer than <see cref="MaxLength"/>.</para>
/// <para>Deliberate differences from the reference. (1) It repairs many slips with a warning (French or English
/// day and month names, <c>9h30</c>, <c>12.00</c>, <c>10-12</c>, typographic dashes and quotes, a trailing
/// <c>;</c>, a misplaced <c>:</c>, space-separated time ranges, <c>Mo-Fr 24/7</c>) and silently pads
/// <c>9:00</c>; here they are errors, located, with the corrected expression as a suggestion, so that what is
/// stored is the standard's syntax. (2) <c>Tu "x" off</c> is read by the reference as unknown « x »; here it is
/// an error suggesting <c>Tu off "x"</c>. (3) <c>week 52-02</c> and <c>2026 Dec 24-Jan 02</c>, refused by the
/// reference, are errors with a suggestion (<c>week 52-53,01-02</c>, <c>2026 Dec 24-2027 Jan 02</c>).
/// (4) An open end stopped by a later range of its rule (<c>17:00+,20:00-21:00</c>) ends there; the reference
/// also keeps a guessed stretch after midnight and a closed state carrying the open-end notice.
/// (5) A time in the spring gap (<c>Su 02:30-04:00</c> on the last Sunday of March) takes effect when the
/// clocks jump, 03:00; the reference's date arithmetic moves it to 03:30. (6) In the hour repeated when the
/// clocks go back, the second pass keeps the state reached at the end of the first (<c>02:30-05:00</c> stays
/// open); the reference evaluates the wall clock twice and closes for half an hour. <see cref="OpeningHoursSchedule.NextChange"/>
/// is, as the reference's getNextChange, the next change of state: a change of comment alone is skipped. (7) A normal rule with
/// no date selector (<c>Mo 08:00-10:00; 12:00-14:00</c>) selects every day and so replaces Monday's hours, as the
/// specification says; the reference keeps them. (8) A rule selecting PH without a comment of its own always
/// gives the holiday's name on the holiday; the reference sometimes drops it (when another rule also names PH,
/// or next to an open end). (9) Where the reference contradicts itself (its state at an instant differs from
/// the one its own iterator reaches, typically inside an open end), this follows the iterator.</para>
/// </remarks>
public static class OpeningHoursParser
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 1000;

    /// <summary>
    /// Parses and compiles <paramref name="expression"/>. When it is invalid, every error found is returned with
    /// its position; when all of them are slips with an obvious repair, each carries the corrected expression.
    /// </summary>
    public static OpeningHoursParseResult Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
        {
            // Evaluation cost grows with the number of ranges; OpenStreetMap itself stops values at 255 characters.
            return new OpeningHoursParseResult(null, [new OpeningHoursError(
                $"Expression trop longue ({expression.Length} caractères) : au plus {MaxLength}. Les horaires d'OpenStreetMap tiennent en 255.",
                MaxLength, expression.Length - MaxLength, null)]);
        }

        var (rules, problems) = Analyse(expression);
        if (rules is not null && problems.Count == 0)
        {
            var compiled = rules.Select(CompiledRule.Compile).ToArray();
            return new OpeningHoursParseResult(new OpeningHoursSchedule(Normalizer.Print(rules), compiled), []);
        }

        string? suggestion = null;
        if (rules is not null && problems.TrueForAll(p => p.Fixable))
        {
            var candidate = Normalizer.Print(rules);
            if (Analyse(candidate) is { Rules: not null, Problems.Count: 0 })
            {
                suggestion = candidate;
            }
        }

        return new OpeningHoursParseResult(
            null,
            [.. problems.OrderBy(p => p.Position).Select(p => new OpeningHoursError(p.Message, p.Position, p.Length, suggestion))]);
    }

    private static (List<RuleSyntax>? Rules, List<Problem> Problems) Analyse(string text)
    {
        var problems = new List<Problem>();
        try
        {
            var tokens = Lexer.Tokenize(text, problems);
            return (Parser.Parse(text, tokens, problems), problems);
        }
        catch (ParseFailure failure)
        {
            problems.Add(failure.Problem);
            return (null, problems);
        }
    }
}
