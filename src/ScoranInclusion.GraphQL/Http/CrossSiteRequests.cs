using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// CSRF protection for mutations. A mutation is only accepted in a POST with a JSON body (a form or a
/// "simple" cross-site request cannot send <c>application/json</c> without a CORS preflight, and CORS never
/// allows credentials here). On top of that, a mutation whose request carries a cookie (cookie sessions: the
/// accounts work) must come from this very site: <c>Sec-Fetch-Site</c> is <c>same-origin</c> or <c>none</c>,
/// or, for a browser that does not send it, <c>Origin</c> is this server's origin. Requests without cookies
/// (a token in <c>Authorization</c>, a script, curl) are not concerned: nothing ambient to abuse.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>Whether a state-changing request may go on.</summary>
    public static bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Headers.ContainsKey(HeaderNames.Cookie) || IsSameSite(request);
    }

    /// <summary>
    /// Whether a request comes from this very site by what the browser says: <c>Sec-Fetch-Site</c> is
    /// <c>same-origin</c> or <c>none</c>, or, without it, <c>Origin</c> is this server's origin (neither header: not a
    /// browser fetch from another page). Also used by forms that carry no cookie at all (the citizens' error report).
    /// </summary>
    public static bool IsSameSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        }

        // Neither header: not a browser fetch from another page (browsers send Origin on every cross-site POST).
        return true;
    }
}
