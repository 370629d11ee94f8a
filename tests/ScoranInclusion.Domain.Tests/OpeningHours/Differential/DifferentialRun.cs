using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Tests.OpeningHours.Differential;

/// <summary>An agreement count: <see cref="Agreed"/> of <see cref="Compared"/>, after leaving out <see cref="Excused"/>.</summary>
public readonly record struct AgreementRate(int Agreed, int Compared, int Excused)
{
    public double Percent => Compared == 0 ? 100 : 100.0 * Agreed / Compared;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Percent,7:0.000} % ({Agreed}/{Compared}, {Excused} excused by known differences)");
}

/// <summary>
/// Runs our parser and evaluator over the whole committed corpus once (shared by the tests of
/// <see cref="OpeningHoursDifferentialTests"/>) and compares every answer with the reference's.
/// </summary>
public sealed class DifferentialRun
{
    public const string ReportFileName = "opening-hours-differential-report.txt";

    private readonly Dictionary<Aspect, int> _compared = [];
    private readonly List<Disagreement> _unexplained = [];
    private readonly List<(Disagreement Disagreement, KnownDifference Known)> _explained = [];

    public DifferentialRun()
    {
        var clock = Stopwatch.StartNew();
        var file = OracleExpectations.Load();
        Corpus = file.Expressions;
        Holidays = file.Holidays;
        LoadTime = clock.Elapsed;
        foreach (var aspect in Enum.GetValues<Aspect>())
        {
            _compared[aspect] = 0;
        }

        clock.Restart();
        var slowest = new List<(TimeSpan Elapsed, string Expression)>();
        foreach (var expression in Corpus)
        {
            var start = clock.Elapsed;
            Compare(expression);
            slowest.Add((clock.Elapsed - start, expression.Expression));
        }

        Slowest = [.. slowest.OrderByDescending(s => s.Elapsed).Take(5)];

        CompareTime = clock.Elapsed;
        ReportPath = Path.Combine(AppContext.BaseDirectory, ReportFileName);
        File.WriteAllText(ReportPath, Report(int.MaxValue), Encoding.UTF8);
    }

    internal IReadOnlyList<OracleExpression> Corpus { get; }

    /// <summary>The French public holidays of 2024-2028 according to the reference.</summary>
    internal IReadOnlyList<(DateOnly Date, string Name)> Holidays { get; }

    public TimeSpan LoadTime { get; }

    public TimeSpan CompareTime { get; }

    /// <summary>The expressions whose comparison took longest (parse, 20 states and next changes).</summary>
    internal IReadOnlyList<(TimeSpan Elapsed, string Expression)> Slowest { get; }

    /// <summary>The full report (rates, every disagreement), written next to the test assembly.</summary>
    public string ReportPath { get; }

    /// <summary>Informational: our <see cref="OpeningHoursSchedule.Normalized"/> equals the reference's <c>prettifyValue()</c>.</summary>
    public AgreementRate Normalized { get; private set; }

    /// <summary>Informational: our NextChange (state or comment) against the reference's <c>getNextChange</c> (state only).</summary>
    public AgreementRate NextStateChangeOnly { get; private set; }

    internal IReadOnlyList<Disagreement> Unexplained => _unexplained;

    internal IReadOnlyList<(Disagreement Disagreement, KnownDifference Known)> Explained => _explained;

    internal AgreementRate Rate(Aspect aspect)
    {
        var excused = _explained.Count(e => e.Disagreement.Aspect == aspect);
        var compared = _compared[aspect] - excused;
        return new AgreementRate(compared - _unexplained.Count(d => d.Aspect == aspect), compared, excused);
    }

    internal string Report(int firstDisagreements, Aspect? only = null)
    {
        var text = new StringBuilder();
        var instants = Corpus.Sum(e => e.Instants.Count);
        text.AppendLine(CultureInfo.InvariantCulture, $"Differential test against npm opening_hours 3.15.0: {Corpus.Count} expressions, {instants} instants (load {LoadTime.TotalMilliseconds:0} ms, compare {CompareTime.TotalMilliseconds:0} ms).");
        foreach (var aspect in Enum.GetValues<Aspect>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {aspect,-22}{Rate(aspect)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"(getNextChange only)",-22}{NextStateChangeOnly}  informational: state-only changes");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"(normalized form)",-22}{Normalized}  informational: Normalized vs prettifyValue()");
        text.AppendLine("Slowest expressions to compare: " + string.Join("; ", Slowest.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalMilliseconds:0} ms « {s.Expression} »"))));

        foreach (var known in KnownDifferences.All)
        {
            var covered = _explained.Where(e => e.Known == known).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"Known difference « {known.Id} » ({known.Kind}, {covered.Count} excused): {known.Reason}");
            foreach (var (disagreement, _) in covered.Take(Math.Min(firstDisagreements, 5)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    e.g. {disagreement.Describe()}");
            }
        }

        var listed = _unexplained.Where(d => only is null || d.Aspect == only).ToList();
        var scope = only is null ? string.Empty : $" on {only}";
        var shown = listed.Count > firstDisagreements ? $", the first {firstDisagreements}" : string.Empty;
        text.AppendLine(CultureInfo.InvariantCulture, $"{listed.Count} unexplained disagreement(s){scope}{shown}:");
        foreach (var disagreement in listed.Take(firstDisagreements))
        {
            text.AppendLine(disagreement.Describe());
        }

        if (firstDisagreements != int.MaxValue)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Full list: {ReportPath}");
        }
        else
        {
            text.AppendLine("Every disagreement excused by a known difference:");
            foreach (var (disagreement, known) in _explained)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"[{known.Id}] {disagreement.Describe()}");
            }
        }

        return text.ToString();
    }

    private void Compare(OracleExpression expected)
    {
        OpeningHoursParseResult ours;
        try
        {
            ours = OpeningHoursParser.Parse(expected.Expression);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Record(new Disagreement(Aspect.Parse, expected, null, $"threw {e.GetType().Name}: {e.Message}", Verdict(expected), null, null));
            return;
        }

        Record(Aspect.Parse, ours.IsValid == expected.Accepted
            ? null
            : new Disagreement(Aspect.Parse, expected, null, Verdict(ours), Verdict(expected), ours, null));
        if (ours.Schedule is not { } schedule || !expected.Accepted)
        {
            return;
        }

        Normalized = Count(Normalized, schedule.Normalized == expected.Prettified);
        foreach (var instant in expected.Instants)
        {
            if (instant.State == 'x')
            {
                continue; // the reference threw: nothing to compare with
            }

            OpeningState state;
            DateTimeOffset? next;
            try
            {
                state = schedule.StateAt(instant.At);
                next = schedule.NextChange(instant.At);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Record(new Disagreement(Aspect.State, expected, instant, $"threw {e.GetType().Name}: {e.Message}", Show(instant), ours, null));
                continue;
            }

            var mine = Answer(state, next);
            var ourState = mine.State;
            Record(Aspect.State, ourState == instant.State
                ? null
                : new Disagreement(Aspect.State, expected, instant, Show(ourState, state.Comment), Show(instant), ours, mine));
            Record(Aspect.Comment, string.Equals(state.Comment, instant.Comment, StringComparison.Ordinal)
                ? null
                : new Disagreement(Aspect.Comment, expected, instant, Quote(state.Comment), Quote(instant.Comment), ours, mine));
            Record(Aspect.NextChange, Disagreement.SameInstant(next, instant.NextChange)
                ? null
                : new Disagreement(
                    Aspect.NextChange,
                    expected,
                    instant,
                    $"{OracleExpectations.Format(next)} (now {Show(ourState, state.Comment)})",
                    $"{OracleExpectations.Format(instant.NextChange)} (now {Show(instant)}; state-only getNextChange {OracleExpectations.Format(instant.NextStateChange)})",
                    ours,
                    mine)
                { OursAtNext = next is { } at ? Answer(schedule.StateAt(at), null) : null });
            NextStateChangeOnly = Count(NextStateChangeOnly, Disagreement.SameInstant(next, instant.NextStateChange));
        }
    }

    private void Record(Aspect aspect, Disagreement? disagreement)
    {
        if (disagreement is null)
        {
            _compared[aspect]++;
        }
        else
        {
            Record(disagreement);
        }
    }

    private void Record(Disagreement disagreement)
    {
        _compared[disagreement.Aspect]++;
        if (KnownDifferences.Find(disagreement) is { } known)
        {
            _explained.Add((disagreement, known));
        }
        else
        {
            _unexplained.Add(disagreement);
        }
    }

    private static OracleAnswer Answer(OpeningState state, DateTimeOffset? next) =>
        new(
            state.Status switch
            {
                OpeningStatus.Open => 'o',
                OpeningStatus.Closed => 'c',
                _ => 'u',
            },
            state.Comment,
            next);

    private static AgreementRate Count(AgreementRate rate, bool agreed) =>
        new(rate.Agreed + (agreed ? 1 : 0), rate.Compared + 1, 0);

    private static string Verdict(OracleExpression npm) =>
        npm.Accepted
            ? $"accepted{(npm.HasWarnings ? $" with warnings [{npm.Detail}]" : string.Empty)} as « {npm.Prettified} »"
            : $"rejected: {npm.Detail}";

    private static string Verdict(OpeningHoursParseResult ours) =>
        ours.Schedule is { } schedule
            ? $"accepted as « {schedule.Normalized} »"
            : "rejected: " + string.Join(" | ", ours.Errors.Select(e =>
                $"@{e.Position}+{e.Length} {e.Message}{(e.Suggestion is null ? string.Empty : $" (suggestion « {e.Suggestion} »)")}"));

    private static string Show(char state, string? comment) =>
        state switch
        {
            'o' => "open",
            'c' => "closed",
            'u' => "unknown",
            _ => "threw",
        } + (comment is null ? string.Empty : $" {Quote(comment)}");

    private static string Show(OracleInstant npm) => Show(npm.State, npm.Comment);

    private static string Quote(string? comment) => comment is null ? "(none)" : $"\"{comment}\"";
}
