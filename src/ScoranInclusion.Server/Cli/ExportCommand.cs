using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Cli;

/// <summary><c>export --format lmn-csv|lmn-json|geojson [--out FILE] [--commune X|--epci X|--departement X]</c>.</summary>
internal static class ExportCommand
{
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["format"] = true,
        ["out"] = true,
        ["commune"] = true,
        ["epci"] = true,
        ["departement"] = true,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Files.Count > 0)
        {
            throw new CliUsageException($"export ne prend pas de fichier en argument (« {args.Files[0]} ») : utilisez --out FICHIER", args.Verb);
        }

        var formatName = args.Value("format")
            ?? throw new CliUsageException("--format est obligatoire : " + string.Join(", ", ExportFormats.Names), args.Verb);
        if (!ExportFormats.TryParse(formatName, out var format))
        {
            throw new CliUsageException($"format d'export inconnu : « {formatName} » (attendu : {string.Join(", ", ExportFormats.Names)})", args.Verb);
        }

        var filters = Enum.GetValues<TerritoryLevel>()
            .Where(level => args.Has(TerritoryFilter.ParameterName(level)))
            .Select(level => new TerritoryFilter(level, args.Value(TerritoryFilter.ParameterName(level))!))
            .ToList();
        if (filters.Count > 1)
        {
            throw new CliUsageException("un seul filtre de territoire à la fois : --commune, --epci ou --departement", args.Verb);
        }

        var outPath = args.Value("out");
        if (outPath is not null)
        {
            outPath = CliPaths.Resolve(outPath);
            if (!Directory.Exists(Path.GetDirectoryName(outPath)))
            {
                throw new CliUsageException($"dossier introuvable pour --out : {Path.GetDirectoryName(outPath)}", args.Verb);
            }
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        ResolvedTerritory? territory = null;
        if (filters.Count == 1 && !filters[0].TryResolve(app.Services.GetRequiredService<CommuneDirectory>(), out territory, out var error))
        {
            throw new CliUsageException(error, args.Verb);
        }

        await CliHost.PrepareDatabaseAsync(app.Services, seed: true, console.Error, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var today = Domain.Sites.TemporaryNotices.ParisDay(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var sites = SiteExportSource.ReadAsync(db, territory, today, cancellationToken);

        ExportResult result;
        if (outPath is null)
        {
            // Bytes straight to stdout, after whatever the text writer holds. Not disposed: the
            // process's standard output stays open for what follows.
            await console.Out.FlushAsync(cancellationToken);
            var stdout = console.OpenOut();
            result = await SiteExportWriter.WriteAsync(stdout, format, sites, cancellationToken);
        }
        else
        {
            result = await WriteFileAsync(outPath, format, sites, cancellationToken);
        }

        var where = territory is null ? "" : $" ({TerritoryFilter.ParameterName(territory.Filter.Level)} {territory.Filter.Code}, {territory.Name})";
        await console.Error.WriteLineAsync(
            $"{result.Written} lieux exportés au format {format.Name()}{where}" + (outPath is null ? "." : $" dans {outPath}."));
        if (result.WithoutCoordinates > 0)
        {
            await console.Error.WriteLineAsync($"{result.WithoutCoordinates} lieux sans coordonnées laissés de côté (GeoJSON).");
        }

        return CliVerbs.Success;
    }

    /// <summary>Writes next to the target, then renames: a failed export never leaves half a file under the name asked.</summary>
    private static async Task<ExportResult> WriteFileAsync(string path, ExportFormat format, IAsyncEnumerable<Domain.Sites.Site> sites, CancellationToken cancellationToken)
    {
        var temporary = path + ".part-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            ExportResult result;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                result = await SiteExportWriter.WriteAsync(file, format, sites, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
