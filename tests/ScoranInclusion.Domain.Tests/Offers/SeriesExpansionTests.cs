using ScoranInclusion.Domain.Offers;

namespace ScoranInclusion.Domain.Tests.Offers;

public sealed class SeriesExpansionTests
{
    private static WeeklySeries Weekly(DayOfWeek day, string start, string end, string from, string? until, DateOnly[]? skipped = null, SeriesChange[]? changes = null) =>
        new([day], TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), skipped ?? [], changes ?? []);

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_Tuesday_14h_series_stays_at_14h_across_the_spring_change_and_its_offset_moves()
    {
        // 2026: clocks go forward on Sunday 29 March.
        var sessions = SeriesExpansion.Expand(Weekly(DayOfWeek.Tuesday, "14:00", "16:00", "2026-03-17", "2026-04-07"));

        Assert.Equal(["2026-03-17T14:00:00+01:00", "2026-03-24T14:00:00+01:00", "2026-03-31T14:00:00+02:00", "2026-04-07T14:00:00+02:00"],
            sessions.Select(s => s.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(sessions, s => Assert.Equal(TimeSpan.FromHours(2), s.End - s.Start));
        // The UTC instant moved by one hour: what stays is the wall-clock time.
        Assert.Equal(13, sessions[0].Start.UtcDateTime.Hour);
        Assert.Equal(12, sessions[2].Start.UtcDateTime.Hour);
    }

    [Fact]
    public void A_series_across_the_autumn_change_keeps_its_local_time_with_offset_plus_one()
    {
        // 2026: clocks go back on Sunday 25 October.
        var sessions = SeriesExpansion.Expand(Weekly(DayOfWeek.Tuesday, "14:00", "16:00", "2026-10-20", "2026-10-27"));

        Assert.Equal(TimeSpan.FromHours(2), sessions[0].Start.Offset);
        Assert.Equal(TimeSpan.FromHours(1), sessions[1].Start.Offset);
        Assert.All(sessions, s => Assert.Equal(14, s.Start.Hour));
    }

    [Fact]
    public void A_start_in_the_spring_gap_moves_to_3h_the_first_instant_after_it()
    {
        var sessions = SeriesExpansion.Expand(Weekly(DayOfWeek.Sunday, "02:30", "04:00", "2026-03-22", "2026-04-05"));

        Assert.Equal(3, sessions.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 2, 30, 0, TimeSpan.FromHours(1)), sessions[0].Start);
        // 29 March: 02:30 does not exist; the session starts at 03:00 summer time (01:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), sessions[1].Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 4, 0, 0, TimeSpan.FromHours(2)), sessions[1].End);
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 2, 30, 0, TimeSpan.FromHours(2)), sessions[2].Start);
    }

    [Fact]
    public void A_session_entirely_inside_the_spring_gap_is_refused_with_the_date()
    {
        var error = Assert.Throws<OfferRuleException>(() => SeriesExpansion.Expand(Weekly(DayOfWeek.Sunday, "02:00", "02:45", "2026-03-22", "2026-04-05")));

        Assert.Equal(OfferRuleCodes.InvalidSeries, error.Code);
        Assert.Contains("29 mars 2026", error.Message, StringComparison.Ordinal);
        Assert.Contains("heure d'été", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_in_the_autumn_fold_takes_its_first_summer_time_occurrence()
    {
        var sessions = SeriesExpansion.Expand(Weekly(DayOfWeek.Sunday, "02:30", "03:30", "2026-10-25", "2026-10-25"));

        var session = Assert.Single(sessions);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), session.Start);
        // 03:30 happens once, in winter time: the session lasts two real hours, as the wall clock says 02:30-03:30 twice over.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 3, 30, 0, TimeSpan.FromHours(1)), session.End);
        Assert.Equal(TimeSpan.FromHours(2), session.End - session.Start);
    }

    [Fact]
    public void Skipped_dates_are_left_out_and_one_off_changes_move_that_day_only()
    {
        var sessions = SeriesExpansion.Expand(Weekly(DayOfWeek.Tuesday, "14:00", "16:00", "2026-12-01", "2026-12-29",
            skipped: [D("2026-12-22"), D("2026-12-29")],
            changes: [new SeriesChange(D("2026-12-15"), new TimeOnly(9, 30), new TimeOnly(11, 30))]));

        Assert.Equal([D("2026-12-01"), D("2026-12-08"), D("2026-12-15")], sessions.Select(s => s.Date));
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 9, 30, 0, TimeSpan.FromHours(1)), sessions[2].Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.FromHours(1)), sessions[1].Start);
    }

    [Theory]
    [InlineData("2027-01-05", null, "until")]
    [InlineData("2026-12-01", "2026-12-02", "skipped")]
    public void Bad_series_are_refused_with_the_field_at_fault(string until, string? skipped, string field)
    {
        var series = Weekly(DayOfWeek.Tuesday, "14:00", "16:00", "2026-12-01", until, skipped is null ? [] : [D(skipped)]);
        if (field == "until")
        {
            series = series with { From = D("2025-12-01") };
        }

        var error = Assert.Throws<OfferRuleException>(() => SeriesExpansion.Expand(series));
        Assert.Equal(OfferRuleCodes.InvalidSeries, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void End_before_start_and_no_day_are_refused()
    {
        Assert.Equal("end", Assert.Throws<OfferRuleException>(() => SeriesExpansion.Check(Weekly(DayOfWeek.Monday, "16:00", "14:00", "2026-12-01", "2026-12-31"))).Field);
        Assert.Equal("days", Assert.Throws<OfferRuleException>(() => SeriesExpansion.Check(Weekly(DayOfWeek.Monday, "14:00", "16:00", "2026-12-01", "2026-12-31") with { Days = [] })).Field);
    }

    [Fact]
    public void A_series_without_end_expands_only_inside_the_window_asked()
    {
        var series = Weekly(DayOfWeek.Wednesday, "10:00", "12:00", "2026-01-07", null);

        var window = SeriesExpansion.Window(series, D("2027-06-01"), D("2027-06-30"));

        Assert.Equal(5, window.Count);
        Assert.All(window, s => Assert.Equal(DayOfWeek.Wednesday, s.Date.DayOfWeek));
        Assert.Throws<OfferRuleException>(() => SeriesExpansion.Expand(series));
    }
}
