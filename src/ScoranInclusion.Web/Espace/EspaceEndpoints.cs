using Microsoft.AspNetCore.Antiforgery;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Web;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The mediators' space (<c>/espace</c>): log in with a cookie, list one's places, edit a place with an hours
/// preview, its workshops, its history. Server-rendered, usable without JavaScript; see <see cref="EspaceApi"/>
/// for how the pages reach the GraphQL schema. Every POST checks an antiforgery token (a missing or wrong one:
/// a French 400 page), every page is <c>no-store</c> and <c>noindex</c>.
/// </summary>
public static class EspaceEndpoints
{
    public const string Root = "/espace";

    public static IServiceCollection AddScoranEspace(this IServiceCollection services)
    {
        services.AddScoped<EspaceApi>();
        services.AddScoped<EspacePlaces>();
        services.AddSingleton<EspaceSchema>();
        services.AddSingleton<IAddressPointSource, CommunePointSource>();
        services.AddScoped<IAddressPointSource, AddressIndexPointSource>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "scoran_espace_af";
            o.Cookie.Path = Root;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "_jeton_formulaire";
            // The security headers already say SAMEORIGIN for every page.
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    public static WebApplication MapEspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Root))
            {
                http.Response.OnStarting(() =>
                {
                    // Personal pages: never kept by a shared computer's browser nor a proxy, never indexed.
                    http.Response.Headers.CacheControl = "no-store";
                    http.Response.Headers.Pragma = "no-cache";
                    http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
                    return Task.CompletedTask;
                });
            }

            return next(http);
        });
        app.UseAntiforgery();

        AccountPages.Map(app);
        PlacesPage.Map(app);
        EditPage.Map(app);
        HoursGridForm.Map(app);
        WorkshopsPage.Map(app);
        HistoryPage.Map(app);
        ModerationPage.Map(app);
        WithdrawalsPage.Map(app);
        SourcesPage.Map(app);
        AccountsPage.Map(app);
        SubmissionPages.Map(app);
        ReminderPages.Map(app);
        return app;
    }

    /// <summary>A POST route whose antiforgery token the middleware checks (the handler reads the verdict).</summary>
    internal static RouteHandlerBuilder MapFormPost(this WebApplication app, string pattern, Delegate handler) =>
        app.MapPost(pattern, handler).WithMetadata(new RequireAntiforgeryTokenAttribute());

    /// <summary>The form of a POST, or null when its antiforgery token is missing or wrong (or it is not a form).</summary>
    internal static async Task<IFormCollection?> ValidFormAsync(HttpContext http)
    {
        var verdict = http.Features.Get<IAntiforgeryValidationFeature>();
        if (verdict is null)
        {
            verdict = await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)
                ? new Verdict(true) : new Verdict(false);
        }

        if (!verdict.IsValid || !http.Request.HasFormContentType)
        {
            return null;
        }

        return await RequestForms.ReadAsync(http.Request);
    }

    internal static IResult AntiforgeryRefused(HttpContext http) =>
        EspaceHtml.Page(http, "Formulaire expiré", """
            <h1>Ce formulaire a expiré ou ne vient pas de ce site</h1>
            <p>Par sécurité, chaque formulaire de l'espace médiateurs porte un jeton que le serveur vérifie ; celui-ci manque ou
            ne correspond pas (page restée ouverte longtemps, cookies refusés, ou formulaire envoyé depuis un autre site).
            Rien n'a été enregistré.</p>
            <p><a href="/espace">Revenir à l'espace médiateurs</a> et recommencer.</p>
            """, signedIn: false, status: StatusCodes.Status400BadRequest);

    /// <summary>Where to send someone who is not (or no longer) signed in.</summary>
    internal static IResult ToLogin(HttpContext http)
    {
        if (EspaceApi.CookieToken(http.Request) is not null)
        {
            // Expired or revoked: the cookie is useless now.
            EspaceApi.ClearCookie(http);
        }

        var back = http.Request.Path.Value + http.Request.QueryString.Value;
        return SeeOther("/espace/connexion" + (HttpMethods.IsGet(http.Request.Method) && back != Root ? "?retour=" + Uri.EscapeDataString(back) : ""));
    }

    /// <summary>303 See Other: after a POST, the browser GETs the page (reloading it does not post again).</summary>
    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The common gate of the pages of one place: signed in (else the login page), and the place in the account's
    /// scope for <paramref name="action"/> (else the refusal page); null when the page may go on.
    /// </summary>
    internal static async Task<IResult?> RequirePlaceAsync(HttpContext http, string id, GraphQL.Editing.EditAction action)
    {
        if (await SignedInAsync(http) is null)
        {
            return ToLogin(http);
        }

        var (_, refusal) = await AuthorizePlaceAsync(http, id, action);
        return refusal;
    }

    /// <summary>The place's internal key, checked against the account's scope as every mutation checks it; or the refusal page.</summary>
    internal static async Task<(long Key, IResult? Refusal)> AuthorizePlaceAsync(HttpContext http, string id, GraphQL.Editing.EditAction action)
    {
        if (!GlobalId.TryDecode(id, out var type, out var key) || type != SiteType.TypeName)
        {
            return (0, NotFound(http));
        }

        try
        {
            await http.RequestServices.GetRequiredService<GraphQL.Editing.IEditAuthorization>()
                .AuthorizeAsync(new GraphQL.Editing.EditTarget(action, SiteKey: key), http.RequestAborted);
            return (key, null);
        }
        catch (ScoranError e) when (e.Code == ErrorCodes.NotFound)
        {
            return (key, NotFound(http));
        }
        catch (ScoranError e) when (e.Code == ErrorCodes.Forbidden)
        {
            return (key, EspaceHtml.Refusal(http, StatusCodes.Status403Forbidden, "Ce lieu n'est pas dans votre espace", e.Message));
        }
        catch (ScoranError e) when (e.Code == ErrorCodes.Unauthenticated)
        {
            return (key, ToLogin(http));
        }
    }

    internal static IResult NotFound(HttpContext http) =>
        EspaceHtml.Refusal(http, StatusCodes.Status404NotFound, "Lieu introuvable", "Ce lieu n'existe pas (ou plus) dans l'annuaire.");

    /// <summary>Signs the request in from its cookie: the account, or null.</summary>
    internal static Task<AccountPrincipal?> SignedInAsync(HttpContext http) =>
        http.RequestServices.GetRequiredService<EspaceApi>().SignedInAsync(http.Request, http.RequestAborted);

    private sealed record Verdict(bool IsValid) : IAntiforgeryValidationFeature
    {
        public Exception? Error => null;
    }
}
