using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.Server.Http;

/// <summary>
/// Brotli (preferred) or gzip for the text the server writes (pages, GraphQL answers, exports, GeoJSON) when the
/// client accepts it, above <see cref="MinBytes"/>: a smaller answer fits one packet and only costs CPU to compress.
/// The widget's files and the boundaries are compressed once ahead (their Content-Encoding is already set: left as is).
/// </summary>
public static class ResponseCompressionSetup
{
    /// <summary>Answers shorter than this (one TCP segment) go as they are.</summary>
    public const int MinBytes = 1400;

    private static readonly string[] Compressible =
    [
        "text/html", "text/plain", "text/css", "text/javascript", "application/javascript", "text/csv", "text/calendar",
        "application/json", "application/graphql-response+json", "application/geo+json", "application/ld+json",
        "application/problem+json", "image/svg+xml",
    ];

    public static IServiceCollection AddScoranCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Over HTTPS too: see ThresholdCompressionProvider for what is never compressed (BREACH).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = Compressible;
        });
        // Brotli's « optimal » is its quality 4 here: a ratio close to gzip -9 at the speed of gzip -1.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, ThresholdCompressionProvider>();
        return services;
    }

    public static WebApplication UseScoranCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseResponseCompression();
        app.UseConditionalExports();
        return app;
    }

    /// <summary>
    /// The framework's choice (accepted encodings, types), plus: nothing under <see cref="MinBytes"/> when the length
    /// is known; and never an answer to a request that carries credentials (a token, a cookie) or under /espace, whose
    /// pages hold secrets (antiforgery tokens): compressing a secret next to text an attacker chooses leaks it (BREACH).
    /// The public answers (searches, pages, exports, boundaries) hold none.
    /// </summary>
    private sealed class ThresholdCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context)
        {
            if (context.Response.ContentLength is < MinBytes)
            {
                return false;
            }

            var request = context.Request;
            if (request.Headers.Authorization.Count > 0 || request.Headers.Cookie.Count > 0 || request.Path.StartsWithSegments("/espace", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return base.ShouldCompressResponse(context);
        }
    }
}
