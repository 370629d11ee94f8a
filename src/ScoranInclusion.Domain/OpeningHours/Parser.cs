namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// Recursive descent over the tokens, following the OSM specification (rule sequences, wide range selectors,
/// weekday and time selectors, rule modifiers). Repairable slips are recorded as fixable problems and read as
/// intended; the first other problem stops the parse with a <see cref="ParseFailure"/>.
/// </summary>
internal sealed class Parser
{
    private static readonly string[] VariableTimes = ["sunrise", "sunset", "dawn", "dusk"];

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<Problem> _problems;
    private int _index;

    private Parser(string text, List<Token> tokens, List<Problem> problems)
    {
        _text = text;
        _tokens = tokens;
        _problems = problems;
    }

    public static List<RuleSyntax> Parse(string text, List<Token> tokens, List<Problem> problems) =>
        new Parser(text, tokens, problems).ParseRules();

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Next()
    {
        var token = Peek();
        if (token.Kind != TokenKind.End)
        {
            _index++;
        }

        return token;
    }

    private bool At(TokenKind kind, int ahead = 0) => Peek(ahead).Kind == kind;

    private List<RuleSyntax> ParseRules()
    {
        var rules = new List<RuleSyntax>();
        if (At(TokenKind.End))
        {
            throw Fail("L'expression est vide : indiquer par exemple « Mo-Fr 09:00-12:00,14:00-18:00 ».", 0, _text.Length);
        }

        var join = RuleJoin.Normal;
        while (true)
        {
            while (At(TokenKind.Semicolon) || At(TokenKind.DoublePipe) || At(TokenKind.Comma))
            {
                var extra = Next();
                Fix($"« {TextOf(extra)} » en trop : il n'y a pas de règle avant ce séparateur.", extra);
                join = Join(extra.Kind);
            }

            var rule = ParseRule(rules.Count == 0 ? RuleJoin.Normal : join);
            rules.Add(rule);

            var separator = Peek();
            switch (separator.Kind)
            {
                case TokenKind.End:
                    return rules;
                case TokenKind.Semicolon or TokenKind.DoublePipe:
                    break;
                case TokenKind.Comma when EndsAdditionalRule(rule):
                    break;
                case TokenKind.Comma:
                    throw Fail("Virgule inattendue : une règle additionnelle (« , ») ne peut suivre que des horaires, un état ou un commentaire.", separator);
                case TokenKind.Weekday or TokenKind.PublicHoliday or TokenKind.Month or TokenKind.WeekKeyword
                    when EndsAdditionalRule(rule):
                    // « Mo 09:00-12:00 Tu 14:00-18:00 »: a new rule starts without its separator.
                    Fix("Deux règles se séparent par « ; » : « Mo 09:00-12:00; Tu 14:00-18:00 ».", separator.Position, 0);
                    join = RuleJoin.Normal;
                    continue;
                default:
                    throw Unexpected(separator);
            }

            Next();
            join = Join(separator.Kind);
            while (At(TokenKind.Semicolon) || At(TokenKind.DoublePipe) || At(TokenKind.Comma))
            {
                var extra = Next();
                Fix("Règle vide entre deux séparateurs : en supprimer un.", extra);
                join = Join(extra.Kind);
            }

            if (At(TokenKind.End))
            {
                Fix($"« {TextOf(separator)} » final en trop : aucune règle ne le suit.", separator);
                return rules;
            }
        }
    }

    private static RuleJoin Join(TokenKind separator) => separator switch
    {
        TokenKind.Comma => RuleJoin.Additional,
        TokenKind.DoublePipe => RuleJoin.Fallback,
        _ => RuleJoin.Normal,
    };

    /// <summary>The specification's condition for « , » to start an additional rule rather than continue a list.</summary>
    private static bool EndsAdditionalRule(RuleSyntax rule) =>
        rule.Times.Count > 0 || rule.State is not null || rule.Comment is not null || rule.TwentyFourSeven;

    private RuleSyntax ParseRule(RuleJoin join)
    {
        var rule = new RuleSyntax { Join = join };
        if (At(TokenKind.TwentyFourSeven))
        {
            Next();
            rule.TwentyFourSeven = true;
        }
        else
        {
            ParseWideSelectors(rule);
            ParseSmallSelectors(rule);
        }

        ParseModifier(rule);
        if (rule.IsEmpty)
        {
            throw Unexpected(Peek());
        }

        return rule;
    }

    private void ParseWideSelectors(RuleSyntax rule)
    {
        if (IsYear(Peek()) && !IsDatedMonthday(0))
        {
            ParseYears(rule);
        }

        if (At(TokenKind.Month) || IsDatedMonthday(0))
        {
            ParseMonthdays(rule);
        }

        if (At(TokenKind.WeekKeyword))
        {
            ParseWeeks(rule);
        }

        if (rule.HasWideSelectors && At(TokenKind.Colon))
        {
            Next();
            rule.ReadabilityColon = true;
        }

        if (At(TokenKind.Comment) && At(TokenKind.Colon, 1))
        {
            throw Fail("Un commentaire suivi de « : » comme sélecteur de dates n'est pas pris en charge : indiquer les dates.", Peek());
        }
    }

    private static bool IsYear(Token token) => token.Kind == TokenKind.Number && token.Length == 4;

    private static bool IsDayNumber(Token token) => token.Kind == TokenKind.Number && token.Length <= 2;

    private bool IsDatedMonthday(int ahead) =>
        IsYear(Peek(ahead)) && At(TokenKind.Month, ahead + 1) && IsDayNumber(Peek(ahead + 2));

    private void ParseYears(RuleSyntax rule)
    {
        while (true)
        {
            var first = Next();
            var from = CheckYear(first);
            if (At(TokenKind.Dash) && IsYear(Peek(1)))
            {
                Next();
                var last = Next();
                var to = CheckYear(last);
                if (to < from)
                {
                    throw Fail($"Plage d'années inversée « {from}-{to} » : écrire « {to}-{from} ».", first.Position, last.Position + last.Length - first.Position);
                }

                var step = 1;
                if (At(TokenKind.Slash))
                {
                    Next();
                    step = ExpectNumber(1, 1000, "l'intervalle entre les années va de 1 à 1000");
                }

                rule.Years.Add(new YearRangeSyntax(from, to, step, false));
            }
            else if (At(TokenKind.Plus))
            {
                Next();
                rule.Years.Add(new YearRangeSyntax(from, 9999, 1, true));
            }
            else
            {
                rule.Years.Add(new YearRangeSyntax(from, from, 1, false));
            }

            // « 2026,2028 Dec 25 »: after a comma a year stays in the year list, even before a date.
            if (At(TokenKind.Comma) && IsYear(Peek(1)))
            {
                Next();
                continue;
            }

            return;
        }
    }

    private int CheckYear(Token token) =>
        token.Value is >= 1900 and <= 9999 ? token.Value : throw Fail($"Année « {TextOf(token)} » hors limites : de 1900 à 9999.", token);

    private void ParseMonthdays(RuleSyntax rule)
    {
        while (true)
        {
            rule.Monthdays.Add(ParseMonthday());
            if (At(TokenKind.Comma) && (At(TokenKind.Month, 1) || IsDatedMonthday(1)))
            {
                Next();
                continue;
            }

            if (At(TokenKind.Word) && Is(Peek(), "easter"))
            {
                throw Fail("La date de Pâques (« easter ») n'est pas prise en charge : indiquer des dates, ou PH pour les jours fériés.", Peek());
            }

            return;
        }
    }

    private MonthdaySyntax ParseMonthday()
    {
        var start = Peek();
        int? fromYear = IsYear(start) ? CheckYear(Next()) : null;
        var fromMonth = ExpectMonth();
        if (!IsDayNumber(Peek()))
        {
            if (At(TokenKind.Dash) && At(TokenKind.Month, 1))
            {
                Next();
                var toMonth = Next().Value;
                if (IsDayNumber(Peek()))
                {
                    throw Fail("Pour une plage de dates, indiquer aussi le jour de début, par exemple « Jan 01-Mar 15 ».", Peek());
                }

                return new MonthdaySyntax(MonthdayKind.Months, null, fromMonth, 0, null, toMonth, 0);
            }

            return new MonthdaySyntax(MonthdayKind.Months, null, fromMonth, 0, null, fromMonth, 0);
        }

        var fromDay = CheckDay(Next(), fromYear, fromMonth);
        if (!At(TokenKind.Dash))
        {
            RefuseDatePeriodOrOpenEnd();
            return new MonthdaySyntax(MonthdayKind.Dates, fromYear, fromMonth, fromDay, fromYear, fromMonth, fromDay);
        }

        var dash = Next();
        int? toYear = null;
        int toMonthOfRange;
        if (IsYear(Peek()) && At(TokenKind.Month, 1))
        {
            toYear = CheckYear(Next());
            toMonthOfRange = Next().Value;
        }
        else if (At(TokenKind.Month))
        {
            toMonthOfRange = Next().Value;
        }
        else if (IsDayNumber(Peek()))
        {
            toMonthOfRange = fromMonth;
        }
        else
        {
            throw Fail("Plage de dates incomplète : indiquer la date de fin, par exemple « Jul 14-Aug 15 » ou « Dec 24-26 ».", dash);
        }

        if (!IsDayNumber(Peek()))
        {
            throw Fail("Plage de dates incomplète : indiquer le jour de fin, par exemple « Jul 14-Aug 15 ».", Peek());
        }

        var dayToken = Next();
        if (fromYear is null && toYear is not null)
        {
            throw Fail("Une plage de dates qui finit par une année doit aussi commencer par une année, par exemple « 2026 Dec 24-2027 Jan 02 ».", start.Position, dayToken.Position + dayToken.Length - start.Position);
        }

        var toDay = CheckDay(dayToken, toYear ?? fromYear, toMonthOfRange);
        RefuseDatePeriodOrOpenEnd();
        if (fromYear is { } y)
        {
            if (toYear is null)
            {
                toYear = y;
                if ((toMonthOfRange * 32) + toDay < (fromMonth * 32) + fromDay)
                {
                    toYear = y + 1;
                    Fix($"Préciser l'année de fin d'une plage qui change d'année : « {y} {Vocabulary.MonthCodes[fromMonth]} {fromDay:00}-{y + 1} {Vocabulary.MonthCodes[toMonthOfRange]} {toDay:00} ».", start.Position, dayToken.Position + dayToken.Length - start.Position);
                    CheckDay(dayToken, toYear, toMonthOfRange);
                }
            }

            if (new DateOnly(toYear.Value, toMonthOfRange, toDay) < new DateOnly(y, fromMonth, fromDay))
            {
                throw Fail("Plage de dates inversée : la date de fin précède la date de début.", start.Position, dayToken.Position + dayToken.Length - start.Position);
            }
        }

        return new MonthdaySyntax(MonthdayKind.Dates, fromYear, fromMonth, fromDay, toYear, toMonthOfRange, toDay);
    }

    private void RefuseDatePeriodOrOpenEnd()
    {
        if (At(TokenKind.Slash))
        {
            throw Fail("Les jours périodiques (« Jan 01-31/2 ») ne sont pas pris en charge : énumérer les dates.", Peek());
        }

        if (At(TokenKind.Plus))
        {
            throw Fail("Une date sans fin (« Dec 24+ ») n'est pas prise en charge : indiquer la date de fin.", Peek());
        }

        RefuseDayOffset();
    }

    private int ExpectMonth()
    {
        var token = Next();
        return token.Kind == TokenKind.Month ? token.Value : throw Unexpected(token);
    }

    private int CheckDay(Token token, int? year, int month)
    {
        var max = year is { } y ? DateTime.DaysInMonth(y, month) : month == 2 ? 29 : DateTime.DaysInMonth(2001, month);
        return token.Value >= 1 && token.Value <= max
            ? token.Value
            : throw Fail($"Jour « {TextOf(token)} » impossible en {Vocabulary.MonthCodes[month]}{(year is { } yy ? $" {yy}" : "")} : de 01 à {max:00}.", token);
    }

    private void ParseWeeks(RuleSyntax rule)
    {
        Next();
        while (true)
        {
            var first = Peek();
            var from = ExpectNumber(1, 53, "les semaines sont numérotées de 01 à 53");
            var to = from;
            var step = 1;
            if (At(TokenKind.Dash) && At(TokenKind.Number, 1))
            {
                Next();
                to = ExpectNumber(1, 53, "les semaines sont numérotées de 01 à 53");
                if (At(TokenKind.Slash))
                {
                    Next();
                    step = ExpectNumber(1, 53, "l'intervalle entre les semaines va de 1 à 53");
                }
            }

            if (to < from)
            {
                var last = Peek(-1);
                if (step != 1)
                {
                    throw Fail($"Plage de semaines inversée « {from:00}-{to:00} » : la découper en deux plages.", first.Position, last.Position + last.Length - first.Position);
                }

                Fix($"Plage de semaines qui change d'année : écrire « week {from:00}-53,01-{to:00} ».", first.Position, last.Position + last.Length - first.Position);
                rule.Weeks.Add(new WeekRangeSyntax(from, 53, 1));
                rule.Weeks.Add(new WeekRangeSyntax(1, to, 1));
            }
            else
            {
                rule.Weeks.Add(new WeekRangeSyntax(from, to, step));
            }

            if (At(TokenKind.Comma) && IsDayNumber(Peek(1)))
            {
                Next();
                continue;
            }

            return;
        }
    }

    private void ParseSmallSelectors(RuleSyntax rule)
    {
        if (At(TokenKind.Weekday) || At(TokenKind.PublicHoliday) || At(TokenKind.SchoolHoliday))
        {
            ParseWeekdays(rule);
            if (At(TokenKind.Colon))
            {
                Fix("« : » n'a sa place qu'après des dates (« Jan 10-Feb 10: 07:30-12:00 ») : le supprimer ici.", Next());
            }
        }

        if (IsTimeStart(0))
        {
            ParseTimes(rule);
        }
        else if (At(TokenKind.TwentyFourSeven))
        {
            Fix("« 24/7 » s'emploie seul ; pour des journées entières, écrire « 00:00-24:00 ».", Next());
            rule.Times.Add(new TimeSpanSyntax(0, 1440, false));
        }
    }

    private bool IsTimeStart(int ahead)
    {
        var token = Peek(ahead);
        return token.Kind == TokenKind.Time
            || (IsDayNumber(token) && Peek(ahead + 1).Kind is TokenKind.Dash or TokenKind.Plus)
            || (token.Kind == TokenKind.Word && IsVariableTime(token));
    }

    private bool IsVariableTime(Token token) => VariableTimes.Any(v => Is(token, v));

    private void ParseWeekdays(RuleSyntax rule)
    {
        ParseWeekdayList(rule.Weekdays, allowHolidays: true);
        if (rule.Weekdays.TrueForAll(w => w.IsPublicHoliday) && At(TokenKind.Weekday))
        {
            ParseWeekdayList(rule.HolidayWeekdays, allowHolidays: false);
        }
    }

    private void ParseWeekdayList(List<WeekdayItemSyntax> items, bool allowHolidays)
    {
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.SchoolHoliday:
                    throw Fail("« SH » (vacances scolaires) n'est pas pris en charge : leurs dates dépendent de la zone et de l'année. Indiquer les périodes par des dates, par exemple « Jul 04-Aug 31 off ».", token);
                case TokenKind.PublicHoliday when allowHolidays:
                    RefuseDayOffset();
                    items.Add(new WeekdayItemSyntax(true, 0, 0, []));
                    break;
                case TokenKind.Weekday:
                    items.Add(ParseWeekdayRange(token));
                    break;
                default:
                    throw Unexpected(token);
            }

            if (At(TokenKind.Comma) && (At(TokenKind.Weekday, 1) || (allowHolidays && (At(TokenKind.PublicHoliday, 1) || At(TokenKind.SchoolHoliday, 1)))))
            {
                Next();
                continue;
            }

            return;
        }
    }

    private WeekdayItemSyntax ParseWeekdayRange(Token first)
    {
        if (At(TokenKind.Dash) && At(TokenKind.Weekday, 1))
        {
            Next();
            var last = Next();
            if (At(TokenKind.OpenBracket))
            {
                throw Fail("Les occurrences dans le mois (« [1] ») ne s'appliquent qu'à un seul jour, par exemple « Mo[1] ».", Peek());
            }

            return new WeekdayItemSyntax(false, first.Value, last.Value, []);
        }

        if (At(TokenKind.Dash))
        {
            throw Fail("Plage de jours incomplète : indiquer le dernier jour, par exemple « Mo-Fr ».", Peek().Position, Peek(1).Position + Peek(1).Length - Peek().Position);
        }

        if (!At(TokenKind.OpenBracket))
        {
            return new WeekdayItemSyntax(false, first.Value, first.Value, []);
        }

        Next();
        var nths = new List<NthSyntax>();
        while (true)
        {
            if (At(TokenKind.Dash))
            {
                Next();
                var n = ExpectNumber(1, 5, "l'occurrence dans le mois va de 1 à 5, ou de -1 à -5 depuis la fin");
                nths.Add(new NthSyntax(-n, -n));
            }
            else
            {
                var from = ExpectNumber(1, 5, "l'occurrence dans le mois va de 1 à 5, ou de -1 à -5 depuis la fin");
                var to = from;
                if (At(TokenKind.Dash) && At(TokenKind.Number, 1))
                {
                    Next();
                    var last = Peek();
                    to = ExpectNumber(1, 5, "l'occurrence dans le mois va de 1 à 5");
                    if (to < from)
                    {
                        throw Fail($"Plage d'occurrences inversée « {from}-{to} ».", last);
                    }
                }

                nths.Add(new NthSyntax(from, to));
            }

            if (At(TokenKind.Comma))
            {
                Next();
                continue;
            }

            var close = Next();
            if (close.Kind != TokenKind.CloseBracket)
            {
                throw Fail("« ] » attendu pour fermer la liste des occurrences, par exemple « Mo[1,3] ».", close);
            }

            RefuseDayOffset();
            return new WeekdayItemSyntax(false, first.Value, first.Value, nths);
        }
    }

    private void RefuseDayOffset()
    {
        if (Peek().Kind is TokenKind.Plus or TokenKind.Dash && At(TokenKind.Number, 1) && At(TokenKind.Word, 2)
            && (Is(Peek(2), "day") || Is(Peek(2), "days")))
        {
            throw Fail("Les décalages de jours (« +1 day ») ne sont pas pris en charge.", Peek().Position, Peek(2).Position + Peek(2).Length - Peek().Position);
        }
    }

    private void ParseTimes(RuleSyntax rule)
    {
        while (true)
        {
            rule.Times.Add(ParseTimeSpan());
            if (At(TokenKind.Comma) && IsTimeStart(1))
            {
                Next();
                continue;
            }

            if (IsTimeStart(0))
            {
                Fix("Plusieurs plages d'un même jour se séparent par une virgule : « 09:00-12:00,14:00-18:00 ».", Peek().Position, 0);
                continue;
            }

            return;
        }
    }

    private TimeSpanSyntax ParseTimeSpan()
    {
        var start = ExpectTime(isStart: true);
        if (At(TokenKind.Plus))
        {
            Next();
            return new TimeSpanSyntax(start, null, true);
        }

        if (!At(TokenKind.Dash))
        {
            var previous = Peek(-1);
            throw Fail($"Une heure seule (« {TextOf(previous)} ») n'est pas une plage : indiquer le début et la fin, par exemple « 09:00-12:00 », ou « {TextOf(previous)}+ » si l'heure de fermeture est inconnue.", previous);
        }

        Next();
        var end = ExpectTime(isStart: false);
        var openEnd = false;
        if (At(TokenKind.Plus))
        {
            Next();
            openEnd = true;
        }

        if (At(TokenKind.Slash))
        {
            throw Fail("Les horaires répétés (« 10:00-16:00/01:00 ») désignent des instants, pas des plages : non pris en charge ici.", Peek());
        }

        return new TimeSpanSyntax(start, end, openEnd);
    }

    private int ExpectTime(bool isStart)
    {
        var token = Next();
        int minutes;
        if (token.Kind == TokenKind.Time)
        {
            minutes = token.Value;
        }
        else if (IsDayNumber(token))
        {
            minutes = token.Value * 60;
            Fix($"« {TextOf(token)} » : préciser les minutes, « {Lexer.Hhmm(token.Value, 0)} ».", token);
        }
        else if (token.Kind == TokenKind.Word && IsVariableTime(token))
        {
            throw Fail($"Les heures variables (« {TextOf(token)} », lever ou coucher du soleil) ne sont pas prises en charge : indiquer une heure fixe.", token);
        }
        else
        {
            throw Fail($"Heure attendue (HH:MM) à la place de « {TextOf(token)} ».", token);
        }

        if (isStart && minutes >= 1440)
        {
            throw Fail($"Heure de début hors limites « {TextOf(token)} » : une plage commence entre 00:00 et 23:59.", token);
        }

        if (!isStart && minutes > 2880)
        {
            throw Fail($"Heure de fin hors limites « {TextOf(token)} » : une plage finit au plus tard à 48:00 (minuit le surlendemain).", token);
        }

        return minutes;
    }

    private void ParseModifier(RuleSyntax rule)
    {
        if (At(TokenKind.State))
        {
            rule.State = (StateKeyword)Next().Value;
            if (At(TokenKind.Comment))
            {
                rule.Comment = Next().Text;
            }
        }
        else if (At(TokenKind.Comment))
        {
            rule.Comment = Next().Text;
            if (At(TokenKind.State))
            {
                var state = Next();
                Fix($"L'état « {TextOf(state)} » se place avant le commentaire.", state);
                rule.State = (StateKeyword)state.Value;
            }
        }

        if (rule.State is not null && rule.Times.Count == 0 && !rule.TwentyFourSeven && IsTimeStart(0))
        {
            Fix("L'état (open, off, unknown) se place après les horaires : « Mo 09:00-12:00 off ».", Peek().Position, 0);
            ParseTimes(rule);
        }

        if (At(TokenKind.State) || At(TokenKind.Comment))
        {
            throw Fail("Une règle n'a qu'un état et un commentaire : séparer les règles par « ; ».", Peek());
        }
    }

    private ParseFailure Unexpected(Token token)
    {
        if (token.Kind == TokenKind.End)
        {
            return Fail("Expression incomplète : la fin arrive trop tôt.", token);
        }

        if (token.Kind == TokenKind.Word)
        {
            if (IsVariableTime(token))
            {
                return Fail($"Les heures variables (« {TextOf(token)} », lever ou coucher du soleil) ne sont pas prises en charge : indiquer une heure fixe.", token);
            }

            if (Is(token, "easter"))
            {
                return Fail("La date de Pâques (« easter ») n'est pas prise en charge : indiquer des dates, ou PH pour les jours fériés.", token);
            }

            return Fail($"« {token.Text} » n'est pas reconnu : un horaire s'écrit par exemple « Mo-Fr 09:00-12:00 ; Sa 10:00-12:00 », un commentaire entre guillemets \"…\".", token);
        }

        return token.Kind switch
        {
            TokenKind.SchoolHoliday => Fail("« SH » (vacances scolaires) n'est pas pris en charge : leurs dates dépendent de la zone et de l'année. Indiquer les périodes par des dates, par exemple « Jul 04-Aug 31 off ».", token),
            TokenKind.Weekday or TokenKind.PublicHoliday => Fail($"« {TextOf(token)} » inattendu ici : les jours se placent avant les horaires, et deux règles se séparent par « ; ».", token),
            TokenKind.Month or TokenKind.WeekKeyword => Fail($"« {TextOf(token)} » inattendu ici : les dates se placent en tête de règle, avant les jours.", token),
            _ => Fail($"« {TextOf(token)} » inattendu ici.", token),
        };
    }

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/>; <paramref name="rule"/> explains the range.</summary>
    private int ExpectNumber(int min, int max, string rule)
    {
        var token = Next();
        if (token.Kind != TokenKind.Number)
        {
            throw Fail($"Nombre attendu à la place de « {TextOf(token)} » : {rule}.", token);
        }

        return token.Value >= min && token.Value <= max
            ? token.Value
            : throw Fail($"« {TextOf(token)} » hors limites : {rule}.", token);
    }

    private static bool Is(Token token, string word) => string.Equals(token.Text, word, StringComparison.OrdinalIgnoreCase);

    private string TextOf(Token token) => token.Kind == TokenKind.End ? "fin" : _text.Substring(token.Position, token.Length);

    private void Fix(string message, Token token) => Fix(message, token.Position, token.Length);

    private void Fix(string message, int position, int length) => _problems.Add(new Problem(message, position, length, true));

    private static ParseFailure Fail(string message, Token token) => Fail(message, token.Position, token.Length);

    private static ParseFailure Fail(string message, int position, int length) => new(new Problem(message, position, length, false));
}
