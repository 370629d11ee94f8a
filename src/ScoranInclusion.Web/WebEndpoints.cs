using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Web.Basemap;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Espace;
using ScoranInclusion.Web.Integrer;

namespace ScoranInclusion.Web;

/// <summary>
/// What people see: the widget's files under <c>/widget/</c>, the boundaries the map draws
/// (<c>/geodata/…</c>), the citizen pages (<c>/</c>, <c>/lieux</c>, <c>/lieu/{id}</c>) and the
/// page for municipalities (<c>/integrer</c>).
/// </summary>
public static class WebEndpoints
{
    /// <summary>The services of the pages: the mediators' and moderators' space, the coverage page's layers.</summary>
    public static IServiceCollection AddScoranWeb(this IServiceCollection services) =>
        services.AddScoranWebOptions().AddScoranEspace().AddScoranCoverage();

    /// <summary>The <c>Web</c> section, bound (also by the verbs' composition root: twice is the same as once).</summary>
    public static IServiceCollection AddScoranWebOptions(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart();
        return services.AddScoranBasemap();
    }

    /// <summary>Every page and file people see: <c>/espace</c>, the widget, the citizen pages, <c>/integrer</c>, <c>/couverture</c>.</summary>
    public static WebApplication MapScoranWeb(this WebApplication app)
    {
        app.MapEspace();
        MapPages(app);
        app.MapCoverage();
        app.MapBasemap();
        return app;
    }

    private static void MapPages(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var boundaries = new BoundaryStore(app.Services.GetRequiredService<IOptions<GeodataOptions>>());

        if (Directory.Exists(options.AssetsDirectory))
        {
            var assets = new PhysicalFileProvider(Path.GetFullPath(options.AssetsDirectory));
            app.Use((context, next) => PreferCompressed(context, next, assets));
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".br"] = "application/octet-stream";
            types.Mappings[".gz"] = "application/octet-stream";
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = assets,
                RequestPath = "/widget",
                ContentTypeProvider = types,
                OnPrepareResponse = c =>
                {
                    // Same URL for every version: the browser revalidates (ETag) rather than keeping a stale widget.
                    c.Context.Response.Headers.CacheControl = "no-cache";
                    if (c.Context.Items.TryGetValue(CompressedKey, out var original) && original is string name)
                    {
                        c.Context.Response.ContentType = types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
                        c.Context.Response.Headers.ContentEncoding = c.File.Name.EndsWith(".br", StringComparison.Ordinal) ? "br" : "gzip";
                    }
                },
            });
        }
        else
        {
            app.Logger.LogWarning("Le dossier du widget {Directory} est absent : lancez la compilation (npm ci puis npm run build dans web/).", options.AssetsDirectory);
        }

        MapGeodata(app, boundaries);
        CitizenPages.Map(app, options);
        ReportPage.Map(app);
        IntegrerPage.Map(app, options);
    }

    private const string CompressedKey = "scoran-compressed";

    /// <summary>Serves widget/x.js.br (or .gz) for widget/x.js when the browser accepts it and the build made it.</summary>
    private static Task PreferCompressed(HttpContext context, Func<Task> next, PhysicalFileProvider assets)
    {
        var path = context.Request.Path;
        if (HttpMethods.IsGet(context.Request.Method) && path.StartsWithSegments("/widget", out var rest) && rest.Value is { Length: > 1 } file
            && !file.EndsWith(".br", StringComparison.Ordinal) && !file.EndsWith(".gz", StringComparison.Ordinal))
        {
            context.Response.Headers.Vary = "Accept-Encoding";
            var accepted = context.Request.Headers.AcceptEncoding.ToString();
            foreach (var (token, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                if (accepted.Contains(token, StringComparison.OrdinalIgnoreCase) && assets.GetFileInfo(file + extension).Exists)
                {
                    context.Items[CompressedKey] = file;
                    context.Request.Path = path + extension;
                    break;
                }
            }
        }

        return next();
    }

    private static void MapGeodata(WebApplication app, BoundaryStore boundaries)
    {
        var group = app.MapGroup("/geodata");
        group.MapGet("/departements.geojson", (HttpContext http) => boundaries.WholeFileText("departements.geojson").ToResult(http));
        group.MapGet("/region.geojson", (HttpContext http) => boundaries.WholeFileText("region.geojson").ToResult(http));
        group.MapGet("/epci/{siren}.geojson", (HttpContext http, string siren) =>
            boundaries.Epci(siren) is { } json ? json.ToResult(http) : NotFound("Aucune intercommunalité de la région n'a ce SIREN."));
        group.MapGet("/commune/{code}.geojson", (HttpContext http, string code) =>
            boundaries.Commune(code.ToUpperInvariant()) is { } json ? json.ToResult(http) : NotFound("Aucune commune de la région n'a ce code INSEE."));
    }

    private static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Contour introuvable",
            extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
}
