using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>The week preview: Monday to Sunday, wall-clock stretches, « (+1) » marking an end on the next day.</summary>
public class WeekTests
{
    private static readonly DateOnly Wednesday = new(2026, 3, 4);

    private static string[] Days(string expression, DateOnly day) => [.. Valid(expression).Week(day).Select(Describe)];

    [Fact]
    public void A_week_runs_from_monday_to_sunday_with_french_day_names()
    {
        var week = Valid("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00").Week(Wednesday);
        Assert.Equal(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"], week.Select(d => d.JourSemaine));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => new DateOnly(2026, 3, 2).AddDays(i)), week.Select(d => d.Date));
        Assert.Equal("09:00-12:00,14:00-18:00", Describe(week[0]));
        Assert.Equal("09:00-12:00", Describe(week[5]));
        Assert.Empty(week[6].Intervals);
        Assert.All(week, d => Assert.Null(d.JourFerie));
    }

    [Theory]
    [InlineData(2026, 3, 2)]
    [InlineData(2026, 3, 8)] // Sunday belongs to the same ISO week
    public void Any_day_gives_its_iso_week(int year, int month, int day) =>
        Assert.Equal(new DateOnly(2026, 3, 2), Valid("24/7").Week(new DateOnly(year, month, day))[0].Date);

    [Fact]
    public void Public_holidays_are_named_and_applied()
    {
        var week = Valid("Mo-Fr 09:00-12:00; PH off").Week(new DateOnly(2026, 12, 23));
        Assert.Equal("Noël", week[4].JourFerie);
        Assert.Empty(week[4].Intervals);
        Assert.Equal("09:00-12:00", Describe(week[3]));
        Assert.Equal("09:00-12:00\"Noël\"", Describe(Valid("PH 09:00-12:00").Week(new DateOnly(2026, 12, 23))[4]));
    }

    [Fact]
    public void Past_midnight_stretches_are_shown_on_the_day_they_start()
    {
        var days = Days("Fr-Sa 22:00-02:00", Wednesday);
        Assert.Equal(["", "", "", "", "22:00-02:00(+1)", "22:00-02:00(+1)", ""], days);
    }

    [Fact]
    public void What_spills_from_the_previous_sunday_belongs_to_the_previous_week()
    {
        var days = Days("Su 22:00-02:00", Wednesday);
        Assert.Equal(["", "", "", "", "", "", "22:00-02:00(+1)"], days);
    }

    [Fact]
    public void A_later_rule_that_cuts_the_night_shows_on_the_previous_day()
    {
        var days = Days("Mo-Fr 22:00-02:00; Sa 10:00-12:00", Wednesday);
        Assert.Equal("22:00-02:00(+1)", days[3]);
        Assert.Equal("22:00-24:00", days[4]);
        Assert.Equal("10:00-12:00", days[5]);
    }

    [Theory]
    [InlineData("24/7", "00:00-24:00")]
    [InlineData("Mo-Su 18:00-06:00", "18:00-06:00(+1)")]
    [InlineData("Mo-Su 10:00-12:00 \"sur RDV\"", "10:00-12:00?\"sur RDV\"")]
    [InlineData("Mo-Su 10:00-12:00 unknown", "10:00-12:00?")]
    [InlineData("\"sur rendez-vous\"", "00:00-24:00?\"sur rendez-vous\"")]
    [InlineData("Mo-Su 17:00+", "17:00-03:00(+1)?\"Indiqué comme \"open end\" (fin ouverte). L'heure de fermeture a été estimée.\"")]
    [InlineData("Mo-Su 10:00-12:00,12:00-14:00", "10:00-14:00")]
    public void Every_day_alike(string expression, string each)
    {
        var days = Days(expression, Wednesday);
        Assert.All(days, d => Assert.Equal(each, d));
    }

    [Fact]
    public void A_range_to_48_00_ends_at_the_end_of_the_next_day()
    {
        var week = Valid("Mo 09:00-48:00").Week(Wednesday);
        var monday = Assert.Single(week[0].Intervals);
        Assert.True(monday.EndsNextDay);
        Assert.Equal(TimeOnly.MinValue, monday.End);
        Assert.Equal((540, 2880), (monday.StartMinutes, monday.EndMinutes));
        Assert.Empty(week[1].Intervals);
    }

    [Fact]
    public void Local_minutes_describe_a_stretch()
    {
        var day = Valid("Mo 22:00-02:00, Mo 08:00-24:00").Week(Wednesday)[0];
        var stretch = Assert.Single(day.Intervals);
        Assert.Equal((480, 1560), (stretch.StartMinutes, stretch.EndMinutes));
        var evening = Assert.Single(Valid("Mo 18:00-24:00").Week(Wednesday)[0].Intervals);
        Assert.Equal((1080, 1440, false), (evening.StartMinutes, evening.EndMinutes, evening.EndsNextDay));
    }

    [Fact]
    public void Clock_change_days_show_wall_clock_times()
    {
        var week = Valid("Su 01:00-04:00").Week(new DateOnly(2026, 3, 29));
        Assert.Equal("01:00-04:00", Describe(week[6]));
        Assert.Equal("01:00-04:00", Describe(Valid("Su 01:00-04:00").Week(new DateOnly(2026, 10, 25))[6]));
    }

    [Fact]
    public void The_year_end_week_spans_two_years()
    {
        var week = Valid("Dec 31 22:00-02:00, PH 10:00-11:00").Week(new DateOnly(2026, 12, 31));
        Assert.Equal(new DateOnly(2026, 12, 28), week[0].Date);
        Assert.Equal("22:00-02:00(+1)", Describe(week[3]));
        Assert.Equal("Nouvel An", week[4].JourFerie);
        Assert.Equal("10:00-11:00\"Nouvel An\"", Describe(week[4]));

        // A normal rule selecting 1 January replaces the night that spills into it.
        var replaced = Valid("Dec 31 22:00-02:00; PH 10:00-11:00").Week(new DateOnly(2026, 12, 31));
        Assert.Equal("22:00-24:00", Describe(replaced[3]));
    }

    [Fact]
    public void The_first_and_last_weeks_of_the_calendar_do_not_overflow()
    {
        Assert.Equal(7, Valid("Su 22:00-02:00").Week(DateOnly.MinValue).Count);
        var last = Valid("Su 22:00-02:00").Week(DateOnly.MaxValue);
        Assert.Equal(DateOnly.MaxValue, last[^1].Date);
    }
}
