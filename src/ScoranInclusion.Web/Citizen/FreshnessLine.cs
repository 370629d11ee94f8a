using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// « Mis à jour le 12 mars 2026 · Source : France services » under a place, and once it is stale an amber
/// « Informations à vérifier » before it: said in words (the colour only repeats it), read in order by a screen
/// reader (the middle dot is hidden from it, a comma stands for it).
/// </summary>
internal static class FreshnessLine
{
    public static string Html(Freshness freshness)
    {
        ArgumentNullException.ThrowIfNull(freshness);
        var line = "Mis à jour le " + E(DateInWords(freshness.LastVerifiedAt))
            + "<span aria-hidden=\"true\"> · </span><span class=\"visuellement-cache\">, </span>Source : " + E(freshness.Source);
        return freshness.Stale
            ? "<p class=\"fraicheur fraicheur-ancienne\"><strong class=\"a-verifier\">Informations à vérifier</strong><span class=\"visuellement-cache\"> :</span> " + line + "</p>"
            : "<p class=\"fraicheur\">" + line + "</p>";
    }

    /// <summary>« 12 mars 2026 », « 1er avril 2026 »: the day in Paris, in French words.</summary>
    public static string DateInWords(DateTimeOffset at)
    {
        var day = ParisTime.ToParis(at);
        return (day.Day == 1 ? "1er" : day.Day.ToString(French)) + " " + day.ToString("MMMM yyyy", French);
    }
}
