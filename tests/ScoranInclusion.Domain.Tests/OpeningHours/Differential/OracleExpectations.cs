using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain.Tests.OpeningHours.Differential;

/// <summary>A state (<c>o</c> open, <c>c</c> closed, <c>u</c> unknown), its comment, and the next change of either.</summary>
internal sealed record OracleAnswer(char State, string? Comment, DateTimeOffset? NextChange);

/// <summary>What the reference evaluator (npm <c>opening_hours</c> 3.15.0) said about one instant.</summary>
/// <param name="At">The instant, with its Paris offset.</param>
/// <param name="State"><c>o</c> open, <c>c</c> closed, <c>u</c> unknown, <c>x</c> the library threw.</param>
/// <param name="NextStateChange"><c>getNextChange</c>: the next change of state (comment-only boundaries skipped).</param>
/// <param name="NextChange">The next change of state or comment (<c>iterator.advance()</c>).</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Walked">The answer its own iterator reaches when started at the previous local midnight.</param>
/// <param name="Spec">
/// The (walked) answer for the expression's spec variant (<see cref="OracleExpression.SpecVariant"/>), or null
/// when it has none.
/// </param>
internal sealed record OracleInstant(
    DateTimeOffset At,
    char State,
    DateTimeOffset? NextStateChange,
    DateTimeOffset? NextChange,
    string? Comment,
    OracleAnswer Walked,
    OracleAnswer? Spec)
{
    public OracleAnswer Direct => new(State, Comment, NextChange);
}

/// <summary>One expression of the corpus and the reference's verdict on it.</summary>
/// <param name="Source"><c>tricky</c> (hand-written), <c>geodata</c> (the committed places), <c>generated</c> or <c>mutated</c>.</param>
/// <param name="Detail">When accepted, the reference's warning types (comma separated); otherwise its error message.</param>
/// <param name="SpecVariant">
/// The expression with <c>Mo-Su</c> before each normal rule that has no date selector, or null when it has none:
/// the specification applies such a rule to every day, overriding earlier rules; the reference does so only when
/// the rule before it has no date selector either.
/// </param>
internal sealed record OracleExpression(
    int Line,
    string Source,
    string Expression,
    bool Accepted,
    string Detail,
    string Prettified,
    string? SpecVariant,
    IReadOnlyList<OracleInstant> Instants)
{
    public bool HasWarnings => Accepted && Detail.Length > 0;
}

/// <summary>The whole expectation file: the expressions, and the public holidays as the reference knows them.</summary>
internal sealed record OracleFile(IReadOnlyList<OracleExpression> Expressions, IReadOnlyList<(DateOnly Date, string Name)> Holidays);

/// <summary>
/// Reads <c>opening-hours-oracle.tsv</c>, written by <c>tools/opening-hours-oracle</c> (see its README).
/// <c>E</c> lines are expressions, the <c>I</c> lines after one are its instants, <c>H</c> lines the holidays.
/// </summary>
internal static class OracleExpectations
{
    public const string FileName = "opening-hours-oracle.tsv";

    private static readonly string[] s_instantFormats =
        ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffzzz"];

    /// <summary>The committed file, copied next to the test assembly by the test project.</summary>
    public static string PathInOutput =>
        Path.Combine(AppContext.BaseDirectory, "OpeningHours", "Differential", FileName);

    public static OracleFile Load() => Parse(File.ReadLines(PathInOutput, Encoding.UTF8));

    public static OracleFile Parse(IEnumerable<string> lines)
    {
        var expressions = new List<OracleExpression>();
        var holidays = new List<(DateOnly, string)>();
        string[]? head = null;
        var headLine = 0;
        var instants = new List<OracleInstant>();
        var number = 0;

        void Flush()
        {
            if (head is not null)
            {
                var expression = Unescape(head[2]);
                expressions.Add(new OracleExpression(
                    headLine,
                    head[1],
                    expression,
                    head[3] == "ok",
                    Unescape(head[4]),
                    head[5] == "=" ? expression : Unescape(head[5]),
                    head[6] == "-" ? null : Unescape(head[6]),
                    [.. instants]));
            }

            instants.Clear();
        }

        foreach (var line in lines)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "E" when fields.Length == 7:
                    Flush();
                    head = fields;
                    headLine = number;
                    break;
                case "I" when fields.Length == 8 && head is not null && fields[2].Length == 1:
                    var next = Instant(fields[3]);
                    var direct = new OracleAnswer(fields[2][0], fields[5].Length == 0 ? null : Unescape(fields[5]), fields[4] == "=" ? next : Instant(fields[4]));
                    instants.Add(new OracleInstant(
                        Instant(fields[1]) ?? throw Malformed(number, line),
                        direct.State,
                        next,
                        direct.NextChange,
                        direct.Comment,
                        Answer(fields[6], direct) ?? direct,
                        Answer(fields[7], direct)));
                    break;
                case "H" when fields.Length == 3:
                    holidays.Add((DateOnly.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), Unescape(fields[2])));
                    break;
                default:
                    throw Malformed(number, line);
            }
        }

        Flush();
        return new OracleFile(expressions, holidays);
    }

    /// <summary><c>=</c>: the direct answer; <c>-</c>: none; else <c>state|next change|comment</c> (<c>|</c> written <c>\p</c>).</summary>
    private static OracleAnswer? Answer(string field, OracleAnswer direct)
    {
        switch (field)
        {
            case "=":
                return direct;
            case "-":
                return null;
            default:
                var parts = field.Split('|', 3);
                return new OracleAnswer(
                    parts[0][0], parts[2].Length == 0 ? null : Unescape(parts[2]), Instant(parts[1]));
        }
    }

    /// <summary>The oracle's instant format: Paris wall-clock time with the UTC offset; <c>-</c> for none.</summary>
    public static DateTimeOffset? Instant(string text) =>
        text == "-" ? null : DateTimeOffset.ParseExact(text, s_instantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>The same format, for messages: seconds only when not zero.</summary>
    public static string Format(DateTimeOffset? instant)
    {
        if (instant is not { } value)
        {
            return "-";
        }

        var paris = ScoranInclusion.Domain.OpeningHours.ParisTime.ToParis(value);
        var format = paris.Second != 0 || paris.Millisecond != 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mmzzz";
        return paris.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(text[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                'p' => '|',
                var other => other,
            });
        }

        return builder.ToString();
    }

    private static FormatException Malformed(int number, string line) =>
        new($"{FileName}:{number}: malformed line « {line} »; regenerate it with tools/opening-hours-oracle (npm run oracle)");
}
