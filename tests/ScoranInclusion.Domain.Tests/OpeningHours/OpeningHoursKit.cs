using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>Shared helpers: Paris wall-clock instants, valid schedules, and a brute-force reference for changes.</summary>
internal static class OpeningHoursKit
{
    /// <summary>The instant a Paris clock shows <paramref name="local"/> (« yyyy-MM-dd HH:mm »).</summary>
    public static DateTimeOffset Paris(string local) =>
        ParisTime.FromLocal(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    public static OpeningHoursSchedule Valid(string expression)
    {
        var result = OpeningHoursParser.Parse(expression);
        Assert.True(result.IsValid, $"« {expression} » : {string.Join(" | ", result.Errors.Select(e => $"@{e.Position} {e.Message}"))}");
        Assert.Empty(result.Errors);
        return result.Schedule!;
    }

    public static OpeningHoursError SingleError(string expression)
    {
        var result = OpeningHoursParser.Parse(expression);
        Assert.False(result.IsValid, $"« {expression} » should be invalid");
        Assert.Null(result.Schedule);
        return Assert.Single(result.Errors);
    }

    public static OpeningState State(string expression, string local) => Valid(expression).StateAt(Paris(local));

    /// <summary>
    /// The next change of state (open, closed, unknown; a change of comment alone is not one) found by stepping
    /// minute by minute in real time: slow, obviously right.
    /// </summary>
    public static DateTimeOffset? BruteForceNextChange(OpeningHoursSchedule schedule, DateTimeOffset at, TimeSpan horizon)
    {
        var current = schedule.StateAt(at);
        var t = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        var end = at + horizon;
        for (; t <= end; t = t.AddMinutes(1))
        {
            if (schedule.StateAt(t).Status != current.Status)
            {
                return t;
            }
        }

        return null;
    }

    public static string Describe(IEnumerable<OpeningInterval> intervals) =>
        string.Join("; ", intervals.Select(i => FormattableString.Invariant(
            $"{i.Start:yyyy-MM-dd HH:mmzzz} → {i.End:yyyy-MM-dd HH:mmzzz} {i.Status}{(i.Comment is null ? "" : $" \"{i.Comment}\"")}")));

    /// <summary>« 09:00-12:00,22:00-02:00(+1),10:00-24:00? "note" » : ? marks unknown, (+1) an end on the next day.</summary>
    public static string Describe(DayOpening day) =>
        string.Join(",", day.Intervals.Select(i =>
            Hm(i.Start) + "-" + (i.End == TimeOnly.MinValue && !i.EndsNextDay ? "24:00" : Hm(i.End))
            + (i.EndsNextDay ? "(+1)" : "") + (i.Status == OpeningStatus.Unknown ? "?" : "")
            + (i.Comment is null ? "" : $"\"{i.Comment}\"")));

    private static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
