using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// A place's hours as citizens meet them: its weekly hours (<see cref="Schedule"/>, French public holidays included)
/// with its temporary closures laid over them. A closure closes whole Paris days, from the midnight starting its first
/// day to the midnight ending its last; outside closures the schedule decides. Each question the schedule answers
/// (state, open or not, next change, week) is answered here with closures taken into account.
/// </summary>
public sealed class SiteHours
{
    // Closures as disjoint instants [start, end), sorted; touching or overlapping closures are one stretch.
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _closed;

    public SiteHours(OpeningHoursSchedule schedule, IReadOnlyList<SiteClosure> closures)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(closures);
        Schedule = schedule;
        Closures = closures;
        _closed = [];
        foreach (var closure in closures.Where(c => c.End >= c.Start).OrderBy(c => c.Start))
        {
            var start = StartOf(closure.Start);
            var end = closure.End == DateOnly.MaxValue ? DateTimeOffset.MaxValue : StartOf(closure.End.AddDays(1));
            if (_closed.Count > 0 && start <= _closed[^1].End)
            {
                _closed[^1] = (_closed[^1].Start, end > _closed[^1].End ? end : _closed[^1].End);
            }
            else
            {
                _closed.Add((start, end));
            }
        }
    }

    /// <summary>The weekly hours, without closures.</summary>
    public OpeningHoursSchedule Schedule { get; }

    /// <summary>The temporary closures laid over <see cref="Schedule"/>.</summary>
    public IReadOnlyList<SiteClosure> Closures { get; }

    public string Normalized => Schedule.Normalized;

    /// <summary>The hours of a place with valid hours; null without (a closure alone gives no hours).</summary>
    public static SiteHours? Of(OpeningHoursSchedule? schedule, IReadOnlyList<SiteClosure> closures) =>
        schedule is null ? null : new SiteHours(schedule, closures);

    /// <summary>The closure in force at <paramref name="at"/>, null when the schedule decides.</summary>
    public SiteClosure? ClosureAt(DateTimeOffset at) =>
        _closed.Count == 0 ? null : TemporaryNotices.ClosureOn(Closures, TemporaryNotices.ParisDay(at));

    /// <summary>Closed with the closure's wording as comment during a closure; the schedule's state otherwise.</summary>
    public OpeningState StateAt(DateTimeOffset at) =>
        ClosureAt(at) is { } closure ? new OpeningState(OpeningStatus.Closed, TemporaryNotices.Label(closure)) : Schedule.StateAt(at);

    /// <summary>True only when surely open: never during a closure.</summary>
    public bool IsOpen(DateTimeOffset at) => StateAt(at).Status == OpeningStatus.Open;

    /// <summary>
    /// The first instant after <paramref name="at"/> at which the state differs from the state at <paramref name="at"/>,
    /// closures included: a closure's first midnight when the place was open (or « sur rendez-vous »), and during a
    /// closure the first opening after it (not its last midnight when the schedule keeps the place closed then).
    /// Null when nothing changes within the schedule's horizon after the last stretch looked at.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset at)
    {
        var state = StateAt(at).Status;
        var t = at;
        // Each round either answers or moves past one closed stretch: at most two rounds per stretch, plus the last.
        for (var round = 0; round <= (2 * _closed.Count) + 1; round++)
        {
            if (StretchAt(t) is { } stretch)
            {
                if (state != OpeningStatus.Closed)
                {
                    return t;
                }

                if (stretch.End == DateTimeOffset.MaxValue)
                {
                    return null;
                }

                t = stretch.End;
                continue;
            }

            var scheduled = Schedule.StateAt(t).Status;
            if (scheduled != state)
            {
                return t;
            }

            var change = Schedule.NextChange(t);
            var nextClosure = NextStretchAfter(t);
            if (nextClosure is { } closing && (change is not { } c || closing <= c))
            {
                t = closing;
                continue;
            }

            return change;
        }

        return null;
    }

    /// <summary>The schedule's week with the days of a closure closed (no stretch) and named in <see cref="DayOpening.Closure"/>.</summary>
    public IReadOnlyList<DayOpening> Week(DateOnly anyDayOfTheWeek) =>
        [.. Schedule.Week(anyDayOfTheWeek).Select(day => TemporaryNotices.ClosureOn(Closures, day.Date) is { } closure
            ? day with { Intervals = [], Closure = TemporaryNotices.Label(closure) }
            : day)];

    private (DateTimeOffset Start, DateTimeOffset End)? StretchAt(DateTimeOffset t)
    {
        foreach (var stretch in _closed)
        {
            if (stretch.Start <= t && t < stretch.End)
            {
                return stretch;
            }
        }

        return null;
    }

    private DateTimeOffset? NextStretchAfter(DateTimeOffset t)
    {
        foreach (var stretch in _closed)
        {
            if (stretch.Start > t)
            {
                return stretch.Start;
            }
        }

        return null;
    }

    private static DateTimeOffset StartOf(DateOnly day) => ParisTime.FromLocal(day.ToDateTime(TimeOnly.MinValue));
}
