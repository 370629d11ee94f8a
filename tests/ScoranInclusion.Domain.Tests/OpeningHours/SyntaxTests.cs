using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.OpeningHours.OpeningStatus;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>
/// One group per syntax feature: the expression parses, and its state at chosen Paris instants is the one the
/// reference evaluator (opening_hours.js 3.15.0) gives. 2026-03-02 is a Monday.
/// </summary>
public class SyntaxTests
{
    [Theory]
    [InlineData("Mo 10:00-12:00", "2026-03-02 11:00", Open)]
    [InlineData("Mo 10:00-12:00", "2026-03-03 11:00", Closed)]
    [InlineData("Mo-Fr 10:00-12:00", "2026-03-06 11:00", Open)]
    [InlineData("Mo-Fr 10:00-12:00", "2026-03-07 11:00", Closed)]
    [InlineData("Mo,We,Fr 10:00-12:00", "2026-03-04 11:00", Open)]
    [InlineData("Mo,We,Fr 10:00-12:00", "2026-03-05 11:00", Closed)]
    [InlineData("Mo-We,Fr 10:00-12:00", "2026-03-03 11:00", Open)]
    [InlineData("Sa-Mo 10:00-12:00", "2026-03-07 11:00", Open)]
    [InlineData("Sa-Mo 10:00-12:00", "2026-03-08 11:00", Open)]
    [InlineData("Sa-Mo 10:00-12:00", "2026-03-09 11:00", Open)]
    [InlineData("Sa-Mo 10:00-12:00", "2026-03-10 11:00", Closed)]
    [InlineData("Fr-Mo 10:00-12:00", "2026-03-05 11:00", Closed)]
    [InlineData("Su-Mo 10:00-12:00", "2026-03-08 11:00", Open)]
    public void Weekdays_single_ranges_lists_and_wrapping_ranges(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo[1] 10:00-12:00", "2026-03-02 11:00", Open)] // first Monday of March 2026
    [InlineData("Mo[1] 10:00-12:00", "2026-03-09 11:00", Closed)]
    [InlineData("Sa[-1] 10:00-12:00", "2026-03-28 11:00", Open)] // last Saturday
    [InlineData("Sa[-1] 10:00-12:00", "2026-03-21 11:00", Closed)]
    [InlineData("Mo[1,3] 10:00-12:00", "2026-03-16 11:00", Open)]
    [InlineData("Mo[1,3] 10:00-12:00", "2026-03-09 11:00", Closed)]
    [InlineData("Mo[2-4] 10:00-12:00", "2026-03-09 11:00", Open)]
    [InlineData("Mo[2-4] 10:00-12:00", "2026-03-23 11:00", Open)]
    [InlineData("Mo[2-4] 10:00-12:00", "2026-03-30 11:00", Closed)] // fifth Monday
    [InlineData("Mo[-2] 10:00-12:00", "2026-03-23 11:00", Open)]
    [InlineData("Th[5] 10:00-12:00", "2026-01-29 11:00", Open)]
    [InlineData("Th[5] 10:00-12:00", "2026-02-26 11:00", Closed)] // February 2026 has four Thursdays
    [InlineData("Sa[-1],Mo[1] 10:00-12:00", "2026-02-28 11:00", Open)]
    public void Nth_weekday_of_the_month(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 08:59", Closed)]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 09:00", Open)]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 11:59", Open)]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 12:00", Closed)]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 14:30", Open)]
    [InlineData("Mo 09:00-12:00,14:00-18:00", "2026-03-02 18:00", Closed)]
    [InlineData("Mo 18:00-24:00", "2026-03-02 23:59", Open)]
    [InlineData("Mo 18:00-24:00", "2026-03-03 00:00", Closed)]
    [InlineData("Mo 00:00-24:00", "2026-03-02 00:00", Open)]
    [InlineData("Mo 22:00-02:00", "2026-03-02 23:00", Open)]
    [InlineData("Mo 22:00-02:00", "2026-03-03 01:59", Open)] // spills into Tuesday
    [InlineData("Mo 22:00-02:00", "2026-03-03 02:00", Closed)]
    [InlineData("Mo 22:00-02:00", "2026-03-02 01:00", Closed)] // nothing spills from Sunday
    [InlineData("Mo 22:00-26:00", "2026-03-03 01:00", Open)]
    [InlineData("Mo 09:00-09:00", "2026-03-03 08:59", Open)] // equal ends: 24 hours
    [InlineData("Mo 09:00-48:00", "2026-03-03 23:59", Open)]
    [InlineData("Mo 09:00-48:00", "2026-03-04 00:00", Closed)]
    public void Time_ranges_several_past_midnight_and_24_00(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo 17:00+", "2026-03-02 16:59", Closed)]
    [InlineData("Mo 17:00+", "2026-03-02 17:00", Unknown)]
    [InlineData("Mo 17:00+", "2026-03-03 02:59", Unknown)] // ten hours after 17:00
    [InlineData("Mo 17:00+", "2026-03-03 03:00", Closed)]
    [InlineData("Mo 10:00+", "2026-03-02 23:59", Unknown)] // before 17:00: until midnight
    [InlineData("Mo 10:00+", "2026-03-03 00:00", Closed)]
    [InlineData("Mo 22:00+", "2026-03-03 05:59", Unknown)] // from 22:00: eight hours
    [InlineData("Mo 22:00+", "2026-03-03 06:00", Closed)]
    [InlineData("Mo 10:00-12:00+", "2026-03-02 11:00", Open)]
    [InlineData("Mo 10:00-12:00+", "2026-03-02 12:30", Unknown)]
    [InlineData("Mo 18:00-20:00+", "2026-03-03 05:59", Unknown)]
    [InlineData("Mo 07:00+,12:00-16:00", "2026-03-02 11:59", Unknown)]
    [InlineData("Mo 07:00+,12:00-16:00", "2026-03-02 12:00", Open)]
    [InlineData("Mo 07:00+,12:00-16:00", "2026-03-02 16:00", Closed)]
    [InlineData("Mo 17:00+ off", "2026-03-02 18:00", Closed)]
    [InlineData("Mo 17:00+,18:00-19:00,21:00-22:00", "2026-03-02 20:00", Closed)] // the guess stops at 18:00
    [InlineData("Mo 09:00-12:30+,12:00-15:15", "2026-03-02 16:00", Closed)]
    [InlineData("Mo 18:00-24:00,19:00+", "2026-03-02 20:00", Unknown)] // within a rule the range written last wins
    [InlineData("Mo 19:00+,18:00-24:00", "2026-03-02 20:00", Open)]
    [InlineData("Mo 19:00+,18:00-24:00", "2026-03-03 04:00", Closed)] // a cut guess is cut whole (the reference keeps its part after midnight)
    public void Open_ends_are_unknown_until_the_guessed_closing_time(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Fact]
    public void An_open_end_carries_the_references_notice_unless_the_rule_has_a_comment()
    {
        Assert.Equal(new OpeningState(Unknown, OpenEndNotice), State("Mo 17:00+", "2026-03-02 18:00"));
        Assert.Equal(new OpeningState(Unknown, "appeler"), State("Mo 17:00+ \"appeler\"", "2026-03-02 18:00"));
        Assert.Equal(new OpeningState(Unknown, OpenEndNotice), State("Mo 17:00+ open", "2026-03-02 18:00"));
    }

    private const string OpenEndNotice = "Indiqué comme \"open end\" (fin ouverte). L'heure de fermeture a été estimée.";

    [Theory]
    [InlineData("24/7", "2026-03-02 03:00", Open)]
    [InlineData("open", "2026-03-08 23:59", Open)]
    [InlineData("off", "2026-03-02 11:00", Closed)]
    [InlineData("closed", "2026-03-02 11:00", Closed)]
    [InlineData("unknown", "2026-03-02 11:00", Unknown)]
    [InlineData("Mo-Fr", "2026-03-02 03:00", Open)] // no time: the whole day
    [InlineData("Mo-Fr 10:00-12:00 unknown", "2026-03-02 11:00", Unknown)]
    [InlineData("Mo-Fr 10:00-12:00 open", "2026-03-02 11:00", Open)]
    [InlineData("24/7; Mo off", "2026-03-02 11:00", Closed)]
    [InlineData("24/7; Mo off", "2026-03-03 11:00", Open)]
    public void States_and_24_7(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00", "2026-03-04 10:00", Closed)] // the later rule replaces Wednesday
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00", "2026-03-04 13:00", Open)]
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00", "2026-03-05 10:00", Open)]
    [InlineData("Mo-Fr 09:00-18:00, We 19:00-20:00", "2026-03-04 10:00", Open)] // an additional rule adds
    [InlineData("Mo-Fr 09:00-18:00, We 19:00-20:00", "2026-03-04 19:30", Open)]
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00 off", "2026-03-04 10:00", Open)] // off with times only closes them
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00 off", "2026-03-04 13:00", Closed)]
    [InlineData("Mo-Fr 09:00-18:00; We off", "2026-03-04 10:00", Closed)]
    [InlineData("Mo-Fr 09:00-18:00, We off", "2026-03-04 10:00", Closed)]
    [InlineData("open; Mo 12:00-14:00 off", "2026-03-02 15:00", Open)]
    [InlineData("Mo-Fr 09:00-18:00; We 12:00-14:00 unknown", "2026-03-04 10:00", Closed)]
    public void Normal_rules_override_the_days_they_select_additional_rules_do_not(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-03-02 10:00", Open, null)]
    [InlineData("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-03-02 14:00", Unknown, "sur rendez-vous")]
    [InlineData("Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-03-07 10:00", Unknown, "sur rendez-vous")]
    [InlineData("Mo-Fr 09:00-12:00; Sa off || \"sur rendez-vous\"", "2026-03-07 10:00", Unknown, "sur rendez-vous")] // as the reference: closed is filled
    [InlineData("Mo-Fr 09:00-12:00 || Sa 10:00-11:00 unknown", "2026-03-07 10:30", Unknown, null)]
    [InlineData("Mo-Fr 09:00-12:00 || Sa 10:00-11:00 unknown", "2026-03-07 11:30", Closed, null)]
    [InlineData("Mo-Fr 09:00-12:00 || Sa \"a\" || \"b\"", "2026-03-07 11:30", Unknown, "a")]
    [InlineData("Mo-Fr 09:00-12:00 || Sa \"a\" || \"b\"", "2026-03-08 11:30", Unknown, "b")]
    [InlineData("Mo-Fr 09:00-12:00 || Sa 10:00-11:00 unknown; Su 10:00-11:00", "2026-03-08 10:30", Open, null)]
    public void Fallback_rules_fill_what_earlier_rules_leave_closed(string expression, string at, OpeningStatus status, string? comment) =>
        Assert.Equal(new OpeningState(status, comment), State(expression, at));

    [Theory]
    [InlineData("Jan-Mar 10:00-12:00", "2026-02-10 11:00", Open)]
    [InlineData("Jan-Mar 10:00-12:00", "2026-04-01 11:00", Closed)]
    [InlineData("Dec-Feb 10:00-12:00", "2026-12-15 11:00", Open)]
    [InlineData("Dec-Feb 10:00-12:00", "2027-01-15 11:00", Open)]
    [InlineData("Dec-Feb 10:00-12:00", "2026-11-30 11:00", Closed)]
    [InlineData("Dec-Feb 10:00-12:00", "2026-03-01 11:00", Closed)]
    [InlineData("Jan,Mar 10:00-12:00", "2026-03-10 11:00", Open)]
    [InlineData("Jan-Mar: Mo-Fr 10:00-12:00", "2026-03-31 11:00", Open)]
    [InlineData("Jan-Mar: Mo-Fr 10:00-12:00", "2026-04-01 11:00", Closed)]
    public void Months_and_month_ranges(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("10:00-12:00; Dec 25 off", "2026-12-25 11:00", Closed)]
    [InlineData("10:00-12:00; Dec 25 off", "2026-12-26 11:00", Open)]
    [InlineData("Dec 25 off; 10:00-12:00", "2026-12-25 11:00", Open)] // the later rule selects every day, Christmas included
    [InlineData("10:00-12:00; Dec 24-26 off", "2026-12-23 11:00", Open)]
    [InlineData("10:00-12:00; Dec 24-26 off", "2026-12-24 11:00", Closed)]
    [InlineData("10:00-12:00; Dec 24-26 off", "2026-12-26 11:00", Closed)]
    [InlineData("10:00-12:00; Dec 24-26 off", "2026-12-27 11:00", Open)]
    [InlineData("10:00-12:00; Jul 14-Aug 15 off", "2026-07-13 11:00", Open)]
    [InlineData("10:00-12:00; Jul 14-Aug 15 off", "2026-07-14 11:00", Closed)]
    [InlineData("10:00-12:00; Jul 14-Aug 15 off", "2026-08-15 11:00", Closed)]
    [InlineData("10:00-12:00; Jul 14-Aug 15 off", "2026-08-16 11:00", Open)]
    [InlineData("Dec 30-Jan 02 10:00-12:00", "2027-01-01 11:00", Open)]
    [InlineData("Dec 30-Jan 02 10:00-12:00", "2027-01-03 11:00", Closed)]
    [InlineData("Dec 25,Jan 01 10:00-12:00", "2027-01-01 11:00", Open)]
    [InlineData("2026 Dec 24 10:00-12:00", "2026-12-24 11:00", Open)]
    [InlineData("2026 Dec 24 10:00-12:00", "2027-12-24 11:00", Closed)]
    [InlineData("2026 Dec 30-2027 Jan 02 10:00-12:00", "2027-01-02 11:00", Open)]
    [InlineData("2026 Dec 30-2027 Jan 02 10:00-12:00", "2027-12-31 11:00", Closed)]
    [InlineData("Feb 29 10:00-12:00", "2028-02-29 11:00", Open)]
    [InlineData("Dec 25-Jan 01 Mo 10:00-12:00", "2026-12-28 11:00", Open)]
    [InlineData("Dec 25-Jan 01 Mo 10:00-12:00", "2026-12-29 11:00", Closed)]
    public void Dates_and_date_ranges(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("2026 10:00-12:00", "2026-06-01 11:00", Open)]
    [InlineData("2026 10:00-12:00", "2027-06-01 11:00", Closed)]
    [InlineData("2025-2027 10:00-12:00", "2027-12-31 11:00", Open)]
    [InlineData("2025-2027 10:00-12:00", "2028-01-01 11:00", Closed)]
    [InlineData("2020-2030/2 10:00-12:00", "2026-06-01 11:00", Open)]
    [InlineData("2020-2030/2 10:00-12:00", "2027-06-01 11:00", Closed)]
    [InlineData("2026+ 10:00-12:00", "2040-06-01 11:00", Open)]
    [InlineData("2026+ 10:00-12:00", "2025-06-01 11:00", Closed)]
    [InlineData("2026,2028 Dec 25 10:00-12:00", "2028-12-25 11:00", Open)]
    [InlineData("2026,2028 Dec 25 10:00-12:00", "2027-12-25 11:00", Closed)]
    [InlineData("2026 Dec-Feb 10:00-12:00", "2026-01-15 11:00", Open)] // a year selector, then months (as the reference)
    [InlineData("2026 Dec-Feb 10:00-12:00", "2027-01-15 11:00", Closed)]
    public void Years_and_year_ranges(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("week 1-26 10:00-12:00", "2026-06-28 11:00", Open)] // Sunday of ISO week 26
    [InlineData("week 1-26 10:00-12:00", "2026-06-29 11:00", Closed)]
    [InlineData("week 01-53/2 Mo 10:00-12:00", "2026-12-28 11:00", Open)] // ISO week 53 of 2026
    [InlineData("week 01-53/2 Mo 10:00-12:00", "2027-01-04 11:00", Open)] // week 1 of 2027
    [InlineData("week 01-53/2 Mo 10:00-12:00", "2027-01-11 11:00", Closed)]
    [InlineData("week 1-53/2 10:00-12:00", "2027-01-01 11:00", Open)] // 1 January 2027 is in week 53 of 2026
    [InlineData("week 02,04 10:00-12:00", "2026-01-20 11:00", Open)]
    [InlineData("2026 week 53 10:00-12:00", "2026-12-30 11:00", Open)]
    public void Iso_week_numbers(string expression, string at, OpeningStatus expected) =>
        Assert.Equal(expected, State(expression, at).Status);

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00; PH off", "2026-12-25 10:00", Closed, "Noël")]
    [InlineData("Mo-Fr 09:00-12:00; PH off", "2026-12-24 10:00", Open, null)]
    [InlineData("Mo-Fr 09:00-12:00", "2026-12-25 10:00", Open, null)] // without PH a holiday is an ordinary day
    [InlineData("PH 10:00-12:00", "2026-12-25 11:00", Open, "Noël")]
    [InlineData("PH 10:00-12:00", "2026-12-25 09:00", Closed, null)]
    [InlineData("PH 10:00-12:00", "2026-12-24 11:00", Closed, null)]
    [InlineData("Mo-Fr,PH 10:00-12:00", "2026-04-06 11:00", Open, "Lundi de Pâques")]
    [InlineData("Mo-Fr,PH 10:00-12:00", "2026-11-01 11:00", Open, "Toussaint")] // a Sunday
    [InlineData("Mo-Fr,PH 10:00-12:00", "2026-03-08 11:00", Closed, null)]
    [InlineData("PH Mo-Fr 10:00-12:00", "2026-11-01 11:00", Closed, null)] // PH that fall on Mo-Fr only
    [InlineData("PH Mo-Fr 10:00-12:00", "2026-05-14 11:00", Open, "Ascension")]
    [InlineData("10:00-12:00; Su,PH off", "2026-05-25 11:00", Closed, "Lundi de Pentecôte")]
    [InlineData("PH 10:00-11:00 \"permanence\"", "2026-07-14 10:30", Unknown, "permanence")]
    [InlineData("Mo-Fr 09:00-12:00; PH 10:00-11:00 off", "2026-12-25 09:30", Open, null)]
    [InlineData("Mo-Fr 09:00-12:00; PH 10:00-11:00 off", "2026-12-25 10:30", Closed, "Noël")]
    [InlineData("PH 08:00-08:45,15:30+", "2026-11-01 08:30", Open, "Toussaint")]
    [InlineData("PH 08:00-08:45,15:30+", "2026-11-01 16:00", Unknown, OpenEndNotice)] // the open-end notice comes first, as in the reference
    [InlineData("PH 22:00-02:00", "2026-12-26 01:00", Open, null)] // the name stays on the holiday itself
    public void Public_holidays(string expression, string at, OpeningStatus status, string? comment) =>
        Assert.Equal(new OpeningState(status, comment), State(expression, at));

    [Theory]
    [InlineData("\"sur rendez-vous\"", "2026-03-02 03:00", Unknown, "sur rendez-vous")]
    [InlineData("Mo \"sur rendez-vous\"", "2026-03-02 03:00", Unknown, "sur rendez-vous")]
    [InlineData("Mo \"sur rendez-vous\"", "2026-03-03 03:00", Closed, null)]
    [InlineData("Mo 10:00-12:00 \"sur RDV\"", "2026-03-02 11:00", Unknown, "sur RDV")] // a comment without a state means unknown
    [InlineData("Mo 10:00-12:00 \"sur RDV\"", "2026-03-02 12:00", Closed, null)]
    [InlineData("Mo 10:00-12:00 open \"sur RDV\"", "2026-03-02 11:00", Open, "sur RDV")]
    [InlineData("Tu off \"fermé l'été\"", "2026-03-03 11:00", Closed, "fermé l'été")]
    [InlineData("Mo-Fr 10:00-20:00; We off \"inventaire\"", "2026-03-04 11:00", Closed, "inventaire")]
    [InlineData("Mo-Fr 10:00-20:00; We 12:00-14:00 off \"déjeuner\"", "2026-03-04 13:00", Closed, "déjeuner")]
    [InlineData("Mo-Fr 10:00-12:00 \"a\", Sa 10:00-12:00", "2026-03-07 11:00", Open, null)]
    [InlineData("24/7 \"accueil\"", "2026-03-02 03:00", Unknown, "accueil")]
    public void Comments(string expression, string at, OpeningStatus status, string? comment) =>
        Assert.Equal(new OpeningState(status, comment), State(expression, at));

    [Theory]
    [InlineData("mo-fr 09:00-12:00", "Mo-Fr 09:00-12:00")]
    [InlineData("MO-FR 09:00-12:00 OFF", "Mo-Fr 09:00-12:00 off")]
    [InlineData("ph off", "PH off")]
    [InlineData("jan-mar 10:00-12:00", "Jan-Mar 10:00-12:00")]
    [InlineData("Week 1-26 10:00-12:00", "week 01-26 10:00-12:00")]
    [InlineData("  Mo-Fr   09:00 - 12:00 ,14:00-18:00 ;Sa 09:00-12:00  ", "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00")]
    [InlineData("Mo-Fr 09:00-12:00||\"rdv\"", "Mo-Fr 09:00-12:00 || \"rdv\"")]
    [InlineData("Mo-Fr\u00A009:00-12:00", "Mo-Fr 09:00-12:00")]
    [InlineData("Jan 1 off", "Jan 01 off")]
    [InlineData("Mo-Fr, Sa 10:00-12:00", "Mo-Fr,Sa 10:00-12:00")]
    public void Case_and_spacing_are_free_as_in_the_reference(string expression, string normalized) =>
        Assert.Equal(normalized, Valid(expression).Normalized);

    [Fact]
    public void Is_open_is_true_only_when_surely_open()
    {
        var schedule = Valid("Mo 10:00-12:00; Tu 10:00-12:00 unknown");
        Assert.True(schedule.IsOpen(Paris("2026-03-02 11:00")));
        Assert.False(schedule.IsOpen(Paris("2026-03-03 11:00")));
        Assert.False(schedule.IsOpen(Paris("2026-03-04 11:00")));
    }

    [Fact]
    public void The_offset_of_the_given_instant_does_not_matter()
    {
        var schedule = Valid("Mo 10:00-12:00");
        // 09:30 UTC is 10:30 in Paris in March.
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.FromHours(-5))));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.Zero)));
    }
}
