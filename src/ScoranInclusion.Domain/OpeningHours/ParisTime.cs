namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// Europe/Paris, the time zone every opening hour of the region is written in, and the two conversions the
/// evaluator needs. Opening hours are wall-clock times: on the last Sunday of March local 02:00-03:00 does not
/// exist, on the last Sunday of October it happens twice.
/// </summary>
public static class ParisTime
{
    private const string ZoneId = "Europe/Paris";

    private static readonly YearOffsets?[] s_years = new YearOffsets?[10000];
    private static YearOffsets? s_lastYear;

    public static TimeZoneInfo Zone { get; } = LoadZone();

    /// <summary>The same instant, with the Paris offset of that instant. Allocation-free.</summary>
    public static DateTimeOffset ToParis(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        var offset = OffsetAtUtc(utc);
        var local = utc + offset.Ticks;
        return local >= 0 && local <= DateTime.MaxValue.Ticks
            ? new DateTimeOffset(local, offset)
            : TimeZoneInfo.ConvertTime(instant, Zone);
    }

    /// <summary>
    /// The Paris offset at a UTC instant, from a table of the year's clock changes read once from
    /// <see cref="Zone"/>: converting is then a few comparisons instead of a walk through the zone's rules,
    /// which matters when every candidate place of a search is evaluated.
    /// </summary>
    internal static TimeSpan OffsetAtUtc(long utcTicks)
    {
        // Callers near the ends of the calendar may step just outside it; the offset there is the edge's.
        utcTicks = Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks);
        var year = s_lastYear;
        if (year is null || utcTicks < year.Start || utcTicks >= year.End)
        {
            var number = new DateTime(utcTicks, DateTimeKind.Utc).Year;
            year = Volatile.Read(ref s_years[number])
                ?? Interlocked.CompareExchange(ref s_years[number], YearOffsets.Read(number), null)
                ?? s_years[number]!;
            s_lastYear = year;
        }

        return year.OffsetAt(utcTicks);
    }

    /// <summary>
    /// Whether the instant lies in the second pass of an autumn fold (after the clocks went back, while the wall
    /// clock shows again times it already showed: 02:00-03:00 winter time on the last Sunday of October); if so,
    /// <paramref name="foldEndLocalTicks"/> is the local wall-clock time at which the repetition ends (03:00).
    /// </summary>
    internal static bool InRepeatedWallClock(long utcTicks, out long foldEndLocalTicks)
    {
        foldEndLocalTicks = 0;
        var offset = OffsetAtUtc(utcTicks);
        // A fold lasts as long as the offset dropped: a few hours at most anywhere; Paris drops one hour.
        var earlier = utcTicks - (4 * TimeSpan.TicksPerHour);
        if (OffsetAtUtc(earlier) <= offset)
        {
            return false;
        }

        // Find the change (on a whole minute) between the two readings, then compare with its size.
        long low = earlier / TimeSpan.TicksPerMinute, high = utcTicks / TimeSpan.TicksPerMinute;
        var before = OffsetAtUtc(earlier);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (OffsetAtUtc(middle * TimeSpan.TicksPerMinute) == before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var change = low * TimeSpan.TicksPerMinute;
        var previous = OffsetAtUtc(change - TimeSpan.TicksPerMinute);
        var dropped = previous - OffsetAtUtc(change);
        if (dropped <= TimeSpan.Zero || utcTicks >= change + dropped.Ticks)
        {
            return false;
        }

        foldEndLocalTicks = change + previous.Ticks;
        return true;
    }

    /// <summary>
    /// The offset in force at a local wall-clock time; in a gap or a fold, one of the two candidates. Used to
    /// place local midnights, which are never in a gap or a fold in Paris.
    /// </summary>
    internal static TimeSpan OffsetAtLocal(long localTicks)
    {
        var guess = OffsetAtUtc(localTicks - Zone.BaseUtcOffset.Ticks);
        return OffsetAtUtc(localTicks - guess.Ticks);
    }

    /// <summary>
    /// The instant a Paris wall clock shows <paramref name="localWallClock"/> (its <see cref="DateTime.Kind"/> is
    /// ignored). A time that does not exist (in the spring gap) moves forward to the end of the gap, the first
    /// instant after it; an ambiguous time (in the autumn fold) takes its first, summer-time, occurrence.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime localWallClock)
    {
        var local = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return EndOfGap(local);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            var first = offsets[0];
            foreach (var offset in offsets)
            {
                // The larger offset is the earlier instant: summer time comes before the clocks go back.
                if (offset > first)
                {
                    first = offset;
                }
            }

            return new DateTimeOffset(local, first);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The instant the clocks jumped over <paramref name="local"/>, which lies in a gap.</summary>
    private static DateTimeOffset EndOfGap(DateTime local)
    {
        // Offsets well before and well after the gap; the transition instant lies between the two readings
        // of the local time, and offsets only change on whole minutes.
        var before = Zone.GetUtcOffset(DateTime.SpecifyKind(local.AddDays(-1), DateTimeKind.Utc));
        var after = Zone.GetUtcOffset(DateTime.SpecifyKind(local.AddDays(1), DateTimeKind.Utc));
        var low = (local - after).Ticks / TimeSpan.TicksPerMinute;
        var high = (local - before).Ticks / TimeSpan.TicksPerMinute;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var offset = Zone.GetUtcOffset(new DateTime(middle * TimeSpan.TicksPerMinute, DateTimeKind.Utc));
            if (offset == before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var utc = new DateTime(low * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc), Zone);
    }

    /// <summary>The offsets of one UTC year: the one in force on 1 January and each change, to the minute.</summary>
    private sealed class YearOffsets
    {
        private readonly TimeSpan _initial;
        private readonly long[] _changes;
        private readonly TimeSpan[] _offsets;

        private YearOffsets(long start, long end, TimeSpan initial, long[] changes, TimeSpan[] offsets)
        {
            Start = start;
            End = end;
            _initial = initial;
            _changes = changes;
            _offsets = offsets;
        }

        public long Start { get; }

        public long End { get; }

        public TimeSpan OffsetAt(long utcTicks)
        {
            var offset = _initial;
            for (var i = 0; i < _changes.Length && utcTicks >= _changes[i]; i++)
            {
                offset = _offsets[i];
            }

            return offset;
        }

        public static YearOffsets Read(int year)
        {
            var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            var end = year == 9999 ? DateTime.MaxValue.Ticks + 1 : new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            var initial = At(start);
            var changes = new List<long>();
            var offsets = new List<TimeSpan>();
            var previous = initial;
            // Clock changes are hours apart at the very least; hourly readings find them all, bisection to the minute.
            for (var t = start + TimeSpan.TicksPerHour; t - TimeSpan.TicksPerHour < end - 1; t += TimeSpan.TicksPerHour)
            {
                var probe = Math.Min(t, end - 1);
                var offset = At(probe);
                if (offset == previous)
                {
                    continue;
                }

                var low = (probe - TimeSpan.TicksPerHour) / TimeSpan.TicksPerMinute;
                var high = probe / TimeSpan.TicksPerMinute;
                while (low < high)
                {
                    var middle = low + ((high - low) / 2);
                    if (At(middle * TimeSpan.TicksPerMinute) == previous)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                changes.Add(low * TimeSpan.TicksPerMinute);
                offsets.Add(offset);
                previous = offset;
            }

            return new YearOffsets(start, end, initial, [.. changes], [.. offsets]);
        }

        private static TimeSpan At(long utcTicks) => Zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
    }

    private static TimeZoneInfo LoadZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // REVIEW: a container without tzdata has no Europe/Paris; the EU rule in force since 1996 (last
            // Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC) is then used for every year, which
            // is wrong only for dates before 1996.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(1), "Europe/Paris", "CET", "CEST", [rule]);
        }
    }
}
