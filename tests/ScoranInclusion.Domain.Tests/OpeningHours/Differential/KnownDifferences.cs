using System.Text.RegularExpressions;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Tests.OpeningHours.Differential;

/// <summary>The four things compared with the reference.</summary>
internal enum Aspect
{
    Parse,
    State,
    Comment,
    NextChange,
}

/// <summary>Why a known difference exists.</summary>
internal enum DifferenceKind
{
    /// <summary>Our documented choice.</summary>
    Deliberate,

    /// <summary>The reference contradicts the specification, its own documentation or itself; we do not.</summary>
    ReferenceDefect,
}

/// <summary>
/// One disagreement with the reference. For instant aspects, <see cref="Ours"/> is our whole answer at the
/// instant; <see cref="OursText"/> and <see cref="NpmText"/> are the printable values compared.
/// </summary>
internal sealed record Disagreement(
    Aspect Aspect,
    OracleExpression Expression,
    OracleInstant? Instant,
    string OursText,
    string NpmText,
    OpeningHoursParseResult? OurParse,
    OracleAnswer? Ours)
{
    /// <summary>For <see cref="Aspect.NextChange"/>: our answer at our next change.</summary>
    public OracleAnswer? OursAtNext { get; init; }

    public string Describe() =>
        $"{Aspect,-10} « {Expression.Expression} »"
        + (Instant is null ? string.Empty : $" at {OracleExpectations.Format(Instant.At)}")
        + $" | ours: {OursText} | npm: {NpmText}"
        + (Instant is { } at && at.Walked != at.Direct ? $" | npm walked from the previous midnight: {Show(at.Walked)}" : string.Empty)
        + (Instant is { Spec: { } spec } at2 && spec != at2.Direct ? $" | npm on « {Expression.SpecVariant} »: {Show(spec)}" : string.Empty);

    private static string Show(OracleAnswer answer) =>
        $"{answer.State} {(answer.Comment is null ? "(none)" : $"\"{answer.Comment}\"")} next {OracleExpectations.Format(answer.NextChange)}";

    /// <summary>Whether our answer equals <paramref name="answer"/> on the compared aspect.</summary>
    public bool OursMatches(OracleAnswer? answer) =>
        Ours is { } ours && answer is not null && Aspect switch
        {
            Aspect.State => ours.State == answer.State,
            Aspect.Comment => ours.Comment == answer.Comment,
            Aspect.NextChange => SameInstant(ours.NextChange, answer.NextChange),
            _ => false,
        };

    public static bool SameInstant(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b is null : b is not null && a.Value.UtcTicks == b.Value.UtcTicks;
}

/// <summary>
/// A documented difference from the reference: the disagreements it covers are left out of the agreement rates
/// and listed apart with their reason. Each predicate is narrow: it must recognize the cause, not the symptom.
/// Only parse/reject and comment disagreements can be excused: every disagreement on a state or a next change of
/// state counts (issue 17), and <see cref="DifferentialRun"/> never asks this list about them.
/// </summary>
internal sealed record KnownDifference(string Id, DifferenceKind Kind, string Reason, Func<Disagreement, bool> Covers);

internal static partial class KnownDifferences
{
    /// <summary>The last Sundays of March and October 2025-2028, when Paris clocks change.</summary>
    private static readonly DateOnly[] s_clockChanges =
    [
        new(2025, 3, 30), new(2025, 10, 26), new(2026, 3, 29), new(2026, 10, 25),
        new(2027, 3, 28), new(2027, 10, 31), new(2028, 3, 26), new(2028, 10, 29),
    ];

    /// <summary>
    /// The list. « Remarks (n) » refers to the numbered deliberate differences in the remarks of
    /// <see cref="OpeningHoursParser"/>, where the evaluator's author documents them.
    /// </summary>
    public static IReadOnlyList<KnownDifference> All { get; } =
    [
        new(
            "unsupported-syntax",
            DifferenceKind.Deliberate,
            "sunrise/sunset/dawn/dusk, easter and day offsets (« +1 day ») are refused with a French explanation "
            + "(OpeningHoursParser remarks, « Refused »); the reference evaluates them (the sun at a default place).",
            d => d.Aspect == Aspect.Parse && d.Expression.Accepted && UnsupportedSyntax().IsMatch(d.Expression.Expression)
                && d.OurParse is { IsValid: false } parse && parse.Errors.All(e => e.Message.Contains("en charge", StringComparison.Ordinal))),
        new(
            "lenient-input",
            DifferenceKind.Deliberate,
            "Remarks (1)-(3): the reference repairs slips silently or with a warning (9:00, Lu-Ve, a trailing « ; », two "
            + "rules without « ; »); our parser refuses them with a located French error whose Suggestion is the repaired "
            + "expression: excused when the suggestion is the very value the reference understood, or it warned.",
            d => d.Aspect == Aspect.Parse && d.Expression.Accepted && d.OurParse is { IsValid: false } parse
                && parse.Errors.Count > 0 && parse.Errors[0].Suggestion is { } suggestion
                && (suggestion == d.Expression.Prettified || d.Expression.HasWarnings)),
        new(
            "reference-refuses-valid",
            DifferenceKind.ReferenceDefect,
            "Valid per the specification, refused by the reference: after a month it reads a constrained weekday as the "
            + "start of a date (« Dec Th[1,-1] », « Dec Su[1-2] »), it wants a day after « 2027 Mar », and a year "
            + "before the second date of « 2026 Nov 14-Dec 24 ».",
            d => d.Aspect == Aspect.Parse && !d.Expression.Accepted && d.OurParse is { IsValid: true }
                && (d.Expression.Detail.Contains("plage mensuelle", StringComparison.Ordinal)
                    || d.Expression.Detail.Contains("plage de mois : year", StringComparison.Ordinal)
                    || YearDateRangeWithoutSecondYear().IsMatch(d.Expression.Expression))),
        new(
            "reference-inconsistent",
            DifferenceKind.ReferenceDefect,
            "Remarks (9): the reference contradicts itself — its answer at the instant differs from the one its own "
            + "iterator reaches when started at the previous midnight — and ours is the latter. Typically inside a "
            + "guessed open end (« Mo-Fr 14:00-17:00+ » at 18:10: « closed » with the open-end notice; « unknown » "
            + "until 03:00 when walked from 17:00).",
            d => d.Aspect == Aspect.Comment && d.Instant is { } at && at.Walked != at.Direct && d.OursMatches(at.Walked)),
        new(
            "time-only-rule",
            DifferenceKind.ReferenceDefect,
            "Remarks (7): a normal rule without date selector (« Mo 08:00-10:00; 12:00-14:00 ») selects every day and so "
            + "replaces what earlier rules said (specification); the reference lets it replace only a rule without date "
            + "selector and keeps « Mo 08:00-10:00 ». Excused when ours is the reference's answer for the same value with "
            + "an explicit « Mo-Su » before such rules.",
            d => d.Aspect == Aspect.Comment && d.Instant is { Spec: { } spec } at && spec != at.Direct && d.OursMatches(spec)),
        new(
            "reference-holiday-name-lost",
            DifferenceKind.ReferenceDefect,
            "Remarks (8): on a public holiday decided by a rule selecting PH without a comment, the comment is the "
            + "holiday's name (reference README); the reference loses it when a later rule also names PH without "
            + "selecting the day (« PH 11:15-19:15; Jul-Sep PH 07:00-10:00 » on Easter Monday: open, no comment), or "
            + "replaces it with its open-end notice inside an open end. Excused when the states agree.",
            d => d.Aspect == Aspect.Comment && d.Expression.Expression.Contains("PH", StringComparison.Ordinal) && d.Ours is { } ours
                && d.Instant is { } at && ours.State == at.State && ours.Comment is not null && ours.Comment == HolidayName(at.At)
                && (at.Comment is null || IsOpenEndNotice(at.Comment))),
        new(
            "reference-february-28",
            DifferenceKind.ReferenceDefect,
            "The reference never matches a date range ending on February 28 in a year that is not a leap year "
            + "(« Feb 19-28 10:00-20:00 » is closed on 2025-02-22; « Feb 19-Feb 28 » and « Feb 19-27 » are open).",
            d => d.Aspect == Aspect.Comment && FebruaryTo28().IsMatch(d.Expression.Expression) && d.Instant is { } at
                && InNonLeapFebruary(at.At)),
        new(
            "open-end-cut",
            DifferenceKind.Deliberate,
            "Remarks (4): an open end stopped by a later range of its rule (« 07:00+,12:00-16:00 », « 17:00+,20:00-21:00 ») "
            + "ends there. The reference answers « closed » but keeps its notice « L'heure de fermeture a été estimée » "
            + "until midnight. Excused: ours closed without comment where the reference says closed with the notice.",
            d => d.Aspect == Aspect.Comment && d.Instant is { State: 'c', Comment: { } notice } && IsOpenEndNotice(notice)
                && d.Ours is { State: 'c', Comment: null }),
        new(
            "clock-change",
            DifferenceKind.Deliberate,
            "Remarks (5) and OpeningHoursSchedule: around a change of the Paris clock (last Sunday of March or October, "
            + "until 03:00 the day after) we evaluate the wall clock: a time in the spring gap takes effect at 03:00 "
            + "(02:30-03:30 opens at 03:00 CEST, 22:00-02:30 closes at 03:00 CEST) and 01:00-04:00 lasts 4 hours in "
            + "October; the reference's date arithmetic moves gap times an hour later and misplaces spills on those days. "
            + "Only its comments are excused there: its states and state changes are compared as everywhere else.",
            d => d.Aspect == Aspect.Comment && d.Instant is { } at && NearClockChange(at.At)),
    ];

    public static KnownDifference? Find(Disagreement disagreement) =>
        All.FirstOrDefault(known => known.Covers(disagreement));

    private static bool NearClockChange(DateTimeOffset? instant)
    {
        if (instant is not { } value)
        {
            return false;
        }

        var local = ParisTime.ToParis(value).DateTime;
        var day = DateOnly.FromDateTime(local);
        return Array.IndexOf(s_clockChanges, day) >= 0
            || (Array.IndexOf(s_clockChanges, day.AddDays(-1)) >= 0 && local.Hour < 3);
    }

    private static bool IsOpenEndNotice(string comment) => comment.Contains("\"open end\"", StringComparison.Ordinal);

    private static string? HolidayName(DateTimeOffset instant) =>
        FrenchPublicHolidays.NameOf(DateOnly.FromDateTime(ParisTime.ToParis(instant).DateTime));

    private static bool InNonLeapFebruary(DateTimeOffset? instant) =>
        instant is { } value && ParisTime.ToParis(value) is { Month: 2 } local && !DateTime.IsLeapYear(local.Year);

    [GeneratedRegex(@"\bFeb \d\d-28\b")]
    private static partial Regex FebruaryTo28();

    [GeneratedRegex(@"\b(sunrise|sunset|dawn|dusk|easter)\b|[+-] ?\d+ days?\b")]
    private static partial Regex UnsupportedSyntax();

    [GeneratedRegex(@"\b\d{4} [A-Z][a-z]{2} \d\d-[A-Z][a-z]{2} \d\d\b")]
    private static partial Regex YearDateRangeWithoutSecondYear();
}
