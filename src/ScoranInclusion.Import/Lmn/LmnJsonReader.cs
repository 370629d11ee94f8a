using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Import.Lmn;

/// <summary>
/// Reads the national standard as JSON, one object at a time in bounded memory, in both forms
/// of §1.6 of the peers document, even mixed in one file:
/// <list type="bullet">
/// <item>flat: the CSV's keys with <c>|</c>-joined strings (the ANCT library's and API v0's output);</item>
/// <item>nested: arrays instead of joined strings, and grouped fields: <c>adresse</c> as
/// <c>{numero_voie, repetition, nom_voie, code_postal, code_insee, commune}</c> (the cartographie's
/// DataSpace form) or <c>{voie, complement_adresse, code_postal, code_insee, commune}</c> (the
/// library's model), <c>localisation {latitude, longitude}</c>, <c>contact {telephone, courriels[],
/// site_web[]}</c>, <c>presentation {resume, detail}</c>.</item>
/// </list>
/// The objects may be the elements of an array, of an array wrapped in an object
/// (<c>{"lieux": […]}</c>), or a JSON Lines file. <c>mediateurs</c> (people's names, e-mails and
/// phones) is never read: the directory holds places, not people.
/// </summary>
public static class LmnJsonReader
{
    internal const string EmptyMessage = "Le fichier est vide : un tableau JSON d'objets (ou un objet par ligne) est attendu.";

    /// <summary>Reads UTF-8 JSON (a byte order mark is skipped); the stream is left open.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return DuplicateIds.Reject(ReadRows(stream, options), RowNames.Json);
    }

    /// <summary>The fields of one object, flat or nested, and the problems met in reading its JSON shape.</summary>
    internal static (LmnFields Fields, List<ValidationIssue> Issues, List<string> UnknownKeys) ToFields(JsonElement record)
    {
        var fields = new LmnFields();
        var issues = new List<ValidationIssue>();
        var unknown = new List<string>();
        foreach (var property in record.EnumerateObject())
        {
            var name = property.Name.Trim().ToLowerInvariant();
            var value = property.Value;
            switch (name)
            {
                case SiteFields.Adresse when value.ValueKind == JsonValueKind.Object:
                    ReadAdresse(value, fields, issues);
                    break;
                case "localisation":
                    ReadLocalisation(value, fields, issues);
                    break;
                case "contact":
                    ReadGroup(value, fields, issues, name, ("telephone", SiteFields.Telephone), ("courriels", SiteFields.Courriels),
                        ("courriel", SiteFields.Courriels), ("site_web", SiteFields.SiteWeb));
                    break;
                case "presentation":
                    ReadGroup(value, fields, issues, name, ("resume", SiteFields.PresentationResume), ("detail", SiteFields.PresentationDetail));
                    break;
                case "mediateurs":
                    break;
                case Storage.Sites.TemporaryNoticesJson.ExportClosuresKey or Storage.Sites.TemporaryNoticesJson.ExportNoticesKey or Storage.Sites.SpokenLanguagesColumn.ExportKey:
                    // Our JSON export's extension fields: people's closures and notices are given on the edit page, never imported.
                    break;
                default:
                    if (!SiteFields.All.Contains(name) && !LmnLegacy.IsKnownColumn(name))
                    {
                        unknown.Add(name);
                        break;
                    }

                    Set(fields, issues, name, value, overwrite: true);
                    break;
            }
        }

        return (fields, issues, unknown);
    }

    /// <summary>
    /// A JSON string's text. A string that is not valid UTF-8 (a file saved as Latin-1) cannot
    /// be decoded strictly: its bytes are decoded with replacement characters instead, which
    /// the parser reports, rather than the whole file failing.
    /// </summary>
    internal static string StringOf(JsonElement element)
    {
        try
        {
            return element.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            return Encoding.UTF8.GetString(raw.Length >= 2 ? raw[1..^1] : raw);
        }
    }

    /// <summary>A scalar as the CSV would hold it: a string's text, a number as written; null for null.</summary>
    internal static string? ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => StringOf(element),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static IEnumerable<ImportRow> ReadRows(Stream stream, ImportReadOptions options)
    {
        using var json = new JsonRecordStream(stream, options.MaxJsonRecordBytes);
        var unknownSeen = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        foreach (var item in json.Items())
        {
            switch (item.Kind)
            {
                case JsonItemKind.Record:
                    ImportRow row;
                    List<string> unknown;
                    using (var document = item.Document!)
                    {
                        (row, unknown) = ParseRecord(item, document.RootElement, options.Today);
                    }

                    var fresh = unknown.Where(k => unknownSeen.Count < 100 && unknownSeen.Add(k)).ToList();
                    if (fresh.Count > 0)
                    {
                        yield return ImportRow.FileIssue(item.Index, item.Line,
                            $"Clé(s) inconnue(s) du standard, ignorée(s) (vue(s) à partir de l'objet n° {item.Index}) : {string.Join(", ", fresh)}.",
                            ValidationSeverity.Warning);
                    }

                    read++;
                    yield return row;
                    break;

                case JsonItemKind.NotAnObject:
                    read++;
                    yield return Rejected(item, $"L'élément n° {item.Index} du tableau est {item.Detail}, pas un objet : il est ignoré.");
                    break;

                case JsonItemKind.TooLarge:
                    read++;
                    yield return Rejected(item,
                        $"L'objet n° {item.Index} dépasse {JsonRecordStream.Size(options.MaxJsonRecordBytes)} : il est ignoré sans être lu (un lieu tient en quelques kilo-octets).");
                    break;

                case JsonItemKind.Malformed:
                    yield return ImportRow.FileIssue(item.Index, item.Line, MalformedMessage(item, read));
                    break;
            }
        }

        if (!json.SawValue)
        {
            yield return ImportRow.FileIssue(1, 1, EmptyMessage);
        }
    }

    internal static string MalformedMessage(JsonItem item, int rowsBefore) =>
        string.Create(CultureInfo.InvariantCulture,
            $"JSON mal formé à la ligne {item.Line}, colonne {item.Column} : {item.Detail}. La lecture s'arrête là ; {(rowsBefore == 0 ? "aucun objet n'a été lu avant" : $"les {rowsBefore} objet(s) lu(s) avant sont conservés")}.");

    private static ImportRow Rejected(JsonItem item, string message) =>
        new(item.Index, item.Line, null, null, [new ValidationIssue(ImportRow.RowField, null, message, ValidationSeverity.Error)]);

    private static (ImportRow Row, List<string> UnknownKeys) ParseRecord(JsonItem item, JsonElement root, DateOnly? today)
    {
        var (fields, shapeIssues, unknown) = ToFields(root);
        var row = LmnRecordParser.Parse(item.Index, item.Line, fields, today);
        if (shapeIssues.Count > 0)
        {
            var rejected = row.IsRejected || shapeIssues.Exists(i => i.Severity == ValidationSeverity.Error && LmnRecordParser.RequiredFields.Contains(i.Field));
            row = row with { Site = rejected ? null : row.Site, Issues = [.. shapeIssues, .. row.Issues] };
        }

        return (row, unknown);
    }

    /// <summary>Sets a field from a JSON value: a scalar as text, an array as separate values; an object is refused.</summary>
    private static void Set(LmnFields fields, List<ValidationIssue> issues, string field, JsonElement value, bool overwrite)
    {
        if (!overwrite && fields.Contains(field))
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.Array:
                var values = new List<string>();
                foreach (var element in value.EnumerateArray())
                {
                    if (ScalarText(element) is { } text)
                    {
                        values.Add(text);
                    }
                    else if (element.ValueKind != JsonValueKind.Null)
                    {
                        issues.Add(new ValidationIssue(field, null,
                            $"Un élément de la liste {field} est {(element.ValueKind == JsonValueKind.Object ? "un objet" : "un tableau")} au lieu d'un texte : il est ignoré.",
                            ValidationSeverity.Error));
                    }
                }

                fields.SetValues(field, values);
                return;
            case JsonValueKind.Object:
                issues.Add(new ValidationIssue(field, LmnRecordParser.Excerpt(value.GetRawText()),
                    $"Un objet JSON n'est pas attendu pour {field} (un texte ou une liste) : la valeur est ignorée.",
                    ValidationSeverity.Error));
                return;
            default:
                fields[field] = ScalarText(value);
                return;
        }
    }

    private static void ReadAdresse(JsonElement adresse, LmnFields fields, List<ValidationIssue> issues)
    {
        string? Part(string name) =>
            adresse.TryGetProperty(name, out var v) && ScalarText(v) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

        // DataSpace splits the street part; the library keeps it whole as "voie".
        var voie = Part("voie")
            ?? (string.Join(' ', new[] { Part("numero_voie"), Part("repetition"), Part("nom_voie") }.Where(p => p is not null)) is { Length: > 0 } joined
                ? joined
                : null);
        fields.SetIfAbsent(SiteFields.Adresse, voie);
        foreach (var (key, field) in new[]
        {
            ("complement_adresse", SiteFields.ComplementAdresse), ("complement", SiteFields.ComplementAdresse),
            ("code_postal", SiteFields.CodePostal), ("code_insee", SiteFields.CodeInsee), ("commune", SiteFields.Commune),
        })
        {
            if (adresse.TryGetProperty(key, out var value))
            {
                Set(fields, issues, field, value, overwrite: false);
            }
        }
    }

    private static void ReadLocalisation(JsonElement localisation, LmnFields fields, List<ValidationIssue> issues)
    {
        if (localisation.ValueKind != JsonValueKind.Object)
        {
            if (localisation.ValueKind != JsonValueKind.Null)
            {
                issues.Add(new ValidationIssue(SiteFields.Latitude, LmnRecordParser.Excerpt(localisation.GetRawText()),
                    "localisation doit être un objet {latitude, longitude} : la position est ignorée.", ValidationSeverity.Error));
            }

            return;
        }

        // A GeoJSON point gives [longitude, latitude], in that order.
        if (localisation.TryGetProperty("coordinates", out var coordinates) && coordinates.ValueKind == JsonValueKind.Array && coordinates.GetArrayLength() == 2)
        {
            Set(fields, issues, SiteFields.Longitude, coordinates[0], overwrite: false);
            Set(fields, issues, SiteFields.Latitude, coordinates[1], overwrite: false);
            return;
        }

        ReadGroup(localisation, fields, issues, "localisation", ("latitude", SiteFields.Latitude), ("longitude", SiteFields.Longitude));
    }

    private static void ReadGroup(JsonElement group, LmnFields fields, List<ValidationIssue> issues, string name, params (string Key, string Field)[] members)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            if (group.ValueKind != JsonValueKind.Null)
            {
                issues.Add(new ValidationIssue(members[0].Field, LmnRecordParser.Excerpt(group.GetRawText()),
                    $"{name} doit être un objet ({string.Join(", ", members.Select(m => m.Key))}) : la valeur est ignorée.", ValidationSeverity.Error));
            }

            return;
        }

        foreach (var (key, field) in members)
        {
            if (group.TryGetProperty(key, out var value))
            {
                Set(fields, issues, field, value, overwrite: false);
            }
        }
    }
}
