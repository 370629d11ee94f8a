using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Reports;
using ScoranInclusion.Import.Tests.Formats;

namespace ScoranInclusion.Import.Tests.Reports;

public class ImportProgressPrinterTests
{
    [Fact]
    public void Prints_at_most_once_per_second_with_rate_and_share_of_the_file()
    {
        var clock = new ManualClock();
        var output = new StringWriter { NewLine = "\n" };
        var printer = new ImportProgressPrinter(output, enabled: true, timeProvider: clock);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        printer.Report(new ImportProgress(1_000, 100_000, 1_000_000, false));
        clock.Advance(TimeSpan.FromMilliseconds(600));
        printer.Report(new ImportProgress(2_200, 250_000, 1_000_000, false));
        clock.Advance(TimeSpan.FromMilliseconds(300));
        printer.Report(new ImportProgress(2_500, 300_000, 1_000_000, false));
        clock.Advance(TimeSpan.FromSeconds(1));
        printer.Report(new ImportProgress(4_800, 480_000, null, false));
        clock.Advance(TimeSpan.FromSeconds(2));
        printer.Report(new ImportProgress(10_000, 1_000_000, 1_000_000, true));

        Assert.Equal(
            "2 200 lignes lues · 2 000 lignes/s · 25 %\n"
            + "4 800 lignes lues · 2 000 lignes/s · 0,5 Mo lus\n"
            + "Lecture terminée : 10 000 lignes lues en 4,4 s (2 273 lignes/s).\n",
            output.ToString());
    }

    [Fact]
    public void Rewrites_one_line_on_a_terminal()
    {
        var clock = new ManualClock();
        var output = new StringWriter { NewLine = "\n" };
        var printer = new ImportProgressPrinter(output, enabled: true, rewriteLine: true, timeProvider: clock);

        clock.Advance(TimeSpan.FromSeconds(1));
        printer.Report(new ImportProgress(12_345, 10, 100, false));
        clock.Advance(TimeSpan.FromSeconds(1));
        printer.Report(new ImportProgress(20_000, 100, 100, true));

        Assert.Equal("\r12 345 lignes lues · 12 345 lignes/s · 10 %\rLecture terminée : 20 000 lignes lues en 2,0 s (10 000 lignes/s).\n", output.ToString());
    }

    [Fact]
    public void Prints_nothing_when_disabled_or_for_a_quick_import()
    {
        var clock = new ManualClock();
        var disabled = new StringWriter();
        var quick = new StringWriter();
        var off = new ImportProgressPrinter(disabled, enabled: false, timeProvider: clock);
        var on = new ImportProgressPrinter(quick, enabled: true, timeProvider: clock);

        clock.Advance(TimeSpan.FromSeconds(5));
        off.Report(new ImportProgress(10, 10, 10, false));
        on.Report(new ImportProgress(10, 10, 10, true));

        Assert.Equal("", disabled.ToString());
        Assert.Equal("", quick.ToString());
    }

    [Fact]
    public void Is_fed_by_a_reader()
    {
        var clock = new ManualClock();
        var output = new StringWriter { NewLine = "\n" };
        var printer = new ImportProgressPrinter(output, enabled: true, timeProvider: clock) { Interval = TimeSpan.Zero };

        var rows = TestData.Read(ImportFormat.LmnCsv, TestData.Csv([.. Enumerable.Range(0, 600).Select(i => TestData.Row($"l{i}"))]), TestData.Options with { Progress = printer });

        Assert.Equal(600, rows.Count);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("256 lignes lues", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Lecture terminée : 600 lignes lues", lines[2], StringComparison.Ordinal);
    }
}
