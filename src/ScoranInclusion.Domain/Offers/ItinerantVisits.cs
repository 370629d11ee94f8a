using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Offers;

/// <summary>One stay of an itinerant service (a digital bus) at a stop.</summary>
public readonly record struct Visit(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// When an itinerant service is at a stop: a list of dated visits, or an OSM opening_hours expression
/// ("Tu 09:30-12:00", "week 02-50/2 Th 14:00-17:00"), or both; evaluated in Paris time.
/// </summary>
public static class ItinerantVisits
{
    /// <summary>How far ahead the next visit is looked for.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(120);

    /// <summary>
    /// The visits in progress at <paramref name="from"/> or starting before <paramref name="to"/>, in order:
    /// the union of the dated visits and of the open stretches of <paramref name="hours"/>.
    /// </summary>
    public static IReadOnlyList<Visit> Between(IReadOnlyList<Visit> dated, OpeningHoursSchedule? hours, DateTimeOffset from, DateTimeOffset to)
    {
        var visits = dated.Where(v => v.End > from && v.Start < to).ToList();
        if (hours is not null)
        {
            // Unknown stretches (« sur rendez-vous ») are not visits one can count on.
            visits.AddRange(hours.Intervals(from, to)
                .Where(i => i.Status == OpeningStatus.Open)
                .Select(i => new Visit(i.Start, i.End)));
        }

        return [.. visits.OrderBy(v => v.Start).ThenBy(v => v.End).Distinct()];
    }

    /// <summary>The visit in progress at <paramref name="from"/> or the next one, within <see cref="Horizon"/>.</summary>
    public static Visit? Next(IReadOnlyList<Visit> dated, OpeningHoursSchedule? hours, DateTimeOffset from) =>
        Between(dated, hours, from, from + Horizon) is [var first, ..] ? first : null;

    /// <summary>Dated visits as stored: <c>start/end</c> in ISO 8601 with offset, separated by <c>|</c>.</summary>
    public static string Format(IEnumerable<Visit> visits) =>
        string.Join('|', visits.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Start:yyyy-MM-dd'T'HH:mm:sszzz}/{v.End:yyyy-MM-dd'T'HH:mm:sszzz}")));

    public static IReadOnlyList<Visit> Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        var visits = new List<Visit>();
        foreach (var part in stored.Split('|'))
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0
                || !DateTimeOffset.TryParse(part.AsSpan(0, slash), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !DateTimeOffset.TryParse(part.AsSpan(slash + 1), CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start)
            {
                throw new OfferRuleException(OfferRuleCodes.InvalidStop, "visits", $"Passage « {part} » illisible : attendu début/fin en ISO 8601, la fin après le début.");
            }

            visits.Add(new Visit(start, end));
        }

        return visits;
    }
}
