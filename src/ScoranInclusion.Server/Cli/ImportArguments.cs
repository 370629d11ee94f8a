using System.Text;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Import.Formats;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// One source to read: a file, or data.inclusion's structures and services files read
/// together; its format (given or detected) and where its JSON report goes.
/// </summary>
internal sealed record ImportSource(IReadOnlyList<string> Files, ImportFormat Format, string? ReportPath)
{
    public string Name => string.Join(", ", Files.Select(Path.GetFileName));
}

/// <summary>The input side shared by <c>import</c> and <c>validate</c>: files, format, report, provenance.</summary>
internal static class ImportArguments
{
    /// <summary>Bytes of a data.inclusion file looked at to tell services (they have <c>structure_id</c>) from structures.</summary>
    private const int KindProbeBytes = 64 * 1024;

    /// <summary>
    /// The sources of the command line, in its order. A missing file, an unknown
    /// <c>--format</c> or a file whose format cannot be told is a usage error. data.inclusion
    /// files (at most one of structures and one of services) make one source.
    /// </summary>
    public static IReadOnlyList<ImportSource> Sources(CliArguments args)
    {
        if (args.Files.Count == 0)
        {
            throw new CliUsageException($"{args.Verb} attend au moins un FICHIER", args.Verb);
        }

        var files = args.Files.Select(CliPaths.Resolve).ToList();
        foreach (var (file, given) in files.Zip(args.Files))
        {
            if (!File.Exists(file))
            {
                throw new CliUsageException($"fichier introuvable : {given}" + (given == file ? "" : $" ({file})"), args.Verb);
            }
        }

        ImportFormat? forced = null;
        if (args.Value("format") is { } name)
        {
            forced = ImportFormats.TryParse(name, out var format)
                ? format
                : throw new CliUsageException($"format d'import inconnu : « {name} » (attendu : {string.Join(", ", ImportFormats.CliNames)})", args.Verb);
        }

        var formats = files.Select(file => forced is { } given ? CheckText(file, given, args.Verb) : Detect(file, args.Verb)).ToList();
        var sources = new List<ImportSource>();
        var dataInclusion = files.Where((_, i) => formats[i] == ImportFormat.DataInclusion).ToList();
        if (dataInclusion.Count > 2)
        {
            throw new CliUsageException("data.inclusion : au plus deux fichiers, ses structures et ses services", args.Verb);
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (formats[i] != ImportFormat.DataInclusion)
            {
                sources.Add(new ImportSource([files[i]], formats[i], null));
            }
            else if (files[i] == dataInclusion[0])
            {
                sources.Add(new ImportSource(dataInclusion, ImportFormat.DataInclusion, null));
            }
        }

        var report = args.Value("report") is { } path ? CliPaths.Resolve(path) : null;
        if (report is not null && !Directory.Exists(Path.GetDirectoryName(report)))
        {
            throw new CliUsageException($"dossier introuvable pour --report : {Path.GetDirectoryName(report)}", args.Verb);
        }

        return [.. sources.Select(s => s with { ReportPath = ReportPath(report, s, sources.Count) })];
    }

    /// <summary>
    /// The provenance of a source's places (with the standard's <c>id</c>, the key that a later
    /// import of the same dataset updates): as given; else <c>mednum-bfc</c>,
    /// <c>data-inclusion</c> or <c>france-services</c> for those formats (MedNum BFC is the seed's own provenance, so a
    /// newer MedNum BFC file updates the seeded places); else the file name without extension,
    /// lower case, as a slug (<c>Lieux 21.csv</c> → <c>lieux-21</c>).
    /// </summary>
    public static string Provenance(string? given, ImportSource source, string verb)
    {
        var provenance = ProvenanceOf(given, source, verb);
        // People's edits are a source of their own: an import under that name would overwrite them.
        return provenance == Storage.Sources.SiteEdits.Provenance
            ? throw new CliUsageException($"la provenance « {provenance} » est réservée aux modifications faites dans l'API : donnez un autre nom avec --provenance", verb)
            : provenance;
    }

    private static string ProvenanceOf(string? given, ImportSource source, string verb)
    {
        if (given is not null)
        {
            var trimmed = given.Trim();
            return trimmed.Length is > 0 and <= 100
                ? trimmed
                : throw new CliUsageException("--provenance attend un nom de 1 à 100 caractères", verb);
        }

        switch (source.Format)
        {
            case ImportFormat.MedNumBfc:
                return "mednum-bfc";
            case ImportFormat.DataInclusion:
                return "data-inclusion";
            case ImportFormat.FranceServices:
                return "france-services";
            default:
                var slug = ExportFileName.Slug(Path.GetFileNameWithoutExtension(source.Files[0])).ToLowerInvariant();
                return slug.Length <= 100 ? slug : slug[..100];
        }
    }

    /// <summary>data.inclusion's two files, told apart by a service's <c>structure_id</c> near the top.</summary>
    public static (string? Structures, string? Services) DataInclusionFiles(ImportSource source, string verb)
    {
        string? structures = null, services = null;
        foreach (var file in source.Files)
        {
            var head = new byte[KindProbeBytes];
            int length;
            using (var stream = File.OpenRead(file))
            {
                length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            if (head.AsSpan(0, length).IndexOf("\"structure_id\""u8) >= 0)
            {
                services = services is null ? file : throw new CliUsageException($"deux fichiers de services data.inclusion : {services} et {file}", verb);
            }
            else
            {
                structures = structures is null ? file : throw new CliUsageException($"deux fichiers de structures data.inclusion : {structures} et {file}", verb);
            }
        }

        return (structures, services);
    }

    /// <summary>A format given by hand skips detection, but not the check that the file is text: a binary file is refused whole.</summary>
    private static ImportFormat CheckText(string file, ImportFormat format, string verb) =>
        ImportFormats.WhyNotText(file) is { } refusal
            ? throw new CliUsageException($"{file} : ce n'est pas un fichier {ImportFormats.CliName(format)}. {refusal}", verb)
            : format;

    private static ImportFormat Detect(string file, string verb)
    {
        var detection = ImportFormats.Detect(file);
        return detection.Format
            ?? throw new CliUsageException($"{file} : format non reconnu. {detection.Explanation}", verb);
    }

    /// <summary>One source: the path as given. Several: the source's name before the extension (<c>r.json</c> → <c>r-lieux-21.json</c>).</summary>
    private static string? ReportPath(string? path, ImportSource source, int sources)
    {
        if (path is null || sources == 1)
        {
            return path;
        }

        var name = new StringBuilder(Path.GetFileNameWithoutExtension(path))
            .Append('-')
            .Append(ExportFileName.Slug(Path.GetFileNameWithoutExtension(source.Files[0])).ToLowerInvariant())
            .Append(Path.GetExtension(path));
        return Path.Combine(Path.GetDirectoryName(path)!, name.ToString());
    }
}

/// <summary>
/// Relative paths on the command line are the user's: read from the working directory, the folder the command
/// is typed in (also under <c>dotnet run</c>, which keeps the shell's folder: see Startup/ScoranHost.cs).
/// </summary>
internal static class CliPaths
{
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) || path == "-" ? path : Path.GetFullPath(path);
}
