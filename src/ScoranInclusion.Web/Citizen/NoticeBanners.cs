using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Web.Languages;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The banner of a place's temporary closure and dated notices, on /lieu/{id} and each card of /lieux: shown from the
/// first day to the last (Paris days, the server's clock), never before nor after. Upcoming closures are listed under
/// the week's hours (« Fermetures prévues »). The reason and the notice are the place's own words, marked French.
/// </summary>
internal static class NoticeBanners
{
    /// <summary>The closures and notices in force today; empty when none.</summary>
    /// <param name="heading">A place's page gives the banner a heading (its outline lists it); a card does not.</param>
    public static string Html(Texts t, Site site, DateTimeOffset now, bool heading)
    {
        ArgumentNullException.ThrowIfNull(site);
        var today = TemporaryNotices.ParisDay(now);
        var closures = site.Closures.Where(c => TemporaryNotices.Covers(c.Start, c.End, today)).OrderBy(c => c.Start).ToList();
        var notices = site.Notices.Where(n => TemporaryNotices.Covers(n.Start, n.End, today)).OrderBy(n => n.Start).ToList();
        if (closures.Count == 0 && notices.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<div class=\"bandeau-avis\"");
        b.Append(heading ? " role=\"region\" aria-labelledby=\"bandeau-avis-titre\">" : ">");
        if (heading)
        {
            b.Append("<h2 id=\"bandeau-avis-titre\">").Append(t.H(closures.Count > 0 ? "notice.closure" : "notice.info")).Append("</h2>");
        }

        foreach (var closure in closures)
        {
            b.Append("<p class=\"bandeau-fermeture\"><strong>").Append(ClosureLabel(t, closure)).Append(".</strong></p>");
        }

        foreach (var notice in notices)
        {
            b.Append("<p class=\"bandeau-avis-texte\">").Append(t.FrSpan(notice.Text).Replace("\n", "<br>", StringComparison.Ordinal))
                .Append(" <span class=\"bandeau-dates\">(").Append(Period(t, notice.Start, notice.End)).Append(")</span></p>");
        }

        return b.Append("</div>").ToString();
    }

    /// <summary>« Fermé du 22 décembre au 2 janvier (congés) », as HTML, the reason marked French.</summary>
    public static string ClosureLabel(Texts t, SiteClosure closure)
    {
        var label = closure.Start == closure.End
            ? t.H("notice.closedDay", ("date", t.DayMonth(closure.Start)))
            : t.H("notice.closedPeriod", ("start", t.DayMonth(closure.Start)), ("end", t.DayMonth(closure.End)));
        return closure.Reason is { Length: > 0 } reason
            ? t.H("notice.reason", ("label", new Raw(label)), ("reason", new Raw(t.FrSpan(reason))))
            : label;
    }

    private static string Period(Texts t, DateOnly start, DateOnly end) => start == end
        ? t.H("notice.periodDay", ("date", t.DayMonth(start)))
        : t.H("notice.period", ("start", t.DayMonth(start)), ("end", t.DayMonth(end)));

    /// <summary>The closures still to come (not yet started), under the week's hours; empty when none.</summary>
    public static string Planned(Texts t, Site site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(site);
        var today = TemporaryNotices.ParisDay(now);
        var planned = TemporaryNotices.Upcoming(site.Closures, today).Where(c => c.Start > today).ToList();
        if (planned.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<p>").Append(t.H("notice.planned")).Append("</p><ul class=\"fermetures-prevues\">");
        foreach (var closure in planned)
        {
            b.Append("<li>").Append(ClosureLabel(t, closure)).Append("</li>");
        }

        return b.Append("</ul>").ToString();
    }
}
