using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>
/// 2026-03-29 (clocks go from 02:00 to 03:00) and 2026-10-25 (from 03:00 back to 02:00) are Sundays.
/// Opening hours are wall-clock times, so the same written range lasts a different real time on those days.
/// </summary>
public class DaylightSavingTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    [Fact]
    public void To_paris_gives_the_offset_of_the_instant()
    {
        Assert.Equal(Winter, ParisTime.ToParis(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(Summer, ParisTime.ToParis(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
        // The changes happen at 01:00 UTC.
        Assert.Equal(Winter, ParisTime.ToParis(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(Summer, ParisTime.ToParis(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(Summer, ParisTime.ToParis(new DateTimeOffset(2026, 10, 25, 0, 59, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(Winter, ParisTime.ToParis(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)).Offset);
        var instant = new DateTimeOffset(2026, 5, 1, 8, 30, 0, TimeSpan.FromHours(-4));
        Assert.Equal(instant, ParisTime.ToParis(instant));
    }

    [Fact]
    public void To_paris_agrees_with_time_zone_info_hour_by_hour_over_years()
    {
        for (var t = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero); t.Year < 2031; t = t.AddMinutes(59))
        {
            var expected = TimeZoneInfo.ConvertTime(t, ParisTime.Zone);
            var actual = ParisTime.ToParis(t);
            Assert.True(expected.Offset == actual.Offset && expected.DateTime == actual.DateTime, $"{t:O}: {actual:O} instead of {expected:O}");
        }
    }

    [Fact]
    public void From_local_moves_a_time_in_the_spring_gap_to_the_end_of_the_gap()
    {
        var result = ParisTime.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, Summer), result);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 59, 0, Winter), ParisTime.FromLocal(new DateTime(2026, 3, 29, 1, 59, 0)));
    }

    [Fact]
    public void From_local_takes_the_summer_occurrence_of_an_ambiguous_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Summer), ParisTime.FromLocal(new DateTime(2026, 10, 25, 2, 30, 0)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 3, 0, 0, Winter), ParisTime.FromLocal(new DateTime(2026, 10, 25, 3, 0, 0)));
    }

    [Fact]
    public void From_local_ignores_the_kind_of_the_date_time()
    {
        var wallClock = new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, Summer), ParisTime.FromLocal(wallClock));
    }

    [Fact]
    public void One_to_four_in_the_night_lasts_two_hours_when_the_clocks_go_forward()
    {
        var schedule = Valid("Su 01:00-04:00");
        var interval = Assert.Single(schedule.Intervals(Paris("2026-03-29 00:00"), Paris("2026-03-30 00:00")));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, Winter), interval.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 4, 0, 0, Summer), interval.End);
        Assert.Equal(TimeSpan.FromHours(2), interval.End - interval.Start);
    }

    [Fact]
    public void One_to_four_in_the_night_lasts_four_hours_when_the_clocks_go_back()
    {
        var schedule = Valid("Su 01:00-04:00");
        var interval = Assert.Single(schedule.Intervals(Paris("2026-10-25 00:00"), Paris("2026-10-26 00:00")));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 0, 0, Summer), interval.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 4, 0, 0, Winter), interval.End);
        Assert.Equal(TimeSpan.FromHours(4), interval.End - interval.Start);
    }

    [Fact]
    public void A_time_that_does_not_exist_is_read_as_the_end_of_the_gap()
    {
        var schedule = Valid("Su 02:30-04:00");
        // 02:30 does not exist on 2026-03-29: the place opens when the clocks jump, at 03:00 summer time.
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(Paris("2026-03-29 02:30")));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, Summer), schedule.NextChange(Paris("2026-03-29 00:00")));
    }

    [Theory]
    [InlineData("Su 02:30-05:00")]
    [InlineData("Su 01:00-02:30")]
    [InlineData("Su 02:00-02:30")]
    [InlineData("Mo-Su 00:00-02:30,02:45-03:15")]
    [InlineData("Sa 22:00-02:30")]
    [InlineData("Su 02:15-02:45 unknown")]
    public void The_repeated_hour_of_the_fall_back_night_goes_on_from_its_first_pass(string expression)
    {
        // Clocks go back at 03:00 summer time (01:00 UTC) to 02:00 winter time: local 02:00-03:00 happens twice.
        // A boundary in that hour takes effect at its first, summer-time, occurrence (as ParisTime.FromLocal reads
        // it); the second pass keeps the state reached at the end of the first, so a place open 02:30-05:00 is
        // not « closed » again from 02:00 to 02:30 winter time, and 01:00-02:30 does not reopen.
        var schedule = Valid(expression);
        var endOfFirstPass = schedule.StateAt(new DateTimeOffset(2026, 10, 25, 2, 59, 0, Summer));
        for (var t = new DateTimeOffset(2026, 10, 25, 2, 0, 0, Winter); t < new DateTimeOffset(2026, 10, 25, 3, 0, 0, Winter); t = t.AddMinutes(1))
        {
            Assert.True(schedule.StateAt(t) == endOfFirstPass, $"{expression} at {t:O}: {schedule.StateAt(t)} after {endOfFirstPass} at 02:59 summer time");
        }
    }

    [Fact]
    public void A_stretch_starting_in_the_repeated_hour_stays_open_through_it()
    {
        var schedule = Valid("Su 02:30-05:00");
        var interval = Assert.Single(schedule.Intervals(Paris("2026-10-25 00:00"), Paris("2026-10-26 00:00")));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Summer), interval.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 5, 0, 0, Winter), interval.End);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 5, 0, 0, Winter), schedule.NextChange(new DateTimeOffset(2026, 10, 25, 2, 10, 0, Winter)));
    }

    [Fact]
    public void A_stretch_ending_in_the_repeated_hour_ends_at_its_first_occurrence()
    {
        var schedule = Valid("Su 02:00-02:30");
        var interval = Assert.Single(schedule.Intervals(Paris("2026-10-25 00:00"), Paris("2026-10-26 00:00")));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, Summer), interval.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Summer), interval.End);
    }

    [Theory]
    [InlineData("Su 01:00-04:00", "2026-03-29 00:00")]
    [InlineData("Su 01:00-04:00", "2026-03-29 01:30")]
    [InlineData("Su 01:00-04:00", "2026-10-25 00:00")]
    [InlineData("Su 01:00-04:00", "2026-10-25 02:30")]
    [InlineData("Su 02:00-02:30", "2026-10-25 02:15")]
    [InlineData("Sa 22:00-03:00", "2026-03-28 21:00")]
    [InlineData("Sa 22:00-03:00", "2026-10-24 23:00")]
    [InlineData("Su 02:00-05:00; Su 02:59-03:01 off", "2026-03-29 01:00")]
    [InlineData("Mo-Su 00:00-02:30,02:45-03:15", "2026-10-25 00:10")]
    [InlineData("24/7", "2026-03-29 00:00")]
    public void Next_change_across_the_clock_change_matches_minute_stepping(string expression, string from)
    {
        var schedule = Valid(expression);
        var at = Paris(from);
        for (var i = 0; i < 6; i++)
        {
            var expected = BruteForceNextChange(schedule, at, TimeSpan.FromDays(2));
            var actual = schedule.NextChange(at);
            if (expected is null)
            {
                Assert.True(actual is null || actual > at + TimeSpan.FromDays(2), $"{expression} from {at:O}: {actual:O}");
                return;
            }

            Assert.Equal(expected, actual);
            at = actual!.Value;
        }
    }

    [Fact]
    public void The_second_occurrence_of_an_ambiguous_time_finds_the_next_change()
    {
        var schedule = Valid("Su 02:00-02:30");
        // 02:40 summer time, after 02:00-02:30: the repeated hour does not reopen, next opening is the next Sunday.
        var after = new DateTimeOffset(2026, 10, 25, 2, 40, 0, Summer);
        Assert.False(schedule.IsOpen(after));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 10, 25, 2, 10, 0, Winter)));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 2, 0, 0, Winter), schedule.NextChange(after));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 2, 0, 0, Winter), schedule.NextChange(new DateTimeOffset(2026, 10, 25, 2, 10, 0, Winter)));
    }
}
