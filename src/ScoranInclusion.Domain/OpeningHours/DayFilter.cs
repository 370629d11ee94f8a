namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// The date part of a rule (years, months and dates, ISO weeks, weekdays and public holidays), compiled into
/// arrays of plain numbers so that matching a day allocates nothing.
/// </summary>
internal sealed class DayFilter
{
    private readonly YearRangeSyntax[]? _years;
    private readonly DateSpan[]? _dates;
    private readonly WeekRangeSyntax[]? _weeks;
    private readonly WeekdaySet? _days;
    private readonly bool _publicHoliday;
    private readonly WeekdaySet? _holidayDays;

    public DayFilter(RuleSyntax rule)
    {
        _years = rule.Years.Count > 0 ? [.. rule.Years] : null;
        _dates = rule.Monthdays.Count > 0 ? [.. rule.Monthdays.Select(DateSpan.Of)] : null;
        _weeks = rule.Weeks.Count > 0 ? [.. rule.Weeks] : null;
        _publicHoliday = rule.Weekdays.Exists(w => w.IsPublicHoliday);
        var plainDays = rule.Weekdays.Where(w => !w.IsPublicHoliday).ToList();
        _days = plainDays.Count > 0 ? new WeekdaySet(plainDays) : null;
        _holidayDays = rule.HolidayWeekdays.Count > 0 ? new WeekdaySet(rule.HolidayWeekdays) : null;
        UsesDateSelectors = _years is not null || _dates is not null || _weeks is not null
            || _publicHoliday || (_days?.HasNths ?? false);
    }

    public bool UsesPublicHolidays => _publicHoliday;

    public bool UsesIsoWeeks => _weeks is not null;

    /// <summary>False when the rule repeats every week (only weekdays, without occurrences in the month).</summary>
    public bool UsesDateSelectors { get; }

    public bool Matches(in DayFacts day)
    {
        if (_years is not null && !MatchesYear(day.Year))
        {
            return false;
        }

        if (_dates is not null && !MatchesDate(in day))
        {
            return false;
        }

        if (_weeks is not null && !MatchesWeek(day.IsoWeek))
        {
            return false;
        }

        if (_publicHoliday)
        {
            if (day.Holiday is not null && (_holidayDays is null || _holidayDays.Matches(in day)))
            {
                return true;
            }

            return _days is not null && _days.Matches(in day);
        }

        return _days is null || _days.Matches(in day);
    }

    private bool MatchesYear(int year)
    {
        foreach (var range in _years!)
        {
            if (year >= range.From && year <= range.To && (year - range.From) % range.Step == 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesDate(in DayFacts day)
    {
        var key = (day.Month * 32) + day.Day;
        foreach (var span in _dates!)
        {
            if (span.Matches(key, day.DayNumber))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesWeek(int week)
    {
        foreach (var range in _weeks!)
        {
            if (week >= range.From && week <= range.To && (week - range.From) % range.Step == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A month range or a date range. Without years it is a yearly span of keys month × 32 + day, wrapping over
    /// the new year when From &gt; To (<c>Dec-Feb</c>, <c>Dec 30-Jan 02</c>); with years, a span of day numbers.
    /// </summary>
    private readonly record struct DateSpan(bool Absolute, int From, int To)
    {
        public static DateSpan Of(MonthdaySyntax m)
        {
            if (m.Kind == MonthdayKind.Months)
            {
                return new DateSpan(false, (m.FromMonth * 32) + 1, (m.ToMonth * 32) + 31);
            }

            if (m.FromYear is { } fromYear && m.ToYear is { } toYear)
            {
                return new DateSpan(true, new DateOnly(fromYear, m.FromMonth, m.FromDay).DayNumber, new DateOnly(toYear, m.ToMonth, m.ToDay).DayNumber);
            }

            return new DateSpan(false, (m.FromMonth * 32) + m.FromDay, (m.ToMonth * 32) + m.ToDay);
        }

        public bool Matches(int key, int dayNumber) =>
            Absolute ? dayNumber >= From && dayNumber <= To
            : From <= To ? key >= From && key <= To
            : key >= From || key <= To;
    }

    /// <summary>Weekdays as a bit mask, plus weekdays restricted to occurrences in the month (<c>Mo[1]</c>, <c>Sa[-1]</c>).</summary>
    private sealed class WeekdaySet
    {
        private readonly int _mask;
        private readonly Nth[] _nths;

        public WeekdaySet(IEnumerable<WeekdayItemSyntax> items)
        {
            var nths = new List<Nth>();
            foreach (var item in items)
            {
                if (item.Nths.Count > 0)
                {
                    var forward = 0;
                    var backward = 0;
                    foreach (var n in item.Nths)
                    {
                        if (n.From < 0)
                        {
                            backward |= 1 << (-n.From - 1);
                        }
                        else
                        {
                            for (var k = n.From; k <= n.To; k++)
                            {
                                forward |= 1 << (k - 1);
                            }
                        }
                    }

                    nths.Add(new Nth(item.From, forward, backward));
                    continue;
                }

                // Sa-Mo wraps over the week end.
                for (var d = item.From; ; d = (d + 1) % 7)
                {
                    _mask |= 1 << d;
                    if (d == item.To)
                    {
                        break;
                    }
                }
            }

            _nths = [.. nths];
        }

        public bool HasNths => _nths.Length > 0;

        public bool Matches(in DayFacts day)
        {
            var weekday = day.DayOfWeek;
            if ((_mask & (1 << weekday)) != 0)
            {
                return true;
            }

            foreach (var nth in _nths)
            {
                if (nth.Weekday == weekday
                    && ((nth.Forward & (1 << ((day.Day - 1) / 7))) != 0
                        || (nth.Backward & (1 << ((day.DaysInMonth - day.Day) / 7))) != 0))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly record struct Nth(int Weekday, int Forward, int Backward);
    }
}
