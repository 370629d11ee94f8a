namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>How a rule acts on the state left by the rules before it, for a day it selects.</summary>
internal enum RuleMode
{
    /// <summary>A normal rule: the whole day is reset to closed, then its own pieces apply.</summary>
    Replace,
    /// <summary>An additional rule, or a normal <c>off</c> rule with times (<c>We 12:00-14:00 off</c>): only its pieces apply.</summary>
    Overlay,
    /// <summary>After <c>||</c>: its pieces apply only where the state so far is closed.</summary>
    Fallback,
}

/// <summary>
/// A stretch of a rule's day, in minutes from that day's midnight; <see cref="End"/> may pass 1440, the part
/// beyond spilling into the next day. <see cref="IsGuess"/> marks the guessed stretch of an open end. The comment
/// is the rule's; when it has none, <see cref="DefaultComment"/> (the open-end notice), then the holiday's name
/// (for a rule selecting PH, on the holiday itself), in the reference's order.
/// </summary>
internal readonly record struct Piece(int Start, int End, OpeningStatus Status, string? Comment, string? DefaultComment, bool TakesHolidayName, bool IsGuess);

internal sealed class CompiledRule
{
    /// <summary>The reference evaluator's French notice for a guessed closing time (open end, <c>17:00+</c>).</summary>
    public const string OpenEndComment = "Indiqué comme \"open end\" (fin ouverte). L'heure de fermeture a été estimée.";

    private CompiledRule(RuleMode mode, DayFilter filter, Piece[] pieces)
    {
        Mode = mode;
        Filter = filter;
        Pieces = pieces;
        foreach (var piece in pieces)
        {
            MaxEnd = Math.Max(MaxEnd, piece.End);
        }
    }

    public RuleMode Mode { get; }

    public DayFilter Filter { get; }

    /// <summary>The stretches in the order they are written; see <see cref="Find"/>.</summary>
    public Piece[] Pieces { get; }

    /// <summary>The latest end of a piece; beyond 1440 the rule spills into the next day.</summary>
    public int MaxEnd { get; }

    /// <summary>
    /// The index of the piece covering <paramref name="minute"/> (from the rule day's midnight), or -1. Where
    /// ranges of one rule overlap, the one written last wins, as rules do in a sequence and as in the reference
    /// (<c>18:00-24:00,19:00+</c> is unknown from 19:00).
    /// </summary>
    public int Find(int minute)
    {
        var pieces = Pieces;
        for (var i = pieces.Length - 1; i >= 0; i--)
        {
            if (minute >= pieces[i].Start && minute < pieces[i].End)
            {
                return i;
            }
        }

        return -1;
    }

    public static CompiledRule Compile(RuleSyntax rule)
    {
        var status = rule.State switch
        {
            StateKeyword.Open => OpeningStatus.Open,
            StateKeyword.Closed or StateKeyword.Off => OpeningStatus.Closed,
            StateKeyword.Unknown => OpeningStatus.Unknown,
            // The specification and the reference agree: a comment without a state means « unknown ».
            _ => rule.Comment is null ? OpeningStatus.Open : OpeningStatus.Unknown,
        };
        var mode = rule.Join switch
        {
            RuleJoin.Additional => RuleMode.Overlay,
            RuleJoin.Fallback => RuleMode.Fallback,
            // As in the reference, « Mo-Fr 10:00-20:00; We 12:00-14:00 off » closes only 12:00-14:00 on Wednesday.
            _ => status == OpeningStatus.Closed && rule.Times.Count > 0 ? RuleMode.Overlay : RuleMode.Replace,
        };
        var holidayName = rule.Comment is null && rule.Weekdays.Exists(w => w.IsPublicHoliday);
        var openEndStatus = status == OpeningStatus.Closed ? OpeningStatus.Closed : OpeningStatus.Unknown;
        var openEndComment = status == OpeningStatus.Closed ? null : OpenEndComment;

        var pieces = new List<Piece>();
        if (rule.Times.Count == 0)
        {
            pieces.Add(new Piece(0, 1440, status, rule.Comment, null, holidayName, false));
        }

        foreach (var span in rule.Times)
        {
            var start = span.Start;
            if (span.End is { } written)
            {
                // 22:00-02:00 and 09:00-09:00 wrap past midnight; 24:00 and 26:00 are written past it.
                var end = written <= start ? written + 1440 : written;
                pieces.Add(new Piece(start, end, status, rule.Comment, null, holidayName, false));
                start = end;
            }

            if (span.OpenEnd && GuessedEnd(start) is var guess && guess > start)
            {
                pieces.Add(new Piece(start, guess, openEndStatus, rule.Comment, openEndComment, holidayName, true));
            }
        }

        // As in the reference, a guessed closing time stops where a later range of the same rule overlaps it:
        // « 07:00+,12:00-16:00 » is unknown from 07:00 to 12:00, open to 16:00, then closed.
        for (var i = 0; i < pieces.Count; i++)
        {
            var guessed = pieces[i];
            if (!guessed.IsGuess)
            {
                continue;
            }

            for (var later = i + 1; later < pieces.Count; later++)
            {
                if (pieces[later].Start < guessed.End && pieces[later].End > guessed.Start)
                {
                    guessed = guessed with { End = Math.Max(guessed.Start, pieces[later].Start) };
                }
            }

            pieces[i] = guessed;
        }

        return new CompiledRule(mode, new DayFilter(rule), [.. pieces.Where(p => p.End > p.Start)]);
    }

    /// <summary>The reference's guess for an open end: to midnight before 17:00, ten hours until 22:00, eight after.</summary>
    private static int GuessedEnd(int start) =>
        Math.Min(2880, start < 17 * 60 ? Math.Max(1440, start) : start < 22 * 60 ? start + 600 : start + 480);
}
