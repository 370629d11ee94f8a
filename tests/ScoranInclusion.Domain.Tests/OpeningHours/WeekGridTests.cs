using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>The hours editor's grid: expression → grid when it fits, grid → compact expression, times as people type them.</summary>
public class WeekGridTests
{
    private static GridRange R(string start, string end) =>
        new(WeekGrid.ParseTime(start, asEnd: false)!.Value, WeekGrid.ParseTime(end, asEnd: true)!.Value);

    private static WeekGrid Grid(bool holidaysOff, params GridRange[][] days) => new(days, holidaysOff);

    /// <summary>« Mo 09:00-12:00 | Tu | … » : the grid in one line, for assertions.</summary>
    private static string Describe(WeekGrid grid) =>
        string.Join(" | ", grid.Days.Select((d, i) => WeekGrid.DayCodes[i] + (d.Count == 0 ? "" : " " + string.Join(",", d))))
        + (grid.ClosedOnPublicHolidays ? " | PH off" : "");

    /// <summary>The two expressions give the same states over a whole year, public holidays and clock changes included.</summary>
    private static void AssertSameMeaning(string expected, string actual)
    {
        var from = Paris("2026-01-01 00:00");
        var to = Paris("2027-01-01 00:00");
        var a = Valid(expected).Intervals(from, to).Select(i => (i.Start, i.End, i.Status));
        var b = Valid(actual).Intervals(from, to).Select(i => (i.Start, i.End, i.Status));
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_example_of_the_issue_goes_both_ways()
    {
        const string expression = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off";
        var grid = WeekGrid.FromExpression(expression)!;
        Assert.Equal("Mo 09:00-12:00,14:00-17:00 | Tu 09:00-12:00,14:00-17:00 | We 09:00-12:00,14:00-17:00 | Th 09:00-12:00,14:00-17:00 | "
            + "Fr 09:00-12:00,14:00-17:00 | Sa 10:00-12:00 | Su | PH off", Describe(grid));
        Assert.True(grid.SameOnWeekdays);
        Assert.Equal(expression, grid.ToExpression());
    }

    [Theory]
    [InlineData("Mo,We,Fr 09:00-12:00; Tu,Th 14:00-18:00", "Mo 09:00-12:00 | Tu 14:00-18:00 | We 09:00-12:00 | Th 14:00-18:00 | Fr 09:00-12:00 | Sa | Su")]
    [InlineData("Tu-Th 14:00-17:00; Sa,Su 10:00-12:00", "Mo | Tu 14:00-17:00 | We 14:00-17:00 | Th 14:00-17:00 | Fr | Sa 10:00-12:00 | Su 10:00-12:00")]
    [InlineData("Sa-Mo 10:00-12:00", "Mo 10:00-12:00 | Tu | We | Th | Fr | Sa 10:00-12:00 | Su 10:00-12:00")]
    [InlineData("Mo-Fr 09:00-17:00; We off", "Mo 09:00-17:00 | Tu 09:00-17:00 | We | Th 09:00-17:00 | Fr 09:00-17:00 | Sa | Su")]
    [InlineData("Mo-Fr 09:00-12:00; We 14:00-16:00", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 14:00-16:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa | Su")]
    [InlineData("Mo-Fr 09:00-12:00, We 14:00-16:00", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 09:00-12:00,14:00-16:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa | Su")]
    [InlineData("Mo 09:00-12:00,11:00-14:00", "Mo 09:00-14:00 | Tu | We | Th | Fr | Sa | Su")]
    [InlineData("Mo 09:00-12:00,12:00-14:00; Tu 14:00-16:00,09:00-10:00", "Mo 09:00-14:00 | Tu 09:00-10:00,14:00-16:00 | We | Th | Fr | Sa | Su")]
    [InlineData("Mo 09:00-12:00, Mo 10:00-18:00", "Mo 09:00-18:00 | Tu | We | Th | Fr | Sa | Su")]
    [InlineData("Fr 20:00-24:00; Sa 00:00-02:00", "Mo | Tu | We | Th | Fr 20:00-24:00 | Sa 00:00-02:00 | Su")]
    [InlineData("Mo-Su 08:00-20:00", "Mo 08:00-20:00 | Tu 08:00-20:00 | We 08:00-20:00 | Th 08:00-20:00 | Fr 08:00-20:00 | Sa 08:00-20:00 | Su 08:00-20:00")]
    [InlineData("08:00-12:00", "Mo 08:00-12:00 | Tu 08:00-12:00 | We 08:00-12:00 | Th 08:00-12:00 | Fr 08:00-12:00 | Sa 08:00-12:00 | Su 08:00-12:00")]
    [InlineData("24/7", "Mo 00:00-24:00 | Tu 00:00-24:00 | We 00:00-24:00 | Th 00:00-24:00 | Fr 00:00-24:00 | Sa 00:00-24:00 | Su 00:00-24:00")]
    [InlineData("Mo open; Tu 09:00-10:00 open", "Mo 00:00-24:00 | Tu 09:00-10:00 | We | Th | Fr | Sa | Su")]
    [InlineData("mo-fr 09:00-12:00 ; PH OFF", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 09:00-12:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa | Su | PH off")]
    [InlineData("Mo-Fr 09:00-12:00; PH closed", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 09:00-12:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa | Su | PH off")]
    [InlineData("Mo 08:00-09:00,10:00-11:00,12:00-13:00", "Mo 08:00-09:00,10:00-11:00,12:00-13:00 | Tu | We | Th | Fr | Sa | Su")]
    [InlineData("", "Mo | Tu | We | Th | Fr | Sa | Su")]
    public void Weekly_expressions_fit_the_grid_with_their_meaning(string expression, string expected)
    {
        var grid = WeekGrid.FromExpression(expression);
        Assert.NotNull(grid);
        Assert.Equal(expected, Describe(grid));
        if (expression.Trim().Length > 0)
        {
            // What the grid writes back means the same, over a year with its holidays.
            AssertSameMeaning(expression, grid.ToExpression());
        }
        else
        {
            Assert.Equal("", grid.ToExpression());
        }
    }

    [Theory]
    [InlineData("PH 10:00-12:00")] // hours on public holidays
    [InlineData("Mo-Fr,PH 09:00-12:00")] // public holidays open like a weekday
    [InlineData("PH off; Mo-Fr 09:00-12:00")] // the later rule reopens holidays that fall on Mo-Fr
    [InlineData("Mo-Fr 09:00-12:00; PH Mo-Fr off")]
    [InlineData("Mo 22:00-02:00")] // past midnight
    [InlineData("Mo 10:00-26:00")]
    [InlineData("Mo 09:00-09:00")]
    [InlineData("Mo 17:00+")] // open end
    [InlineData("Mo 09:00-12:00 \"sur rendez-vous\"")]
    [InlineData("Mo 09:00-12:00 unknown")]
    [InlineData("Jan-Jun Mo 09:00-12:00")]
    [InlineData("2026 Mo 09:00-12:00")]
    [InlineData("week 01-26 Mo 09:00-12:00")]
    [InlineData("Dec 25 off")]
    [InlineData("Mo[1] 09:00-12:00")]
    [InlineData("Mo 09:00-12:00 || Tu 10:00-11:00")]
    [InlineData("Mo-Fr 10:00-20:00; We 12:00-14:00 off")] // part of a day closed
    [InlineData("Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00")] // four ranges
    [InlineData("Mo 08:00-09:00, Mo 10:00-11:00, Mo 12:00-13:00, Mo 14:00-15:00")]
    [InlineData("Mo off")] // closed every day is not « no hours given »
    [InlineData("PH off")]
    [InlineData("Mo 09:00-12:00; Mo off")]
    [InlineData("off")]
    [InlineData("Mo-Fr 9:00-12:00")] // repaired with a suggestion, so invalid: the text rules
    [InlineData("Mo-Fr 9h-12h")] // invalid (the parser suggests a repair): the text rules
    [InlineData("n'importe quoi")]
    public void Weeks_the_grid_cannot_show_give_null(string expression) =>
        Assert.Null(WeekGrid.FromExpression(expression));

    [Fact]
    public void Off_then_a_range_of_the_same_day_keeps_the_range_only_the_grid_can_show()
    {
        var grid = WeekGrid.FromExpression("Mo-Fr 09:00-12:00; Mo off; Mo 14:00-15:00")!;
        Assert.Equal("Mo 14:00-15:00 | Tu 09:00-12:00 | We 09:00-12:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa | Su", Describe(grid));
        AssertSameMeaning("Mo-Fr 09:00-12:00; Mo off; Mo 14:00-15:00", grid.ToExpression());
    }

    [Fact]
    public void The_expression_is_compact_equal_days_in_one_rule_in_the_order_of_their_first_day()
    {
        GridRange[] morning = [R("9", "12")], afternoon = [R("14h", "17h30")];
        Assert.Equal("Mo,We,Fr 09:00-12:00; Tu,Th 14:00-17:30",
            Grid(false, morning, afternoon, morning, afternoon, morning, [], []).ToExpression());
        Assert.Equal("Mo-We,Sa 09:00-12:00; Th 14:00-17:30; PH off",
            Grid(true, morning, morning, morning, afternoon, [], morning, []).ToExpression());
        Assert.Equal("Sa,Su 09:00-12:00", Grid(false, [], [], [], [], [], morning, morning).ToExpression());
        Assert.Equal("Su 20:00-24:00", Grid(false, [], [], [], [], [], [], [R("20", "0")]).ToExpression());
        Assert.Equal("Mo-Su 00:00-24:00", Grid(false, [.. Enumerable.Repeat(new[] { R("0", "24") }, 7)]).ToExpression());
        // No opening at all: no hours (not « closed for ever »), whatever the holidays.
        Assert.Equal("", Grid(true, [], [], [], [], [], [], []).ToExpression());
    }

    [Fact]
    public void The_grid_refuses_what_it_cannot_hold()
    {
        Assert.Throws<ArgumentException>(() => Grid(false, [R("9", "12"), R("11", "13")], [], [], [], [], [], []));
        Assert.Throws<ArgumentException>(() => Grid(false, [R("12", "9")], [], [], [], [], [], []));
        Assert.Throws<ArgumentException>(() => Grid(false, [R("8", "9"), R("10", "11"), R("12", "13"), R("14", "15")], [], [], [], [], [], []));
        Assert.Throws<ArgumentException>(() => new WeekGrid([[], []], false));
    }

    [Fact]
    public void Every_grid_written_reads_back_the_same()
    {
        // Random weeks (fixed seed): any grid goes to an expression that parses and comes back unchanged.
        var random = new Random(20261207);
        for (var n = 0; n < 500; n++)
        {
            var days = new List<IReadOnlyList<GridRange>>();
            for (var d = 0; d < 7; d++)
            {
                var ranges = new List<GridRange>();
                var at = random.Next(0, 8) * 60;
                for (var i = random.Next(0, 4); i > 0 && at < 1440; i--)
                {
                    var start = at + random.Next(0, 4) * 30;
                    var end = Math.Min(1440, start + random.Next(1, 10) * 30);
                    if (end > start)
                    {
                        ranges.Add(new GridRange(start, end));
                    }

                    at = end + random.Next(1, 3) * 30;
                }

                days.Add(ranges);
            }

            var grid = new WeekGrid(days, random.Next(2) == 0);
            var expression = grid.ToExpression();
            var back = WeekGrid.FromExpression(expression);
            Assert.NotNull(back);
            Assert.Equal(Describe(grid.IsEmpty ? new WeekGrid(days, false) : grid), Describe(back));
            if (!grid.IsEmpty)
            {
                Assert.Equal(expression, Valid(expression).Normalized);
            }
        }
    }

    [Theory]
    [InlineData("9", false, 540)]
    [InlineData("09", false, 540)]
    [InlineData("9h", false, 540)]
    [InlineData("9 h 30", false, 570)]
    [InlineData("9H30", false, 570)]
    [InlineData("9:30", false, 570)]
    [InlineData("09.30", false, 570)]
    [InlineData("0930", false, 570)]
    [InlineData("1400", false, 840)]
    [InlineData("0", false, 0)]
    [InlineData("00:00", false, 0)]
    [InlineData("00:00", true, 1440)]
    [InlineData("0h", true, 1440)]
    [InlineData("24:00", true, 1440)]
    [InlineData("24", false, 1440)]
    public void Times_are_read_as_people_type_them(string text, bool asEnd, int minutes) =>
        Assert.Equal(minutes, WeekGrid.ParseTime(text, asEnd));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("midi")]
    [InlineData("25:00")]
    [InlineData("24:30")]
    [InlineData("9:60")]
    [InlineData("9:5")]
    [InlineData("12345")]
    [InlineData("9:30:00")]
    [InlineData("-9")]
    public void Anything_else_is_no_time(string text) => Assert.Null(WeekGrid.ParseTime(text, asEnd: false));
}
