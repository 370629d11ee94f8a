using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>One opening of a day in the grid, in minutes since midnight: <c>0 ≤ Start &lt; End ≤ 1440</c> (1440 is 24:00).</summary>
public readonly record struct GridRange(int Start, int End)
{
    public override string ToString() => WeekGrid.Hhmm(Start) + "-" + WeekGrid.Hhmm(End);
}

/// <summary>
/// The week as people think of it, for the hours editor: each day closed or open over up to
/// <see cref="MaxRangesPerDay"/> ranges within the day, and whether the place closes on public holidays.
/// <see cref="ToExpression"/> writes the compact OSM expression (<c>Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off</c>);
/// <see cref="FromExpression"/> reads an expression back when it means exactly such a week, and gives null for anything
/// the grid cannot show without changing its meaning (dates, months, weeks, comments, <c>unknown</c>, open ends, past
/// midnight, fallbacks, partial closings, hours on public holidays, more than three ranges a day…): the text then rules.
/// </summary>
/// <remarks>
/// Reading follows the evaluator's rule semantics (<see cref="OpeningHoursSchedule"/>): a normal rule replaces the days it
/// selects, a rule after <c>,</c> adds to them, a rule with no weekday selects every day. Ranges of a day that overlap or
/// touch are merged, which keeps the meaning. <c>PH off</c> counts only when no later rule selects a weekday again (a
/// later <c>Mo-Fr …</c> would reopen the holidays that fall on those days).
/// </remarks>
public sealed class WeekGrid
{
    public const int MaxRangesPerDay = 3;

    /// <summary>The OSM codes of the days, Monday first (index 0), as in <see cref="Days"/>.</summary>
    public static readonly IReadOnlyList<string> DayCodes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    private readonly GridRange[][] _days;

    /// <param name="days">Seven lists, Monday first: a day's ranges (empty: closed), each within the day, none overlapping.</param>
    /// <param name="closedOnPublicHolidays">Adds <c>PH off</c>.</param>
    public WeekGrid(IReadOnlyList<IReadOnlyList<GridRange>> days, bool closedOnPublicHolidays)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count != 7)
        {
            throw new ArgumentException("Une semaine a sept jours.", nameof(days));
        }

        _days = new GridRange[7][];
        for (var d = 0; d < 7; d++)
        {
            var ranges = days[d].OrderBy(r => r.Start).ToArray();
            if (ranges.Length > MaxRangesPerDay)
            {
                throw new ArgumentException($"Au plus {MaxRangesPerDay} plages par jour.", nameof(days));
            }

            for (var i = 0; i < ranges.Length; i++)
            {
                var r = ranges[i];
                if (r.Start < 0 || r.End > 1440 || r.End <= r.Start || (i > 0 && r.Start < ranges[i - 1].End))
                {
                    throw new ArgumentException($"Plage invalide ou chevauchante : {r}.", nameof(days));
                }
            }

            _days[d] = ranges;
        }

        ClosedOnPublicHolidays = closedOnPublicHolidays;
    }

    /// <summary>Seven lists of ranges, Monday first, each sorted; empty for a closed day.</summary>
    public IReadOnlyList<IReadOnlyList<GridRange>> Days => _days;

    public bool ClosedOnPublicHolidays { get; }

    /// <summary>Monday to Friday have the same hours (what « mêmes horaires du lundi au vendredi » shows).</summary>
    public bool SameOnWeekdays => Enumerable.Range(1, 4).All(d => _days[d].SequenceEqual(_days[0]));

    /// <summary>No day has any opening.</summary>
    public bool IsEmpty => _days.All(d => d.Length == 0);

    /// <summary>
    /// The compact OSM expression: days of equal hours in one rule (consecutive runs of three days or more as ranges,
    /// <c>Mo-Fr</c>, others listed, <c>Sa,Su</c>), rules in the order of their first day, closed days left out, then
    /// <c>PH off</c>. An empty week gives the empty string (no hours given), whatever the holidays.
    /// </summary>
    public string ToExpression()
    {
        if (IsEmpty)
        {
            return "";
        }

        var rules = new List<string>();
        var done = new bool[7];
        for (var d = 0; d < 7; d++)
        {
            if (done[d] || _days[d].Length == 0)
            {
                continue;
            }

            var same = Enumerable.Range(d, 7 - d).Where(o => !done[o] && _days[o].SequenceEqual(_days[d])).ToList();
            same.ForEach(o => done[o] = true);
            rules.Add(Selector(same) + " " + string.Join(",", _days[d].Select(r => r.ToString())));
        }

        if (ClosedOnPublicHolidays)
        {
            rules.Add("PH off");
        }

        return string.Join("; ", rules);
    }

    private static string Selector(List<int> days)
    {
        var parts = new List<string>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                parts.Add(DayCodes[days[i]] + "-" + DayCodes[days[j]]);
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    parts.Add(DayCodes[days[k]]);
                }
            }

            i = j + 1;
        }

        return string.Join(",", parts);
    }

    /// <summary>
    /// The grid of <paramref name="expression"/> when the grid can show exactly what it means; an empty grid for an
    /// empty expression; null otherwise (invalid, or beyond a week of ranges: see the class summary).
    /// </summary>
    public static WeekGrid? FromExpression(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return new WeekGrid(Enumerable.Repeat<IReadOnlyList<GridRange>>([], 7).ToList(), false);
        }

        if (!OpeningHoursParser.Parse(expression).IsValid)
        {
            return null;
        }

        List<RuleSyntax> rules;
        try
        {
            var problems = new List<Problem>();
            rules = Parser.Parse(expression, Lexer.Tokenize(expression, problems), problems);
            if (problems.Count > 0)
            {
                return null;
            }
        }
        catch (ParseFailure)
        {
            return null;
        }

        var days = Enumerable.Range(0, 7).Select(_ => new List<GridRange>()).ToArray();
        var holidaysOff = false;
        foreach (var rule in rules)
        {
            if (rule.Join == RuleJoin.Fallback || rule.HasWideSelectors || rule.Comment is not null || rule.HolidayWeekdays.Count > 0
                || rule.State == StateKeyword.Unknown || rule.Weekdays.Exists(w => w.Nths.Count > 0))
            {
                return null;
            }

            var closing = rule.State is StateKeyword.Off or StateKeyword.Closed;
            var holiday = rule.Weekdays.Exists(w => w.IsPublicHoliday);
            if (holiday)
            {
                // Only « PH off », alone in its rule and replacing: holidays with hours of their own are beyond the grid.
                if (rule.Weekdays.Count != 1 || !closing || rule.Times.Count > 0 || rule.Join != RuleJoin.Normal || rule.TwentyFourSeven)
                {
                    return null;
                }

                holidaysOff = true;
                continue;
            }

            if (holidaysOff)
            {
                // A later rule selects days again, holidays among them: PH off would no longer hold on them.
                return null;
            }

            var selected = Selected(rule);
            if (closing)
            {
                // « Mo off »; « We 12:00-14:00 off » closes part of a day and « , Mo off » is an odd overlay: beyond the grid.
                if (rule.Times.Count > 0 || rule.Join != RuleJoin.Normal)
                {
                    return null;
                }

                foreach (var d in selected)
                {
                    days[d].Clear();
                }

                continue;
            }

            var ranges = new List<GridRange>();
            if (rule.TwentyFourSeven || rule.Times.Count == 0)
            {
                ranges.Add(new GridRange(0, 1440));
            }

            foreach (var span in rule.Times)
            {
                if (span.OpenEnd || span.End is not { } end || end <= span.Start || end > 1440)
                {
                    return null;
                }

                ranges.Add(new GridRange(span.Start, end));
            }

            foreach (var d in selected)
            {
                if (rule.Join == RuleJoin.Normal)
                {
                    days[d].Clear();
                }

                days[d].AddRange(ranges);
            }
        }

        var merged = days.Select(Merge).ToList();
        // A week closed every day (« off », « Mo off ») is not « no hours given », which is what an empty grid writes.
        if (merged.Exists(d => d.Count > MaxRangesPerDay) || merged.TrueForAll(d => d.Count == 0))
        {
            return null;
        }

        return new WeekGrid(merged, holidaysOff);
    }

    /// <summary>The days a rule selects: its weekdays (ranges may wrap, <c>Sa-Mo</c>), or every day.</summary>
    private static SortedSet<int> Selected(RuleSyntax rule)
    {
        if (rule.Weekdays.Count == 0)
        {
            return [0, 1, 2, 3, 4, 5, 6];
        }

        var days = new SortedSet<int>();
        foreach (var item in rule.Weekdays)
        {
            for (var d = item.From; ; d = (d + 1) % 7)
            {
                days.Add(d);
                if (d == item.To)
                {
                    break;
                }
            }
        }

        return days;
    }

    private static IReadOnlyList<GridRange> Merge(List<GridRange> ranges)
    {
        var merged = new List<GridRange>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, r.End) };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>Minutes since midnight as OSM writes them: <c>09:00</c>, <c>24:00</c>.</summary>
    public static string Hhmm(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    /// <summary>
    /// A time as a person types it in the grid: <c>9</c>, <c>9h</c>, <c>9h30</c>, <c>9:30</c>, <c>09.30</c>, <c>0930</c>,
    /// <c>24:00</c>; null when it is no time of day. <paramref name="asEnd"/>: midnight (<c>0</c>, <c>00:00</c>) is the
    /// end of the day, 1440.
    /// </summary>
    public static int? ParseTime(string? text, bool asEnd)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (t.Length == 0)
        {
            return null;
        }

        var digits = new StringBuilder();
        int? hours = null;
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is ':' or 'h' or '.' && hours is null && digits.Length is 1 or 2)
            {
                hours = int.Parse(digits.ToString(), CultureInfo.InvariantCulture);
                digits.Clear();
            }
            else
            {
                return null;
            }
        }

        int minutes;
        if (hours is null)
        {
            // 9, 14, 0930, 1400.
            if (digits.Length is 1 or 2)
            {
                hours = int.Parse(digits.ToString(), CultureInfo.InvariantCulture);
                minutes = 0;
            }
            else if (digits.Length is 3 or 4)
            {
                hours = int.Parse(digits.ToString()[..^2], CultureInfo.InvariantCulture);
                minutes = int.Parse(digits.ToString()[^2..], CultureInfo.InvariantCulture);
            }
            else
            {
                return null;
            }
        }
        else if (digits.Length == 0)
        {
            minutes = 0;
        }
        else if (digits.Length == 2)
        {
            minutes = int.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0))
        {
            return null;
        }

        var total = hours.Value * 60 + minutes;
        return asEnd && total == 0 ? 1440 : total;
    }
}
