using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Web.Languages;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// « Mis à jour le 12 mars 2026 · Source : France services » under a place, and once it is stale an amber
/// « Informations à vérifier » before it: said in words (the colour only repeats it), read in order by a screen
/// reader (the middle dot is hidden from it, a comma stands for it).
/// </summary>
internal static class FreshnessLine
{
    public static string Html(Texts t, Freshness freshness)
    {
        ArgumentNullException.ThrowIfNull(freshness);
        var line = t.H("fresh.updated", ("date", DateInWords(t, freshness.LastVerifiedAt)))
            + "<span aria-hidden=\"true\"> · </span><span class=\"visuellement-cache\">, </span>"
            + t.H("fresh.source", ("source", freshness.Source == SiteFreshness.PeopleLabel ? (object)t.T("fresh.team") : new Raw(t.FrSpan(freshness.Source))));
        return freshness.Stale
            ? "<p class=\"fraicheur fraicheur-ancienne\"><strong class=\"a-verifier\">" + t.H("fresh.stale") + "</strong><span class=\"visuellement-cache\"> :</span> " + line + "</p>"
            : "<p class=\"fraicheur\">" + line + "</p>";
    }

    /// <summary>« 12 mars 2026 », « 1er avril 2026 »: the day in Paris, in the page's words.</summary>
    public static string DateInWords(Texts t, DateTimeOffset at) => t.DayMonthYear(DateOnly.FromDateTime(ParisTime.ToParis(at).DateTime));

    /// <summary>« 12 mars 2026 » in French.</summary>
    public static string DateInWords(DateTimeOffset at) => DateInWords(Texts.French, at);
}
