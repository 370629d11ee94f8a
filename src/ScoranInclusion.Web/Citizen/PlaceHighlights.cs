using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Offers;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// Three things a citizen looks for first on a place, in the pages: its first action (book online, or call), the languages
/// spoken there, and when the digital bus comes near. Their French texts are grouped in <see cref="Texts"/>.
/// </summary>
internal static class PlaceHighlights
{
    /// <summary>The French texts of this file, in one place (for the message catalogues).</summary>
    internal static class Texts
    {
        public const string Book = "Prendre rendez-vous";
        public const string BookHint = "en ligne, sur le site du lieu";
        public const string Call = "Appeler";
        public const string Languages = "Langues parlées";
        public const string LanguagesShort = "Langues :";
        public const string LanguageFilter = "Langue parlée dans le lieu (facultatif)";
        public const string AnyLanguage = "Toutes les langues";
        public const string BusNear = "Le bus numérique passe près de chez vous";
        public const string BusOfPlace = "Les prochains arrêts du bus numérique";
        public const string Passes = "passe à";
        public const string Now = "en ce moment, jusqu'à";
        public const string Example = "(exemple de démonstration)";
    }

    /// <summary>How many next stops a page shows.</summary>
    public const int StopCount = 5;

    /// <summary>Within this distance of the searched point, /lieux shows the bus's next visits (as <c>nextVisits</c>).</summary>
    public const double BusRadiusMeters = NextVisitsResolver.DefaultRadiusKm * 1000;

    /// <summary>
    /// The place's first action: « Prendre rendez-vous » when it has an online booking link, otherwise « Appeler » with its
    /// number as a <c>tel:</c> link; empty without either.
    /// </summary>
    public static string FirstAction(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.PriseRdv is { } rdv && CitizenPages.IsHttp(rdv))
        {
            return $"<p class=\"action-principale\"><a class=\"bouton-action\" href=\"{E(rdv)}\">{Texts.Book}</a> <span class=\"aide\">{Texts.BookHint}</span></p>";
        }

        return site.Telephone is { Length: > 0 } tel
            ? $"<p class=\"action-principale\"><a class=\"bouton-action\" href=\"tel:{E(tel)}\">{Texts.Call} le {E(CitizenPages.Phone(tel))}</a></p>"
            : "";
    }

    /// <summary>« ukrainien — українська », the native name marked with its language (and direction) for screen readers.</summary>
    public static string LanguageHtml(SpokenLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.NomNatif == language.Nom
            ? E(language.Nom)
            : $"{E(language.Nom)} — <span lang=\"{E(language.Code)}\"{(language.RightToLeft ? " dir=\"rtl\"" : "")}>{E(language.NomNatif)}</span>";
    }

    /// <summary>The « Langues parlées » block of a place; empty when it gives none.</summary>
    public static string LanguagesBlock(Site site)
    {
        var languages = SpokenLanguages.Of(site.LanguesParlees);
        if (languages.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<h2>").Append(Texts.Languages).Append("</h2><ul class=\"langues\">");
        foreach (var language in languages)
        {
            b.Append("<li>").Append(LanguageHtml(language)).Append("</li>");
        }

        return b.Append("</ul>").ToString();
    }

    /// <summary>The one-line languages of a card in the list; empty when none.</summary>
    public static string LanguagesLine(Site site)
    {
        var languages = SpokenLanguages.Of(site.LanguesParlees);
        return languages.Count == 0 ? ""
            : $"<p class=\"langues\"><strong>{Texts.LanguagesShort}</strong> {string.Join(", ", languages.Select(LanguageHtml))}</p>";
    }

    /// <summary>The language choice of the /lieux form (one language, as the widget's filter).</summary>
    public static string LanguageSelect(IReadOnlyList<string> selected)
    {
        var b = new StringBuilder("<p><label for=\"langues\">").Append(Texts.LanguageFilter).Append("</label> <select id=\"langues\" name=\"langues\">");
        b.Append("<option value=\"\">").Append(Texts.AnyLanguage).Append("</option>");
        foreach (var language in SpokenLanguages.All)
        {
            b.Append("<option value=\"").Append(E(language.Code)).Append('"').Append(selected.Contains(language.Code) ? " selected" : "").Append('>')
                .Append(E(language.Label)).Append("</option>");
        }

        return b.Append("</select></p>").ToString();
    }

    /// <summary>
    /// « Exemple — Bus numérique du Morvan passe à Lormes mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville » (in
    /// progress: « … passe à Lormes en ce moment, jusqu'à 12 h, … »).
    /// </summary>
    public static string VisitSentence(string routeName, string commune, string adresse, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var from = ParisTime.ToParis(start);
        var to = ParisTime.ToParis(end);
        var when = start <= now
            ? $"{Texts.Now} {Time(TimeOnly.FromDateTime(to.DateTime))}"
            : $"{from.ToString("dddd d MMMM", French)}, {Time(TimeOnly.FromDateTime(from.DateTime))} – {Time(TimeOnly.FromDateTime(to.DateTime))}";
        return $"{routeName} {Texts.Passes} {commune} {when}, {adresse}";
    }

    /// <summary>A list of next visits under a heading (h2 on the place, h2 on the list); empty when none.</summary>
    public static string VisitsBlock(string heading, IReadOnlyList<NextVisit> visits, DateTimeOffset now, bool withDistance)
    {
        if (visits.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<section class=\"bus\" aria-labelledby=\"bus-titre\"><h2 id=\"bus-titre\">").Append(E(heading)).Append("</h2><ul>");
        foreach (var visit in visits)
        {
            b.Append("<li>").Append(E(VisitSentence(visit.Stop.RouteName, visit.Stop.Commune, visit.Stop.Adresse, visit.Visit.Start, visit.Visit.End, now)));
            if (withDistance)
            {
                b.Append(" (").Append(Distance(visit.DistanceMeters)).Append(')');
            }

            if (visit.Stop.IsExample)
            {
                b.Append(' ').Append(Texts.Example);
            }

            b.Append("</li>");
        }

        return b.Append("</ul></section>").ToString();
    }
}
