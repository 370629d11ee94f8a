using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Offers;
using ScoranInclusion.Web.Languages;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// Three things a citizen looks for first on a place, in the pages: its first action (book online, or call), the languages
/// spoken there, and when the digital bus comes near. Their texts are the catalogues' (web/i18n, keys <c>highlight.*</c> and <c>bus.*</c>).
/// </summary>
internal static class PlaceHighlights
{
    /// <summary>How many next stops a page shows.</summary>
    public const int StopCount = 5;

    /// <summary>Within this distance of the searched point, /lieux shows the bus's next visits (as <c>nextVisits</c>).</summary>
    public const double BusRadiusMeters = NextVisitsResolver.DefaultRadiusKm * 1000;

    /// <summary>
    /// The place's first action: « Prendre rendez-vous » when it has an online booking link, otherwise « Appeler » with its
    /// number as a <c>tel:</c> link; empty without either.
    /// </summary>
    public static string FirstAction(Texts t, Site site)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(site);
        if (site.PriseRdv is { } rdv && CitizenPages.IsHttp(rdv))
        {
            return $"<p class=\"action-principale\"><a class=\"bouton-action\" href=\"{E(rdv)}\">{t.H("highlight.book")}</a> <span class=\"aide\">{t.H("highlight.bookHint")}</span></p>";
        }

        return site.Telephone is { Length: > 0 } tel
            ? $"<p class=\"action-principale\"><a class=\"bouton-action\" href=\"tel:{E(tel)}\">{t.H("highlight.call", ("phone", Phone(t, tel)))}</a></p>"
            : "";
    }

    // The number reads left to right in an Arabic sentence; a French page keeps its plain markup.
    private static Raw Phone(Texts t, string tel) =>
        new(t.Language == Language.French ? E(CitizenPages.Phone(tel)) : $"<span dir=\"ltr\">{E(CitizenPages.Phone(tel))}</span>");

    /// <summary>
    /// « ukrainien — українська »: the language's name in the page's language, then its own name marked with its language
    /// (and direction) for screen readers; the name alone when both are the same.
    /// </summary>
    public static string LanguageHtml(Texts t, SpokenLanguage language)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(language);
        var name = language.NameIn(t.Language.Code);
        return language.NomNatif == name
            ? Native(language)
            : $"{E(name)} — {Native(language)}";
    }

    private static string Native(SpokenLanguage language) =>
        $"<span lang=\"{E(language.Code)}\"{(language.RightToLeft ? " dir=\"rtl\"" : "")}>{E(language.NomNatif)}</span>";

    /// <summary>The « Langues parlées » block of a place; empty when it gives none.</summary>
    public static string LanguagesBlock(Texts t, Site site)
    {
        var languages = SpokenLanguages.Of(site.LanguesParlees);
        if (languages.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<h2>").Append(t.H("highlight.languages")).Append("</h2><ul class=\"langues\">");
        foreach (var language in languages)
        {
            b.Append("<li>").Append(LanguageHtml(t, language)).Append("</li>");
        }

        return b.Append("</ul>").ToString();
    }

    /// <summary>The one-line languages of a card in the list; empty when none.</summary>
    public static string LanguagesLine(Texts t, Site site)
    {
        var languages = SpokenLanguages.Of(site.LanguesParlees);
        return languages.Count == 0 ? ""
            : $"<p class=\"langues\"><strong>{t.H("highlight.languagesShort")}</strong> {string.Join(E(t.T("list.separator")), languages.Select(l => LanguageHtml(t, l)))}</p>";
    }

    /// <summary>The language choice of the /lieux form (one language, as the widget's filter), by name in the page's language.</summary>
    public static string LanguageSelect(Texts t, IReadOnlyList<string> selected)
    {
        var b = new StringBuilder("<p><label for=\"langues\">").Append(t.H("highlight.languageFilter")).Append("</label> <select id=\"langues\" name=\"langues\">");
        b.Append("<option value=\"\">").Append(t.H("highlight.anyLanguage")).Append("</option>");
        var comparer = StringComparer.Create(t.Culture, System.Globalization.CompareOptions.IgnoreCase);
        var code = t.Language.Code;
        foreach (var language in SpokenLanguages.All.OrderBy(l => l.NameIn(code), comparer))
        {
            var name = language.NameIn(code);
            b.Append("<option value=\"").Append(E(language.Code)).Append('"').Append(selected.Contains(language.Code) ? " selected" : "").Append('>')
                .Append(E(name == language.NomNatif ? name : $"{name} — {language.NomNatif}")).Append("</option>");
        }

        return b.Append("</select></p>").ToString();
    }

    /// <summary>
    /// « Exemple — Bus numérique du Morvan passe à Lormes mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville » (in
    /// progress: « … passe à Lormes en ce moment, jusqu'à 12 h, … »), in the page's language; the route, commune and address
    /// are the places' own French text.
    /// </summary>
    public static string VisitSentenceHtml(Texts t, string routeName, string commune, string adresse, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(t);
        var from = ParisTime.ToParis(start);
        var to = ParisTime.ToParis(end);
        var names = new (string, object?)[] { ("route", new FrenchText(routeName)), ("commune", new FrenchText(commune)), ("address", new FrenchText(adresse)) };
        return start <= now
            ? t.H("bus.visitNow", [.. names, ("to", t.Time(TimeOnly.FromDateTime(to.DateTime)))])
            : t.H("bus.visit", [.. names, ("day", t.WeekdayDayMonth(DateOnly.FromDateTime(from.DateTime))), ("from", t.Time(TimeOnly.FromDateTime(from.DateTime))),
                ("to", t.Time(TimeOnly.FromDateTime(to.DateTime)))]);
    }

    /// <summary>A list of next visits under a heading (h2 on the place, h2 on the list); empty when none.</summary>
    public static string VisitsBlock(Texts t, string headingKey, IReadOnlyList<NextVisit> visits, DateTimeOffset now, bool withDistance)
    {
        if (visits.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<section class=\"bus\" aria-labelledby=\"bus-titre\"><h2 id=\"bus-titre\">").Append(t.H(headingKey)).Append("</h2><ul>");
        foreach (var visit in visits)
        {
            b.Append("<li>").Append(VisitSentenceHtml(t, visit.Stop.RouteName, visit.Stop.Commune, visit.Stop.Adresse, visit.Visit.Start, visit.Visit.End, now));
            if (withDistance)
            {
                b.Append(" (").Append(E(Distance(t, visit.DistanceMeters))).Append(')');
            }

            if (visit.Stop.IsExample)
            {
                b.Append(' ').Append(t.H("bus.example"));
            }

            b.Append("</li>");
        }

        return b.Append("</ul></section>").ToString();
    }
}
