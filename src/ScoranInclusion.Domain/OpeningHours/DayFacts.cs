using System.Globalization;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>What the selectors of a rule look at about one local date, computed once per evaluation.</summary>
internal readonly struct DayFacts
{
    private DayFacts(int dayNumber, int year, int month, int day, int daysInMonth, int isoWeek, string? holiday)
    {
        DayNumber = dayNumber;
        Year = year;
        Month = month;
        Day = day;
        DaysInMonth = daysInMonth;
        IsoWeek = isoWeek;
        Holiday = holiday;
    }

    /// <summary>Days since 0001-01-01, a Monday.</summary>
    public int DayNumber { get; }

    /// <summary>0 for Monday to 6 for Sunday.</summary>
    public int DayOfWeek => DayNumber % 7;

    public int Year { get; }

    public int Month { get; }

    public int Day { get; }

    public int DaysInMonth { get; }

    /// <summary>ISO 8601 week number (1-53), or 0 when the schedule does not need it.</summary>
    public int IsoWeek { get; }

    /// <summary>The public holiday's name, or null (also when the schedule does not need holidays).</summary>
    public string? Holiday { get; }

    /// <summary>
    /// The facts of a day; <paramref name="withCalendar"/> false leaves only the weekday (enough for rules that
    /// repeat every week, the common case, and much cheaper).
    /// </summary>
    public static DayFacts Of(int dayNumber, bool withCalendar, bool withHoliday, bool withIsoWeek)
    {
        if (!withCalendar)
        {
            return new DayFacts(dayNumber, 0, 0, 0, 0, 0, null);
        }

        var date = DateOnly.FromDayNumber(dayNumber);
        var (year, month, day) = date;
        return new DayFacts(
            dayNumber,
            year,
            month,
            day,
            DateTime.DaysInMonth(year, month),
            withIsoWeek ? ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)) : 0,
            withHoliday ? FrenchPublicHolidays.NameOf(date) : null);
    }
}
