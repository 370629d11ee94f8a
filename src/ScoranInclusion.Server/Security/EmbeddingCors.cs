using Microsoft.Net.Http.Headers;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// A municipality's site calls the API and the boundaries from its own origin: public data, no cookies.
/// Any origin by default (<c>*</c>), or only those of <c>Cors:AllowedOrigins</c>. Never
/// <c>Access-Control-Allow-Credentials</c>: a browser never sends a cookie of ours from another site's page,
/// and <c>Authorization</c> is not among the allowed headers.
/// </summary>
internal static class EmbeddingCors
{
    public static async Task HandleAsync(HttpContext context, Func<Task> next, IReadOnlyCollection<string> allowedOrigins)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/graphql") || path.StartsWithSegments("/geodata") || path.StartsWithSegments("/widget")
            || path.StartsWithSegments("/fond-de-carte.pmtiles"))
        {
            var allowed = true;
            if (allowedOrigins.Count == 0)
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
            }
            else
            {
                context.Response.Headers.Vary = HeaderNames.Origin;
                var origin = context.Request.Headers.Origin.ToString();
                allowed = origin.Length > 0 && allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
                if (allowed)
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                }
            }

            if (path.StartsWithSegments("/fond-de-carte.pmtiles"))
            {
                // The PMTiles client compares ETags to notice a replaced archive.
                context.Response.Headers.AccessControlExposeHeaders = "ETag, Content-Range";
            }

            if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
            {
                if (allowed)
                {
                    context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, POST";
                    context.Response.Headers.AccessControlAllowHeaders = "Content-Type, Accept, Range, If-Range, If-None-Match";
                    context.Response.Headers.AccessControlMaxAge = "86400";
                }

                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }

        await next();
    }
}
