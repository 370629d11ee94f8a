using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.GraphQL.Audit;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (graphql.github.io/graphql-over-http): POST with a JSON body, GET with
/// query parameters for queries only. Responses are application/graphql-response+json
/// unless the client asks for application/json. With the former, a request that fails before
/// execution (syntax or validation) is a 400; with the latter every well-formed request is a 200.
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";

    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.Map(pattern, HandleAsync).WithDisplayName("GraphQL");

    private static async Task HandleAsync(HttpContext http)
    {
        var responseType = ChooseResponseType(http.Request.Headers.Accept);
        if (responseType is null)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status406NotAcceptable, GraphQLResponseMediaType,
                "Types de réponse acceptés : application/graphql-response+json ou application/json.");
            return;
        }

        GraphQLRequest? request;
        var isGet = HttpMethods.IsGet(http.Request.Method);
        var limits = http.RequestServices.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value;
        if (isGet)
        {
            if (http.Request.QueryString.Value?.Length > limits.MaxRequestBytes)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status414UriTooLong, responseType,
                    $"Requête trop longue : {limits.MaxRequestBytes} octets au plus dans l'adresse ; envoyez-la en POST.", ErrorCodes.RequestTooLarge);
                return;
            }

            request = ReadQueryString(http.Request.Query, http.RequestServices.GetRequiredService<IGraphQLTextSerializer>(), out var problem);
            if (problem is not null)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, responseType, problem);
                return;
            }
        }
        else if (HttpMethods.IsPost(http.Request.Method))
        {
            if (!IsJsonContent(http.Request.ContentType))
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, responseType,
                    "Le corps d'une requête POST doit être en application/json (UTF-8).");
                return;
            }

            var body = await ReadBodyAsync(http.Request, limits.MaxRequestBytes, http.RequestAborted);
            if (body is null)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status413PayloadTooLarge, responseType,
                    $"Corps de requête trop gros : {limits.MaxRequestBytes} octets au plus.", ErrorCodes.RequestTooLarge);
                return;
            }

            if (IsJsonArray(body))
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, responseType,
                    "Les requêtes groupées (tableau JSON) ne sont pas acceptées : envoyez un objet {query, variables, operationName} par requête.",
                    ErrorCodes.BatchNotSupported);
                return;
            }

            var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
            try
            {
                using var stream = new MemoryStream(body, writable: false);
                request = await serializer.ReadAsync<GraphQLRequest>(stream, http.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or DecoderFallbackException)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, responseType,
                    "Le corps de la requête n'est pas un objet JSON {query, variables, operationName} valide.");
                return;
            }
        }
        else
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, responseType, "Méthodes acceptées : GET et POST.");
            return;
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, responseType,
                "Le paramètre query (le document GraphQL) est obligatoire.");
            return;
        }

        var cache = http.RequestServices.GetRequiredService<DocumentCache>();
        var document = cache.TryGet(request.Query);
        if (isGet && document is not null && SelectsMutation(document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, responseType,
                "Une mutation doit être envoyée en POST, jamais en GET.");
            return;
        }

        if (!isGet && document is not null && SelectsMutation(document, request.OperationName) && !CrossSiteRequests.IsAllowed(http.Request))
        {
            http.RequestServices.GetRequiredService<AuditLog>().CrossSiteRefused(
                await AuditLog.AccountOf(http.RequestServices.GetRequiredService<Editing.RequestIdentity>(), http.RequestAborted), request.OperationName);
            await WriteRequestErrorAsync(http, StatusCodes.Status403Forbidden, responseType,
                "Modification refusée : une requête qui porte des cookies doit venir de ce site même (protection contre les requêtes intersites).",
                ErrorCodes.CrossSiteRequest);
            return;
        }

        // The region's coverage: computed and serialised once per publication (Coverage/CoverageAnswers).
        var kept = Coverage.CoverageAnswers.For(http, request, document, responseType);
        if (kept is not null && await kept.TryServeAsync(http))
        {
            RecordOperation(request.OperationName ?? SelectedOperationName(document), OperationType.Query, Coverage.CoverageAnswers.ServedResult);
            return;
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ScoranSchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            UserContext = new RequestContext(),
            User = http.User,
            CancellationToken = http.RequestAborted,
        });

        await AuditRefusalsAsync(http, request.OperationName ?? SelectedOperationName(document), result);
        RecordOperation(request.OperationName ?? result.Operation?.Name?.Value.ToString() ?? SelectedOperationName(document),
            result.Operation?.Operation ?? SelectedOperationType(document, request.OperationName), result);
        var status = responseType == GraphQLResponseMediaType && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        // A resolver's own rate limit (reportSiteError) answers like the HTTP limiter: 429 and Retry-After.
        if (result.Errors?.FirstOrDefault(e => e.Code == ErrorCodes.RateLimited) is { } limited)
        {
            status = StatusCodes.Status429TooManyRequests;
            if (limited.Data["retryAfterSeconds"] is int seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (kept is not null && await kept.TryKeepAsync(http, result, status, http.RequestServices.GetRequiredService<IGraphQLTextSerializer>()))
        {
            return;
        }

        await WriteResultAsync(http, status, responseType, result);
    }

    /// <summary>The media type to answer with, or null when the client accepts neither.</summary>
    internal static string? ChooseResponseType(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return GraphQLResponseMediaType;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return GraphQLResponseMediaType;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1;
            var candidate = type.MediaType.Value switch
            {
                GraphQLResponseMediaType => GraphQLResponseMediaType,
                JsonMediaType => JsonMediaType,
                "application/*" or "*/*" => GraphQLResponseMediaType,
                _ => null,
            };
            // On equal quality the spec's own type wins over plain JSON.
            if (candidate is not null && quality > 0 && (quality > bestQuality || (quality == bestQuality && candidate == GraphQLResponseMediaType)))
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    private static bool IsJsonContent(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return false;
        }

        var charsetOk = type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        return charsetOk && (type.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase));
    }

    private static GraphQLRequest? ReadQueryString(IQueryCollection query, IGraphQLTextSerializer serializer, out string? problem)
    {
        problem = null;
        var request = new GraphQLRequest
        {
            Query = query["query"].ToString(),
            OperationName = query.TryGetValue("operationName", out var op) && !StringValues.IsNullOrEmpty(op) ? op.ToString() : null,
        };
        if (query.TryGetValue("variables", out var variables) && !StringValues.IsNullOrEmpty(variables))
        {
            if (!TryParseInputs(serializer, variables.ToString(), out var inputs))
            {
                problem = "Le paramètre variables doit être un objet JSON.";
                return null;
            }

            request.Variables = inputs;
        }

        if (query.TryGetValue("extensions", out var extensions) && !StringValues.IsNullOrEmpty(extensions))
        {
            if (!TryParseInputs(serializer, extensions.ToString(), out var inputs))
            {
                problem = "Le paramètre extensions doit être un objet JSON.";
                return null;
            }

            request.Extensions = inputs;
        }

        return request;
    }

    private static bool TryParseInputs(IGraphQLTextSerializer serializer, string json, out Inputs? inputs)
    {
        inputs = null;
        try
        {
            inputs = serializer.Deserialize<Inputs>(json);
            return inputs is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string? SelectedOperationName(GraphQLDocument? document) =>
        Selected(document, null) is { } only ? only.Name?.Value.ToString() : null;

    private static OperationType? SelectedOperationType(GraphQLDocument? document, string? operationName) =>
        Selected(document, operationName)?.Operation;

    /// <summary>The operation a request selects: the one named, or the only one when none is named (no list built per request).</summary>
    private static GraphQLOperationDefinition? Selected(GraphQLDocument? document, string? operationName)
    {
        GraphQLOperationDefinition? selected = null;
        foreach (var definition in document?.Definitions ?? [])
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (operationName is null)
            {
                if (selected is not null)
                {
                    return null;
                }

                selected = operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                return operation;
            }
        }

        return selected;
    }

    /// <summary>
    /// The operation's name and type on the request's span, and the operations counter by name, type and
    /// outcome (<c>ok</c> or the first error code). Never the document nor the variables (positions, search texts).
    /// </summary>
    private static void RecordOperation(string? operationName, OperationType? type, ExecutionResult result)
    {
        var name = GraphQLTelemetry.OperationName(operationName);
        var typeName = type switch
        {
            OperationType.Query => "query",
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "inconnu",
        };
        var outcome = result.Errors is { Count: > 0 } errors ? errors[0].Code ?? "ERREUR" : "ok";
        if (Activity.Current is { } activity)
        {
            activity.SetTag("graphql.operation.name", name);
            activity.SetTag("graphql.operation.type", typeName);
            activity.SetTag("scoran.graphql.outcome", outcome);
        }

        GraphQLTelemetry.Operations.Add(1,
            new KeyValuePair<string, object?>("graphql.operation.name", name),
            new KeyValuePair<string, object?>("graphql.operation.type", typeName),
            new KeyValuePair<string, object?>("scoran.graphql.outcome", outcome));
    }

    private static bool SelectsMutation(GraphQLDocument document, string? operationName) =>
        Selected(document, operationName) is { } selected && selected.Operation != OperationType.Query;

    /// <summary>Refused permissions go to the audit log (code, field, operation name, account id: nothing else).</summary>
    private static async Task AuditRefusalsAsync(HttpContext http, string? operationName, ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }

        foreach (var error in errors)
        {
            if (error.Code is ErrorCodes.Unauthenticated or ErrorCodes.Forbidden)
            {
                // The account of the request's token (resolved by the refusing resolver), not http.User, which no authentication sets.
                var account = await AuditLog.AccountOf(http.RequestServices.GetRequiredService<Editing.RequestIdentity>(), http.RequestAborted);
                http.RequestServices.GetRequiredService<AuditLog>().PermissionRefused(account, error.Code, operationName,
                    error.Path is { } path ? string.Join('.', path) : null);
            }
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // The usual case: the length is announced, the body read straight into an array of that size.
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length)
            {
                var got = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken);
                if (got == 0)
                {
                    return exact[..filled];
                }

                filled += got;
            }

            // Nothing may follow the announced length (the server enforces it); read once more to be sure.
            var extra = new byte[1];
            return await request.Body.ReadAsync(extra, cancellationToken) == 0 ? exact : null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJsonArray(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'[';
        }

        return false;
    }

    private static Task WriteRequestErrorAsync(HttpContext http, int status, string responseType, string message, string code = ErrorCodes.BadRequest)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ScoranError(code, message));
        RecordOperation(null, null, result);
        return WriteResultAsync(http, status, responseType, result);
    }

    private static async Task WriteResultAsync(HttpContext http, int status, string responseType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = responseType + "; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        // Written whole, then sent with its length: the compression of the pipeline leaves small answers as they are.
        // The buffer is reused from request to request (a list answer grew a new one through eight copies each time).
        var buffer = ResponseBuffers.Rent();
        try
        {
            await serializer.WriteAsync(buffer, result, http.RequestAborted);
            http.Response.ContentLength = buffer.Length;
            await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
        }
        finally
        {
            ResponseBuffers.Return(buffer);
        }
    }

    /// <summary>A few answer buffers kept between requests; a large one (a region's coverage) is not kept.</summary>
    private static class ResponseBuffers
    {
        private const int MaxKeptBytes = 256 * 1024;
        private const int MaxKept = 64;
        private static readonly System.Collections.Concurrent.ConcurrentQueue<MemoryStream> Kept = new();

        public static MemoryStream Rent() => Kept.TryDequeue(out var buffer) ? buffer : new MemoryStream(16 * 1024);

        public static void Return(MemoryStream buffer)
        {
            if (buffer.Capacity <= MaxKeptBytes && Kept.Count < MaxKept)
            {
                buffer.SetLength(0);
                Kept.Enqueue(buffer);
            }
        }
    }
}
