namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// The outcome of <see cref="OpeningHoursParser.Parse"/>: a compiled schedule when the expression is valid,
/// otherwise one or more errors (never both).
/// </summary>
public sealed record OpeningHoursParseResult(OpeningHoursSchedule? Schedule, IReadOnlyList<OpeningHoursError> Errors)
{
    public bool IsValid => Schedule is not null;
}

/// <summary>
/// A problem in an opening_hours expression, in French for the person who typed it. <paramref name="Position"/>
/// is the 0-based index of the first faulty character and <paramref name="Length"/> the number of faulty
/// characters; a length of 0 means something is missing, and the position is where it belongs.
/// <paramref name="Suggestion"/>, when present, is the whole expression corrected, in normalized form, and it
/// parses; it is only given when every problem of the expression has an obvious repair.
/// </summary>
public sealed record OpeningHoursError(string Message, int Position, int Length, string? Suggestion);
