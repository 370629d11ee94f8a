using System.Globalization;
using System.Text.RegularExpressions;

namespace ScoranInclusion.Import.MedNumBfc;

/// <summary>An opening interval within one day, in minutes since midnight (end exclusive, up to 24:00).</summary>
public readonly record struct MinuteRange(int Start, int End)
{
    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}

/// <summary>The result of reading one half-day cell.</summary>
public enum HalfDayCellKind
{
    /// <summary>No text: nothing said, which on a row with other hours means closed.</summary>
    Empty,

    /// <summary>An explicit "closed" mark: <c>-</c> or <c>x</c>.</summary>
    Closed,

    /// <summary>One or more time ranges.</summary>
    Open,

    /// <summary>Text that is not a time range (e.g. <c>souscondition</c>, <c>14h-12h</c>).</summary>
    Invalid,
}

public sealed record HalfDayCell(HalfDayCellKind Kind, IReadOnlyList<MinuteRange> Ranges);

/// <summary>The 14 half-day columns of a MedNum BFC row turned into one OSM <c>opening_hours</c> string.</summary>
/// <param name="OpeningHours">e.g. <c>Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00</c>; null when no cell gives hours or one cell cannot be read.</param>
/// <param name="InvalidCells">The unreadable cells (column name, text); when there is one, <paramref name="OpeningHours"/> is null.</param>
public sealed record HalfDayHoursResult(string? OpeningHours, IReadOnlyList<(string Column, string Text)> InvalidCells);

/// <summary>
/// Reads the free-text half-day hours of the MedNum BFC file (<c>8h30-12h</c>, <c>9h12h</c>,
/// <c>-</c>, <c>x</c>, …) and writes them as an OSM <c>opening_hours</c> string, the form the
/// national standard asks for <c>horaires</c>. A row whose cells cannot all be read gets no
/// hours at all: wrong hours would send people to a closed door, missing ones only make them call.
/// </summary>
public static partial class HalfDayHours
{
    /// <summary>The source's 14 columns, Monday morning to Sunday afternoon.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "lundi matin", "lundi après-midi", "mardi matin", "mardi après-midi",
        "mercredi matin", "mercredi après-midi", "jeudi matin", "jeudi après-midi",
        "vendredi matin", "vendredi après-midi", "samedi matin", "samedi après-midi",
        "dimanche matin", "dimanche après-midi",
    ];

    private static readonly string[] _osmDays = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    // "x" marks closed days in the source: the Crédit Agricole agencies (mednumBFC_TL_143_ and
    // others) have "x" exactly on Monday and Saturday afternoon, the usual closing times of a
    // French bank branch, and hours on the other half-days.
    private static readonly string[] _closedMarks = ["-", "–", "—", "x", "fermé", "ferme"];

    /// <summary>Reads one cell: <c>8h30-12h</c>, <c>9h-12h</c>, <c>9h12h</c> (dash forgotten), <c>09:00-12:00</c>, several ranges separated by <c>/</c>, <c>,</c> or <c>et</c>.</summary>
    public static HalfDayCell ParseCell(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return new HalfDayCell(HalfDayCellKind.Empty, []);
        }

        if (Array.Exists(_closedMarks, m => string.Equals(m, value, StringComparison.OrdinalIgnoreCase)))
        {
            return new HalfDayCell(HalfDayCellKind.Closed, []);
        }

        var ranges = new List<MinuteRange>();
        foreach (var part in RangeSeparator().Split(value))
        {
            var match = RangePattern().Match(part.Trim());
            if (!match.Success)
            {
                return new HalfDayCell(HalfDayCellKind.Invalid, []);
            }

            var start = Minutes(match.Groups["h1"].Value, match.Groups["m1"].Value);
            var end = Minutes(match.Groups["h2"].Value, match.Groups["m2"].Value);
            if (start is null || end is null || start >= end)
            {
                return new HalfDayCell(HalfDayCellKind.Invalid, []);
            }

            ranges.Add(new MinuteRange(start.Value, end.Value));
        }

        return new HalfDayCell(HalfDayCellKind.Open, ranges);
    }

    /// <summary>
    /// Converts the 14 cells, in <see cref="Columns"/> order (null or empty for a missing
    /// cell). A row with no hours at all gives null: the source says nothing, not "closed".
    /// </summary>
    public static HalfDayHoursResult Convert(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != Columns.Count)
        {
            throw new ArgumentException($"{Columns.Count} cellules attendues (lundi matin … dimanche après-midi), {cells.Count} reçues.", nameof(cells));
        }

        var invalid = new List<(string, string)>();
        var days = new List<MinuteRange>[7];
        for (var day = 0; day < 7; day++)
        {
            days[day] = [];
            for (var half = 0; half < 2; half++)
            {
                var index = (day * 2) + half;
                var cell = ParseCell(cells[index]);
                if (cell.Kind == HalfDayCellKind.Invalid)
                {
                    invalid.Add((Columns[index], cells[index]!.Trim()));
                }

                days[day].AddRange(cell.Ranges);
            }
        }

        return invalid.Count > 0
            ? new HalfDayHoursResult(null, invalid)
            : new HalfDayHoursResult(ToOpeningHours(days), []);
    }

    /// <summary>
    /// Builds the OSM string from the ranges of each day, Monday first: overlapping or touching
    /// ranges are merged (a morning ending at 12:00 and an afternoon starting at 12:00 is one
    /// opening), identical consecutive days are grouped (<c>Mo-Fr</c>), closed days are left out
    /// (OSM's default is closed). Null when no day has a range.
    /// </summary>
    public static string? ToOpeningHours(IReadOnlyList<IReadOnlyList<MinuteRange>> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count != 7)
        {
            throw new ArgumentException("7 jours attendus, du lundi au dimanche.", nameof(days));
        }

        var texts = days.Select(d => string.Join(',', Merge(d))).ToArray();
        var rules = new List<string>();
        for (var first = 0; first < 7;)
        {
            var last = first;
            while (last + 1 < 7 && texts[last + 1] == texts[first])
            {
                last++;
            }

            if (texts[first].Length > 0)
            {
                var daySpan = first == last ? _osmDays[first] : $"{_osmDays[first]}-{_osmDays[last]}";
                rules.Add($"{daySpan} {texts[first]}");
            }

            first = last + 1;
        }

        return rules.Count == 0 ? null : string.Join("; ", rules);
    }

    private static List<MinuteRange> Merge(IReadOnlyList<MinuteRange> ranges)
    {
        var merged = new List<MinuteRange>();
        foreach (var range in ranges.OrderBy(r => r.Start).ThenBy(r => r.End))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static int? Minutes(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = minutes.Length == 0 ? 0 : int.Parse(minutes, CultureInfo.InvariantCulture);
        if (m > 59 || h > 24 || (h == 24 && m > 0))
        {
            return null;
        }

        return (h * 60) + m;
    }

    // 8h30-12h, 8h30 - 12h, 9h12h, 09:00-12:00, 9h à 12h. A trailing "h" on the end is optional
    // only when minutes follow a colon ("09:00-12:00").
    [GeneratedRegex(@"^(?<h1>[0-9]{1,2})\s*[hH:]\s*(?<m1>[0-9]{2})?\s*(?:-|–|à|a)?\s*(?<h2>[0-9]{1,2})\s*(?:[hH]\s*(?<m2>[0-9]{2})?|:\s*(?<m2>[0-9]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\s*(?:/|,|;|\bet\b)\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RangeSeparator();
}
