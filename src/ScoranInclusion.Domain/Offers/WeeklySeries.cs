using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Offers;

/// <summary>A one-off change of a series: on <see cref="Date"/>, the session runs at other times.</summary>
public sealed record SeriesChange(DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>One session of a series: its local date and its two instants.</summary>
public readonly record struct Occurrence(DateOnly Date, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// "Every Tuesday 14:00-16:00 from 6 January to 30 June, except 14 April": a weekly series in Paris wall-clock
/// time. 14:00 stays 14:00 on both sides of a clock change, so the UTC instants move by an hour.
/// </summary>
/// <param name="Until">Last date (included); null for a series "until further notice", whose sessions are
/// created a few weeks ahead and topped up as time passes (<see cref="SeriesExpansion.Window"/>).</param>
public sealed record WeeklySeries(
    IReadOnlyList<DayOfWeek> Days,
    TimeOnly Start,
    TimeOnly End,
    DateOnly From,
    DateOnly? Until,
    IReadOnlyList<DateOnly> Skipped,
    IReadOnlyList<SeriesChange> Changes);

/// <summary>
/// Turns a series into sessions. Times that the clocks skip or repeat are handled on purpose, the way a person
/// in France reads a timetable (the same rule as <see cref="ParisTime.FromLocal"/>): a time in the spring gap
/// (02:00-03:00 on the last Sunday of March) starts at 03:00, the first instant after the gap; a time in the
/// autumn fold (02:00-03:00 on the last Sunday of October happens twice) is its first, summer-time, occurrence.
/// An occurrence that would be empty after that (both ends inside the gap) is refused rather than silently lost.
/// </summary>
public static class SeriesExpansion
{
    /// <summary>A bounded series covers at most this many days from its first to its last date.</summary>
    public const int MaxSpanDays = 366;

    /// <summary>A series expands to at most this many sessions (a daily series over a year is 366).</summary>
    public const int MaxOccurrences = 400;

    /// <summary>A series without end date keeps its sessions created this many days ahead.</summary>
    public const int RollingHorizonDays = 56;

    /// <summary>Checks the series; throws <see cref="OfferRuleException"/> (INVALID_SERIES) with the field at fault.</summary>
    public static void Check(WeeklySeries series)
    {
        if (series.Days.Count == 0)
        {
            throw Invalid("days", "Indiquez au moins un jour de la semaine.");
        }

        CheckTimes("end", series.Start, series.End);
        if (series.Until is { } until)
        {
            if (until < series.From)
            {
                throw Invalid("until", $"La date de fin ({Text(until)}) précède la date de début ({Text(series.From)}).");
            }

            if (until.DayNumber - series.From.DayNumber > MaxSpanDays)
            {
                throw Invalid("until", $"Une série couvre au plus {MaxSpanDays} jours ; pour aller au-delà, créez une nouvelle série ou laissez la date de fin vide (série reconduite).");
            }
        }

        foreach (var date in series.Skipped)
        {
            if (!Covers(series, date))
            {
                throw Invalid("skipped", $"Le {Text(date)} n'est pas une date de la série : rien à retirer (date à vérifier).");
            }
        }

        foreach (var change in series.Changes)
        {
            if (!Covers(series, change.Date))
            {
                throw Invalid("changes", $"Le {Text(change.Date)} n'est pas une date de la série : rien à modifier (date à vérifier).");
            }

            if (series.Skipped.Contains(change.Date))
            {
                throw Invalid("changes", $"Le {Text(change.Date)} est à la fois retiré et modifié : choisissez l'un ou l'autre.");
            }

            CheckTimes("changes", change.Start, change.End);
        }
    }

    /// <summary>All the sessions of a bounded series, in order.</summary>
    public static IReadOnlyList<Occurrence> Expand(WeeklySeries series)
    {
        if (series.Until is not { } until)
        {
            throw Invalid("until", "Une série sans date de fin se développe dans une fenêtre : utilisez Window.");
        }

        Check(series);
        return Between(series, series.From, until);
    }

    /// <summary>The sessions of the series whose date lies in [from, to], clipped to the series' own dates.</summary>
    public static IReadOnlyList<Occurrence> Window(WeeklySeries series, DateOnly from, DateOnly to)
    {
        Check(series);
        var first = from > series.From ? from : series.From;
        var last = series.Until is { } until && until < to ? until : to;
        return Between(series, first, last);
    }

    /// <summary>A session's instants from a local date and wall-clock times.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Instants(DateOnly date, TimeOnly start, TimeOnly end, string field = "start")
    {
        var startsAt = ParisTime.FromLocal(date.ToDateTime(start));
        var endsAt = ParisTime.FromLocal(date.ToDateTime(end));
        if (endsAt <= startsAt)
        {
            throw Invalid(field, $"Le {Text(date)}, de {start:HH\\:mm} à {end:HH\\:mm} tombe dans l'heure sautée au passage à l'heure d'été : la séance serait vide. Choisissez d'autres horaires pour ce jour-là.");
        }

        return (startsAt, endsAt);
    }

    private static List<Occurrence> Between(WeeklySeries series, DateOnly first, DateOnly last)
    {
        var occurrences = new List<Occurrence>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (!series.Days.Contains(date.DayOfWeek) || series.Skipped.Contains(date))
            {
                continue;
            }

            var change = series.Changes.FirstOrDefault(c => c.Date == date);
            var (start, end) = Instants(date, change?.Start ?? series.Start, change?.End ?? series.End, change is null ? "start" : "changes");
            occurrences.Add(new Occurrence(date, start, end));
            if (occurrences.Count > MaxOccurrences)
            {
                throw Invalid("until", $"La série produirait plus de {MaxOccurrences} séances : raccourcissez-la ou retirez des jours.");
            }
        }

        return occurrences;
    }

    private static bool Covers(WeeklySeries series, DateOnly date) =>
        date >= series.From && (series.Until is not { } until || date <= until) && series.Days.Contains(date.DayOfWeek);

    private static void CheckTimes(string field, TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw Invalid(field, $"L'heure de fin ({end:HH\\:mm}) doit suivre l'heure de début ({start:HH\\:mm}) le même jour.");
        }
    }

    private static OfferRuleException Invalid(string field, string message) => new(OfferRuleCodes.InvalidSeries, field, message);

    internal static string Text(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
}
