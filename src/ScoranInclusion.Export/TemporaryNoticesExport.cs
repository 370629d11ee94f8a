using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Export;

/// <summary>
/// A place's temporary closures and dated notices in the JSON export: two extension fields after the standard's 32, written
/// only for a place that has some not yet over, in the stored form (<see cref="TemporaryNoticesJson"/>):
/// <c>"fermetures_temporaires": [{"debut":"2026-12-22","fin":"2027-01-02","motif":"congés"}]</c>,
/// <c>"avis": [{"debut":…,"fin":…,"texte":"…"}]</c>. The LMN CSV keeps the standard's columns exactly: they are not in it.
/// </summary>
public static class TemporaryNoticesExport
{
    public const string ClosuresKey = TemporaryNoticesJson.ExportClosuresKey;
    public const string NoticesKey = TemporaryNoticesJson.ExportNoticesKey;

    /// <summary>The place with only its closures and notices not over on <paramref name="today"/>.</summary>
    public static Site NotOver(Site site, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Closures.Count + site.Notices.Count == 0
            ? site
            : site with { Closures = TemporaryNotices.Upcoming(site.Closures, today), Notices = TemporaryNotices.Upcoming(site.Notices, today) };
    }

    /// <summary>Writes the extension fields of <paramref name="site"/> (each only when not empty) inside its open object.</summary>
    public static void Write(Utf8JsonWriter json, Site site)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(site);
        if (site.Closures.Count > 0)
        {
            json.WritePropertyName(ClosuresKey);
            TemporaryNoticesJson.Write(json, site.Closures);
        }

        if (site.Notices.Count > 0)
        {
            json.WritePropertyName(NoticesKey);
            TemporaryNoticesJson.Write(json, site.Notices);
        }
    }
}
