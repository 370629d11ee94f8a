using System.Text;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Web.Languages;
using ScoranInclusion.Workflows.Offers;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The workshops of a place in the server-rendered pages: one line in the list of <c>/lieux</c>,
/// the « Prochains ateliers » block of <c>/lieu/{id}</c>. Same wording as the widget; the offers' titles,
/// conditions and reasons are the places' own words, marked French.
/// </summary>
internal static class Workshops
{
    /// <summary>The sessions shown on a place's page.</summary>
    public const int DetailCount = 4;

    /// <summary>The days of the « avec un atelier » filter offered by the forms.</summary>
    public const int FilterDays = 14;

    public static string FilterLabel(int days) => FilterLabel(Texts.French, days);

    public static string FilterLabel(Texts t, int days) => t.P("search.workshops", days);

    /// <summary>« mardi 2 décembre à 14 h », « lundi 1er juin à 9 h 30 ».</summary>
    public static string DateText(Texts t, DateTimeOffset instant)
    {
        var paris = ParisTime.ToParis(instant);
        return t.T("workshop.dateAt", ("date", t.WeekdayDayMonth(DateOnly.FromDateTime(paris.DateTime))), ("time", t.Time(TimeOnly.FromDateTime(paris.DateTime))));
    }

    /// <summary>« 2 h », « 1 h 30 », « 45 min ».</summary>
    public static string DurationText(Texts t, TimeSpan duration)
    {
        var minutes = (int)Math.Round(duration.TotalMinutes);
        return minutes < 60 ? t.T("duration.min", ("n", minutes))
            : minutes % 60 == 0 ? t.T("duration.h", ("h", minutes / 60))
            : t.T("duration.hm", ("h", minutes / 60), ("mm", (minutes % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>« 3 places », « 1 place », « complet », « annulé » ; null when the seats are not limited.</summary>
    public static string? SeatsText(Texts t, StoredSession session, DateTimeOffset now) => session.StatusAt(now) switch
    {
        SessionStatus.Cancelled => t.T("workshop.cancelled"),
        SessionStatus.Full => t.T("workshop.full"),
        _ => session.RemainingSeats is { } n ? t.P("workshop.seats", n) : null,
    };

    /// <summary>The first session that is neither cancelled nor full, for the list.</summary>
    public static StoredSession? NextOpen(IEnumerable<StoredSession> sessions, DateTimeOffset now) =>
        sessions.FirstOrDefault(s => s.StatusAt(now) == SessionStatus.Scheduled);

    /// <summary>« Prochain atelier : mardi 2 décembre à 14 h — Découvrir Mon Espace Santé, 3 places » (HTML, the title marked French).</summary>
    public static string NextLine(Texts t, StoredSession session, Offer offer, DateTimeOffset now)
    {
        var seats = SeatsText(t, session, now);
        var title = new Raw(t.FrSpan(offer.Title));
        return seats is null
            ? t.H("workshop.next", ("date", DateText(t, session.StartsAt)), ("title", title))
            : t.H("workshop.nextSeats", ("date", DateText(t, session.StartsAt)), ("title", title), ("seats", seats));
    }



    public static string FeeHtml(Texts t, Offer offer) => offer.Fee switch
    {
        OfferFee.Free => t.H("workshop.free"),
        OfferFee.FreeUnderCondition => offer.FeeCondition is { Length: > 0 } c ? t.H("workshop.freeConditionText", ("condition", new Raw(t.FrSpan(c)))) : t.H("workshop.freeCondition"),
        _ => offer.FeeCondition is { Length: > 0 } p ? t.H("workshop.paidText", ("condition", new Raw(t.FrSpan(p)))) : t.H("workshop.paid"),
    };

    public static string FormatText(Texts t, Offer offer, StoredSession session) =>
        offer.Format == OfferFormat.Remote || session.RemoteUrl is not null ? t.T("workshop.remote")
        : offer.Format == OfferFormat.IndividualHelp ? t.T("workshop.individual")
        : t.T("workshop.group");

    /// <summary>The « Prochains ateliers » block: a heading, one list item a session, the calendar link. Empty when there is no session.</summary>
    public static string Block(Texts t, IReadOnlyList<StoredSession> sessions, IReadOnlyDictionary<long, StoredOffer> offers, string siteId, DateTimeOffset now)
    {
        var shown = sessions.Where(s => offers.ContainsKey(s.OfferKey)).ToList();
        if (shown.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<h2 id=\"ateliers\">").Append(t.H("workshop.heading")).Append("</h2><ul class=\"ateliers\">");
        foreach (var session in shown)
        {
            var offer = offers[session.OfferKey].Offer;
            var status = session.StatusAt(now);
            b.Append(status == SessionStatus.Cancelled ? "<li class=\"atelier annule\">" : "<li class=\"atelier\">");
            b.Append("<p class=\"atelier-titre\"><strong").Append(t.Fr).Append('>').Append(E(offer.Title)).Append("</strong>");
            if (offer.IsExample)
            {
                b.Append(" <span class=\"exemple\">").Append(t.H("workshop.example")).Append("</span>");
            }

            b.Append("</p><p>").Append(E(FirstUpper(t, DateText(t, session.StartsAt)))).Append(" (").Append(E(DurationText(t, session.EndsAt - session.StartsAt))).Append(')');
            if (SeatsText(t, session, now) is { } seats)
            {
                b.Append(" · <strong>").Append(E(seats)).Append("</strong>");
            }

            b.Append("</p>");
            if (status == SessionStatus.Cancelled && session.CancelReason is { Length: > 0 } reason)
            {
                b.Append("<p>").Append(t.H("workshop.reason", ("reason", new Raw(t.FrSpan(reason))))).Append("</p>");
            }

            b.Append("<p>").Append(FeeHtml(t, offer)).Append(" · ").Append(E(FormatText(t, offer, session)));
            if (session.RemoteUrl is { } remote && CitizenPages.IsHttp(remote) && status != SessionStatus.Cancelled)
            {
                b.Append(" : <a href=\"").Append(E(remote)).Append("\">").Append(t.H("workshop.remoteLink"))
                    .Append("<span class=\"visuellement-cache\"> « ").Append(t.FrSpan(offer.Title)).Append(" »</span></a>");
            }

            b.Append("</p>");
            if (status != SessionStatus.Cancelled)
            {
                b.Append("<p>").Append(RegistrationHtml(t, offer.Registration, offer.Title)).Append("</p>");
            }

            b.Append("</li>");
        }

        b.Append("</ul><p><a href=\"/calendar/").Append(Url(siteId)).Append(".ics\">").Append(t.H("workshop.calendar")).Append("</a> ")
            .Append(t.H("workshop.calendarNote")).Append("</p>");
        return b.ToString();
    }

    /// <summary>« Inscription : en ligne, par téléphone au 03 85 00 00 00, sur place. »</summary>
    public static string RegistrationHtml(Texts t, Registration registration, string title)
    {
        var ways = new List<string>();
        if (registration.Url is { } url && CitizenPages.IsHttp(url))
        {
            ways.Add($"<a href=\"{E(url)}\">{t.H("workshop.online")}<span class=\"visuellement-cache\"> {t.H("workshop.onlineFor", ("title", new Raw(t.FrSpan(title))))}</span></a>");
        }

        if (registration.Telephone is { Length: > 0 } tel)
        {
            ways.Add(t.H("workshop.byPhone", ("phone", new Raw($"<a href=\"tel:{E(tel)}\">{E(CitizenPages.Phone(tel))}</a>"))));
        }

        if (registration.Courriel is { Length: > 0 } mail)
        {
            ways.Add(t.H("workshop.byEmail", ("email", new Raw($"<a href=\"mailto:{E(mail)}\">{E(mail)}</a>"))));
        }

        if (registration.OnSite)
        {
            ways.Add(t.H("workshop.onSite"));
        }

        return ways.Count == 0 ? t.H("workshop.registrationNone") : t.H("workshop.registration", ("ways", new Raw(string.Join(t.T("list.separator"), ways))));
    }

    private static string FirstUpper(Texts t, string text) => text.Length == 0 ? text : char.ToUpper(text[0], t.Culture) + text[1..];
}
