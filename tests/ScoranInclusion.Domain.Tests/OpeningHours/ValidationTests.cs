using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Domain.Tests.OpeningHours.OpeningHoursKit;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>
/// Invalid expressions: each error has a French message, a 0-based position and length in the text typed, and,
/// when every problem has an obvious repair, the whole corrected expression, which itself parses.
/// </summary>
public class ValidationTests
{
    [Theory]
    [InlineData("Mo-Fr 9:00-12:00", 6, 4, "Mo-Fr 09:00-12:00")]
    [InlineData("Mo-Fr 09:00–12:00", 11, 1, "Mo-Fr 09:00-12:00")] // en dash
    [InlineData("Mo-Fr 09:00-12:00 'sur RDV'", 18, 9, "Mo-Fr 09:00-12:00 \"sur RDV\"")]
    [InlineData("Mo-Fr 09:00-12:00 « sur RDV »", 18, 11, "Mo-Fr 09:00-12:00 \"sur RDV\"")]
    [InlineData("Mo-Fr \"sur RDV", 6, 8, "Mo-Fr \"sur RDV\"")] // unbalanced quote closed at the end
    [InlineData("Mo-Fr 09:00-12:00;", 17, 1, "Mo-Fr 09:00-12:00")]
    [InlineData("; Mo 10:00-12:00", 0, 1, "Mo 10:00-12:00")]
    [InlineData("Mo 10:00-12:00;; Tu 10:00-12:00", 15, 1, "Mo 10:00-12:00; Tu 10:00-12:00")]
    [InlineData("Mo-Fr 09:00-12:00,", 17, 1, "Mo-Fr 09:00-12:00")]
    [InlineData("Mo 08:00-12:00 14:00-18:00", 15, 0, "Mo 08:00-12:00,14:00-18:00")]
    [InlineData("Mo 10:00-12:00 Tu 14:00-16:00", 15, 0, "Mo 10:00-12:00; Tu 14:00-16:00")]
    [InlineData("Tu \"fermé l'été\" off", 17, 3, "Tu off \"fermé l'été\"")]
    [InlineData("Mo-Fr off 09:00-12:00", 10, 0, "Mo-Fr 09:00-12:00 off")]
    [InlineData("Mo-Fr: 09:00-12:00", 5, 1, "Mo-Fr 09:00-12:00")]
    [InlineData("Mo-Fr 24/7", 6, 4, "Mo-Fr 00:00-24:00")]
    [InlineData("24h/24 7j/7", 0, 11, "24/7")]
    [InlineData("7j/7 24h/24", 0, 11, "24/7")]
    [InlineData("week 52-02 10:00-12:00", 5, 5, "week 52-53,01-02 10:00-12:00")]
    [InlineData("2026 Dec 24-Jan 02 off", 0, 18, "2026 Dec 24-2027 Jan 02 off")]
    [InlineData("Mo-Fr 09:00-12:00; JF off", 19, 2, "Mo-Fr 09:00-12:00; PH off")]
    [InlineData("Mo-Fr 09:00-12:00; fériés fermé", 19, 6, null)] // two problems: see below
    [InlineData("août off", 0, 4, "Aug off")]
    [InlineData("Mo-Fr 09:00-12:00 ouvert", 18, 6, "Mo-Fr 09:00-12:00 open")]
    [InlineData("Mo-Fr 13:0-15:00", 6, 4, "Mo-Fr 13:00-15:00")] // one minute digit, as the reference reads it
    [InlineData("Mo 9:5-10:00", 3, 3, "Mo 09:05-10:00")]
    public void A_single_slip_is_located_and_repaired(string expression, int position, int length, string? suggestion)
    {
        var errors = OpeningHoursParser.Parse(expression).Errors;
        Assert.NotEmpty(errors);
        var first = errors[0];
        Assert.Equal((position, length), (first.Position, first.Length));
        if (suggestion is not null)
        {
            Assert.Single(errors);
            Assert.Equal(suggestion, first.Suggestion);
        }

        AssertSuggestionsParse(expression);
    }

    [Fact]
    public void French_day_names_are_reported_one_by_one_with_the_whole_correction()
    {
        var errors = OpeningHoursParser.Parse("Lu-Ve 09:00-12:00").Errors;
        Assert.Equal(2, errors.Count);
        Assert.Equal((0, 2), (errors[0].Position, errors[0].Length));
        Assert.Equal((3, 2), (errors[1].Position, errors[1].Length));
        Assert.Contains("« Mo »", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("« Fr »", errors[1].Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal("Mo-Fr 09:00-12:00", e.Suggestion));
    }

    [Theory]
    [InlineData("Lu-Ve 09:00-12:00", "Mo-Fr 09:00-12:00")]
    [InlineData("Mo-Fr 9h-12h", "Mo-Fr 09:00-12:00")]
    [InlineData("Mo-Fr 9h30-12h", "Mo-Fr 09:30-12:00")]
    [InlineData("Mo-Fr 09h00-12h30", "Mo-Fr 09:00-12:30")]
    [InlineData("Mo-Fr 12.00-16.00", "Mo-Fr 12:00-16:00")]
    [InlineData("Mo-Fr 10-12", "Mo-Fr 10:00-12:00")]
    [InlineData("Mo-Fr 10-12,14-18", "Mo-Fr 10:00-12:00,14:00-18:00")]
    [InlineData("Lundi-Vendredi 9h-12h, 14h-18h", "Mo-Fr 09:00-12:00,14:00-18:00")]
    [InlineData("lun.-ven. 9h-12h", "Mo-Fr 09:00-12:00")]
    [InlineData("Lun-Mar 9h-12h", "Mo-Tu 09:00-12:00")] // « Mar » after a day is mardi, not March
    [InlineData("Lu,Me,Ve 14h-17h", "Mo,We,Fr 14:00-17:00")]
    [InlineData("Sam 9h-12h; Di fermé", "Sa 09:00-12:00; Su off")]
    [InlineData("lundi au vendredi de 9h à 12h et de 14h à 18h", "Mo-Fr 09:00-12:00,14:00-18:00")]
    [InlineData("Monday-Friday 9:00-17:00", "Mo-Fr 09:00-17:00")]
    [InlineData("janvier-mars 10:00-12:00", "Jan-Mar 10:00-12:00")]
    [InlineData("Mo-Fr 9:00-12:00; Sa 9:30-12:00", "Mo-Fr 09:00-12:00; Sa 09:30-12:00")]
    public void Common_french_writings_get_a_full_corrected_expression(string expression, string suggestion)
    {
        var result = OpeningHoursParser.Parse(expression);
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(suggestion, e.Suggestion));
        Assert.Equal(suggestion, Valid(suggestion).Normalized);
    }

    [Theory]
    [InlineData("Mo-Fr 25:00-26:00", 6, 5, "hors limites")]
    [InlineData("Mo 09:00-49:00", 9, 5, "48:00")]
    [InlineData("Mo 24:00-02:00", 3, 5, "hors limites")]
    [InlineData("Mo 09:60-10:00", 3, 5, "Minutes")]
    [InlineData("Mo 13:000-14:00", 3, 6, "deux chiffres")]
    [InlineData("Mo-Fr \"sur RDV; Sa 10:00-12:00", 6, 24, "Guillemet non fermé")]
    [InlineData("Mo-Fr 09:00-12:00 foo", 18, 3, "« foo » n'est pas reconnu")]
    [InlineData("SH off", 0, 2, "vacances scolaires")]
    [InlineData("Mo-Fr 09:00-12:00; SH off", 19, 2, "pas pris en charge")]
    [InlineData("Mo-Fr,SH off", 6, 2, "pas pris en charge")]
    [InlineData("", 0, 0, "vide")]
    [InlineData("   ", 0, 3, "vide")]
    [InlineData("week 54 off", 5, 2, "01 à 53")]
    [InlineData("week 0 off", 5, 1, "01 à 53")]
    [InlineData("Mo[0] off", 3, 1, "1 à 5")]
    [InlineData("Mo[6] off", 3, 1, "1 à 5")]
    [InlineData("Mo[2-1] off", 5, 1, "inversée")]
    [InlineData("Mo-Fr[1] off", 5, 1, "un seul jour")]
    [InlineData("Jan 32 off", 4, 2, "de 01 à 31")]
    [InlineData("Feb 30 off", 4, 2, "de 01 à 29")]
    [InlineData("2027 Feb 29 off", 9, 2, "de 01 à 28")]
    [InlineData("Dec 24-2027 Jan 02 off", 0, 18, "commencer par une année")]
    [InlineData("2027-2025 off", 0, 9, "inversée")]
    [InlineData("1850 off", 0, 4, "1900")]
    [InlineData("sunrise-sunset", 0, 7, "pas prises en charge")]
    [InlineData("Mo 10:00-sunset", 9, 6, "pas prises en charge")]
    [InlineData("easter off", 0, 6, "Pâques")]
    [InlineData("PH +1 day off", 3, 6, "décalages")]
    [InlineData("Mo 10:00", 3, 5, "heure seule")]
    [InlineData("Mo-Fr 09:00-12:00/01:00", 17, 1, "non pris en charge")]
    [InlineData("Jan 01-15/2 off", 9, 1, "pas pris en charge")]
    [InlineData("Dec 24+ off", 6, 1, "pas prise en charge")]
    [InlineData("\"x\": Mo 10:00-12:00", 0, 3, "pas pris en charge")]
    [InlineData("\"a\" \"b\"", 4, 3, "qu'un état et un commentaire")]
    [InlineData("Mo-Fr 09:00-12:00 open off", 23, 3, "qu'un état et un commentaire")]
    [InlineData("Mo | Tu", 3, 1, "||")]
    [InlineData("Mo-Fr 09:00-12:00 @", 18, 1, "Caractère inattendu")]
    [InlineData("Dec 25, Mo 10:00-12:00", 6, 1, "Virgule inattendue")]
    [InlineData("Mo-", 2, 1, "Plage de jours incomplète")]
    [InlineData("Mo-Fr 10:00-", 12, 0, "Heure attendue")]
    [InlineData("Mo-12:00", 2, 6, "Plage de jours incomplète")]
    public void Errors_without_an_obvious_repair_are_located_and_explained(string expression, int position, int length, string excerpt)
    {
        var error = SingleError(expression);
        Assert.Equal((position, length), (error.Position, error.Length));
        Assert.Contains(excerpt, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Suggestion);
    }

    [Fact]
    public void School_holidays_are_refused_with_a_clear_french_message()
    {
        var error = SingleError("Mo-Fr 09:00-12:00; SH off");
        Assert.StartsWith("« SH » (vacances scolaires) n'est pas pris en charge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repairable_slip_next_to_a_fatal_error_gets_no_suggestion()
    {
        var errors = OpeningHoursParser.Parse("Mo-Fr 9h-12h; Sa foo").Errors;
        Assert.Equal(3, errors.Count);
        Assert.Equal(new[] { 6, 9, 17 }, errors.Select(e => e.Position));
        Assert.All(errors, e => Assert.Null(e.Suggestion));
    }

    [Fact]
    public void Errors_come_in_text_order()
    {
        var errors = OpeningHoursParser.Parse("Lu 9h-12h; Ma 9h-12h").Errors;
        Assert.Equal(errors.OrderBy(e => e.Position).Select(e => e.Position), errors.Select(e => e.Position));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void Very_long_expressions_are_refused()
    {
        var longest = "\"" + new string('x', OpeningHoursParser.MaxLength - 2) + "\"";
        Assert.True(OpeningHoursParser.Parse(longest).IsValid);
        var tooLong = new string(' ', OpeningHoursParser.MaxLength) + "24/7";
        var error = SingleError(tooLong);
        Assert.Equal((OpeningHoursParser.MaxLength, 4), (error.Position, error.Length));
        Assert.Contains("trop longue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_expression_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => OpeningHoursParser.Parse(null!));

    [Theory]
    [MemberData(nameof(Slips))]
    public void Every_suggestion_parses_and_is_already_normalized(string expression) => AssertSuggestionsParse(expression);

    public static TheoryData<string> Slips() =>
    [
        "Lu-Ve 09:00-12:00", "Mo-Fr 9h-12h", "mo-fr 9:00-12:00", "Mo 8h-12h 14h-18h", "Mo 10:00-12:00 Tu 14:00-16:00; We 9h-12h",
        "Di 10h-12h || \"sur rendez-vous", "Lu-Sa 9h-19h; JF fermé", "2026 Dec 24-Jan 02 fermé", "week 50-02 Mo 9h-12h",
        "Mo-Fr 24/7;", "« sur rendez-vous »", "de 9h à 12h", "Mo-Fr: 9h30-12h", "Me,Sa 10h-12h,14h-17h30",
    ];

    private static void AssertSuggestionsParse(string expression)
    {
        foreach (var suggestion in OpeningHoursParser.Parse(expression).Errors.Select(e => e.Suggestion).OfType<string>().Distinct())
        {
            Assert.Equal(suggestion, Valid(suggestion).Normalized);
        }
    }
}
