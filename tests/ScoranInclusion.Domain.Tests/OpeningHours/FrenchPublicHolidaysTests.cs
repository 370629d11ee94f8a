using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

public class FrenchPublicHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")] // the earliest possible Easter
    [InlineData(1943, "1943-04-25")] // the latest possible Easter
    public void Easter_is_computed_for_any_year(int year, string easter)
    {
        var easterMonday = FrenchPublicHolidays.Of(year).Single(h => h.Name == "Lundi de Pâques").Date;
        Assert.Equal(DateOnly.Parse(easter, System.Globalization.CultureInfo.InvariantCulture), easterMonday.AddDays(-1));
    }

    [Theory]
    [InlineData(2024, "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    public void Easter_monday_ascension_and_whit_monday_follow_easter(int year, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = FrenchPublicHolidays.Of(year).ToDictionary(h => h.Name, h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(easterMonday, holidays["Lundi de Pâques"]);
        Assert.Equal(ascension, holidays["Ascension"]);
        Assert.Equal(whitMonday, holidays["Lundi de Pentecôte"]);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2100)]
    public void Every_year_has_the_eleven_holidays_in_date_order(int year)
    {
        var holidays = FrenchPublicHolidays.Of(year);
        Assert.Equal(11, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date).Select(h => h.Date), holidays.Select(h => h.Date));
        Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
        var fixedDays = holidays.Select(h => (h.Date.Month, h.Date.Day, h.Name)).ToHashSet();
        Assert.Contains((1, 1, "Nouvel An"), fixedDays);
        Assert.Contains((5, 1, "Fête du travail"), fixedDays);
        Assert.Contains((5, 8, "Fête de la Victoire 1945"), fixedDays);
        Assert.Contains((7, 14, "Fête Nationale de la France"), fixedDays);
        Assert.Contains((8, 15, "Assomption"), fixedDays);
        Assert.Contains((11, 1, "Toussaint"), fixedDays);
        Assert.Contains((11, 11, "Armistice 1918"), fixedDays);
        Assert.Contains((12, 25, "Noël"), fixedDays);
    }

    [Theory]
    [InlineData("2026-12-25", "Noël")]
    [InlineData("2026-01-01", "Nouvel An")]
    [InlineData("2026-05-14", "Ascension")]
    [InlineData("2026-12-24", null)]
    [InlineData("2026-04-05", null)] // Easter Sunday itself is a Sunday, not a public holiday
    [InlineData("2026-04-03", null)] // Vendredi saint: Alsace-Moselle only, deliberately not included
    [InlineData("2026-12-26", null)] // Saint-Étienne: Alsace-Moselle only
    [InlineData("2008-05-01", "Fête du travail")] // also Ascension that year: the fixed holiday's name wins
    public void Name_of_a_date(string date, string? name)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(name, FrenchPublicHolidays.NameOf(day));
        Assert.Equal(name is not null, FrenchPublicHolidays.IsHoliday(day));
    }

    [Fact]
    public void A_shared_date_is_listed_twice_fixed_holiday_first()
    {
        var may1 = FrenchPublicHolidays.Of(2008).Where(h => h.Date == new DateOnly(2008, 5, 1)).Select(h => h.Name);
        Assert.Equal(["Fête du travail", "Ascension"], may1);
    }

    [Fact]
    public void Years_outside_the_calendar_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchPublicHolidays.Of(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchPublicHolidays.Of(10000));
        Assert.Equal(11, FrenchPublicHolidays.Of(9999).Count);
        Assert.Equal(11, FrenchPublicHolidays.Of(1).Count);
    }

    [Fact]
    public void The_cache_is_safe_under_concurrent_first_use()
    {
        var names = new string?[64];
        Parallel.For(0, names.Length, i => names[i] = FrenchPublicHolidays.NameOf(new DateOnly(3000 + (i % 4), 12, 25)));
        Assert.All(names, n => Assert.Equal("Noël", n));
        Assert.Same(FrenchPublicHolidays.Of(3001), FrenchPublicHolidays.Of(3001));
    }
}
