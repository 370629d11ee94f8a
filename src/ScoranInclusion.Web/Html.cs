using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;

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

    /// <param name="sectionNav">A second navigation after the main one (the mediators' space).</param>
    /// <param name="privacyNote">Replaces the footer's « no cookie » sentence where a page does set one (the mediators' login).</param>
    public static string Layout(string title, string currentPath, string main, string? head, string? sectionNav = null, string? privacyNote = null)
    {
        static string Link(string href, string label, string current) =>
            $"<li><a href=\"{href}\"{(href == current ? " aria-current=\"page\"" : "")}>{label}</a></li>";

        return $$"""
            <!doctype html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} – Aide au numérique en Bourgogne-Franche-Comté</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/widget/pages.css">
            {{head}}
            </head>
            <body>
            <a class="lien-evitement" href="#contenu">Aller au contenu</a>
            <header class="entete">
            <p class="marque"><a href="/">Aide au numérique <span>en Bourgogne-Franche-Comté</span></a></p>
            <nav aria-label="Menu principal"><ul>
            {{Link("/", "Trouver de l'aide", currentPath)}}
            {{Link("/lieux", "Liste simple (sans carte)", currentPath)}}
            {{Link("/integrer", "Mettre la carte sur votre site", currentPath)}}
            {{Link("/couverture", "Couverture du territoire", currentPath)}}
            </ul></nav>
            {{sectionNav}}
            </header>
            <main id="contenu" tabindex="-1">
            {{main}}
            </main>
            <footer class="pied">
            <p>Lieux : MedNum BFC et partenaires, licence ODbL 1.0. Contours des communes : IGN et INSEE, Licence Ouverte.
            {{privacyNote ?? "Ce site ne dépose aucun cookie et ne suit pas votre navigation ; votre position reste dans votre navigateur."}}</p>
            <p>Télécharger tous les lieux : <a href="/exports/lieux-tableur.csv">CSV pour tableur</a> (les textes qui ressembleraient à des formules y sont neutralisés) · <a href="/exports/lieux.csv">CSV du standard national</a> (valeurs exactes, pour les programmes et la réimportation ; à ne pas ouvrir tel quel dans un tableur) · <a href="/graphql">API GraphQL</a></p>
            </footer>
            </body>
            </html>
            """;
    }

    /// <summary>« de Dijon », « d'Autun », « du Creusot », « des Rousses ».</summary>
    public static string De(string nom) =>
        nom.StartsWith("Le ", StringComparison.Ordinal) ? "du " + nom[3..]
        : nom.StartsWith("Les ", StringComparison.Ordinal) ? "des " + nom[4..]
        : nom.Length > 0 && "AEIOUYÉÈÊÂÎÔH".Contains(char.ToUpperInvariant(nom[0]), StringComparison.Ordinal) ? "d'" + nom
        : "de " + nom;

    /// <summary>« à 350 m », « à 4,2 km », « à 27 km ».</summary>
    public static string Distance(double meters) => meters switch
    {
        < 100 => "à moins de 100 m",
        < 1000 => $"à {Math.Round(meters / 10) * 10:0} m",
        < 10_000 => string.Create(French, $"à {meters / 1000:0.0} km"),
        _ => string.Create(French, $"à {meters / 1000:0} km"),
    };

    /// <summary>« 9 h », « 14 h 30 ».</summary>
    public static string Time(TimeOnly time) => time.Minute == 0 ? $"{time.Hour} h" : $"{time.Hour} h {time.Minute:00}";

    /// <summary>Open now or when it next opens or closes, in one short sentence; during a temporary closure, until when and when it reopens.</summary>
    public static string OpenState(OpeningHoursSchedule? hours, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures = null)
    {
        if (ClosureSentence(hours, now, closures) is { } closed)
        {
            return closed;
        }

        if (hours is null)
        {
            return "Horaires non renseignés : appelez avant de venir.";
        }

        var effective = new SiteHours(hours, closures ?? []);
        var state = effective.StateAt(now);
        // The next change of state: a change of comment alone (a holiday's midnight) is never one; closures count.
        var next = effective.NextChange(now) is { } n ? ParisTime.ToParis(n) : (DateTimeOffset?)null;
        var when = next is { } at ? When(at, ParisTime.ToParis(now), closing: state.Status == OpeningStatus.Open) : null;
        return state.Status switch
        {
            OpeningStatus.Open => when is null ? "Ouvert maintenant." : $"Ouvert maintenant, jusqu'à {when}.",
            OpeningStatus.Unknown => "Sur rendez-vous" + (state.Comment is { Length: > 0 } c && !c.Contains("rendez", StringComparison.OrdinalIgnoreCase) ? $" ({c})" : "") + ".",
            _ => when is null ? "Fermé." : $"Fermé, ouvre {when}.",
        };
    }

    /// <summary>« Fermé jusqu'au 2 janvier inclus, ouvre le 5 janvier à 9 h. » during a temporary closure; null otherwise.</summary>
    private static string? ClosureSentence(OpeningHoursSchedule? hours, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures)
    {
        if (TemporaryNotices.ClosedThrough(closures, TemporaryNotices.ParisDay(now)) is not { } last)
        {
            return null;
        }

        var until = $"Fermé jusqu'au {TemporaryNotices.DayText(last)} inclus";
        var reopens = hours is null ? null : new SiteHours(hours, closures!).NextChange(now);
        return reopens is { } at ? $"{until}, ouvre {When(ParisTime.ToParis(at), ParisTime.ToParis(now), closing: false)}." : until + ".";
    }

    private static string When(DateTimeOffset at, DateTimeOffset now, bool closing)
    {
        var days = DateOnly.FromDateTime(at.DateTime).DayNumber - DateOnly.FromDateTime(now.DateTime).DayNumber;
        var time = Time(TimeOnly.FromDateTime(at.DateTime));
        if (closing && at.TimeOfDay == TimeSpan.Zero && days is >= 1 and < 8)
        {
            // A closing at midnight ends the day before: « jusqu'à minuit », not « jusqu'à demain à 0 h ».
            return days switch
            {
                1 => "minuit",
                2 => "demain minuit",
                _ => $"{at.AddDays(-1).ToString("dddd", French)} minuit",
            };
        }

        return days switch
        {
            0 => time,
            1 => $"demain à {time}",
            < 7 => $"{at.ToString("dddd", French)} à {time}",
            _ => $"le {at.ToString("d MMMM", French)} à {time}",
        };
    }
}
