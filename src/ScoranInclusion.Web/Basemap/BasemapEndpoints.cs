using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Web.Basemap;

/// <summary>
/// <c>/fond-de-carte.pmtiles</c>: the basemap archive, read by the browser in byte ranges (the PMTiles client asks
/// for the header and root directory, then for each tile's bytes). One fixed file, no path from the request:
/// nothing else on the disk can be reached. Range, If-Range, If-None-Match and 416 are ASP.NET Core's
/// (<c>Results.File</c> with range processing); the ETag comes from the file's size and time, so a replaced
/// extract is a new entity and a client holding ranges of the old one starts over.
/// </summary>
public static class BasemapEndpoints
{
    public const string Route = "/fond-de-carte.pmtiles";

    /// <summary>PMTiles has no registered media type; this is the one its documentation uses.</summary>
    public const string ContentType = "application/vnd.pmtiles";

    public static IServiceCollection AddScoranBasemap(this IServiceCollection services)
    {
        services.AddOptions<BasemapOptions>().BindConfiguration(BasemapOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BasemapOptions>, BasemapOptionsValidation>());
        return services;
    }

    public static WebApplication MapBasemap(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, IOptions<BasemapOptions> options, IOptions<GeodataOptions> geodata) =>
        {
            var path = options.Value.FileFor(geodata.Value);
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return Results.Problem(
                    detail: "Aucun fond de carte n'est installé sur ce serveur : la carte montre seulement les contours des territoires.",
                    statusCode: StatusCodes.Status404NotFound, title: "Fond de carte absent",
                    extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
            }

            var modified = file.LastWriteTimeUtc;
            var tag = new EntityTagHeaderValue("\"" + file.Length.ToString("x", CultureInfo.InvariantCulture) + "-"
                + modified.Ticks.ToString("x", CultureInfo.InvariantCulture) + "\"");
            http.Response.Headers.CacheControl = $"public, max-age={options.Value.CacheSeconds}";
            return Results.File(path, ContentType, lastModified: new DateTimeOffset(modified), entityTag: tag, enableRangeProcessing: true);
        });
        return app;
    }
}
