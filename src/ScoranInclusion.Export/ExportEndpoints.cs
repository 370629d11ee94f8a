using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Export;

/// <summary>
/// <c>GET /exports/lieux.csv|.json|.geojson</c>: every place, or those of one territory
/// (<c>?commune=INSEE</c>, <c>?epci=SIREN</c> or <c>?departement=CODE</c>), streamed from the
/// database. Every response carries the ODbL licence (<c>Link: rel="license"</c>) and the
/// attribution « MedNum BFC »; the CSV and JSON bodies stay exactly the standard's format.
/// <c>GET /exports/lieux-tableur.csv</c> (same filters) is the CSV for spreadsheets: no cell
/// can run as a formula there (see <see cref="Domain.Text.CsvCell"/>).
/// </summary>
public static class ExportEndpoints
{
    public const string AttributionHeader = "Attribution";

    /// <summary>The spreadsheet-safe variant of <c>lieux.csv</c>, under <c>/exports/</c>.</summary>
    public const string SpreadsheetCsvName = "lieux-tableur.csv";

    /// <summary>The <c>Exports</c> section (how files are named), bound; also by the verbs' composition root (twice is the same as once).</summary>
    public static IServiceCollection AddScoranExports(this IServiceCollection services)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateOnStart();
        return services;
    }

    /// <summary>The open-data exports (<c>/exports/…</c>) and the calendar feeds (<c>/calendar/…</c>).</summary>
    public static IEndpointRouteBuilder MapScoranExports(this IEndpointRouteBuilder app) =>
        app.MapExports().MapCalendars();

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Read once: the file names do not change while the server runs.
        var options = app.ServiceProvider.GetRequiredService<IOptions<ExportOptions>>().Value;

        var group = app.MapGroup("/exports");
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            group.MapGet("/lieux." + format.Extension(),
                (HttpContext http, ScoranDbContext db, CommuneDirectory communes, TimeProvider clock, CancellationToken ct) =>
                    Export(http, db, communes, clock, format, options, ct));
        }

        // The same CSV for people who open it in a spreadsheet: cells that would run as
        // formulas (=HYPERLINK… in a name) get an apostrophe. lieux.csv keeps the standard's
        // exact values, for programs and re-import.
        group.MapGet("/" + SpreadsheetCsvName,
            (HttpContext http, ScoranDbContext db, CommuneDirectory communes, TimeProvider clock, CancellationToken ct) =>
                Export(http, db, communes, clock, ExportFormat.LmnCsv, options, ct, spreadsheetSafe: true));
        return app;
    }

    private static IResult Export(
        HttpContext http, ScoranDbContext db, CommuneDirectory communes, TimeProvider clock,
        ExportFormat format, ExportOptions options, CancellationToken cancellationToken, bool spreadsheetSafe = false)
    {
        if (!TryReadTerritory(http.Request.Query, communes, out var territory, out var problem))
        {
            return problem;
        }

        var today = ParisToday(clock);
        var fileName = ExportFileName.For(format, today, options.Producer, territory?.Name ?? options.TerritoryName);
        if (spreadsheetSafe)
        {
            fileName = Path.ChangeExtension(fileName, null) + "_tableur.csv";
        }

        http.Response.Headers.Link = ExportLicence.LinkHeader;
        http.Response.Headers[AttributionHeader] = $"{ExportLicence.Attribution} ({ExportLicence.Name})";

        return TypedResults.Stream(
            stream => spreadsheetSafe
                ? SiteExportWriter.WriteCsvAsync(stream, SiteExportSource.ReadAsync(db, territory, cancellationToken: cancellationToken), spreadsheetSafe: true, cancellationToken)
                : SiteExportWriter.WriteAsync(stream, format, SiteExportSource.ReadAsync(db, territory, today, cancellationToken), cancellationToken),
            format.ContentType(),
            fileName);
    }

    /// <summary>At most one of the three territory parameters, resolved against the communes.</summary>
    internal static bool TryReadTerritory(IQueryCollection query, CommuneDirectory communes, out ResolvedTerritory? territory, out ProblemHttpResult problem)
    {
        territory = null;
        problem = null!;
        var given = Enum.GetValues<TerritoryLevel>()
            .Select(level => (Level: level, Values: query[TerritoryFilter.ParameterName(level)]))
            .Where(p => p.Values.Count > 0)
            .ToList();
        if (given.Count == 0)
        {
            return true;
        }

        if (given.Count > 1 || given[0].Values.Count > 1)
        {
            problem = Problem("INVALID_TERRITORY", "Filtre de territoire invalide",
                "Un seul filtre de territoire à la fois : commune (code INSEE), epci (SIREN) ou departement (code).");
            return false;
        }

        var (level, values) = given[0];
        var code = values[0] ?? "";
        if (string.IsNullOrWhiteSpace(code))
        {
            problem = Problem("INVALID_TERRITORY", "Filtre de territoire invalide",
                $"Le paramètre « {TerritoryFilter.ParameterName(level)} » est vide.");
            return false;
        }

        if (!new TerritoryFilter(level, code).TryResolve(communes, out territory, out var error))
        {
            problem = Problem("UNKNOWN_TERRITORY", "Territoire inconnu", error);
            return false;
        }

        return true;
    }

    public static ProblemHttpResult Problem(string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    private static DateOnly ParisToday(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(now.UtcDateTime);
        }
    }
}
