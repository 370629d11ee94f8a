using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// How the mediators' pages read and write: they run GraphQL documents in-process, through the same
/// <see cref="IDocumentExecuter{TSchema}"/> and schema as <c>/graphql</c>, acting with the login token of the
/// page's cookie (<see cref="RequestIdentity.UseInProcessToken"/>). Authorization, validation, history and
/// search-index publishing therefore follow exactly the API's code path, and the pages hold no rule of their
/// own: they only turn form fields into variables and coded errors into French messages next to the fields.
/// The results are serialized and parsed back (<see cref="JsonObject"/>), exactly what an API client reads.
/// The only other calls are to <see cref="IEditAuthorization"/> (the check every mutation makes, to answer a
/// page of another place with a 403 before rendering it) and to the listing of the places in scope
/// (<see cref="EspacePlaces"/>, which reuses <see cref="ScopedEditAuthorization.InScope"/>).
/// </summary>
internal sealed class EspaceApi(IDocumentExecuter<ScoranSchema> executer, IGraphQLTextSerializer serializer, RequestIdentity identity, IHttpContextAccessor http)
{
    public const string CookieName = "scoran_espace";

    /// <summary>The cookie's login token, when there is one (not yet checked).</summary>
    public static string? CookieToken(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var token) && token is { Length: > 0 and <= 512 } ? token : null;

    /// <summary>The account of the page's cookie, or null (no cookie, or a token unknown, expired or revoked).</summary>
    public async Task<AccountPrincipal?> SignedInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (CookieToken(request) is not { } token)
        {
            return null;
        }

        identity.UseInProcessToken(token);
        var principal = await identity.GetAsync(cancellationToken);
        // The administrator token of scripts is not a cookie's business.
        Principal = principal is { Id: > 0 } ? principal : null;
        return Principal;
    }

    /// <summary>The account signed in by <see cref="SignedInAsync"/> during this request (the navigation shows the moderation to moderators).</summary>
    public AccountPrincipal? Principal { get; private set; }

    /// <summary>Runs a document with the cookie's identity and returns <c>{data, errors}</c> as a client would read them.</summary>
    public async Task<GraphQLAnswer> RunAsync(string document, object? variables, CancellationToken cancellationToken)
    {
        var context = http.HttpContext!;
        var inputs = variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables));
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = document,
            Variables = inputs,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = cancellationToken,
        });
        var json = JsonNode.Parse(serializer.Serialize(result))!.AsObject();
        return new GraphQLAnswer(json["data"] as JsonObject, json["errors"] as JsonArray ?? []);
    }

    /// <summary>Sets the login cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, only under /espace, expiring with the token.</summary>
    public static void SetCookie(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = EspaceEndpoints.Root,
            Expires = expiresAt,
            IsEssential = true,
        });

    public static void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = EspaceEndpoints.Root,
        });
}

/// <summary>A GraphQL result as JSON: the data (may be null) and the errors (may be empty).</summary>
internal sealed record GraphQLAnswer(JsonObject? Data, JsonArray Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>The first error's <c>extensions.code</c>.</summary>
    public string? Code => Errors.Count > 0 ? Errors[0]?["extensions"]?["code"]?.GetValue<string>() : null;

    public string Message => Errors.Count > 0 ? Errors[0]?["message"]?.GetValue<string>() ?? "" : "";

    public JsonNode? ErrorData => Errors.Count > 0 ? Errors[0]?["extensions"]?["data"] : null;

    /// <summary>Field errors of INVALID_SITE / INVALID_OFFER / INVALID_SESSION…: input name → message.</summary>
    public Dictionary<string, string> FieldErrors()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ErrorData?["fields"] is JsonArray fields)
        {
            foreach (var f in fields)
            {
                if (f?["field"]?.GetValue<string>() is { } name && f["message"]?.GetValue<string>() is { } message)
                {
                    errors.TryAdd(name, message);
                }
            }
        }
        else if (ErrorData?["field"]?.GetValue<string>() is { } field)
        {
            errors[field] = Message;
        }

        return errors;
    }

    public bool IsRefusal => Code is ErrorCodes.Forbidden or ErrorCodes.Unauthenticated;
}
