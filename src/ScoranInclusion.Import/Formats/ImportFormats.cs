using System.Globalization;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats.DataInclusion;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats;

/// <summary>The source formats the importer reads.</summary>
public enum ImportFormat
{
    /// <summary>The national standard "lieux de médiation numérique" as CSV (v1, and v0.1), <c>lmn-csv</c>.</summary>
    LmnCsv,

    /// <summary>The national standard as JSON, flat or nested, array or JSON Lines, <c>lmn-json</c>.</summary>
    LmnJson,

    /// <summary>data.inclusion structures and/or services (schema v1, v0 fields too), <c>data-inclusion</c>.</summary>
    DataInclusion,

    /// <summary>The MedNum BFC CSV export (<c>bfc-ternum-dataset.csv</c>), <c>mednum-bfc</c>.</summary>
    MedNumBfc,

    /// <summary>The national list of France services (CSV, <c>id_fs, lib_fs, h_lundi…</c>), <c>france-services</c>.</summary>
    FranceServices,
}

/// <summary>What <see cref="ImportFormats.Detect(string)"/> concluded, and why, in French for the user.</summary>
/// <param name="Format">The format, or null when it could not be told (then <paramref name="Explanation"/> says why and what to do).</param>
public sealed record ImportFormatDetection(ImportFormat? Format, string Explanation)
{
    public bool Succeeded => Format is not null;
}

/// <summary>
/// The entry point of the import formats: names on the command line, detection from a file's
/// name and first bytes, and reading any format into <see cref="ImportRow"/>s, lazily, with
/// every defect reported on its row (or as a <see cref="ImportRow.FileIssue"/>), never thrown.
/// </summary>
public static class ImportFormats
{
    /// <summary><see cref="ImportReadOptions.Progress"/> is told every this many rows.</summary>
    public const int ProgressInterval = 256;

    /// <summary>How many bytes <see cref="Detect(string)"/> reads.</summary>
    public const int DetectionBytes = 64 * 1024;

    private static readonly (ImportFormat Format, string Name, string Label)[] _names =
    [
        (ImportFormat.LmnCsv, "lmn-csv", "standard des lieux de médiation numérique, CSV"),
        (ImportFormat.LmnJson, "lmn-json", "standard des lieux de médiation numérique, JSON"),
        (ImportFormat.DataInclusion, "data-inclusion", "data.inclusion (structures et services)"),
        (ImportFormat.MedNumBfc, "mednum-bfc", "export MedNum BFC"),
        (ImportFormat.FranceServices, "france-services", "liste nationale des France services"),
    ];

    // Files that are often mistaken for data: what they are, in French.
    private static readonly (byte[] Signature, string What)[] _binarySignatures =
    [
        ("PK\x03\x04"u8.ToArray(), "un classeur Excel (.xlsx), un document OpenDocument ou une archive ZIP"),
        ([0xD0, 0xCF, 0x11, 0xE0], "un classeur Excel ancien (.xls) ou un document Office"),
        ([0x1F, 0x8B], "un fichier compressé gzip (.gz) : décompressez-le d'abord"),
        ("BZh"u8.ToArray(), "un fichier compressé bzip2 (.bz2) : décompressez-le d'abord"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "un fichier compressé xz : décompressez-le d'abord"),
        ([0x28, 0xB5, 0x2F, 0xFD], "un fichier compressé zstd : décompressez-le d'abord"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "une archive 7-Zip"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "une image PNG"),
        ([0xFF, 0xD8, 0xFF], "une image JPEG"),
        ("GIF8"u8.ToArray(), "une image GIF"),
        ("%PDF-"u8.ToArray(), "un document PDF"),
        ("SQLite format 3\0"u8.ToArray(), "une base SQLite"),
    ];

    // Keys that only one of the two JSON families has.
    private static readonly HashSet<string> _dataInclusionKeys = new(StringComparer.Ordinal)
    {
        "structure_id", "thematiques", "reseaux_porteurs", "siret", "horaires_accueil", "accessibilite_lieu",
        "lien_source", "modes_mobilisation", "modes_accueil", "zone_eligibilite", "mobilisable_par", "description",
        "publics", "profils", "frais", "type", "types", "horaires_ouverture", "labels_nationaux", "courriel",
    };

    private static readonly HashSet<string> _lmnKeys = new(StringComparer.Ordinal)
    {
        SiteFields.Pivot, SiteFields.Services, SiteFields.FraisACharge, SiteFields.ModalitesAcces, SiteFields.ModalitesAccompagnement,
        SiteFields.PublicsSpecifiquementAdresses, SiteFields.PriseEnChargeSpecifique, SiteFields.DispositifProgrammesNationaux,
        SiteFields.FormationsLabels, SiteFields.AutresFormationsLabels, SiteFields.Courriels, SiteFields.Horaires,
        SiteFields.Itinerance, SiteFields.StructureParente, SiteFields.FicheAccesLibre,
        "localisation", "contact", "presentation", "mediateurs", "publics_accueillis", "conditions_acces",
    };

    /// <summary>The names accepted by <c>--format</c>, in the order of <see cref="ImportFormat"/>.</summary>
    public static IReadOnlyList<string> CliNames { get; } = [.. _names.Select(n => n.Name)];

    /// <summary>The <c>--format</c> name of a format: <c>lmn-csv</c>, <c>lmn-json</c>, <c>data-inclusion</c>, <c>mednum-bfc</c>, <c>france-services</c>.</summary>
    public static string CliName(ImportFormat format) => _names.First(n => n.Format == format).Name;

    /// <summary>A French description for messages: « standard des lieux de médiation numérique, CSV ».</summary>
    public static string Describe(ImportFormat format) => _names.First(n => n.Format == format).Label;

    /// <summary>Reads a <c>--format</c> name (case and surrounding spaces ignored; <c>_</c> for <c>-</c> accepted).</summary>
    public static bool TryParse(string? cliName, out ImportFormat format)
    {
        var name = cliName?.Trim().ToLowerInvariant().Replace('_', '-');
        foreach (var (value, candidate, _) in _names)
        {
            if (candidate == name)
            {
                format = value;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <exception cref="ArgumentException">The name is none of <see cref="CliNames"/>; the message, in French, lists them.</exception>
    public static ImportFormat Parse(string cliName) =>
        TryParse(cliName, out var format)
            ? format
            : throw new ArgumentException($"Format « {cliName} » inconnu : {string.Join(", ", CliNames)} sont attendus.", nameof(cliName));

    /// <summary>Tells a file's format from its name and its first <see cref="DetectionBytes"/> bytes; never throws for a bad file.</summary>
    public static ImportFormatDetection Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] head;
        try
        {
            using var file = File.OpenRead(path);
            head = new byte[DetectionBytes];
            var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            Array.Resize(ref head, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImportFormatDetection(null, $"Le fichier « {path} » ne peut pas être lu : {e.Message}");
        }

        return Detect(head, path);
    }

    /// <summary>
    /// Whether a data.inclusion file holds structures or services, from its first object (a
    /// service has <c>structure_id</c>) or its wrapper key; null when that cannot be told (an
    /// unreadable file, no object), in which case the reader decides from the first object.
    /// </summary>
    public static DataInclusionFileKind? DetectDataInclusionKind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] head;
        try
        {
            using var file = File.OpenRead(path);
            head = new byte[DetectionBytes];
            Array.Resize(ref head, file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var (keys, wrapper) = FirstObjectKeys(head.AsSpan().StartsWith("\uFEFF"u8) ? head.AsSpan(3) : head);
        if (keys.Contains("structure_id") || (keys.Count == 0 && wrapper == "services"))
        {
            return DataInclusionFileKind.Services;
        }

        return keys.Count > 0 || wrapper == "structures" ? DataInclusionFileKind.Structures : null;
    }

    /// <summary>
    /// Tells the format from the first bytes of a file (and its name, for the extension):
    /// JSON (an array, a wrapping object or JSON Lines) of the standard or of data.inclusion,
    /// told apart by the keys of the first object; CSV of the standard or of MedNum BFC, told
    /// apart by the header. Content wins over the extension.
    /// </summary>
    public static ImportFormatDetection Detect(ReadOnlySpan<byte> head, string? fileName = null)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        if (WhyNotText(head) is { } refusal)
        {
            return Fail(refusal);
        }

        string text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = encoding.GetString(head[2..(head.Length & ~1)]);
            if (IsJson(text))
            {
                return Fail("Ce JSON est encodé en UTF-16 : enregistrez-le en UTF-8.");
            }
        }
        else
        {
            text = Encoding.UTF8.GetString(head);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail("Le fichier est vide.");
        }

        var note = "";
        if (IsJson(text))
        {
            if (extension is ".csv" or ".tsv" or ".txt")
            {
                note = $" (malgré l'extension {extension})";
            }

            return DetectJson(head, note);
        }

        if (extension is ".json" or ".jsonl" or ".ndjson" or ".geojson")
        {
            note = $" (malgré l'extension {extension}, le contenu n'est pas du JSON)";
        }

        return DetectCsv(text, note);
    }

    /// <summary>
    /// Why the first bytes of a file (after a UTF-8 byte order mark) are not text the importer
    /// can read, in French with what to do; null when they are. Decided from signatures and
    /// proportions, never from one byte: a NUL or another control character inside one cell
    /// of a text file is that row's defect (reported on it), not the file's.
    /// <list type="bullet">
    /// <item>a known binary signature: a workbook or ZIP, gzip, PNG, JPEG, PDF…;</item>
    /// <item>UTF-16 without a byte order mark: a NUL byte in most odd (little-endian) or even
    /// (big-endian) positions and almost none in the others, as Latin text in UTF-16 has;</item>
    /// <item>anything else binary: control bytes other than tab, line feed, carriage return and
    /// form feed make <see cref="BinaryControlShare"/> or more of the bytes (random or
    /// compressed data has about 12 %, a text file with a few damaged cells far less than 1 %).</item>
    /// </list>
    /// A UTF-16 byte order mark is not refused here (the CSV readers decode it).
    /// </summary>
    public static string? WhyNotText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        foreach (var (signature, what) in _binarySignatures)
        {
            if (head.StartsWith(signature))
            {
                return $"C'est {what}, pas un fichier texte : enregistrez les données au format « CSV UTF-8 (délimité par des virgules) » ou en JSON UTF-8.";
            }
        }

        if (head.Length < 2)
        {
            return null;
        }

        int zerosEven = 0, zerosOdd = 0, controls = 0;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b == 0)
            {
                if (i % 2 == 0)
                {
                    zerosEven++;
                }
                else
                {
                    zerosOdd++;
                }
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f'))
            {
                controls++;
            }
        }

        var pairs = head.Length / 2;
        if (zerosOdd >= pairs * Utf16NulShare && zerosEven * 8 <= zerosOdd)
        {
            return "Le fichier semble être du texte en UTF-16 (petit-boutiste) sans marque d'ordre des octets : un octet nul suit presque chaque caractère. Enregistrez-le en UTF-8 (« CSV UTF-8 »).";
        }

        if (zerosEven >= pairs * Utf16NulShare && zerosOdd * 8 <= zerosEven)
        {
            return "Le fichier semble être du texte en UTF-16 (gros-boutiste) sans marque d'ordre des octets : un octet nul précède presque chaque caractère. Enregistrez-le en UTF-8 (« CSV UTF-8 »).";
        }

        if (controls >= head.Length * BinaryControlShare)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Le fichier n'est pas du texte : {controls * 100.0 / head.Length:0} % de ses premiers octets sont des caractères de contrôle (fichier binaire, compressé ou chiffré ?). Importez le fichier CSV ou JSON lui-même, en UTF-8.");
        }

        return null;
    }

    /// <summary>From this share of control bytes on (tab, line feed, carriage return, form feed aside), a file is binary; see <see cref="WhyNotText"/>.</summary>
    public const double BinaryControlShare = 0.05;

    /// <summary>From this share of NUL bytes at odd (or even) positions on, a file is UTF-16 text without its byte order mark.</summary>
    public const double Utf16NulShare = 0.3;

    /// <summary>
    /// <see cref="WhyNotText(ReadOnlySpan{byte})"/> on the first <see cref="DetectionBytes"/> of a
    /// file, for a format given by hand (<c>--format</c>), which skips detection; null when the
    /// file cannot be opened (reading it then says why).
    /// </summary>
    public static string? WhyNotText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[DetectionBytes];
            Array.Resize(ref head, file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
            return WhyNotText(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a file of the given format, lazily: each row as soon as it is parsed, the file's
    /// own problems as <see cref="ImportRow.FileIssue"/> rows where they occur. The stream is
    /// left open. Only a usage error throws: the MedNum BFC format without
    /// <see cref="ImportReadOptions.Communes"/>.
    /// </summary>
    public static IEnumerable<ImportRow> Read(ImportFormat format, Stream stream, ImportReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ImportReadOptions.Default;
        var counting = options.Progress is null ? null : new CountingStream(stream);
        Stream source = counting ?? stream;
        var rows = format switch
        {
            ImportFormat.LmnCsv => LmnCsvReader.Read(source, options),
            ImportFormat.LmnJson => LmnJsonReader.Read(source, options),
            ImportFormat.DataInclusion => DataInclusionReader.Read(source, options),
            ImportFormat.MedNumBfc => MedNumBfcFormatReader.Read(source, options),
            ImportFormat.FranceServices => FranceServicesFormatReader.Read(source, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };

        return counting is null ? rows : WithProgress(rows, [counting], options.Progress!);
    }

    /// <summary>
    /// Reads data.inclusion's two files together (either may be null), each structure with its
    /// services; see <see cref="DataInclusionReader.Read(Stream?, Stream?, ImportReadOptions)"/>.
    /// </summary>
    public static IEnumerable<ImportRow> ReadDataInclusion(Stream? structures, Stream? services, ImportReadOptions? options = null)
    {
        options ??= ImportReadOptions.Default;
        if (options.Progress is null)
        {
            return DataInclusionReader.Read(structures, services, options);
        }

        var countingStructures = structures is null ? null : new CountingStream(structures);
        var countingServices = services is null ? null : new CountingStream(services);
        var rows = DataInclusionReader.Read(countingStructures, countingServices, options);
        return WithProgress(rows, [.. new[] { countingStructures, countingServices }.OfType<CountingStream>()], options.Progress);
    }

    private static IEnumerable<ImportRow> WithProgress(IEnumerable<ImportRow> rows, CountingStream[] streams, IProgress<ImportProgress> progress)
    {
        long count = 0;
        var total = streams.All(s => s.TotalBytes is not null) ? streams.Sum(s => s.TotalBytes!.Value) : (long?)null;
        ImportProgress Now(bool completed) => new(count, streams.Sum(s => s.BytesRead), total, completed);
        try
        {
            foreach (var row in rows)
            {
                if (!row.IsFileIssue && ++count % ProgressInterval == 0)
                {
                    progress.Report(Now(false));
                }

                yield return row;
            }
        }
        finally
        {
            progress.Report(Now(true));
        }
    }

    private static ImportFormatDetection Fail(string explanation) => new(null, explanation);

    private static bool IsJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c is '[' or '{';
            }
        }

        return false;
    }

    private static ImportFormatDetection DetectJson(ReadOnlySpan<byte> head, string note)
    {
        var (keys, wrapper) = FirstObjectKeys(head);
        if (keys.Count == 0 && wrapper is null)
        {
            return new ImportFormatDetection(ImportFormat.LmnJson,
                $"JSON sans objet dans ses premiers octets (tableau vide ?) : lu comme {Describe(ImportFormat.LmnJson)}{note}.");
        }

        var di = keys.Count(_dataInclusionKeys.Contains) + (wrapper is "structures" or "services" ? 2 : 0);
        var lmn = keys.Count(_lmnKeys.Contains) + (wrapper == "lieux" ? 2 : 0);
        if (di > lmn)
        {
            var kind = keys.Contains("structure_id") ? "services" : "structures";
            return new ImportFormatDetection(ImportFormat.DataInclusion,
                $"JSON dont les objets ont les clés de data.inclusion ({kind}){note}.");
        }

        if (lmn > di)
        {
            var nested = keys.Overlaps(["localisation", "contact", "presentation"]) ? "imbriquée" : "à plat";
            return new ImportFormatDetection(ImportFormat.LmnJson,
                $"JSON dont les objets ont les clés du standard des lieux de médiation numérique (forme {nested}){note}.");
        }

        return Fail(
            $"JSON dont le format n'a pas pu être reconnu : ni les clés du standard (pivot, services, frais_a_charge…) ni celles de data.inclusion (structure_id, thematiques, reseaux_porteurs…). Clés lues : {LmnRecordParser.Excerpt(string.Join(", ", keys), 200)}. Indiquez le format avec --format.");
    }

    /// <summary>The property names of the first record object in <paramref name="head"/>, and the wrapper key if the records are wrapped.</summary>
    private static (HashSet<string> Keys, string? Wrapper) FirstObjectKeys(ReadOnlySpan<byte> head)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions
        {
            AllowMultipleValues = true,
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        }));
        try
        {
            if (!reader.Read())
            {
                return (keys, null);
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    CollectKeys(ref reader, keys);
                }

                return (keys, null);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (keys, null);
            }

            // A top-level object: the first record (JSON Lines), or a wrapper of the records' array.
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!.Trim().ToLowerInvariant();
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.StartArray && JsonRecordStream.WrapperKeys.Contains(key))
                {
                    var probe = reader;
                    if (probe.Read() && probe.TokenType is JsonTokenType.StartObject or JsonTokenType.EndArray)
                    {
                        var wrapped = new HashSet<string>(StringComparer.Ordinal);
                        if (probe.TokenType == JsonTokenType.StartObject)
                        {
                            CollectKeys(ref probe, wrapped);
                        }

                        return (wrapped, key);
                    }
                }

                keys.Add(key);
                if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The head may end in the middle of a value, or the JSON be broken: the keys seen so far decide.
        }

        return (keys, null);
    }

    /// <summary>Adds the names of the properties of the object the reader is on, as far as the data goes.</summary>
    private static void CollectKeys(ref Utf8JsonReader reader, HashSet<string> keys)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                keys.Add(reader.GetString()!.Trim().ToLowerInvariant());
            }
        }
    }

    private static ImportFormatDetection DetectCsv(string text, string note)
    {
        var firstLine = FirstLine(text);
        var csv = ImportCsv.Open(new StringReader(firstLine));
        var header = csv.Records().FirstOrDefault()?.Fields.Select(f => f.Trim().Trim('\uFEFF').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) ?? [];
        if (header.Contains("bfc_id"))
        {
            return new ImportFormatDetection(ImportFormat.MedNumBfc, $"CSV dont l'en-tête a la colonne bfc_id d'un export MedNum BFC{note}.");
        }

        if (header.Contains("id_fs") && header.Contains("lib_fs"))
        {
            return new ImportFormatDetection(ImportFormat.FranceServices, $"CSV dont l'en-tête a les colonnes id_fs et lib_fs de la liste des France services{note}.");
        }

        var standard = header.Count(h => SiteFields.All.Contains(h) || LmnLegacy.IsKnownColumn(h));
        if (header.Contains(SiteFields.Id) && standard >= 3)
        {
            var separator = csv.Separator == ',' ? "" : $", colonnes séparées par « {(csv.Separator == '\t' ? "tabulation" : csv.Separator)} »";
            return new ImportFormatDetection(ImportFormat.LmnCsv,
                $"CSV dont l'en-tête a les colonnes du standard des lieux de médiation numérique{separator}{note}.");
        }

        return Fail(
            $"En-tête non reconnu{note} : ni le standard des lieux de médiation numérique (id, pivot, nom…), ni un export MedNum BFC (bfc_id…), ni la liste des France services (id_fs, lib_fs…), ni du JSON. En-tête lu : « {LmnRecordParser.Excerpt(firstLine.Trim(), 200)} ». Indiquez le format avec --format.");
    }

    /// <summary>The first record of a CSV text: up to the first line break outside quotes.</summary>
    private static string FirstLine(string text)
    {
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && text[i] is '\r' or '\n')
            {
                return text[..i];
            }
        }

        return text;
    }
}
