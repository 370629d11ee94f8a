using System.Globalization;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>
/// People's edits of a place are one more source record of it (provenance <see cref="Provenance"/>), whose
/// fields are dated by the day of their edit. <see cref="SiteComposer"/> lets an edited field win over imports
/// until a source sends a strictly later <c>date_maj</c> for that field: a re-import of an unchanged export never
/// undoes a mediator's correction, and a newer update from the source still reaches the place.
/// </summary>
public static class SiteEdits
{
    public const string Provenance = "edition";

    /// <summary>The key of the edit record of a place: unique with <see cref="Provenance"/>.</summary>
    public static string SourceIdOf(long siteKey) => "site:" + siteKey.ToString(CultureInfo.InvariantCulture);

    /// <summary>The fields edited together: the address as a whole, the point as a whole.</summary>
    public static string GroupOf(string field) => field switch
    {
        SiteFields.ComplementAdresse or SiteFields.CodePostal or SiteFields.CodeInsee or SiteFields.Commune => SiteFields.Adresse,
        SiteFields.Longitude => SiteFields.Latitude,
        _ => field,
    };

    public static IReadOnlyDictionary<string, DateOnly>? ParseFields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return raw.ToDictionary(p => p.Key, p => DateOnly.ParseExact(p.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public static string FormatFields(IReadOnlyDictionary<string, DateOnly> fields) =>
        JsonSerializer.Serialize(fields.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}
