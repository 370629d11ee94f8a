using System.Collections.ObjectModel;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// The eleven public holidays of metropolitan France, for any year from 1 to 9999: the eight fixed ones and the
/// three that follow Easter (Gregorian computus). The names are those of the reference evaluator
/// (opening_hours.js), so that the comment a holiday gives to a <c>PH</c> rule is the same on both sides.
/// Alsace-Moselle's two extra days (Vendredi saint, 26 décembre) are deliberately not included: the region served
/// here is Bourgogne-Franche-Comté. The list is today's for every year; history (8 mai, lundi de Pentecôte as
/// « journée de solidarité ») is not modelled.
/// </summary>
public static class FrenchPublicHolidays
{
    private static readonly HolidayYear?[] s_years = new HolidayYear?[10000];

    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>The holiday's name, or null on an ordinary day. When two coincide (1er mai and Ascension in 2008), the fixed one.</summary>
    public static string? NameOf(DateOnly date) => For(date.Year).NameByDayOfYear[date.DayOfYear];

    /// <summary>The year's holidays in date order (Ascension may share its date with 1er mai or 8 mai, and is then listed after it).</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> Of(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        return For(year).List;
    }

    /// <summary>Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus, Jones and Butcher).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static HolidayYear For(int year) =>
        Volatile.Read(ref s_years[year]) ?? Interlocked.CompareExchange(ref s_years[year], HolidayYear.Compute(year), null) ?? s_years[year]!;

    private sealed class HolidayYear
    {
        private HolidayYear(string?[] nameByDayOfYear, ReadOnlyCollection<(DateOnly Date, string Name)> list)
        {
            NameByDayOfYear = nameByDayOfYear;
            List = list;
        }

        /// <summary>Indexed by <see cref="DateOnly.DayOfYear"/> (1-366).</summary>
        public string?[] NameByDayOfYear { get; }

        public ReadOnlyCollection<(DateOnly Date, string Name)> List { get; }

        public static HolidayYear Compute(int year)
        {
            var easter = EasterSunday(year);
            // Fixed dates first, so that a movable holiday falling on one of them is listed second.
            (DateOnly Date, string Name)[] days =
            [
                (new DateOnly(year, 1, 1), "Nouvel An"),
                (easter.AddDays(1), "Lundi de Pâques"),
                (new DateOnly(year, 5, 1), "Fête du travail"),
                (new DateOnly(year, 5, 8), "Fête de la Victoire 1945"),
                (easter.AddDays(39), "Ascension"),
                (easter.AddDays(50), "Lundi de Pentecôte"),
                (new DateOnly(year, 7, 14), "Fête Nationale de la France"),
                (new DateOnly(year, 8, 15), "Assomption"),
                (new DateOnly(year, 11, 1), "Toussaint"),
                (new DateOnly(year, 11, 11), "Armistice 1918"),
                (new DateOnly(year, 12, 25), "Noël"),
            ];
            var names = new string?[367];
            foreach (var (date, name) in days)
            {
                names[date.DayOfYear] ??= name;
            }

            // A stable sort keeps the fixed holiday first on a shared date.
            var ordered = days.OrderBy(d => d.Date).ToArray();
            return new HolidayYear(names, Array.AsReadOnly(ordered));
        }
    }
}
