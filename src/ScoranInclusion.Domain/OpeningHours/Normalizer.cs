using System.Globalization;
using System.Text;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// Writes rules back in canonical form: canonical abbreviations (Mo, Jan, PH, week), two-digit hours, days and
/// week numbers, lower-case states, <c>"; "</c>, <c>", "</c> and <c>" || "</c> between rules, <c>,</c> without
/// spaces inside lists, one space between selectors. Nothing is reordered or merged, so the meaning is kept.
/// </summary>
internal static class Normalizer
{
    public static string Print(IReadOnlyList<RuleSyntax> rules)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < rules.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(rules[i].Join switch
                {
                    RuleJoin.Additional => ", ",
                    RuleJoin.Fallback => " || ",
                    _ => "; ",
                });
            }

            PrintRule(builder, rules[i]);
        }

        return builder.ToString();
    }

    private static void PrintRule(StringBuilder builder, RuleSyntax rule)
    {
        var parts = new List<string>();
        if (rule.TwentyFourSeven)
        {
            parts.Add("24/7");
        }

        var wide = new List<string>();
        if (rule.Years.Count > 0)
        {
            wide.Add(string.Join(',', rule.Years.Select(Year)));
        }

        if (rule.Monthdays.Count > 0)
        {
            wide.Add(string.Join(',', rule.Monthdays.Select(Monthday)));
        }

        if (rule.Weeks.Count > 0)
        {
            wide.Add("week " + string.Join(',', rule.Weeks.Select(Week)));
        }

        if (wide.Count > 0)
        {
            parts.Add(string.Join(' ', wide) + (rule.ReadabilityColon || YearMonthBeforeTimes(rule) ? ":" : ""));
        }

        if (rule.Weekdays.Count > 0)
        {
            var days = string.Join(',', rule.Weekdays.Select(Weekday));
            if (rule.HolidayWeekdays.Count > 0)
            {
                days += " " + string.Join(',', rule.HolidayWeekdays.Select(Weekday));
            }

            parts.Add(days);
        }

        if (rule.Times.Count > 0)
        {
            parts.Add(string.Join(',', rule.Times.Select(Time)));
        }

        if (rule.State is { } state)
        {
            parts.Add(Vocabulary.StateText(state));
        }

        if (rule.Comment is { } comment)
        {
            parts.Add("\"" + comment + "\"");
        }

        builder.AppendJoin(' ', parts);
    }

    /// <summary>
    /// <c>2026 Aug 10:00-12:00</c>: the reference (and the national Cartographie with it) reads « Aug 10 » as a
    /// date and refuses the value; the specification's optional colon, <c>2026 Aug: 10:00-12:00</c>, is read by
    /// both. Only a single year followed by a single month is concerned (<c>Aug 10:00</c>, <c>2025-2026 Aug
    /// 10:00</c>, <c>2026 Aug,Oct 10:00</c> are read right).
    /// </summary>
    private static bool YearMonthBeforeTimes(RuleSyntax rule) =>
        rule.Times.Count > 0 && rule.Weekdays.Count == 0 && rule.Weeks.Count == 0
        && rule.Years is [{ OpenEnded: false } year] && year.From == year.To
        && rule.Monthdays is [{ Kind: MonthdayKind.Months } month] && month.FromMonth == month.ToMonth;

    private static string Year(YearRangeSyntax year) =>
        year.OpenEnded ? Invariant($"{year.From}+")
        : year.From == year.To ? Invariant($"{year.From}")
        : year.Step > 1 ? Invariant($"{year.From}-{year.To}/{year.Step}")
        : Invariant($"{year.From}-{year.To}");

    private static string Monthday(MonthdaySyntax m)
    {
        if (m.Kind == MonthdayKind.Months)
        {
            return m.FromMonth == m.ToMonth
                ? Vocabulary.MonthCodes[m.FromMonth]
                : Vocabulary.MonthCodes[m.FromMonth] + "-" + Vocabulary.MonthCodes[m.ToMonth];
        }

        var from = (m.FromYear is { } y ? Invariant($"{y} ") : "") + Invariant($"{Vocabulary.MonthCodes[m.FromMonth]} {m.FromDay:00}");
        if (m.FromYear == m.ToYear && m.FromMonth == m.ToMonth && m.FromDay == m.ToDay)
        {
            return from;
        }

        // The shortest form the reference reads: it wants the year again on the second date when the months
        // differ (« 2026 Jul 19-2026 Aug 28 ») and the month again when the range wraps round the year
        // (« Jun 11-Jun 08 »); « Dec 24-26 » and « 2026 Dec 24-26 » are read as written.
        if (m.FromYear != m.ToYear || (m.FromYear is not null && (m.FromMonth != m.ToMonth || m.ToDay < m.FromDay)))
        {
            return from + Invariant($"-{m.ToYear} {Vocabulary.MonthCodes[m.ToMonth]} {m.ToDay:00}");
        }

        return m.FromMonth != m.ToMonth || m.ToDay < m.FromDay
            ? from + Invariant($"-{Vocabulary.MonthCodes[m.ToMonth]} {m.ToDay:00}")
            : from + Invariant($"-{m.ToDay:00}");
    }

    private static string Week(WeekRangeSyntax week) =>
        week.From == week.To ? Invariant($"{week.From:00}")
        : week.Step > 1 ? Invariant($"{week.From:00}-{week.To:00}/{week.Step}")
        : Invariant($"{week.From:00}-{week.To:00}");

    private static string Weekday(WeekdayItemSyntax item)
    {
        if (item.IsPublicHoliday)
        {
            return "PH";
        }

        var text = Vocabulary.WeekdayCodes[item.From];
        if (item.Nths.Count > 0)
        {
            return text + "[" + string.Join(',', item.Nths.Select(n => n.From == n.To ? Invariant($"{n.From}") : Invariant($"{n.From}-{n.To}"))) + "]";
        }

        return item.From == item.To ? text : text + "-" + Vocabulary.WeekdayCodes[item.To];
    }

    private static string Time(TimeSpanSyntax span)
    {
        var text = Clock(span.Start);
        if (span.End is { } end)
        {
            text += "-" + Clock(end);
        }

        return span.OpenEnd ? text + "+" : text;
    }

    private static string Clock(int minutes) => Lexer.Hhmm(minutes / 60, minutes % 60);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
