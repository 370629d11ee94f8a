using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Sites;

/// <summary>
/// The languages spoken at a place as stored (<see cref="SiteEntity.LanguesParlees"/>: codes joined with <c>|</c>), written
/// by people's edits with one history row (the whole list before and after). People's only: no source gives them, so they
/// live on the place, outside the source records, as temporary closures do.
/// </summary>
public static class SpokenLanguagesColumn
{
    /// <summary>The JSON export's extension field (after the standard's 32 keys; the import ignores it): <c>"langues_parlees": ["uk","ar"]</c>.</summary>
    public const string ExportKey = SpokenLanguages.Field;

    /// <summary>
    /// Stores the languages of <paramref name="edited"/> when <paramref name="fields"/> names them and they changed. A change
    /// moves the place's version once: when <paramref name="versionMoved"/>, other changes of the edit already moved it.
    /// </summary>
    /// <returns>The change written, or null.</returns>
    public static FieldChange? Apply(
        ScoranDbContext db, SiteEntity site, Site edited, IReadOnlySet<string> fields, ChangeContext context, bool versionMoved, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(context);
        if (!fields.Contains(SpokenLanguages.Field) || SpokenLanguages.Format(edited.LanguesParlees) is var stored && stored == site.LanguesParlees)
        {
            return null;
        }

        var change = new FieldChange(SpokenLanguages.Field, site.LanguesParlees, stored);
        site.LanguesParlees = stored;
        context.RecordOnPlace(db, site, [change], versionMoved, now);
        return change;
    }
}
