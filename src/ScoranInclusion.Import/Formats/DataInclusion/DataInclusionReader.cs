using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats.DataInclusion;

/// <summary>Which of data.inclusion's two files a stream holds.</summary>
public enum DataInclusionFileKind
{
    /// <summary>Structures (places): <c>id</c>, <c>nom</c>, address, <c>reseaux_porteurs</c>…</summary>
    Structures,

    /// <summary>Services, each tied to its structure by <c>structure_id</c>: <c>type</c>, <c>thematiques</c>, <c>publics</c>…</summary>
    Services,
}

/// <summary>
/// Reads data.inclusion exports (schema v1, and the v0 fields older exports still carry) as
/// sites of the national standard: one site per structure, the structure's services folded
/// into it (types, thematiques, publics, fees, modes of access), by the official crosswalk
/// read backwards (<see cref="DataInclusionMapping"/>, Formats/README.md). Each file is a JSON
/// array (possibly wrapped, as the API's <c>{"items": […]}</c>) or JSON Lines, read object by
/// object. Services are read first and kept only as what they give their structure (a few
/// labels per structure), so memory stays bounded by the number of structures.
/// </summary>
public static class DataInclusionReader
{
    // The standard's field → the data.inclusion field its value came from, for the report.
    private static readonly Dictionary<string, string> _sourceNames = new(StringComparer.Ordinal)
    {
        [SiteFields.Pivot] = "siret",
        [SiteFields.Courriels] = "courriel",
        [SiteFields.Horaires] = "horaires_accueil",
        [SiteFields.FicheAccesLibre] = "accessibilite_lieu",
        [SiteFields.PriseRdv] = "lien_mobilisation",
    };

    /// <summary>Reads one file, structures or services, told apart by its first object (a service has <c>structure_id</c>).</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return DuplicateIds.Reject(ReadOne(stream, options), RowNames.Json);
    }

    /// <summary>
    /// Reads a structures file and its services file (either may be null): each structure
    /// becomes a site with its services folded in; services whose structure is missing are
    /// reported, grouped by structure. With services alone, each group of services makes a site.
    /// </summary>
    public static IEnumerable<ImportRow> Read(Stream? structures, Stream? services, ImportReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (structures is null && services is null)
        {
            throw new ArgumentException("Au moins un fichier de data.inclusion (structures ou services) est attendu.", nameof(structures));
        }

        return DuplicateIds.Reject(ReadPair(structures, services, options), RowNames.Json);
    }

    /// <summary>The kind of a JSON object: a service has a <c>structure_id</c>.</summary>
    public static DataInclusionFileKind KindOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("structure_id", out _)
            ? DataInclusionFileKind.Services
            : DataInclusionFileKind.Structures;

    private static IEnumerable<ImportRow> ReadOne(Stream stream, ImportReadOptions options)
    {
        using var json = new JsonRecordStream(stream, options.MaxJsonRecordBytes);
        using var items = json.Items().GetEnumerator();

        // Look ahead to the first object to know the kind, keeping what came before it.
        var head = new List<JsonItem>();
        var kind = DataInclusionFileKind.Structures;
        while (items.MoveNext())
        {
            head.Add(items.Current);
            if (items.Current.Kind == JsonItemKind.Record)
            {
                kind = KindOf(items.Current.Document!.RootElement);
                break;
            }
        }

        if (!json.SawValue)
        {
            yield return ImportRow.FileIssue(1, 1, LmnJsonReader.EmptyMessage);
            yield break;
        }

        var all = Concat(head, items);
        if (kind == DataInclusionFileKind.Structures)
        {
            foreach (var row in Structures(all, new Dictionary<string, ServiceGroup>(StringComparer.Ordinal), options))
            {
                yield return row;
            }

            yield break;
        }

        var groups = new Dictionary<string, ServiceGroup>(StringComparer.Ordinal);
        foreach (var issue in Services(all, groups))
        {
            yield return issue;
        }

        foreach (var row in ServicesOnly(groups, options))
        {
            yield return row;
        }
    }

    private static IEnumerable<ImportRow> ReadPair(Stream? structures, Stream? services, ImportReadOptions options)
    {
        var groups = new Dictionary<string, ServiceGroup>(StringComparer.Ordinal);
        if (services is not null)
        {
            using var json = new JsonRecordStream(services, options.MaxJsonRecordBytes);
            foreach (var issue in Services(json.Items(), groups))
            {
                yield return issue;
            }
        }

        if (structures is null)
        {
            foreach (var row in ServicesOnly(groups, options))
            {
                yield return row;
            }

            yield break;
        }

        using (var json = new JsonRecordStream(structures, options.MaxJsonRecordBytes))
        {
            foreach (var row in Structures(json.Items(), groups, options))
            {
                yield return row;
            }

            if (!json.SawValue)
            {
                yield return ImportRow.FileIssue(1, 1, "Fichier des structures : " + LmnJsonReader.EmptyMessage);
            }
        }

        // Services whose structure the structures file does not have.
        foreach (var (structureId, group) in groups.Where(g => !g.Value.Used).OrderBy(g => g.Value.FirstRow))
        {
            yield return new ImportRow(group.FirstRow, group.FirstLine, structureId, null,
            [
                new ValidationIssue("structure_id", structureId,
                    $"{group.Count} service(s) du fichier des services (le premier : objet n° {group.FirstRow}, ligne {group.FirstLine}) se rattachent à la structure « {structureId} », absente du fichier des structures : ils ne sont pas importés.",
                    ValidationSeverity.Error),
            ]);
        }
    }

    private static IEnumerable<T> Concat<T>(List<T> head, IEnumerator<T> rest)
    {
        foreach (var item in head)
        {
            yield return item;
        }

        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }

    /// <summary>Reads every service into its structure's group; yields only what is wrong with the services file.</summary>
    private static IEnumerable<ImportRow> Services(IEnumerable<JsonItem> items, Dictionary<string, ServiceGroup> groups)
    {
        var read = 0;
        var withoutStructure = new List<int>();
        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case JsonItemKind.Record:
                    read++;
                    using (var document = item.Document!)
                    {
                        var service = document.RootElement;
                        var structureId = Text(service, "structure_id");
                        if (structureId is null)
                        {
                            withoutStructure.Add(item.Index);
                            break;
                        }

                        if (!groups.TryGetValue(structureId, out var group))
                        {
                            groups[structureId] = group = new ServiceGroup(item.Index, item.Line);
                        }

                        group.Add(service);
                    }

                    break;

                case JsonItemKind.NotAnObject:
                case JsonItemKind.TooLarge:
                    read++;
                    yield return ImportRow.FileIssue(item.Index, item.Line,
                        $"Fichier des services, objet n° {item.Index} (ligne {item.Line}) : {(item.Kind == JsonItemKind.TooLarge ? "trop volumineux" : $"{item.Detail} au lieu d'un objet")}, il est ignoré.");
                    break;

                case JsonItemKind.Malformed:
                    yield return ImportRow.FileIssue(item.Index, item.Line, "Fichier des services : " + LmnJsonReader.MalformedMessage(item, read));
                    break;
            }
        }

        if (withoutStructure.Count > 0)
        {
            yield return ImportRow.FileIssue(withoutStructure[0], 0,
                $"Fichier des services : {withoutStructure.Count} service(s) sans structure_id, ignoré(s) (objet(s) n° {string.Join(", ", withoutStructure.Take(20))}{(withoutStructure.Count > 20 ? "…" : "")}).");
        }
    }

    private static IEnumerable<ImportRow> Structures(IEnumerable<JsonItem> items, Dictionary<string, ServiceGroup> groups, ImportReadOptions options)
    {
        var read = 0;
        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case JsonItemKind.Record:
                    read++;
                    ImportRow row;
                    using (var document = item.Document!)
                    {
                        var structure = document.RootElement;
                        var group = FindGroup(groups, structure);
                        var mapped = new StructureMapping(structure, group);
                        row = Finish(LmnRecordParser.Parse(item.Index, item.Line, mapped.Fields, options.Today), mapped.Issues);
                    }

                    yield return row;
                    break;

                case JsonItemKind.NotAnObject:
                case JsonItemKind.TooLarge:
                    read++;
                    yield return new ImportRow(item.Index, item.Line, null, null,
                    [
                        new ValidationIssue(ImportRow.RowField, null,
                            item.Kind == JsonItemKind.TooLarge
                                ? $"La structure n° {item.Index} dépasse {JsonRecordStream.Size(options.MaxJsonRecordBytes)} : elle est ignorée sans être lue."
                                : $"L'élément n° {item.Index} est {item.Detail}, pas un objet : il est ignoré.",
                            ValidationSeverity.Error),
                    ]);
                    break;

                case JsonItemKind.Malformed:
                    yield return ImportRow.FileIssue(item.Index, item.Line, LmnJsonReader.MalformedMessage(item, read));
                    break;
            }
        }
    }

    /// <summary>Sites made of services alone (no structures file): each group of services is a place.</summary>
    private static IEnumerable<ImportRow> ServicesOnly(Dictionary<string, ServiceGroup> groups, ImportReadOptions options)
    {
        foreach (var (structureId, group) in groups.OrderBy(g => g.Value.FirstRow))
        {
            var mapped = new StructureMapping(structureId, group);
            yield return Finish(LmnRecordParser.Parse(group.FirstRow, group.FirstLine, mapped.Fields, options.Today), mapped.Issues);
        }
    }

    /// <summary>The parsed row with the mapping's own issues first, and fields named as in data.inclusion where they came from one.</summary>
    private static ImportRow Finish(ImportRow row, List<ValidationIssue> mappingIssues)
    {
        var issues = mappingIssues
            .Concat(row.Issues.Select(i => _sourceNames.TryGetValue(i.Field, out var source) ? i with { Field = source } : i))
            .ToList();
        return row with { Issues = issues };
    }

    /// <summary>The services of a structure: by its id, or by the same id with or without its <c>source--</c> prefix (v0 exports omit it).</summary>
    private static ServiceGroup? FindGroup(Dictionary<string, ServiceGroup> groups, JsonElement structure)
    {
        if (groups.Count == 0 || Text(structure, "id") is not { } id)
        {
            return null;
        }

        var source = Text(structure, "source");
        var prefix = source is null ? null : source + "--";
        ServiceGroup? group = null;
        if (groups.TryGetValue(id, out var exact))
        {
            group = exact;
        }
        else if (prefix is not null && id.StartsWith(prefix, StringComparison.Ordinal) && groups.TryGetValue(id[prefix.Length..], out var bare))
        {
            group = bare;
        }
        else if (prefix is not null && groups.TryGetValue(prefix + id, out var prefixed))
        {
            group = prefixed;
        }

        if (group is not null)
        {
            group.Used = true;
        }

        return group;
    }

    /// <summary>A property's text: a string's, a number as written; null when absent, null or blank.</summary>
    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && LmnJsonReader.ScalarText(value) is { } text
            && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>A property read as a list: an array's scalars, or a single scalar.</summary>
    internal static IEnumerable<string> Strings(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Select(LmnJsonReader.ScalarText).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToList();
        }

        return LmnJsonReader.ScalarText(value) is { } text && !string.IsNullOrWhiteSpace(text) ? [text.Trim()] : [];
    }
}
