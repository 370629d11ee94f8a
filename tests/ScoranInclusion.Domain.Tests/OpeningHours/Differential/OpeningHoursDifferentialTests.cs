using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;
using Xunit.Abstractions;

namespace ScoranInclusion.Domain.Tests.OpeningHours.Differential;

/// <summary>
/// Differential test of our opening_hours parser and evaluator against the reference implementation, the npm
/// package <c>opening_hours</c> 3.15.0, on a committed corpus (about 2,000 expressions, 20 instants each over
/// 2025-2027 with public holidays, DST days, midnights and interval boundaries) evaluated by
/// <c>tools/opening-hours-oracle</c> in Europe/Paris with French public holidays. Node is not needed here: the
/// reference's answers are in <c>opening-hours-oracle.tsv</c>; regenerate it as its README says.
/// </summary>
/// <remarks>
/// Each aspect (parse or reject, state, comment, next change) has its own agreement rate and threshold;
/// disagreements covered by a documented deliberate difference (<see cref="KnownDifferences"/>) are left out.
/// The full list of disagreements is written to <see cref="DifferentialRun.ReportFileName"/> in the test output
/// folder.
/// </remarks>
public sealed class OpeningHoursDifferentialTests(DifferentialRun run, ITestOutputHelper output) : IClassFixture<DifferentialRun>
{
    private const int Shown = 30;

    [Fact]
    public void Corpus_covers_the_brief()
    {
        output.WriteLine(run.Report(Shown));
        var sources = run.Corpus.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(run.Corpus.Count >= 2000, $"{run.Corpus.Count} expressions");
        Assert.True(sources.GetValueOrDefault("tricky") >= 30, "hand-written cases");
        Assert.True(sources.GetValueOrDefault("geodata") >= 100, "distinct horaires of geodata/lieux-mednum-bfc.csv");
        Assert.True(sources.GetValueOrDefault("generated") >= 1500, "generated expressions");
        Assert.True(sources.GetValueOrDefault("mutated") >= 50, "mutated expressions");
        var accepted = run.Corpus.Where(e => e.Accepted).ToList();
        Assert.True(accepted.Sum(e => e.Instants.Count) >= 35_000, "instants");
        Assert.All(accepted, e => Assert.InRange(e.Instants.Count, 15, 40));
        Assert.All(accepted, e => Assert.All(e.Instants, i => Assert.InRange(i.At.Year, 2024, 2028)));
        // The brief's special days are in the corpus: Easter Monday, Ascension, 14 July, Christmas, both DST switches.
        var days = accepted.SelectMany(e => e.Instants).Select(i => DateOnly.FromDateTime(i.At.DateTime)).ToHashSet();
        Assert.Superset(
            new HashSet<DateOnly> { new(2026, 4, 6), new(2026, 5, 14), new(2026, 7, 14), new(2026, 12, 25), new(2026, 3, 29), new(2026, 10, 25) },
            days);
    }

    [Fact]
    public void Public_holidays_are_the_reference_ones()
    {
        static string Show((DateOnly Date, string Name) holiday) =>
            $"{holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {holiday.Name}";

        var reference = run.Holidays.Select(Show).Order(StringComparer.Ordinal).ToList();
        var ours = Enumerable.Range(2024, 5).SelectMany(FrenchPublicHolidays.Of).Select(Show).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(55, reference.Count);
        Assert.Equal(reference, ours);
    }

    [Fact]
    public void Parse_or_reject_agrees_with_the_reference() => AssertRate(Aspect.Parse, 99.0);

    [Fact]
    public void State_agrees_with_the_reference() => AssertRate(Aspect.State, 99.5);

    [Fact]
    public void Comment_agrees_with_the_reference() => AssertRate(Aspect.Comment, 99.0);

    [Fact]
    public void Next_change_agrees_with_the_reference() => AssertRate(Aspect.NextChange, 99.0);

    private void AssertRate(Aspect aspect, double minimumPercent)
    {
        var rate = run.Rate(aspect);
        output.WriteLine($"{aspect}: {rate}, minimum {minimumPercent} %");
        output.WriteLine(run.Report(Shown, aspect));
        Assert.True(rate.Percent >= minimumPercent, $"{aspect} agreement {rate} is below {minimumPercent} %; see {run.ReportPath}");
    }
}
