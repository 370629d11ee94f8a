using Microsoft.Extensions.Options;
using ScoranInclusion.Export;
using ScoranInclusion.Export.Calendar;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Search;
using ScoranInclusion.Search.Coverage;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// The coverage of the territory (issue 10): <c>GET /exports/couverture.csv</c>, the commune layers of
/// the map (<c>/geodata/communes/{niveau}/{code}.geojson</c>) and the page <c>/couverture</c>.
/// The GraphQL field <c>coverage</c> lives in the GraphQL project.
/// </summary>
public static class CoverageEndpoints
{
    public static IServiceCollection AddScoranCoverage(this IServiceCollection services)
    {
        services.AddSingleton<CommuneLayers>();
        return services;
    }

    public static WebApplication MapCoverage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var exports = app.Services.GetRequiredService<IOptions<ExportOptions>>().Value;
        app.MapGet("/exports/couverture.csv", (HttpContext http, CoverageTerritories territories, CoverageService coverage, SiteReader reader, TimeProvider clock, CancellationToken ct) =>
            CsvAsync(http, territories, coverage, reader, clock, exports, ct));
        app.MapGet("/geodata/communes/{level}/{code}.geojson", (HttpContext http, string level, string code, CoverageTerritories territories, CommuneLayers layers) =>
        {
            var known = Enum.TryParse<CoverageLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(level, out _);
            if (!known || !territories.TryResolve(parsed, code, out var territory, out _))
            {
                return Results.Problem(detail: "Aucun territoire de la région n'a ce niveau et ce code (par exemple /geodata/communes/departement/21.geojson).",
                    statusCode: StatusCodes.Status404NotFound, title: "Contours introuvables", extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
            }

            return layers.For(territory).ToResult(http);
        });
        CouverturePage.Map(app);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext http, CoverageTerritories territories, CoverageService coverage, SiteReader reader, TimeProvider clock, ExportOptions options, CancellationToken ct)
    {
        if (!CoverageRequest.TryRead(http.Request.Query, territories, out var request, out var error))
        {
            return ExportEndpoints.Problem(error.Code, error.Code == TerritoryError.Unknown ? "Territoire inconnu" : "Paramètre invalide", error.Message);
        }

        var now = clock.GetUtcNow();
        var report = await coverage.ComputeAsync(request.Territory, request.Filter(now), request.Filters.WorkshopDays, request.ThresholdsKm, request.Fraicheur, ct);
        var sites = await reader.GetManyAsync([.. report.Communes.Select(r => r.NearestKey).OfType<long>().Distinct()], ct);
        http.Response.Headers.Link = ExportLicence.LinkHeader;
        http.Response.Headers[ExportEndpoints.AttributionHeader] = $"{ExportLicence.Attribution} ({ExportLicence.Name})";
        var day = DateOnly.FromDateTime(Domain.OpeningHours.ParisTime.ToParis(now).DateTime);
        var name = request.Territory.Level == CoverageLevel.Region ? options.TerritoryName : request.Territory.Nom;
        var fileName = FormattableString.Invariant($"{day:yyyy-MM-dd}_{ExportFileName.Slug(options.Producer)}_couverture_{ExportFileName.Slug(name)}.csv");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(CoverageCsv.Write(report, sites)), CoverageCsv.ContentType, fileName);
    }
}
