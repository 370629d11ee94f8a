namespace ScoranInclusion.Domain.OpeningHours;

internal enum TokenKind
{
    /// <summary>Mo..Su; <see cref="Token.Value"/> 0 (Monday) to 6 (Sunday).</summary>
    Weekday,
    /// <summary>Jan..Dec; <see cref="Token.Value"/> 1 to 12.</summary>
    Month,
    /// <summary>PH.</summary>
    PublicHoliday,
    /// <summary>SH, recognised only to be refused clearly.</summary>
    SchoolHoliday,
    /// <summary>The keyword <c>week</c>.</summary>
    WeekKeyword,
    /// <summary>open, closed, off, unknown; <see cref="Token.Value"/> is a <see cref="StateKeyword"/>.</summary>
    State,
    /// <summary>A word with no meaning here; <see cref="Token.Text"/> holds it.</summary>
    Word,
    /// <summary>Digits; <see cref="Token.Value"/> the number, <see cref="Token.Length"/> the digit count.</summary>
    Number,
    /// <summary>HH:MM; <see cref="Token.Value"/> the minutes since midnight (hours not yet range-checked).</summary>
    Time,
    TwentyFourSeven,
    /// <summary>A double-quoted comment; <see cref="Token.Text"/> holds its content.</summary>
    Comment,
    Dash,
    Comma,
    Semicolon,
    DoublePipe,
    Colon,
    OpenBracket,
    CloseBracket,
    Slash,
    Plus,
    End,
}

internal enum StateKeyword
{
    Open,
    Closed,
    Off,
    Unknown,
}

/// <summary>A lexical unit; <see cref="Position"/> and <see cref="Length"/> refer to the original text.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, int Value = 0, string? Text = null);

/// <summary>A problem found while reading; a fixable one was repaired in place and does not stop the parse.</summary>
internal sealed record Problem(string Message, int Position, int Length, bool Fixable);

/// <summary>Thrown by the parser on the first problem it cannot repair.</summary>
internal sealed class ParseFailure(Problem problem) : Exception(problem.Message)
{
    public Problem Problem { get; } = problem;
}
