using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Web.Languages;

namespace ScoranInclusion.Web;

/// <summary>The shared frame of the server-rendered pages and the French wording of times and distances.</summary>
internal static class Html
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    // Accented letters stay as they are (UTF-8 pages): only the characters HTML needs escaped are.
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => s_encoder.Encode(text ?? "");

    public static string Url(string? text) => UrlEncoder.Default.Encode(text ?? "");

    public static IResult Page(string title, string currentPath, string main, string? head = null, int status = 200) =>
        Results.Content(Layout(title, currentPath, main, head), "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A citizen page in the request's language, with the language menu (<paramref name="menu"/>).</summary>
    public static IResult Page(Texts texts, string menu, string title, string currentPath, string main, string? head = null, int status = 200) =>
        Results.Content(Layout(title, currentPath, main, head, texts: texts, languageMenu: menu), "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <param name="sectionNav">A second navigation after the main one (the mediators' space).</param>
    /// <param name="privacyNote">Replaces the footer's « no cookie » sentence where a page does set one (the mediators' login).</param>
    /// <param name="texts">The citizen pages' language (French elsewhere: the mediators' pages stay French).</param>
    /// <param name="languageMenu">The citizen pages' language menu.</param>
    public static string Layout(string title, string currentPath, string main, string? head, string? sectionNav = null, string? privacyNote = null,
        Texts? texts = null, string? languageMenu = null)
    {
        var t = texts ?? Texts.French;
        string Link(string href, string key, string current) =>
            $"<li><a href=\"{(href == "/" || href == "/lieux" ? t.Link(href) : href)}\"{(href == current ? " aria-current=\"page\"" : "")}>{t.H(key)}</a></li>";

        return $$"""
            <!doctype html>
            <html lang="{{t.Language.Code}}"{{(texts is null ? "" : $" dir=\"{t.Language.Dir}\"")}}>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} – {{t.H("layout.siteTitle")}}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/widget/pages.css">
            {{head}}
            </head>
            <body>
            <a class="lien-evitement" href="#contenu">{{t.H("layout.skip")}}</a>
            <header class="entete">
            <p class="marque"><a href="{{t.Link("/")}}">{{t.H("layout.brand")}} <span>{{t.H("layout.brandRegion")}}</span></a></p>
            {{languageMenu}}
            <nav aria-label="{{t.H("layout.nav")}}"><ul>
            {{Link("/", "layout.nav.home", currentPath)}}
            {{Link("/lieux", "layout.nav.list", currentPath)}}
            {{Link("/integrer", "layout.nav.embed", currentPath)}}
            {{Link("/couverture", "layout.nav.coverage", currentPath)}}
            </ul></nav>
            {{sectionNav}}
            </header>
            <main id="contenu" tabindex="-1">
            {{main}}
            </main>
            <footer class="pied">
            <p>{{t.H("layout.footer.licences")}}
            {{privacyNote ?? t.H("layout.footer.privacy")}}</p>
            <p>{{t.H("layout.footer.download")}} <a href="/exports/lieux-tableur.csv">{{t.H("layout.footer.csvSheet")}}</a> {{t.H("layout.footer.csvSheetNote")}} · <a href="/exports/lieux.csv">{{t.H("layout.footer.csvStandard")}}</a> {{t.H("layout.footer.csvStandardNote")}} · <a href="/graphql">{{t.H("layout.footer.api")}}</a></p>
            </footer>
            </body>
            </html>
            """;
    }

    /// <summary>« de Dijon », « d'Autun », « du Creusot », « des Rousses ».</summary>
    public static string De(string nom) => FrenchGrammar.De(nom);

    /// <summary>« à 350 m », « à 4,2 km », « à 27 km ».</summary>
    public static string Distance(double meters) => Distance(Texts.French, meters);

    public static string Distance(Texts t, double meters) => meters switch
    {
        < 100 => t.T("distance.under100"),
        < 1000 => t.T("distance.m", ("n", Math.Round(meters / 10) * 10)),
        < 10_000 => t.T("distance.km", ("n", t.Number(meters / 1000, "0.0"))),
        _ => t.T("distance.km", ("n", t.Number(meters / 1000, "0"))),
    };

    /// <summary>« 9 h », « 14 h 30 ».</summary>
    public static string Time(TimeOnly time) => Texts.French.Time(time);

    /// <summary>Open now or when it next opens or closes, in one short sentence; during a temporary closure, until when and when it reopens.</summary>
    public static string OpenState(OpeningHoursSchedule? hours, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures = null) =>
        OpenState(Texts.French, hours, now, closures);

    /// <summary>As <see cref="OpenState(OpeningHoursSchedule?, DateTimeOffset, IReadOnlyList{SiteClosure}?)"/>, in the page's language (HTML).</summary>
    public static string OpenStateHtml(Texts t, OpeningHoursSchedule? hours, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures = null) =>
        OpenState(t, hours, now, closures, html: true);

    private static string OpenState(Texts t, OpeningHoursSchedule? hours, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures, bool html = false)
    {
        string Say(string key, params (string, object?)[] args) => html ? t.H(key, args) : t.T(key, args);
        if (TemporaryNotices.ClosedThrough(closures, TemporaryNotices.ParisDay(now)) is { } last)
        {
            var reopens = hours is null ? null : new SiteHours(hours, closures!).NextChange(now);
            return reopens is { } at
                ? Say("open.closedUntilOpens", ("date", t.DayMonth(last)), ("when", When(t, ParisTime.ToParis(at), ParisTime.ToParis(now), closing: false)))
                : Say("open.closedUntil", ("date", t.DayMonth(last)));
        }

        if (hours is null)
        {
            return Say("open.unknownHours");
        }

        var effective = new SiteHours(hours, closures ?? []);
        var state = effective.StateAt(now);
        // The next change of state: a change of comment alone (a holiday's midnight) is never one; closures count.
        var next = effective.NextChange(now) is { } n ? ParisTime.ToParis(n) : (DateTimeOffset?)null;
        var when = next is { } at2 ? When(t, at2, ParisTime.ToParis(now), closing: state.Status == OpeningStatus.Open) : null;
        return state.Status switch
        {
            OpeningStatus.Open => when is null ? Say("open.now") : Say("open.nowUntil", ("when", when)),
            // The comment is the place's own text, in French.
            OpeningStatus.Unknown => state.Comment is { Length: > 0 } c && !c.Contains("rendez", StringComparison.OrdinalIgnoreCase)
                ? Say("open.appointmentComment", ("comment", html ? new Raw(t.FrSpan(c)) : c))
                : Say("open.appointment"),
            _ => when is null ? Say("open.closed") : Say("open.closedOpens", ("when", when)),
        };
    }

    private static string When(Texts t, DateTimeOffset at, DateTimeOffset now, bool closing)
    {
        var days = DateOnly.FromDateTime(at.DateTime).DayNumber - DateOnly.FromDateTime(now.DateTime).DayNumber;
        var time = t.Time(TimeOnly.FromDateTime(at.DateTime));
        if (closing && at.TimeOfDay == TimeSpan.Zero && days is >= 1 and < 8)
        {
            // A closing at midnight ends the day before: « jusqu'à minuit », not « jusqu'à demain à 0 h ».
            return days switch
            {
                1 => t.T("when.midnight"),
                2 => t.T("when.tomorrowMidnight"),
                _ => t.T("when.weekdayMidnight", ("weekday", t.Weekday(DateOnly.FromDateTime(at.AddDays(-1).DateTime)))),
            };
        }

        return days switch
        {
            0 => time,
            1 => t.T("when.tomorrowAt", ("time", time)),
            < 7 => t.T("when.weekdayAt", ("weekday", t.Weekday(DateOnly.FromDateTime(at.DateTime))), ("time", time)),
            _ => t.T("when.dateAt", ("date", t.DayMonth(DateOnly.FromDateTime(at.DateTime))), ("time", time)),
        };
    }
}
