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

    /// <summary>The list to copy to <c>tools/opening-hours-oracle/normalized-forms.txt</c> (see its README).</summary>
    public const string NormalizedFormsFileName = "normalized-forms.txt";

    private readonly Dictionary<Aspect, int> _compared = [];
    private readonly Dictionary<(string Source, Aspect Aspect), int> _comparedBySource = [];
    private readonly List<Disagreement> _unexplained = [];
    private readonly List<(Disagreement Disagreement, KnownDifference Known)> _explained = [];
    private readonly List<(string Expression, string Ours, string Npm)> _normalizedDifferences = [];
    private readonly List<(OracleExpression Expression, string Normalized)> _normalizedForms = [];

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
        // All cores: each expression is compared on its own, then the outcomes are merged in corpus order.
        var outcomes = Corpus.AsParallel().AsOrdered().Select(Compare).ToList();
        foreach (var outcome in outcomes)
        {
            Merge(outcome);
        }

        Slowest = [.. outcomes.OrderByDescending(o => o.Elapsed).Take(5).Select(o => (o.Elapsed, o.Expression.Expression))];
        CompareTime = clock.Elapsed;
        ReportPath = Path.Combine(AppContext.BaseDirectory, ReportFileName);
        File.WriteAllText(ReportPath, Report(int.MaxValue), Encoding.UTF8);
        NormalizedFormsPath = Path.Combine(AppContext.BaseDirectory, NormalizedFormsFileName);
        File.WriteAllLines(
            NormalizedFormsPath,
            [
                "# Our normalized forms of the corpus's expressions (both parsers accept them) that are not corpus expressions",
                "# themselves; written by OpeningHoursDifferentialTests. The oracle evaluates them (source « normalized »).",
                .. _normalizedForms.Select(f => f.Normalized).Where(n => !Corpus.Any(e => e.Expression == n)).Distinct().Order(StringComparer.Ordinal),
            ],
            new UTF8Encoding(false));
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

    /// <summary>Our normalized forms missing from the corpus, written next to the test assembly.</summary>
    public string NormalizedFormsPath { get; }

    /// <summary>Informational: our <see cref="OpeningHoursSchedule.Normalized"/> equals the reference's <c>prettifyValue()</c>.</summary>
    public AgreementRate Normalized { get; private set; }

    /// <summary>Informational: expressions whose normalized form differs from the reference's <c>prettifyValue()</c>.</summary>
    internal IReadOnlyList<(string Expression, string Ours, string Npm)> NormalizedDifferences => _normalizedDifferences;

    /// <summary>
    /// Informational: our NextChange (state only) against the reference's next change of state <em>or comment</em>
    /// (<c>iterator.advance()</c>); they differ wherever a comment changes alone, as at a public holiday's midnight.
    /// </summary>
    public AgreementRate NextAnyChange { get; private set; }

    /// <summary>Our normalized form of each expression both accepted.</summary>
    internal IReadOnlyList<(OracleExpression Expression, string Normalized)> NormalizedForms => _normalizedForms;

    internal IReadOnlyList<Disagreement> Unexplained => _unexplained;

    internal IReadOnlyList<(Disagreement Disagreement, KnownDifference Known)> Explained => _explained;

    /// <summary>The agreement on <paramref name="aspect"/> over the expressions of one corpus source.</summary>
    internal AgreementRate RateOf(string source, Aspect aspect)
    {
        var compared = _comparedBySource.GetValueOrDefault((source, aspect));
        var excused = _explained.Count(e => e.Disagreement.Aspect == aspect && e.Disagreement.Expression.Source == source);
        var unexplained = _unexplained.Count(d => d.Aspect == aspect && d.Expression.Source == source);
        return new AgreementRate(compared - excused - unexplained, compared - excused, excused);
    }

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

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"(state or comment)",-22}{NextAnyChange}  informational: vs the next change of state or comment");
        foreach (var source in Corpus.Select(e => e.Source).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  source {source,-12} {Corpus.Count(e => e.Source == source),5} expressions, {Corpus.Where(e => e.Source == source).Sum(e => e.Instants.Count),6} instants; state {RateOf(source, Aspect.State)}; next change {RateOf(source, Aspect.NextChange)}");
        }
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

            text.AppendLine("Informational, normalized forms that differ from the reference's prettifyValue():");
            foreach (var (expression, ours, npm) in _normalizedDifferences)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"« {expression} » | ours: « {ours} » | npm: « {npm} »");
            }
        }

        return text.ToString();
    }

    private static Outcome Compare(OracleExpression expected)
    {
        var clock = Stopwatch.StartNew();
        var outcome = new Outcome(expected);
        OpeningHoursParseResult ours;
        try
        {
            ours = OpeningHoursParser.Parse(expected.Expression);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome.Add(Aspect.Parse, new Disagreement(Aspect.Parse, expected, null, $"threw {e.GetType().Name}: {e.Message}", Verdict(expected), null, null));
            outcome.Elapsed = clock.Elapsed;
            return outcome;
        }

        outcome.Add(Aspect.Parse, ours.IsValid == expected.Accepted
            ? null
            : new Disagreement(Aspect.Parse, expected, null, Verdict(ours), Verdict(expected), ours, null));
        if (ours.Schedule is { } schedule && expected.Accepted)
        {
            outcome.Normalized = schedule.Normalized;
            foreach (var instant in expected.Instants)
            {
                // 'x': the reference threw, nothing to compare with.
                if (instant.State != 'x')
                {
                    CompareInstant(outcome, ours, schedule, instant);
                }
            }
        }

        outcome.Elapsed = clock.Elapsed;
        return outcome;
    }

    private static void CompareInstant(Outcome outcome, OpeningHoursParseResult ours, OpeningHoursSchedule schedule, OracleInstant instant)
    {
        var expected = outcome.Expression;
        OpeningState state;
        DateTimeOffset? next;
        try
        {
            state = schedule.StateAt(instant.At);
            next = schedule.NextChange(instant.At);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome.Add(Aspect.State, new Disagreement(Aspect.State, expected, instant, $"threw {e.GetType().Name}: {e.Message}", Show(instant), ours, null));
            return;
        }

        var mine = Answer(state, next);
        outcome.Add(Aspect.State, mine.State == instant.State
            ? null
            : new Disagreement(Aspect.State, expected, instant, Show(mine.State, state.Comment), Show(instant), ours, mine));
        outcome.Add(Aspect.Comment, string.Equals(state.Comment, instant.Comment, StringComparison.Ordinal)
            ? null
            : new Disagreement(Aspect.Comment, expected, instant, Quote(state.Comment), Quote(instant.Comment), ours, mine));
        if (Disagreement.SameInstant(next, instant.NextStateChange))
        {
            outcome.Add(Aspect.NextChange, null);
        }
        else
        {
            var disagreement = new Disagreement(
                Aspect.NextChange,
                expected,
                instant,
                $"{OracleExpectations.Format(next)} (now {Show(mine.State, state.Comment)})",
                $"{OracleExpectations.Format(instant.NextStateChange)} (now {Show(instant)})",
                ours,
                mine)
            {
                OursAtNext = next is { } at ? Answer(schedule.StateAt(at), null) : null,
            };
            outcome.Add(Aspect.NextChange, disagreement);
        }

        outcome.AnyChangeCompared++;
        outcome.AnyChangeAgreed += Disagreement.SameInstant(next, instant.NextChange) ? 1 : 0;
    }

    private void Merge(Outcome outcome)
    {
        foreach (var aspect in Enum.GetValues<Aspect>())
        {
            _compared[aspect] += outcome.Compared[(int)aspect];
            var key = (outcome.Expression.Source, aspect);
            _comparedBySource[key] = _comparedBySource.GetValueOrDefault(key) + outcome.Compared[(int)aspect];
        }

        foreach (var disagreement in outcome.Disagreements)
        {
            // No documented exclusion for state or next change: every disagreement on them counts.
            if (disagreement.Aspect is Aspect.Parse or Aspect.Comment && KnownDifferences.Find(disagreement) is { } known)
            {
                _explained.Add((disagreement, known));
            }
            else
            {
                _unexplained.Add(disagreement);
            }
        }

        if (outcome.Normalized is { } normalized)
        {
            _normalizedForms.Add((outcome.Expression, normalized));
            var same = normalized == outcome.Expression.Prettified;
            Normalized = new AgreementRate(Normalized.Agreed + (same ? 1 : 0), Normalized.Compared + 1, 0);
            if (!same)
            {
                _normalizedDifferences.Add((outcome.Expression.Expression, normalized, outcome.Expression.Prettified));
            }
        }

        NextAnyChange = new AgreementRate(
            NextAnyChange.Agreed + outcome.AnyChangeAgreed, NextAnyChange.Compared + outcome.AnyChangeCompared, 0);
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

    /// <summary>What comparing one expression found, before known differences are applied.</summary>
    private sealed class Outcome(OracleExpression expression)
    {
        public OracleExpression Expression { get; } = expression;

        public List<Disagreement> Disagreements { get; } = [];

        /// <summary>Comparisons made, per <see cref="Aspect"/>, disagreements included.</summary>
        public int[] Compared { get; } = new int[4];

        /// <summary>Our normalized form, when both accepted the expression.</summary>
        public string? Normalized { get; set; }

        public int AnyChangeAgreed { get; set; }

        public int AnyChangeCompared { get; set; }

        public TimeSpan Elapsed { get; set; }

        public void Add(Aspect aspect, Disagreement? disagreement)
        {
            Compared[(int)aspect]++;
            if (disagreement is not null)
            {
                Disagreements.Add(disagreement);
            }
        }
    }
}
