using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.GraphQL.Scalars;

/// <summary>
/// An instant, ISO 8601. Output always carries its offset, in Paris time
/// (<c>2026-11-28T14:00:00+01:00</c>). Input without an offset is read as Paris wall-clock
/// time, as a person in the region means it (a time skipped by the spring change moves to
/// the end of the gap; one repeated in autumn is the first, summer-time, occurrence).
/// </summary>
public sealed class DateTimeScalar : ScalarGraphType
{
    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "Instant ISO 8601. En sortie, toujours avec son décalage, à l'heure de Paris. En entrée, une date-heure sans décalage est lue à l'heure de Paris.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => ParseText(s.Value.ToString()),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => ParseText(s),
        DateTimeOffset d => d,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? ParisTime.FromLocal(d) : new DateTimeOffset(d),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => ParisTime.ToParis(d).ToString(OutputFormat, CultureInfo.InvariantCulture),
        DateTime d => ParisTime.ToParis(d.Kind == DateTimeKind.Unspecified ? ParisTime.FromLocal(d) : new DateTimeOffset(d)).ToString(OutputFormat, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public static DateTimeOffset ParseText(string text)
    {
        text = text.Trim();
        if (HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && !HasOffset(text))
        {
            return ParisTime.FromLocal(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        }

        throw new FormatException($"« {text} » n'est pas une date-heure ISO 8601 (par exemple 2026-12-01T14:30 ou 2026-12-01T14:30:00+01:00).");
    }

    // An offset is Z or ±hh:mm after the time part (a date alone has dashes but no 'T').
    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') > 0;
    }
}
