using System.Globalization;
using System.Text;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Languages;

/// <summary>HTML given to <see cref="Texts.H"/> as it is (a link, a span marked <c>lang="fr"</c>), never escaped again.</summary>
public readonly record struct Raw(string Html)
{
    public override string ToString() => Html;
}

/// <summary>
/// The places' own French text (a commune's name, a place's name): in HTML it goes in a <c>lang="fr"</c> span, with the
/// French catalogue's grammar rule (« d'Autun ») applied to it first.
/// </summary>
public readonly record struct FrenchText(string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// The texts of one request's language: a catalogue entry with its <c>{name}</c> placeholders filled. A placeholder
/// may carry a French grammar rule, <c>{commune|de}</c> (« de Dijon », « d'Autun », « du Creusot ») or
/// <c>{commune|a}</c> (« à Dijon », « au Creusot »): only the French catalogue uses them, the other languages write
/// their sentences so that the name goes in as it is. A key missing from the catalogue throws: the catalogue test
/// and the pages' tests catch it, rather than a page showing a key.
/// </summary>
public sealed class Texts(Language language, bool chosen)
{
    public static readonly Texts French = new(Language.French, chosen: false);

    public Language Language { get; } = language;

    /// <summary>True when the language came from <c>?langue=</c>: the pages' links and forms carry it on.</summary>
    public bool Chosen { get; } = chosen;

    public CultureInfo Culture => Language.Culture;

    public string this[string key] => Template(key);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled (plain text, not escaped).</summary>
    public string T(string key, params (string Name, object? Value)[] args) => Fill(Template(key), args, html: false);

    /// <summary>The text of a plural key (<c>key#one</c>, <c>key#few</c>…) for <paramref name="n"/>, given to it as <c>{n}</c>.</summary>
    public string P(string key, long n, params (string Name, object? Value)[] args) => Fill(PluralTemplate(key, n), [("n", n), .. args], html: false);

    /// <summary>As <see cref="T"/>, escaped for HTML; a <see cref="Raw"/> argument goes in as it is.</summary>
    public string H(string key, params (string Name, object? Value)[] args) => Fill(Template(key), args, html: true);

    /// <summary>As <see cref="P"/>, escaped for HTML.</summary>
    public string HP(string key, long n, params (string Name, object? Value)[] args) => Fill(PluralTemplate(key, n), [("n", n), .. args], html: true);

    /// <summary>A display label of the standard's enumerations (<c>service.AIDE_AUX_…</c>); the value itself stays the standard's.</summary>
    public string Label(string group, string name) =>
        Language.Messages.TryGetValue($"{group}.{name}", out var text) ? text : throw new KeyNotFoundException($"Clé absente du catalogue {Language.Code} : {group}.{name}");

    /// <summary>The attribute that marks the places' own French text, on a page in another language; empty on a French page.</summary>
    public string Fr => Language == Language.French ? "" : " lang=\"fr\"";

    /// <summary>The places' own French text, escaped, in a <c>lang="fr"</c> span on a page in another language.</summary>
    public string FrSpan(string? text) => Language == Language.French ? E(text) : $"<span lang=\"fr\">{E(text)}</span>";

    /// <summary><paramref name="path"/> with <c>langue=</c> added when the language was chosen in the URL.</summary>
    public string Link(string path) =>
        !Chosen ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&amp;" : "?") + "langue=" + Language.Code;

    /// <summary>The hidden field that keeps a chosen language in a form; empty otherwise.</summary>
    public string FormField() => Chosen ? $"<input type=\"hidden\" name=\"langue\" value=\"{Language.Code}\">" : "";

    /// <summary>« 9 h », « 14 h 30 » in French, « 09:00 », « 14:30 » elsewhere.</summary>
    public string Time(TimeOnly time) => time.Minute == 0
        ? T("time.h", ("h", time.Hour), ("hh", time.Hour.ToString("00", CultureInfo.InvariantCulture)))
        : T("time.hm", ("h", time.Hour), ("hh", time.Hour.ToString("00", CultureInfo.InvariantCulture)), ("mm", time.Minute.ToString("00", CultureInfo.InvariantCulture)));

    /// <summary>The day of the month: « 1er » in French, the number elsewhere.</summary>
    public string Day(int day) => day == 1 ? T("date.firstDay") : day.ToString(CultureInfo.InvariantCulture);

    public string Weekday(DateOnly date) => Culture.DateTimeFormat.GetDayName(date.DayOfWeek);

    /// <summary>The month's name as it goes after a day (the genitive where the language has one: « 15 грудня »).</summary>
    public string Month(DateOnly date) => Culture.DateTimeFormat.MonthGenitiveNames[date.Month - 1];

    /// <summary>« 15 décembre », « 15 December », « 15 грудня ».</summary>
    public string DayMonth(DateOnly date) => T("date.dayMonth", ("day", Day(date.Day)), ("month", Month(date)));

    /// <summary>« 15 décembre 2026 ».</summary>
    public string DayMonthYear(DateOnly date) => T("date.dayMonthYear", ("day", Day(date.Day)), ("month", Month(date)), ("year", date.Year.ToString(CultureInfo.InvariantCulture)));

    /// <summary>« mardi 15 décembre », « Tuesday 15 December », « 15 Aralık Salı ».</summary>
    public string WeekdayDayMonth(DateOnly date) =>
        T("date.weekdayDayMonth", ("weekday", Weekday(date)), ("day", Day(date.Day)), ("month", Month(date)));

    /// <summary>A number in the language's way (« 4,2 », « 4.2 »).</summary>
    public string Number(double value, string format) => value.ToString(format, Culture);

    private string Template(string key) =>
        Language.Messages.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"Clé absente du catalogue {Language.Code} : {key}");

    private string PluralTemplate(string key, long n) =>
        Language.Messages.TryGetValue($"{key}#{Language.PluralCategory(n)}", out var text) ? text : Template(key + "#other");

    private string Fill(string template, (string Name, object? Value)[] args, bool html)
    {
        var b = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                b.Append(html ? Escape(template[i..]) : template[i..]);
                break;
            }

            b.Append(html ? Escape(template[i..open]) : template[i..open]);
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new FormatException($"Accolade non fermée dans le catalogue {Language.Code} : {template}");
            }

            var placeholder = template[(open + 1)..close];
            var bar = placeholder.IndexOf('|', StringComparison.Ordinal);
            var name = bar < 0 ? placeholder : placeholder[..bar];
            var rule = bar < 0 ? null : placeholder[(bar + 1)..];
            var found = false;
            object? value = null;
            foreach (var arg in args)
            {
                if (arg.Name == name)
                {
                    found = true;
                    value = arg.Value;
                    break;
                }
            }

            if (!found)
            {
                throw new FormatException($"Valeur {{{name}}} non donnée pour le catalogue {Language.Code} : {template}");
            }

            if (value is Raw raw)
            {
                b.Append(raw.Html);
            }
            else if (value is FrenchText french)
            {
                var text = Apply(rule, french.Text, placeholder);
                b.Append(html ? FrSpan(text) : text);
            }
            else
            {
                var text = value switch
                {
                    null => "",
                    IFormattable f => f.ToString(null, Culture),
                    _ => value.ToString() ?? "",
                };
                text = Apply(rule, text, placeholder);
                b.Append(html ? E(text) : text);
            }

            i = close + 1;
        }

        return b.ToString();
    }

    /// <summary>The catalogue's own text in HTML: only what HTML needs (its apostrophes stay as written).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    private string Apply(string? rule, string text, string placeholder) => rule switch
    {
        null => text,
        "de" => FrenchGrammar.De(text),
        "a" => FrenchGrammar.A(text),
        _ => throw new FormatException($"Règle {{{placeholder}}} inconnue dans le catalogue {Language.Code}"),
    };
}

/// <summary>The French catalogue's grammar rules, the same as <c>web/src/i18n.js</c>.</summary>
public static class FrenchGrammar
{
    /// <summary>« de Dijon », « d'Autun », « du Creusot », « des Rousses ».</summary>
    public static string De(string nom)
    {
        ArgumentNullException.ThrowIfNull(nom);
        return nom.StartsWith("Le ", StringComparison.Ordinal) ? "du " + nom[3..]
            : nom.StartsWith("Les ", StringComparison.Ordinal) ? "des " + nom[4..]
            : nom.Length > 0 && "AEIOUYÉÈÊÂÎÔH".Contains(char.ToUpperInvariant(nom[0]), StringComparison.Ordinal) ? "d'" + nom
            : "de " + nom;
    }

    /// <summary>« à Dijon », « au Creusot », « aux Rousses ».</summary>
    public static string A(string nom)
    {
        ArgumentNullException.ThrowIfNull(nom);
        return nom.StartsWith("Le ", StringComparison.Ordinal) ? "au " + nom[3..]
            : nom.StartsWith("Les ", StringComparison.Ordinal) ? "aux " + nom[4..]
            : "à " + nom;
    }
}
