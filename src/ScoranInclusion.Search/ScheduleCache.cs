using System.Collections.Concurrent;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

/// <summary>
/// Compiled opening hours by expression. Many places share the same string (office hours),
/// so each distinct expression is parsed once for the whole process; an invalid one is
/// remembered as null.
/// </summary>
public sealed class ScheduleCache
{
    private readonly ConcurrentDictionary<string, OpeningHoursSchedule?> _schedules = new(StringComparer.Ordinal);

    public int Count => _schedules.Count;

    public OpeningHoursSchedule? Get(string? expression) =>
        string.IsNullOrWhiteSpace(expression) ? null : _schedules.GetOrAdd(expression, static e => OpeningHoursParser.Parse(e).Schedule);
}
