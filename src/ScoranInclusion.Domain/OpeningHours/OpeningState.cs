namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>The three states of the OSM opening_hours model.</summary>
public enum OpeningStatus
{
    Open,
    Closed,
    /// <summary>Neither surely open nor surely closed: « sur rendez-vous », open end, <c>unknown</c>.</summary>
    Unknown,
}

/// <summary>The state at one instant, with the comment of the rule that decided it (or the holiday's name).</summary>
public readonly record struct OpeningState(OpeningStatus Status, string? Comment);

/// <summary>A stretch of real time with one state; <see cref="End"/> is exclusive. Offsets are Paris offsets.</summary>
public sealed record OpeningInterval(DateTimeOffset Start, DateTimeOffset End, OpeningStatus Status, string? Comment);

/// <summary>
/// One day of a week preview. <paramref name="JourSemaine"/> is the French weekday name in lower case
/// (« lundi »…); <paramref name="JourFerie"/> the public holiday's name, if any. <paramref name="Intervals"/>
/// lists the open and unknown stretches that start this day, in local wall-clock time; a closed day has none.
/// </summary>
public sealed record DayOpening(DateOnly Date, string JourSemaine, string? JourFerie, IReadOnlyList<LocalOpening> Intervals)
{
    /// <summary>The wording of a temporary closure of the place that day (« Fermé du 22 décembre au 2 janvier »); null: none.</summary>
    public string? Closure { get; init; }
}

/// <summary>
/// A stretch of one day in Paris wall-clock time. <paramref name="End"/> is exclusive; an end at midnight is
/// <c>00:00</c> with <paramref name="EndsNextDay"/> false when the stretch stops at the end of the day
/// (displayed « 24:00 »), and true when it runs to the end of the next day (<c>09:00-48:00</c>). Any other
/// end with <paramref name="EndsNextDay"/> is read on the next day: <c>22:00-02:00</c> gives 02:00, true.
/// </summary>
public sealed record LocalOpening(TimeOnly Start, TimeOnly End, bool EndsNextDay, OpeningStatus Status, string? Comment)
{
    /// <summary>Start in minutes since the day's midnight.</summary>
    public int StartMinutes => (Start.Hour * 60) + Start.Minute;

    /// <summary>End in minutes since the start day's midnight: 1440 for « 24:00 », up to 2880 when it ends the next day.</summary>
    public int EndMinutes =>
        (End.Hour * 60) + End.Minute + (End == TimeOnly.MinValue ? 1440 : 0) + (EndsNextDay ? 1440 : 0);
}
