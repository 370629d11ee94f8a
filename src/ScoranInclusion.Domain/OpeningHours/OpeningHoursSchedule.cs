namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// A parsed opening_hours expression, immutable and safe to share between threads, evaluated in Paris wall-clock
/// time with French public holidays.
/// </summary>
/// <remarks>
/// The state at an instant is decided by the local date and minute: rules are applied in order; a normal rule
/// that selects the day resets it to closed before its own stretches apply (this also cuts a stretch spilling
/// from the day before, as in the reference), an additional rule or a normal <c>off</c> rule with times only
/// sets its own stretches, and a fallback rule only fills what is still closed. A stretch past midnight
/// (<c>22:00-02:00</c>) belongs to the day it starts: its rule's date selectors are tested on that day.
/// Within one rule, where ranges overlap the one written last wins, and an open end's guessed closing time
/// stops where a later range of the rule overlaps it. Because evaluation is on the wall clock, <c>01:00-04:00</c> lasts two hours of real time on the last Sunday
/// of March and four on the last Sunday of October. When the clocks go back, a time of the repeated hour takes
/// effect at its first (summer-time) occurrence, as <see cref="ParisTime.FromLocal"/> reads it, and the second
/// pass keeps the state reached at the end of the first: <c>02:30-05:00</c> is not closed again from 02:00 to
/// 02:30 winter time, and <c>01:00-02:30</c> does not reopen.
/// </remarks>
public sealed class OpeningHoursSchedule
{
    private const int MinutesPerDay = 1440;

    private readonly CompiledRule[] _rules;
    private readonly int[] _boundaries;
    private readonly bool _needsHolidays;
    private readonly bool _needsIsoWeeks;
    private readonly bool _repeatsWeekly;

    internal OpeningHoursSchedule(string normalized, CompiledRule[] rules)
    {
        Normalized = normalized;
        _rules = rules;
        var boundaries = new SortedSet<int> { 0 };
        foreach (var rule in rules)
        {
            _needsHolidays |= rule.Filter.UsesPublicHolidays;
            _needsIsoWeeks |= rule.Filter.UsesIsoWeeks;
            foreach (var piece in rule.Pieces)
            {
                boundaries.Add(piece.Start % MinutesPerDay);
                boundaries.Add(piece.End % MinutesPerDay);
            }
        }

        _repeatsWeekly = !Array.Exists(rules, r => r.Filter.UsesDateSelectors);
        _boundaries = [.. boundaries];
    }

    /// <summary>The expression in canonical form (spacing, abbreviations, two-digit hours); same meaning.</summary>
    public string Normalized { get; }

    public override string ToString() => Normalized;

    /// <summary>The state and comment at <paramref name="at"/>. Allocation-free.</summary>
    public OpeningState StateAt(DateTimeOffset at)
    {
        var localTicks = ParisTime.ToParis(at).Ticks;
        if (ParisTime.InRepeatedWallClock(at.UtcTicks, out var foldEnd))
        {
            // The second pass of the repeated hour: the state of its first pass's last minute (class remarks).
            localTicks = foldEnd - TimeSpan.TicksPerMinute;
        }

        var today = Facts((int)(localTicks / TimeSpan.TicksPerDay));
        return Evaluate(in today, (int)(localTicks % TimeSpan.TicksPerDay / TimeSpan.TicksPerMinute), out _);
    }

    /// <summary>True only when surely open: unknown (« sur rendez-vous ») is not open.</summary>
    public bool IsOpen(DateTimeOffset at) => StateAt(at).Status == OpeningStatus.Open;

    /// <summary>How far <see cref="NextChange"/> looks ahead.</summary>
    public static readonly TimeSpan NextChangeHorizon = TimeSpan.FromDays(366);

    /// <summary>
    /// The first instant after <paramref name="at"/> at which the state (open, closed, unknown) differs from the
    /// state at <paramref name="at"/>, within <see cref="NextChangeHorizon"/>; null when it does not change within
    /// that time. A change of comment alone is not a change of state: the comment of a public holiday starts at
    /// its midnight, but a place closed the evening before stays closed until it opens.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset at) =>
        FindChange(at, StateAt(at), statusOnly: true, SaturatingAdd(at.UtcTicks, NextChangeHorizon.Ticks), _repeatsWeekly ? 8 : 367);

    private static long SaturatingAdd(long ticks, long more) =>
        ticks > DateTimeOffset.MaxValue.UtcTicks - more ? DateTimeOffset.MaxValue.UtcTicks : ticks + more;

    /// <summary>
    /// The open and unknown stretches between <paramref name="from"/> and <paramref name="to"/>, clipped to them,
    /// in chronological order, each with one state and comment. Closed stretches are left out.
    /// </summary>
    public IReadOnlyList<OpeningInterval> Intervals(DateTimeOffset from, DateTimeOffset to)
    {
        var intervals = new List<OpeningInterval>();
        var start = from;
        var state = StateAt(from);
        while (start < to)
        {
            var next = FindChange(start, state, statusOnly: false, to.UtcTicks, int.MaxValue);
            var end = next ?? to;
            if (state.Status != OpeningStatus.Closed)
            {
                intervals.Add(new OpeningInterval(ParisTime.ToParis(start), ParisTime.ToParis(end), state.Status, state.Comment));
            }

            if (next is not { } changed)
            {
                break;
            }

            start = changed;
            state = StateAt(changed);
        }

        return intervals;
    }

    /// <summary>
    /// Monday to Sunday of the ISO week containing <paramref name="anyDayOfTheWeek"/>, in Paris wall-clock time.
    /// A stretch running past midnight is shown on the day it starts, with <see cref="LocalOpening.EndsNextDay"/>;
    /// it is not repeated on the next day (Monday included: what spills from the Sunday before belongs to the
    /// previous week).
    /// </summary>
    public IReadOnlyList<DayOpening> Week(DateOnly anyDayOfTheWeek)
    {
        var monday = anyDayOfTheWeek.DayNumber - (((int)anyDayOfTheWeek.DayOfWeek + 6) % 7);
        var first = Math.Max(0, monday - 1);
        var last = Math.Min(DateOnly.MaxValue.DayNumber, monday + 7);
        var segments = new List<Segment>[last - first + 1];
        for (var day = first; day <= last; day++)
        {
            segments[day - first] = DaySegments(day);
        }

        var week = new List<DayOpening>(7);
        for (var day = monday; day < monday + 7 && day <= DateOnly.MaxValue.DayNumber; day++)
        {
            var own = new List<Segment>(segments[day - first]);
            if (day > first && own.Count > 0 && ContinuesPast(segments[day - 1 - first][^1], own[0]))
            {
                own.RemoveAt(0);
            }

            if (day < last && own.Count > 0 && ContinuesPast(own[^1], segments[day + 1 - first][0]))
            {
                own[^1] = own[^1] with { End = MinutesPerDay + segments[day + 1 - first][0].End };
            }

            var date = DateOnly.FromDayNumber(day);
            week.Add(new DayOpening(date, Vocabulary.FrenchWeekdays[day % 7], FrenchPublicHolidays.NameOf(date), ToLocal(own)));
        }

        return week;
    }

    private static bool ContinuesPast(Segment endOfDay, Segment startOfNextDay) =>
        endOfDay.End == MinutesPerDay && endOfDay.State.Status != OpeningStatus.Closed
        && startOfNextDay.Start == 0 && startOfNextDay.FromSpill && startOfNextDay.State == endOfDay.State;

    private static List<LocalOpening> ToLocal(List<Segment> segments)
    {
        var result = new List<LocalOpening>();
        foreach (var segment in segments)
        {
            if (segment.State.Status == OpeningStatus.Closed)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].EndMinutes == segment.Start && result[^1].Status == segment.State.Status
                && result[^1].Comment == segment.State.Comment)
            {
                var merged = Local(result[^1].StartMinutes, segment.End, segment.State);
                result[^1] = merged;
                continue;
            }

            result.Add(Local(segment.Start, segment.End, segment.State));
        }

        return result;
    }

    private static LocalOpening Local(int start, int end, OpeningState state)
    {
        // 1440 is « 24:00 », the end of the same day; past it the end is read on the next day, 2880 being its « 24:00 ».
        var endsNextDay = end > MinutesPerDay;
        var endOfDay = end - (endsNextDay ? MinutesPerDay : 0);
        return new LocalOpening(
            TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)),
            TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(endOfDay % MinutesPerDay)),
            endsNextDay,
            state.Status,
            state.Comment);
    }

    /// <summary>The day cut at every boundary, each piece with its state and whether it spills from the day before.</summary>
    private List<Segment> DaySegments(int dayNumber)
    {
        var today = Facts(dayNumber);
        var segments = new List<Segment>();
        for (var i = 0; i < _boundaries.Length; i++)
        {
            var start = _boundaries[i];
            var end = i + 1 < _boundaries.Length ? _boundaries[i + 1] : MinutesPerDay;
            var state = Evaluate(in today, start, out var fromSpill);
            if (segments.Count > 0 && segments[^1].State == state && segments[^1].FromSpill == fromSpill)
            {
                segments[^1] = segments[^1] with { End = end };
            }
            else
            {
                segments.Add(new Segment(start, end, state, fromSpill));
            }
        }

        return segments;
    }

    private readonly record struct Segment(int Start, int End, OpeningState State, bool FromSpill);

    private DayFacts Facts(int dayNumber) => DayFacts.Of(dayNumber, !_repeatsWeekly, _needsHolidays, _needsIsoWeeks);

    /// <summary>The state at a local minute of <paramref name="today"/>; see the class remarks for the rule semantics.</summary>
    private OpeningState Evaluate(in DayFacts today, int minute, out bool fromSpill)
    {
        var status = OpeningStatus.Closed;
        string? comment = null;
        fromSpill = false;
        var yesterday = default(DayFacts);
        var haveYesterday = false;

        foreach (var rule in _rules)
        {
            var selectsToday = rule.Filter.Matches(in today);
            var index = selectsToday ? rule.Find(minute) : -1;
            var spilled = false;
            if (index < 0 && minute + MinutesPerDay < rule.MaxEnd && today.DayNumber > 0)
            {
                if (!haveYesterday)
                {
                    yesterday = Facts(today.DayNumber - 1);
                    haveYesterday = true;
                }

                if (rule.Filter.Matches(in yesterday))
                {
                    index = rule.Find(minute + MinutesPerDay);
                    spilled = index >= 0;
                }
            }

            if (index >= 0)
            {
                if (rule.Mode == RuleMode.Fallback && status != OpeningStatus.Closed)
                {
                    continue;
                }

                var piece = rule.Pieces[index];
                status = piece.Status;
                comment = piece.Comment ?? piece.DefaultComment
                    ?? (piece.TakesHolidayName && !spilled ? today.Holiday : null);
                fromSpill = spilled;
            }
            else if (selectsToday && rule.Mode == RuleMode.Replace)
            {
                status = OpeningStatus.Closed;
                comment = null;
                fromSpill = false;
            }
        }

        return new OpeningState(status, comment);
    }

    /// <summary>
    /// The first instant after <paramref name="at"/> and before <paramref name="limitUtcTicks"/> whose state
    /// differs from <paramref name="current"/> (its status only, or its comment too), looking at most
    /// <paramref name="maxDays"/> local days ahead.
    /// States only change where the wall clock crosses a rule boundary or where the clocks are changed, so only
    /// those instants are evaluated.
    /// </summary>
    private DateTimeOffset? FindChange(DateTimeOffset at, OpeningState current, bool statusOnly, long limitUtcTicks, int maxDays)
    {
        var atUtc = at.UtcTicks;
        var firstDay = (int)(ParisTime.ToParis(at).Ticks / TimeSpan.TicksPerDay);
        var lastDay = (int)Math.Min((long)firstDay + maxDays, DateOnly.MaxValue.DayNumber - 1);
        for (var day = firstDay; day <= lastDay; day++)
        {
            var midnight = day * TimeSpan.TicksPerDay;
            var offset = ParisTime.OffsetAtLocal(midnight);
            if (midnight - offset.Ticks >= limitUtcTicks)
            {
                return null;
            }

            if (offset != ParisTime.OffsetAtLocal(midnight + TimeSpan.TicksPerDay))
            {
                if (FindChangeOnClockChangeDay(day, atUtc, current, statusOnly, limitUtcTicks, out var found))
                {
                    return found;
                }

                continue;
            }

            var today = Facts(day);
            foreach (var minute in _boundaries)
            {
                var local = midnight + (minute * TimeSpan.TicksPerMinute);
                var utc = local - offset.Ticks;
                if (utc <= atUtc)
                {
                    continue;
                }

                if (utc >= limitUtcTicks)
                {
                    return null;
                }

                if (Differs(Evaluate(in today, minute, out _), current, statusOnly))
                {
                    return new DateTimeOffset(local, offset);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The slow path for the two days a year the clocks change: each boundary becomes zero (in the spring gap),
    /// one or two (in the autumn fold) instants, and the change of offset itself is an instant where the wall
    /// clock jumps.
    /// </summary>
    private bool FindChangeOnClockChangeDay(int day, long atUtc, OpeningState current, bool statusOnly, long limitUtcTicks, out DateTimeOffset? found)
    {
        var zone = ParisTime.Zone;
        var midnight = day * TimeSpan.TicksPerDay;
        var instants = new List<long>(_boundaries.Length + 4);
        foreach (var minute in _boundaries)
        {
            var local = new DateTime(midnight + (minute * TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(local))
            {
                continue;
            }

            if (zone.IsAmbiguousTime(local))
            {
                foreach (var offset in zone.GetAmbiguousTimeOffsets(local))
                {
                    instants.Add(local.Ticks - offset.Ticks);
                }
            }
            else
            {
                instants.Add(local.Ticks - zone.GetUtcOffset(local).Ticks);
            }
        }

        // Offsets change on whole minutes: find each change between the two midnights by bisection.
        var fromMinute = (midnight - zone.GetUtcOffset(new DateTime(midnight, DateTimeKind.Unspecified)).Ticks) / TimeSpan.TicksPerMinute;
        var toMinute = (midnight + TimeSpan.TicksPerDay - zone.GetUtcOffset(new DateTime(midnight + TimeSpan.TicksPerDay, DateTimeKind.Unspecified)).Ticks) / TimeSpan.TicksPerMinute;
        while (fromMinute < toMinute)
        {
            var before = OffsetAtUtcMinute(zone, fromMinute);
            if (OffsetAtUtcMinute(zone, toMinute) == before)
            {
                break;
            }

            long low = fromMinute, high = toMinute;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (OffsetAtUtcMinute(zone, middle) == before)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            instants.Add(low * TimeSpan.TicksPerMinute);
            fromMinute = low;
        }

        instants.Sort();
        found = null;
        foreach (var utc in instants)
        {
            if (utc <= atUtc)
            {
                continue;
            }

            if (utc >= limitUtcTicks)
            {
                return true;
            }

            var instant = new DateTimeOffset(utc, TimeSpan.Zero);
            if (Differs(StateAt(instant), current, statusOnly))
            {
                found = ParisTime.ToParis(instant);
                return true;
            }
        }

        return false;
    }

    private static bool Differs(OpeningState state, OpeningState current, bool statusOnly) =>
        statusOnly ? state.Status != current.Status : state != current;

    private static TimeSpan OffsetAtUtcMinute(TimeZoneInfo zone, long utcMinute) =>
        zone.GetUtcOffset(new DateTime(utcMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc));
}
