namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>How a rule joins the one before it.</summary>
internal enum RuleJoin
{
    /// <summary>The first rule, or after <c>;</c>: overrides earlier rules on the days it selects.</summary>
    Normal,
    /// <summary>After <c>,</c>: adds to earlier rules without overriding them.</summary>
    Additional,
    /// <summary>After <c>||</c>: applies only where earlier rules leave the place closed.</summary>
    Fallback,
}

/// <summary>One rule as written, before compilation; mutable while the parser fills it.</summary>
internal sealed class RuleSyntax
{
    public RuleJoin Join { get; init; }

    public bool TwentyFourSeven { get; set; }

    public List<YearRangeSyntax> Years { get; } = [];

    public List<MonthdaySyntax> Monthdays { get; } = [];

    public List<WeekRangeSyntax> Weeks { get; } = [];

    /// <summary>The optional <c>:</c> after the date selectors (<c>Jan 10-Feb 10: 07:30-12:00</c>).</summary>
    public bool ReadabilityColon { get; set; }

    public List<WeekdayItemSyntax> Weekdays { get; } = [];

    /// <summary>Weekdays after a space following holidays: <c>PH Mo-Fr</c> means public holidays that fall on Mo-Fr.</summary>
    public List<WeekdayItemSyntax> HolidayWeekdays { get; } = [];

    public List<TimeSpanSyntax> Times { get; } = [];

    public StateKeyword? State { get; set; }

    public string? Comment { get; set; }

    public bool HasWideSelectors => Years.Count > 0 || Monthdays.Count > 0 || Weeks.Count > 0;

    public bool IsEmpty => !TwentyFourSeven && !HasWideSelectors && Weekdays.Count == 0 && Times.Count == 0 && State is null && Comment is null;
}

/// <summary><c>2026</c> (From = To), <c>2025-2027</c>, <c>2020-2030/2</c>, <c>2026+</c> (OpenEnded).</summary>
internal readonly record struct YearRangeSyntax(int From, int To, int Step, bool OpenEnded);

internal enum MonthdayKind
{
    /// <summary><c>Jan</c> or <c>Dec-Feb</c>.</summary>
    Months,
    /// <summary><c>Dec 25</c>, <c>2026 Dec 24</c>, <c>Dec 24-26</c>, <c>Jul 14-Aug 15</c>, <c>2026 Dec 30-2027 Jan 02</c>.</summary>
    Dates,
}

/// <summary>A month range or a date range; a single date has From = To. Years are both null or both set.</summary>
internal sealed record MonthdaySyntax(MonthdayKind Kind, int? FromYear, int FromMonth, int FromDay, int? ToYear, int ToMonth, int ToDay);

/// <summary>ISO week numbers <c>From</c>-<c>To</c>, every <c>Step</c> weeks from <c>From</c>.</summary>
internal readonly record struct WeekRangeSyntax(int From, int To, int Step);

/// <summary><c>PH</c>, <c>Mo</c>, <c>Sa-Mo</c>, or <c>Mo[1,3]</c> (a single day with occurrences in the month).</summary>
internal sealed record WeekdayItemSyntax(bool IsPublicHoliday, int From, int To, IReadOnlyList<NthSyntax> Nths);

/// <summary>Occurrence(s) of a weekday in its month: 1 to 5 from the start, or a single -1 to -5 from the end.</summary>
internal readonly record struct NthSyntax(int From, int To);

/// <summary>Minutes since midnight; <c>End</c> may exceed 1440 (<c>26:00</c>); null for a bare open end (<c>17:00+</c>).</summary>
internal readonly record struct TimeSpanSyntax(int Start, int? End, bool OpenEnd);
