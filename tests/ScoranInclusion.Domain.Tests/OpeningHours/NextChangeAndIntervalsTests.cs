using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.OpeningHours.OpeningStatus;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

public class NextChangeAndIntervalsTests
{
    public static TheoryData<string> Battery() =>
    [
        "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
        "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "Mo-Su 22:00-02:00; We 10:00-12:00",
        "Fr-Mo 20:00-03:00",
        "Su 22:00-02:00",
        "Mo 17:00+; Tu 10:00-12:00+",
        "Mo 07:00+,12:00-16:00",
        "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"",
        "Mo-Fr 09:00-18:00; We 12:00-14:00 off \"déjeuner\"; Fr 10:00-11:00 unknown",
        "Mo[1,3] 10:00-12:00; Sa[-1] 14:00-17:00",
        "week 01-53/2 Mo-Fr 10:00-12:00",
        "Mo-Fr 10:00-12:00, We 14:00-15:00 \"atelier\"",
        "24/7; Su off",
        "Mo 09:00-48:00",
        "Tu,Th 09:00-09:00",
        "Dec 24-26 off; Mo-Sa 10:00-18:00",
        "Mo-Fr 10:00-12:00; PH 14:00-15:00",
        "\"sur rendez-vous\"",
        "24/7",
    ];

    [Theory]
    [MemberData(nameof(Battery))]
    public void Next_change_matches_minute_stepping(string expression)
    {
        var schedule = Valid(expression);
        // Ordinary days, a week with Christmas, a week with the first Monday of a month, a year end.
        foreach (var start in new[] { "2026-03-04 07:13", "2026-12-23 23:59", "2026-06-01 00:00", "2026-12-30 12:00" })
        {
            var at = Paris(start);
            var end = at + TimeSpan.FromDays(4);
            for (var steps = 0; steps < 40 && at < end; steps++)
            {
                var expected = BruteForceNextChange(schedule, at, end - at);
                var actual = schedule.NextChange(at);
                if (expected is null)
                {
                    Assert.True(actual is null || actual > end, $"{expression} from {at:O}: {actual:O}, expected none before {end:O}");
                    break;
                }

                Assert.True(expected == actual, $"{expression} from {at:O}: {actual:O} instead of {expected:O}");
                Assert.NotEqual(schedule.StateAt(at).Status, schedule.StateAt(actual!.Value).Status);
                at = actual.Value;
            }
        }
    }

    [Theory]
    [InlineData("24/7")]
    [InlineData("open")]
    [InlineData("off")]
    [InlineData("\"sur rendez-vous\"")]
    [InlineData("Mo-Su 00:00-24:00")]
    [InlineData("2030 Jan 01 10:00-12:00")] // more than a year ahead
    public void Next_change_is_null_when_nothing_changes_within_a_year(string expression) =>
        Assert.Null(Valid(expression).NextChange(Paris("2026-03-02 10:00")));

    [Fact]
    public void Next_change_looks_about_a_year_ahead()
    {
        Assert.Equal(Paris("2026-12-25 10:00"), Valid("Dec 25 10:00-12:00").NextChange(Paris("2026-01-01 00:00")));
        Assert.Equal(Paris("2027-12-25 10:00"), Valid("Dec 25 10:00-12:00").NextChange(Paris("2026-12-25 12:00")));
    }

    [Fact]
    public void Next_change_skips_a_change_of_comment_alone()
    {
        // The comment changes at 12:00 but the place stays open: the next change of state is 14:00.
        var schedule = Valid("Mo 10:00-12:00 open \"accueil\", Mo 12:00-14:00 open \"atelier\"");
        Assert.Equal(Paris("2026-03-02 14:00"), schedule.NextChange(Paris("2026-03-02 10:30")));
        Assert.Equal(new OpeningState(Open, "atelier"), schedule.StateAt(Paris("2026-03-02 12:00")));
    }

    [Fact]
    public void Next_change_is_null_when_only_the_comment_changes()
    {
        var schedule = Valid("Jun-Aug Fr-Mo,PH closed \"été\"; Sep-May closed \"hiver\"");
        Assert.Null(schedule.NextChange(Paris("2026-03-02 10:30")));
    }

    /// <summary>The French public holidays of 2026, and the Tuesday 10 to Thursday 12 November of the issue.</summary>
    public static TheoryData<string, string, string> Holidays() => new()
    {
        // expression, instant, next opening
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2026-11-11 10:00", "2026-11-12 09:15" },
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2026-11-10 18:30", "2026-11-12 09:15" },
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2026-11-10 23:59", "2026-11-12 09:15" },
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2026-01-01 00:00", "2026-01-02 09:15" },
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2025-12-31 20:00", "2026-01-02 09:15" },
        { "Mo-Fr 09:15-12:00,14:00-17:00; PH off", "2026-04-03 19:00", "2026-04-07 09:15" }, // Easter Monday
        { "Mo-Sa 09:00-12:00; PH off", "2026-04-30 18:00", "2026-05-02 09:00" }, // 1 May
        { "Mo-Sa 09:00-12:00; PH off", "2026-05-07 18:00", "2026-05-09 09:00" }, // 8 May
        { "Mo-Fr 09:00-12:00; PH off", "2026-05-13 21:00", "2026-05-15 09:00" }, // Ascension
        { "Mo-Fr 09:00-12:00; PH off", "2026-05-22 21:00", "2026-05-26 09:00" }, // Whit Monday
        { "Mo-Fr 09:00-12:00; PH off", "2026-07-13 21:00", "2026-07-15 09:00" }, // 14 July
        { "Mo-Su 09:00-12:00; PH off", "2026-08-14 21:00", "2026-08-16 09:00" }, // 15 August
        { "Mo-Su 09:00-12:00; PH off", "2026-10-31 21:00", "2026-11-02 09:00" }, // 1 November
        { "Mo-Fr 13:30-17:00; PH off", "2026-12-24 18:00", "2026-12-28 13:30" }, // Christmas, then the weekend
        { "Mo-Fr 08:00-12:00; PH off \"férié\"", "2026-11-11 08:30", "2026-11-12 08:00" },
    };

    [Theory]
    [MemberData(nameof(Holidays))]
    public void On_and_before_a_public_holiday_off_next_change_is_the_next_opening_not_midnight(string expression, string at, string opens)
    {
        var schedule = Valid(expression);
        Assert.Equal(Closed, schedule.StateAt(Paris(at)).Status);
        Assert.Equal(Paris(opens), schedule.NextChange(Paris(at)));
        Assert.Equal(Open, schedule.StateAt(Paris(opens)).Status);
    }

    [Fact]
    public void Next_change_is_in_paris_time()
    {
        var next = Valid("Mo 10:00-12:00").NextChange(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1)), next);
        Assert.Equal(TimeSpan.FromHours(1), next!.Value.Offset);
    }

    [Theory]
    [InlineData("Su 22:00-02:00", "2026-03-08 23:00", "2026-03-09 02:00")] // Sunday to Monday
    [InlineData("Dec 31 22:00-02:00", "2026-12-31 23:30", "2027-01-01 02:00")] // across the year end
    [InlineData("2026 Dec 31 20:00-26:00", "2027-01-01 01:00", "2027-01-01 02:00")]
    [InlineData("Mo-Fr 22:00-02:00; Sa 10:00-12:00", "2026-03-06 23:00", "2026-03-07 00:00")] // Saturday's rule cuts Friday's night
    public void Past_midnight_ranges_spill_into_the_next_day(string expression, string during, string closes)
    {
        var schedule = Valid(expression);
        Assert.True(schedule.IsOpen(Paris(during)));
        Assert.Equal(Paris(closes), schedule.NextChange(Paris(during)));
    }

    [Fact]
    public void A_spill_from_sunday_opens_monday_night()
    {
        var schedule = Valid("Su 22:00-02:00");
        Assert.True(schedule.IsOpen(Paris("2026-03-09 01:59")));
        Assert.False(schedule.IsOpen(Paris("2026-03-09 02:00")));
        Assert.False(schedule.IsOpen(Paris("2026-03-10 01:00")));
    }

    [Fact]
    public void Intervals_are_chronological_clipped_and_leave_closed_out()
    {
        var schedule = Valid("Mo-Fr 09:00-12:00,14:00-18:00; We 14:00-18:00 unknown \"sur rendez-vous\"");
        var intervals = schedule.Intervals(Paris("2026-03-02 10:00"), Paris("2026-03-04 16:00"));
        Assert.Equal(
            "2026-03-02 10:00+01:00 → 2026-03-02 12:00+01:00 Open; "
            + "2026-03-02 14:00+01:00 → 2026-03-02 18:00+01:00 Open; "
            + "2026-03-03 09:00+01:00 → 2026-03-03 12:00+01:00 Open; "
            + "2026-03-03 14:00+01:00 → 2026-03-03 18:00+01:00 Open; "
            + "2026-03-04 14:00+01:00 → 2026-03-04 16:00+01:00 Unknown \"sur rendez-vous\"",
            Describe(intervals));
    }

    [Fact]
    public void Intervals_of_a_full_week()
    {
        var intervals = Valid("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00").Intervals(Paris("2026-03-02 00:00"), Paris("2026-03-09 00:00"));
        Assert.Equal(11, intervals.Count);
        Assert.All(intervals, i => Assert.Equal(Open, i.Status));
        Assert.Equal(TimeSpan.FromHours(38), intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.End - i.Start)));
    }

    [Fact]
    public void Intervals_merge_midnight_when_the_state_goes_on()
    {
        var intervals = Valid("Mo 22:00-24:00, Tu 00:00-02:00").Intervals(Paris("2026-03-02 00:00"), Paris("2026-03-04 00:00"));
        var interval = Assert.Single(intervals);
        Assert.Equal((Paris("2026-03-02 22:00"), Paris("2026-03-03 02:00")), (interval.Start, interval.End));
    }

    [Fact]
    public void Intervals_split_where_only_the_comment_changes()
    {
        var intervals = Valid("Mo 10:00-12:00 open \"accueil\", Mo 12:00-14:00 open \"atelier\"").Intervals(Paris("2026-03-02 00:00"), Paris("2026-03-03 00:00"));
        Assert.Equal(["accueil", "atelier"], intervals.Select(i => i.Comment));
        Assert.Equal(intervals[0].End, intervals[1].Start);
    }

    [Fact]
    public void Intervals_of_an_always_open_place_cover_the_range()
    {
        var from = Paris("2026-01-01 00:00");
        var to = Paris("2027-01-01 00:00");
        var interval = Assert.Single(Valid("24/7").Intervals(from, to));
        Assert.Equal((from, to), (interval.Start, interval.End));
    }

    [Fact]
    public void Intervals_of_an_empty_or_reversed_range_are_empty()
    {
        var schedule = Valid("24/7");
        Assert.Empty(schedule.Intervals(Paris("2026-03-02 10:00"), Paris("2026-03-02 10:00")));
        Assert.Empty(schedule.Intervals(Paris("2026-03-03 10:00"), Paris("2026-03-02 10:00")));
    }

    [Fact]
    public void Schedules_are_safe_to_share_between_threads()
    {
        var schedule = Valid("Mo-Fr 09:00-12:00,14:00-18:00; PH off || \"sur rendez-vous\"");
        var start = Paris("2026-01-01 00:00");
        var expected = Enumerable.Range(0, 2000).Select(i => schedule.StateAt(start.AddMinutes(i * 97))).ToArray();
        var actual = new OpeningState[expected.Length];
        Parallel.For(0, expected.Length, i => actual[i] = schedule.StateAt(start.AddMinutes(i * 97)));
        Assert.Equal(expected, actual);
    }
}
