using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Limits;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// The public API's protections: generic errors (never a stack trace), coded empty-body errors, security
/// headers, rate limiting per address or per token, CORS for the municipalities' embeds.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>No endpoint takes more than this (GraphQL has its own smaller limit, GraphQL:MaxRequestBytes).</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddScoranSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddScoranSecurityOptions();
        builder.Services.AddSingleton<ScoranInclusion.GraphQL.Moderation.IReportRateLimiter, ReportRateLimiter>();
        builder.Services.AddSingleton<ScoranInclusion.GraphQL.Accounts.ILoginRateLimiter, LoginRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, options) =>
        {
            var o = options.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, o, byToken: true)),
                // Inventing tokens must not multiply an address's budget: token-bearing requests of one
                // address share the authenticated ceiling too.
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, o, byToken: false)));
            limiter.OnRejected = (context, ct) => WriteRateLimitedAsync(context.HttpContext, context.Lease, o, ct);
        });
        return builder;
    }

    /// <summary>
    /// The <c>RateLimiting</c>, <c>Cors</c> and <c>ForwardedHeaders</c> sections, bound and checked at start. Also called
    /// by the composition root of the verbs, which refuse the configuration the server would refuse; twice is the same as once.
    /// </summary>
    public static IServiceCollection AddScoranSecurityOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<RateLimitingOptions>)))
        {
            // Already there: the forwarded headers' trusted proxies would be added twice.
            return services;
        }

        services.AddScoranForwardedHeaders();
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateOnStart();
        services.AddSettingRules<RateLimitingOptions>(RateLimitingOptions.Section);
        services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.Section).ValidateOnStart();
        return services;
    }

    public static WebApplication UseScoranSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseScoranForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteInternalErrorAsync });
        }

        // Inside the exception handler, so that it never sees (nor logs as an error) what the client got wrong.
        app.UseClientRequestErrors();

        var web = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var contentSecurityPolicy = ContentSecurityPolicy(web.TileUrl);
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                AddSecurityHeaders(http.Response, contentSecurityPolicy);
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseStatusCodePages(WriteStatusProblemAsync);
        // CORS before the limiter: an embedding page can read its 429 and wait.
        var origins = app.Services.GetRequiredService<IOptions<CorsOptions>>().Value.AllowedOrigins;
        app.Use((http, next) => EmbeddingCors.HandleAsync(http, next, origins));
        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }
        return app;
    }

    /// <summary>
    /// A request the client got wrong at the HTTP level (an invalid chunk size, a body shorter than announced, a form
    /// over Kestrel's limits) surfaces as <see cref="BadHttpRequestException"/> from whichever endpoint reads the
    /// body: /graphql, the forms of /espace and of the citizens' reports, any later one. One place answers them all
    /// with the exception's own status (400, 413…) and a coded error, logged as information: never a 500, never an
    /// error line. Pages read their forms through <see cref="RequestForms.ReadAsync"/>, which turns a malformed form
    /// body into the same exception.
    /// </summary>
    private static void UseClientRequestErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoranInclusion.Http");
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException e) when (!http.Response.HasStarted)
            {
                var status = e.StatusCode;
                // The reason only (for example "Bad chunk size data."): never the body.
                logger.LogInformation("Requête HTTP mal formée refusée ({Status}) : {Reason}", status, e.Message);
                http.Response.Clear();
                var (code, detail) = status == StatusCodes.Status413PayloadTooLarge
                    ? (ErrorCodes.RequestTooLarge, "Le corps de la requête est trop gros.")
                    : (ErrorCodes.BadRequest, "Le corps de la requête est mal formé ou incomplet (découpage en blocs invalide, longueur fausse, formulaire illisible) : rien n'a été enregistré.");
                await WriteCodedErrorAsync(http, status, code, "Requête incorrecte", detail, http.RequestAborted);
            }
        });
    }

    /// <summary>Pages use only their own scripts; styles are injected by the widget (a style element), hence 'unsafe-inline' for styles.</summary>
    public static string ContentSecurityPolicy(string tileUrl)
    {
        var images = "'self' data:";
        if (Uri.TryCreate(tileUrl.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var tiles))
        {
            var host = tileUrl.Contains("{s}.", StringComparison.Ordinal) ? "*." + tiles.Host[(tiles.Host.IndexOf('.', StringComparison.Ordinal) + 1)..] : tiles.Authority;
            images += $" {tiles.Scheme}://{host}";
        }

        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + images
            + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    }

    private static void AddSecurityHeaders(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A page may set a stricter policy of its own (/couverture: no inline style either).
            if (string.IsNullOrEmpty(response.Headers.ContentSecurityPolicy))
            {
                response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
            }

            // The widget is embedded with a script, never in a frame: only our own pages may frame ours.
            response.Headers.XFrameOptions = "SAMEORIGIN";
            // Addresses of our pages (a commune, a place) are not sent to other sites (tiles, booking links).
            response.Headers["Referrer-Policy"] = "same-origin";
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitingOptions options, bool byToken)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        // The same client key as every per-address limit (an IPv6 /64 is one client).
        var address = ClientAddress.Key(http);
        var token = BearerToken(http.Request);
        if (!byToken)
        {
            return token is null
                ? RateLimitPartition.GetNoLimiter("anonymous")
                : FixedWindow("ip-jeton:" + address, options.AuthenticatedPermitLimit, options);
        }

        return token is null
            ? FixedWindow("ip:" + address, options.AnonymousPermitLimit, options)
            // The token's hash, never the token itself, is kept as the partition key.
            : FixedWindow("jeton:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), options.AuthenticatedPermitLimit, options);
    }

    private static RateLimitPartition<string> FixedWindow(string key, int limit, RateLimitingOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromSeconds(options.WindowSeconds),
            QueueLimit = 0,
        });

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static async ValueTask WriteRateLimitedAsync(HttpContext http, RateLimitLease lease, RateLimitingOptions options, CancellationToken ct)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : options.WindowSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteCodedErrorAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "Trop de requêtes", $"Trop de requêtes depuis cette adresse : réessayez dans {seconds} s.", ct);
    }

    private static Task WriteInternalErrorAsync(HttpContext http) =>
        WriteCodedErrorAsync(http, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
            "Erreur interne", ScoranErrorInfoProvider.InternalMessage, http.RequestAborted);

    /// <summary>A 4xx without a body (unknown address, wrong method, body too large…) gets a coded problem+json.</summary>
    private static Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (code, title, detail) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "Introuvable", "Aucune ressource à cette adresse."),
            StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", "Méthode non acceptée", $"La méthode {http.Request.Method} n'est pas acceptée à cette adresse."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.RequestTooLarge, "Requête trop grosse", "Le corps de la requête est trop gros."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.BadRequest, "Type de contenu non accepté", "Ce type de contenu n'est pas accepté ici."),
            >= 400 and < 500 => (ErrorCodes.BadRequest, "Requête incorrecte", "La requête est mal formée."),
            _ => (ErrorCodes.InternalError, "Erreur interne", ScoranErrorInfoProvider.InternalMessage),
        };
        return WriteCodedErrorAsync(http, http.Response.StatusCode, code, title, detail, http.RequestAborted, keepStatus: true);
    }

    /// <summary>GraphQL's shape on /graphql, problem+json (with <c>code</c>, like the exports) elsewhere.</summary>
    private static async Task WriteCodedErrorAsync(HttpContext http, int status, string code, string title, string detail, CancellationToken ct, bool keepStatus = false)
    {
        if (!keepStatus)
        {
            http.Response.StatusCode = status;
        }

        if (http.Request.Path.StartsWithSegments("/graphql"))
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body,
                new { errors = new[] { new { message = detail, extensions = new { code } } } }, cancellationToken: ct);
            return;
        }

        http.Response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new { title, status, detail, code }, cancellationToken: ct);
    }
}
