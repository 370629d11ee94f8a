using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Sites;

/// <summary>
/// Temporary closures and notices as stored (<see cref="SiteEntity.Closures"/>, <see cref="SiteEntity.Notices"/>), in the
/// change history and in the JSON export: a JSON array of objects with French keys, dates as <c>yyyy-MM-dd</c>
/// (<c>[{"debut":"2026-12-22","fin":"2027-01-02","motif":"congés"}]</c>, <c>[{"debut":…,"fin":…,"texte":"…"}]</c>),
/// readable by a person and independent of the C# model. An empty list is stored as null.
/// </summary>
public static class TemporaryNoticesJson
{
    public const string StartKey = "debut";
    public const string EndKey = "fin";
    public const string ReasonKey = "motif";
    public const string TextKey = "texte";

    /// <summary>The JSON export's extension field of closures (after the standard's 32 keys; the import ignores it).</summary>
    public const string ExportClosuresKey = "fermetures_temporaires";

    /// <summary>The JSON export's extension field of notices.</summary>
    public const string ExportNoticesKey = "avis";

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Format(IReadOnlyList<SiteClosure> closures) =>
        closures.Count == 0 ? null : Write(w => Write(w, closures));

    public static string? Format(IReadOnlyList<SiteNotice> notices) =>
        notices.Count == 0 ? null : Write(w => Write(w, notices));

    /// <summary>Writes the closures as a JSON array (the stored form) on <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<SiteClosure> closures)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var closure in closures)
        {
            writer.WriteStartObject();
            writer.WriteString(StartKey, Day(closure.Start));
            writer.WriteString(EndKey, Day(closure.End));
            if (closure.Reason is { } reason)
            {
                writer.WriteString(ReasonKey, reason);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the notices as a JSON array (the stored form) on <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<SiteNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var notice in notices)
        {
            writer.WriteStartObject();
            writer.WriteString(StartKey, Day(notice.Start));
            writer.WriteString(EndKey, Day(notice.End));
            writer.WriteString(TextKey, notice.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static IReadOnlyList<SiteClosure> ParseClosures(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. Objects(json).Select(o => new SiteClosure(Date(o, StartKey), Date(o, EndKey), Text(o, ReasonKey)))];

    public static IReadOnlyList<SiteNotice> ParseNotices(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. Objects(json).Select(o => new SiteNotice(Date(o, StartKey), Date(o, EndKey), Text(o, TextKey) ?? ""))];

    /// <summary>
    /// Stores the closures and notices of <paramref name="edited"/> that <paramref name="fields"/> names on the place, with one
    /// history row per list that changed (the whole list before and after, in the stored form). A change moves the
    /// place's version once: when <paramref name="versionMoved"/>, the standard fields' own changes already moved it.
    /// </summary>
    /// <returns>The changes written (none when the lists are as they were).</returns>
    public static IReadOnlyList<FieldChange> Apply(
        ScoranDbContext db, SiteEntity site, Site edited, IReadOnlySet<string> fields, ChangeContext context, bool versionMoved, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(context);
        var changes = new List<FieldChange>();
        if (fields.Contains(TemporaryNotices.ClosuresField) && Format(edited.Closures) is var closures && closures != site.Closures)
        {
            changes.Add(new FieldChange(TemporaryNotices.ClosuresField, site.Closures, closures));
            site.Closures = closures;
        }

        if (fields.Contains(TemporaryNotices.NoticesField) && Format(edited.Notices) is var notices && notices != site.Notices)
        {
            changes.Add(new FieldChange(TemporaryNotices.NoticesField, site.Notices, notices));
            site.Notices = notices;
        }

        if (changes.Count == 0)
        {
            return changes;
        }

        context.RecordOnPlace(db, site, changes, versionMoved, now);
        return changes;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<JsonElement> Objects(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static DateOnly Date(JsonElement o, string key) =>
        DateOnly.ParseExact(o.GetProperty(key).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement o, string key) =>
        o.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
