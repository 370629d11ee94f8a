using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.Import.Tests.MedNumBfc;

public class HalfDayHoursTests
{
    // Values seen in the MedNum BFC file (2022-12-30), with their reading in minutes.
    [Theory]
    [InlineData("8h30-12h", 510, 720)]
    [InlineData("9h-12h", 540, 720)]
    [InlineData("08h-12h", 480, 720)]
    [InlineData("10h-11h30", 600, 690)]
    [InlineData("13h15-16h45", 795, 1005)]
    [InlineData("18h-22h30", 1080, 1350)]
    [InlineData("9h12h", 540, 720)]
    [InlineData("12h17h", 720, 1020)]
    [InlineData("14h18h", 840, 1080)]
    [InlineData(" 9h - 12h ", 540, 720)]
    [InlineData("09:00-12:00", 540, 720)]
    [InlineData("20h-24h", 1200, 1440)]
    public void Reads_a_time_range(string text, int start, int end)
    {
        var cell = HalfDayHours.ParseCell(text);

        Assert.Equal(HalfDayCellKind.Open, cell.Kind);
        Assert.Equal([new MinuteRange(start, end)], cell.Ranges);
    }

    [Theory]
    [InlineData("-", HalfDayCellKind.Closed)]
    [InlineData("x", HalfDayCellKind.Closed)]
    [InlineData("X", HalfDayCellKind.Closed)]
    [InlineData("", HalfDayCellKind.Empty)]
    [InlineData("  ", HalfDayCellKind.Empty)]
    [InlineData(null, HalfDayCellKind.Empty)]
    [InlineData("souscondition", HalfDayCellKind.Invalid)]
    [InlineData("14h-12h", HalfDayCellKind.Invalid)]
    [InlineData("9h-9h", HalfDayCellKind.Invalid)]
    [InlineData("25h-26h", HalfDayCellKind.Invalid)]
    [InlineData("9h60-12h", HalfDayCellKind.Invalid)]
    [InlineData("sur rendez-vous", HalfDayCellKind.Invalid)]
    public void Classifies_other_cells(string? text, HalfDayCellKind kind)
    {
        Assert.Equal(kind, HalfDayHours.ParseCell(text).Kind);
    }

    [Fact]
    public void Reads_several_ranges_in_one_cell()
    {
        Assert.Equal([new MinuteRange(510, 720), new MinuteRange(840, 1020)], HalfDayHours.ParseCell("8h30-12h / 14h-17h").Ranges);
    }

    [Fact]
    public void Groups_identical_consecutive_days()
    {
        // mednumBFC_TL_1_ (Onlineformapro Dijon).
        string?[] cells = ["8h30-12h", "13h30-17h", "8h30-12h", "13h30-17h", "8h30-12h", "13h30-17h", "8h30-12h", "13h30-17h", "8h30-12h", "13h30-17h", "", "", "", ""];

        Assert.Equal(new HalfDayHoursResult("Mo-Fr 08:30-12:00,13:30-17:00", []).OpeningHours, HalfDayHours.Convert(cells).OpeningHours);
    }

    [Fact]
    public void Reads_x_as_closed_in_the_bank_branches()
    {
        // mednumBFC_TL_160_ (Crédit Agricole Levier): closed Monday and Saturday afternoon, no dash in the ranges.
        string?[] cells = ["x", "x", "9h12h", "14h18h", "9h12h", "14h18h", "9h12h", "14h18h", "9h12h", "14h18h", "9h12h", "x", "x", "x"];

        var result = HalfDayHours.Convert(cells);

        Assert.Equal("Tu-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", result.OpeningHours);
        Assert.Empty(result.InvalidCells);
    }

    [Fact]
    public void Writes_irregular_weeks_day_by_day()
    {
        // mednumBFC_TL_3_ (Arnay-le-Duc).
        string?[] cells = ["-", "18h30-20h", "10h-11h30", "15h30-18h30", "-", "15h30-17h30", "9h30-11h30", "-", "-", "15h30-18h30", "-", "14h30-15h30", "", ""];

        Assert.Equal(
            "Mo 18:30-20:00; Tu 10:00-11:30,15:30-18:30; We 15:30-17:30; Th 09:30-11:30; Fr 15:30-18:30; Sa 14:30-15:30",
            HalfDayHours.Convert(cells).OpeningHours);
    }

    [Fact]
    public void Merges_a_morning_and_an_afternoon_that_touch_or_overlap()
    {
        string?[] cells = ["9h-12h", "12h-17h", "9h-17h", "13h-17h", "", "", "", "", "", "", "", "", "9h-12h", "9h-12h"];

        Assert.Equal("Mo-Tu 09:00-17:00; Su 09:00-12:00", HalfDayHours.Convert(cells).OpeningHours);
    }

    [Fact]
    public void Groups_a_whole_week()
    {
        var cells = Enumerable.Repeat<string?>("10h-12h", 14).ToArray();

        Assert.Equal("Mo-Su 10:00-12:00", HalfDayHours.Convert(cells).OpeningHours);
    }

    [Fact]
    public void Gives_no_hours_when_no_cell_has_any()
    {
        Assert.Null(HalfDayHours.Convert(new string?[14]).OpeningHours);
        Assert.Null(HalfDayHours.Convert(Enumerable.Repeat<string?>("-", 14).ToArray()).OpeningHours);
    }

    [Fact]
    public void Drops_all_the_hours_of_a_row_with_an_unreadable_cell()
    {
        // mednumBFC_TL_391_ (Locow coworking).
        string?[] cells = ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "souscondition", "souscondition", "souscondition", "souscondition"];

        var result = HalfDayHours.Convert(cells);

        Assert.Null(result.OpeningHours);
        Assert.Equal(4, result.InvalidCells.Count);
        Assert.Equal(("samedi matin", "souscondition"), result.InvalidCells[0]);
    }

    [Fact]
    public void Drops_a_range_that_ends_before_it_starts()
    {
        // mednumBFC_TL_265_: "14h-12h" on Tuesday morning.
        string?[] cells = ["", "", "14h-12h", "12h-20h", "9h-12h", "14h-18h", "", "", "", "", "9h-12h", "", "", ""];

        var result = HalfDayHours.Convert(cells);

        Assert.Null(result.OpeningHours);
        Assert.Equal([("mardi matin", "14h-12h")], result.InvalidCells);
    }
}
