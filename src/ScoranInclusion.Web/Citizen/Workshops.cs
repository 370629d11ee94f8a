using System.Text;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The workshops of a place in the server-rendered pages: one line in the list of <c>/lieux</c>,
/// the « Prochains ateliers » block of <c>/lieu/{id}</c>. Same wording as the widget.
/// </summary>
internal static class Workshops
{
    /// <summary>The sessions shown on a place's page.</summary>
    public const int DetailCount = 4;

    /// <summary>The days of the « avec un atelier » filter offered by the forms.</summary>
    public const int FilterDays = 14;

    public static string FilterLabel(int days) => days > 1 ? $"Avec un atelier dans les {days} prochains jours" : "Avec un atelier dans les prochaines 24 heures";

    public const string ExampleMention = "Exemple (pas une vraie annonce)";

    /// <summary>« mardi 2 décembre à 14 h », « lundi 1er juin à 9 h 30 ».</summary>
    public static string DateText(DateTimeOffset instant)
    {
        var paris = ParisTime.ToParis(instant);
        var day = paris.Day == 1 ? "1er" : paris.Day.ToString(French);
        return $"{paris.ToString("dddd", French)} {day} {paris.ToString("MMMM", French)} à {Time(TimeOnly.FromDateTime(paris.DateTime))}";
    }

    /// <summary>« 2 h », « 1 h 30 », « 45 min ».</summary>
    public static string DurationText(TimeSpan duration)
    {
        var minutes = (int)Math.Round(duration.TotalMinutes);
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60:00}";
    }

    /// <summary>« 3 places », « 1 place », « complet », « annulé » ; null when the seats are not limited.</summary>
    public static string? SeatsText(StoredSession session, DateTimeOffset now) => session.StatusAt(now) switch
    {
        SessionStatus.Cancelled => "annulé",
        SessionStatus.Full => "complet",
        _ => session.RemainingSeats is { } n ? (n > 1 ? $"{n} places" : $"{n} place") : null,
    };

    /// <summary>The first session that is neither cancelled nor full, for the list.</summary>
    public static StoredSession? NextOpen(IEnumerable<StoredSession> sessions, DateTimeOffset now) =>
        sessions.FirstOrDefault(s => s.StatusAt(now) == SessionStatus.Scheduled);

    /// <summary>« Prochain atelier : mardi 2 décembre à 14 h — Découvrir Mon Espace Santé, 3 places ».</summary>
    public static string NextLine(StoredSession session, Offer offer, DateTimeOffset now)
    {
        var seats = SeatsText(session, now);
        return $"Prochain atelier : {DateText(session.StartsAt)} — {offer.Title}{(seats is null ? "" : ", " + seats)}";
    }

    public static string FeeText(Offer offer) => offer.Fee switch
    {
        OfferFee.Free => "Gratuit",
        OfferFee.FreeUnderCondition => offer.FeeCondition is { Length: > 0 } c ? $"Gratuit sous condition : {c}" : "Gratuit sous condition",
        _ => offer.FeeCondition is { Length: > 0 } p ? $"Payant : {p}" : "Payant",
    };

    public static string FormatText(Offer offer, StoredSession session) =>
        offer.Format == OfferFormat.Remote || session.RemoteUrl is not null ? "À distance"
        : offer.Format == OfferFormat.IndividualHelp ? "Aide individuelle, sur place"
        : "Atelier en groupe, sur place";

    /// <summary>The « Prochains ateliers » block: a heading, one list item a session, the calendar link. Empty when there is no session.</summary>
    public static string Block(IReadOnlyList<StoredSession> sessions, IReadOnlyDictionary<long, StoredOffer> offers, string siteId, DateTimeOffset now)
    {
        var shown = sessions.Where(s => offers.ContainsKey(s.OfferKey)).ToList();
        if (shown.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<h2 id=\"ateliers\">Prochains ateliers</h2><ul class=\"ateliers\">");
        foreach (var session in shown)
        {
            var offer = offers[session.OfferKey].Offer;
            var status = session.StatusAt(now);
            b.Append(status == SessionStatus.Cancelled ? "<li class=\"atelier annule\">" : "<li class=\"atelier\">");
            b.Append("<p class=\"atelier-titre\"><strong>").Append(E(offer.Title)).Append("</strong>");
            if (offer.IsExample)
            {
                b.Append(" <span class=\"exemple\">").Append(ExampleMention).Append("</span>");
            }

            b.Append("</p><p>").Append(E(FirstUpper(DateText(session.StartsAt)))).Append(" (").Append(DurationText(session.EndsAt - session.StartsAt)).Append(')');
            if (SeatsText(session, now) is { } seats)
            {
                b.Append(" · <strong>").Append(seats).Append("</strong>");
            }

            b.Append("</p>");
            if (status == SessionStatus.Cancelled && session.CancelReason is { Length: > 0 } reason)
            {
                b.Append("<p>Motif : ").Append(E(reason)).Append("</p>");
            }

            b.Append("<p>").Append(FeeText(offer) is var fee ? E(fee) : "").Append(" · ").Append(FormatText(offer, session));
            if (session.RemoteUrl is { } remote && CitizenPages.IsHttp(remote) && status != SessionStatus.Cancelled)
            {
                b.Append(" : <a href=\"").Append(E(remote)).Append("\">lien pour suivre la séance<span class=\"visuellement-cache\"> « ").Append(E(offer.Title)).Append(" »</span></a>");
            }

            b.Append("</p>");
            if (status != SessionStatus.Cancelled)
            {
                b.Append("<p>").Append(RegistrationHtml(offer.Registration, offer.Title)).Append("</p>");
            }

            b.Append("</li>");
        }

        b.Append("</ul><p><a href=\"/calendar/").Append(Url(siteId)).Append(".ics\">Ajouter à mon agenda</a> (les ateliers de ce lieu, au format iCalendar)</p>");
        return b.ToString();
    }

    /// <summary>« Inscription : en ligne, par téléphone au 03 85 00 00 00, sur place. »</summary>
    public static string RegistrationHtml(Registration registration, string title)
    {
        var ways = new List<string>();
        if (registration.Url is { } url && CitizenPages.IsHttp(url))
        {
            ways.Add($"<a href=\"{E(url)}\">en ligne<span class=\"visuellement-cache\"> pour « {E(title)} »</span></a>");
        }

        if (registration.Telephone is { Length: > 0 } tel)
        {
            ways.Add($"par téléphone au <a href=\"tel:{E(tel)}\">{E(CitizenPages.Phone(tel))}</a>");
        }

        if (registration.Courriel is { Length: > 0 } mail)
        {
            ways.Add($"par courriel à <a href=\"mailto:{E(mail)}\">{E(mail)}</a>");
        }

        if (registration.OnSite)
        {
            ways.Add("sur place, à l'accueil du lieu");
        }

        return ways.Count == 0 ? "Inscription : renseignez-vous auprès du lieu." : $"Inscription : {string.Join(", ", ways)}.";
    }

    private static string FirstUpper(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];
}
