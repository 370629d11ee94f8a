using System.Globalization;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// Cuts an expression into tokens. Case and white space are free. What people commonly type instead of the
/// syntax (French day and month names, <c>9h30</c>, <c>12.00</c>, <c>9:00</c>, typographic dashes and quotes,
/// « 24h/24 », « de 9h à 12h et 14h à 18h ») is read as what it obviously means and reported as a fixable
/// problem, so that the parser can go on and a corrected expression can be suggested.
/// </summary>
internal sealed class Lexer
{
    private const string Dashes = "–—−‐‑";

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private readonly List<Problem> _problems;
    private int _index;

    private Lexer(string text, List<Problem> problems)
    {
        _text = text;
        _problems = problems;
    }

    /// <summary>The tokens, ending with <see cref="TokenKind.End"/>; throws <see cref="ParseFailure"/> on an unreadable character.</summary>
    public static List<Token> Tokenize(string text, List<Problem> problems)
    {
        var lexer = new Lexer(text, problems);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_index < _text.Length)
        {
            var c = _text[_index];
            if (char.IsWhiteSpace(c))
            {
                _index++;
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadDigits();
            }
            else if (char.IsLetter(c))
            {
                ReadWord();
            }
            else
            {
                ReadSymbol(c);
            }
        }

        _tokens.Add(new Token(TokenKind.End, _text.Length, 0));
    }

    private void ReadSymbol(char c)
    {
        var start = _index;
        switch (c)
        {
            case '-': Add(TokenKind.Dash, start, 1); return;
            case ',': Add(TokenKind.Comma, start, 1); return;
            case ';': Add(TokenKind.Semicolon, start, 1); return;
            case ':': Add(TokenKind.Colon, start, 1); return;
            case '[': Add(TokenKind.OpenBracket, start, 1); return;
            case ']': Add(TokenKind.CloseBracket, start, 1); return;
            case '/': Add(TokenKind.Slash, start, 1); return;
            case '+': Add(TokenKind.Plus, start, 1); return;
            case '"': ReadComment('"', '"', fixable: false); return;
            case '“' or '”' or '„': ReadComment(c, c == '„' ? '“' : '”', fixable: true); return;
            case '«': ReadComment('«', '»', fixable: true); return;
            case '\'' or '‘' or '’': ReadComment(c, c == '\'' ? '\'' : '’', fixable: true); return;
            default: break;
        }

        if (c == '|' && _index + 1 < _text.Length && _text[_index + 1] == '|')
        {
            Add(TokenKind.DoublePipe, start, 2);
            return;
        }

        if (Dashes.Contains(c, StringComparison.Ordinal))
        {
            Fix($"« {c} » : utiliser le tiret simple « - ».", start, 1);
            Add(TokenKind.Dash, start, 1);
            return;
        }

        throw new ParseFailure(new Problem(
            c == '|' ? "« | » seul n'existe pas : une règle de repli s'introduit par « || »." : $"Caractère inattendu « {c} ».",
            start, 1, false));
    }

    private void ReadComment(char open, char close, bool fixable)
    {
        var start = _index;
        var end = FindClosing(close, start + 1);
        if (end < 0)
        {
            var rest = _text[(start + 1)..];
            if (open == '\'' || rest.Contains(';', StringComparison.Ordinal) || rest.Contains("||", StringComparison.Ordinal))
            {
                throw new ParseFailure(new Problem(
                    $"Guillemet non fermé : le commentaire ouvert par {open} doit se terminer par \" avant la règle suivante.",
                    start, _text.Length - start, false));
            }

            Fix("Guillemet non fermé : un commentaire s'écrit entre deux guillemets droits \"…\".", start, _text.Length - start);
            Add(TokenKind.Comment, start, _text.Length - start, text: Clean(rest));
            _index = _text.Length;
            return;
        }

        var content = _text[(start + 1)..end];
        if (fixable)
        {
            Fix("Les commentaires s'écrivent entre guillemets droits \"…\".", start, end + 1 - start);
            content = Clean(content);
        }

        if (content.Contains('"', StringComparison.Ordinal))
        {
            throw new ParseFailure(new Problem("Un commentaire ne peut pas contenir de guillemet droit \".", start, end + 1 - start, false));
        }

        _index = end + 1;
        _tokens.Add(new Token(TokenKind.Comment, start, end + 1 - start, 0, content));
    }

    private int FindClosing(char close, int from)
    {
        for (var i = from; i < _text.Length; i++)
        {
            // An apostrophe inside a word (« l'été ») does not close a comment opened by an apostrophe.
            if (_text[i] == close && (close != '\'' || i + 1 == _text.Length || !char.IsLetter(_text[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Clean(string content) => content.Trim().Trim('\u00A0', '\u202F').Trim();

    private void ReadDigits()
    {
        var start = _index;
        var digits = CountDigits(start);
        var value = Parse(start, digits);
        var after = start + digits;

        if (TryReadFrenchAroundTheClock(start))
        {
            return;
        }

        if (digits == 2 && value == 24 && At(after) == '/' && At(after + 1) == '7' && !char.IsAsciiDigit(At(after + 2)))
        {
            Add(TokenKind.TwentyFourSeven, start, 4);
            return;
        }

        if (digits <= 2 && At(after) is ':' or '.' && char.IsAsciiDigit(At(after + 1)))
        {
            var minuteDigits = CountDigits(after + 1);
            var end = after + 1 + minuteDigits;
            var raw = _text[start..end];
            if (minuteDigits > 2)
            {
                throw new ParseFailure(new Problem($"« {raw} » : les minutes s'écrivent sur deux chiffres, par exemple « 09:30 ».", start, end - start, false));
            }

            var minutes = Parse(after + 1, minuteDigits);
            CheckMinutes(raw, minutes, start, end - start);
            if (minuteDigits == 1)
            {
                // « 13:0 » is 13:00 and « 13:5 » 13:05, as the reference reads them: a slip with its repair shown.
                Fix($"« {raw} » : les minutes s'écrivent sur deux chiffres, ici « {Hhmm(value, minutes)} ».", start, end - start);
            }
            else if (At(after) == '.' || digits == 1)
            {
                Fix($"« {raw} » : les heures s'écrivent sur deux chiffres avec deux-points, ici « {Hhmm(value, minutes)} ».", start, end - start);
            }

            _index = end;
            _tokens.Add(new Token(TokenKind.Time, start, end - start, (value * 60) + minutes));
            return;
        }

        if (digits <= 2 && At(after) is 'h' or 'H' && !char.IsLetter(At(after + 1)))
        {
            var minuteDigits = CountDigits(after + 1);
            var minutes = minuteDigits == 2 ? Parse(after + 1, 2) : 0;
            var end = after + 1 + (minuteDigits == 2 ? 2 : 0);
            var raw = _text[start..end];
            if (minuteDigits is not 0 and not 2)
            {
                throw new ParseFailure(new Problem($"« {_text[start..(after + 1 + minuteDigits)]} » : les minutes s'écrivent sur deux chiffres, par exemple « 09:30 ».", start, after + 1 + minuteDigits - start, false));
            }

            CheckMinutes(raw, minutes, start, end - start);
            Fix($"« {raw} » : les heures s'écrivent sur deux chiffres avec deux-points, ici « {Hhmm(value, minutes)} ».", start, end - start);
            _index = end;
            _tokens.Add(new Token(TokenKind.Time, start, end - start, (value * 60) + minutes));
            return;
        }

        _index = after;
        _tokens.Add(new Token(TokenKind.Number, start, digits, value));
    }

    /// <summary>« 24h/24 », « 24h/24 7j/7 », « 24h/24, 7j/7 », « 7j/7 24h/24 »: the French for <c>24/7</c>.</summary>
    private bool TryReadFrenchAroundTheClock(int start)
    {
        var end = MatchAroundTheClock(start);
        if (end < 0)
        {
            return false;
        }

        var raw = _text[start..end];
        Fix($"« {raw} » : ouvert en permanence s'écrit « 24/7 ».", start, end - start);
        Add(TokenKind.TwentyFourSeven, start, end - start);
        return true;
    }

    private int MatchAroundTheClock(int start)
    {
        var first = MatchFraction(start, "24", 'h', "24");
        var firstIsDays = false;
        if (first < 0)
        {
            first = MatchFraction(start, "7", 'j', "7");
            firstIsDays = true;
        }

        if (first < 0)
        {
            return -1;
        }

        var next = first;
        while (next < _text.Length && (char.IsWhiteSpace(_text[next]) || _text[next] == ','))
        {
            next++;
        }

        var second = firstIsDays ? MatchFraction(next, "24", 'h', "24") : MatchFraction(next, "7", 'j', "7");
        return second >= 0 ? second : firstIsDays ? -1 : first;
    }

    private int MatchFraction(int start, string number, char unit, string denominator)
    {
        var i = start;
        if (i + number.Length > _text.Length || string.CompareOrdinal(_text, i, number, 0, number.Length) != 0)
        {
            return -1;
        }

        i += number.Length;
        if (char.ToLowerInvariant(At(i)) != unit || At(i + 1) != '/')
        {
            return -1;
        }

        i += 2;
        if (i + denominator.Length > _text.Length || string.CompareOrdinal(_text, i, denominator, 0, denominator.Length) != 0)
        {
            return -1;
        }

        i += denominator.Length;
        return char.IsAsciiDigit(At(i)) || char.IsLetter(At(i)) ? -1 : i;
    }

    private void ReadWord()
    {
        var start = _index;
        var end = start;
        while (end < _text.Length && char.IsLetter(_text[end]))
        {
            end++;
        }

        var word = _text[start..end];
        _index = end;

        if (Vocabulary.Weekdays.TryGetValue(word, out var day))
        {
            Add(TokenKind.Weekday, start, end - start, day);
        }
        else if (Vocabulary.Months.TryGetValue(word, out var month))
        {
            if (word.Equals("mar", StringComparison.OrdinalIgnoreCase) && FollowsWeekdayList())
            {
                // « Lun-Mar » : in a list of days, « mar » is the French mardi, not March.
                SkipAbbreviationDot();
                FixWeekday(word, 1, start);
            }
            else
            {
                Add(TokenKind.Month, start, end - start, month);
            }
        }
        else if (word.Equals("ph", StringComparison.OrdinalIgnoreCase))
        {
            Add(TokenKind.PublicHoliday, start, 2);
        }
        else if (word.Equals("sh", StringComparison.OrdinalIgnoreCase))
        {
            Add(TokenKind.SchoolHoliday, start, 2);
        }
        else if (word.Equals("week", StringComparison.OrdinalIgnoreCase))
        {
            Add(TokenKind.WeekKeyword, start, 4);
        }
        else if (Vocabulary.States.TryGetValue(word, out var state))
        {
            Add(TokenKind.State, start, end - start, (int)state);
        }
        else if (Vocabulary.WeekdayAliases.TryGetValue(word, out day))
        {
            SkipAbbreviationDot();
            FixWeekday(word, day, start);
        }
        else if (Vocabulary.MonthAliases.TryGetValue(word, out month))
        {
            SkipAbbreviationDot();
            Fix($"« {word} » : les mois s'écrivent avec les abréviations anglaises Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec ; ici « {Vocabulary.MonthCodes[month]} ».", start, _index - start);
            Add(TokenKind.Month, start, _index - start, month);
        }
        else if (Vocabulary.StateAliases.TryGetValue(word, out state))
        {
            Fix($"« {word} » : l'état s'écrit open, off (ou closed) ou unknown ; ici « {Vocabulary.StateText(state)} ».", start, end - start);
            Add(TokenKind.State, start, end - start, (int)state);
        }
        else if (Vocabulary.PublicHolidayAliases.Contains(word))
        {
            Fix($"« {word} » : les jours fériés s'écrivent « PH ».", start, end - start);
            Add(TokenKind.PublicHoliday, start, end - start);
        }
        else if (!TryReadFrenchLink(word, start, end))
        {
            _tokens.Add(new Token(TokenKind.Word, start, end - start, 0, word));
        }
    }

    /// <summary>« de 9h à 12h et 14h à 18h », « lundi et mardi ».</summary>
    private bool TryReadFrenchLink(string word, int start, int end)
    {
        var previous = _tokens.Count > 0 ? _tokens[^1].Kind : TokenKind.End;
        var lower = word.ToLowerInvariant();
        if (lower is "à" or "au" && previous is TokenKind.Time or TokenKind.Number or TokenKind.Weekday or TokenKind.Month)
        {
            Fix($"« {word} » : une plage s'écrit avec un tiret, par exemple « 09:00-12:00 » ou « Mo-Fr ».", start, end - start);
            Add(TokenKind.Dash, start, end - start);
            return true;
        }

        if (lower is "et" && previous is TokenKind.Time or TokenKind.Number or TokenKind.Weekday or TokenKind.Month)
        {
            Fix($"« {word} » : les plages, les jours et les dates se séparent par une virgule.", start, end - start);
            Add(TokenKind.Comma, start, end - start);
            return true;
        }

        if (lower is "de" or "du" or "le" or "les" && NextIsDigitOrWord(end))
        {
            Fix($"« {word} » est de trop : écrire seulement les jours et les plages, par exemple « Mo 09:00-12:00 ».", start, end - start);
            return true;
        }

        return false;
    }

    private bool NextIsDigitOrWord(int from)
    {
        var i = from;
        while (i < _text.Length && char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        return i > from && i < _text.Length && (char.IsAsciiDigit(_text[i]) || char.IsLetter(_text[i]));
    }

    private bool FollowsWeekdayList() =>
        _tokens.Count >= 2 && _tokens[^1].Kind is TokenKind.Dash or TokenKind.Comma && _tokens[^2].Kind == TokenKind.Weekday;

    private void FixWeekday(string word, int day, int start)
    {
        Fix($"« {word} » : les jours s'écrivent avec les abréviations anglaises Mo, Tu, We, Th, Fr, Sa, Su ; ici « {Vocabulary.WeekdayCodes[day]} ».", start, _index - start);
        Add(TokenKind.Weekday, start, _index - start, day);
    }

    private void SkipAbbreviationDot()
    {
        if (At(_index) == '.')
        {
            _index++;
        }
    }

    private void CheckMinutes(string raw, int minutes, int position, int length)
    {
        if (minutes > 59)
        {
            throw new ParseFailure(new Problem($"Minutes hors limites dans « {raw} » : de 00 à 59.", position, length, false));
        }
    }

    private void Fix(string message, int position, int length) => _problems.Add(new Problem(message, position, length, true));

    private void Add(TokenKind kind, int position, int length, int value = 0, string? text = null)
    {
        _tokens.Add(new Token(kind, position, length, value, text));
        _index = Math.Max(_index, position + length);
    }

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private int CountDigits(int from)
    {
        var i = from;
        while (i < _text.Length && char.IsAsciiDigit(_text[i]))
        {
            i++;
        }

        return i - from;
    }

    private int Parse(int from, int digits) =>
        digits > 9 ? int.MaxValue : int.Parse(_text.AsSpan(from, digits), NumberStyles.None, CultureInfo.InvariantCulture);

    internal static string Hhmm(int hours, int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}");
}
