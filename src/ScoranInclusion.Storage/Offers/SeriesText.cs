using System.Globalization;
using ScoranInclusion.Domain.Offers;

namespace ScoranInclusion.Storage.Offers;

/// <summary>The stored text form of a series' days, skipped dates and one-off changes.</summary>
public static class SeriesText
{
    public static string Format(SeriesChange change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change.Date:yyyy-MM-dd} {change.Start:HH\\:mm}-{change.End:HH\\:mm}");

    public static WeeklySeries ToDomain(SessionSeriesEntity e) => new(
        [.. e.Days.Split(',').Select(d => (DayOfWeek)(int.Parse(d, CultureInfo.InvariantCulture) % 7))],
        e.StartTime,
        e.EndTime,
        e.FromDate,
        e.UntilDate,
        string.IsNullOrEmpty(e.Skipped) ? [] : [.. e.Skipped.Split('|').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))],
        string.IsNullOrEmpty(e.Changes) ? [] : [.. e.Changes.Split('|').Select(Parse)]);

    private static SeriesChange Parse(string text)
    {
        // yyyy-MM-dd HH:mm-HH:mm
        var date = DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = TimeOnly.ParseExact(text[11..16], "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(text[17..22], "HH:mm", CultureInfo.InvariantCulture);
        return new SeriesChange(date, start, end);
    }
}
