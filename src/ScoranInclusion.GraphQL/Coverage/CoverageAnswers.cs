using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Search;

namespace ScoranInclusion.GraphQL.Coverage;

/// <summary>
/// Whether this request's coverage fields may be answered from a kept answer: every <c>coverage</c> field it resolved
/// had arguments that do not depend on the hour (no workshop within N days, no freshness in months, no « open now » /
/// « open at »). Scoped: one per request.
/// </summary>
public sealed class CoverageCacheability
{
    private int _coverage;
    private int _refused;

    public bool Cacheable => Volatile.Read(ref _coverage) > 0 && Volatile.Read(ref _refused) == 0;

    public void Resolved(bool timeIndependent) => Interlocked.Increment(ref timeIndependent ? ref _coverage : ref _refused);
}

/// <summary>
/// The region's coverage (and any coverage) asked over GraphQL by an anonymous client, computed and serialised once per
/// data publication (<see cref="PublishedAnswers"/>): the same document, operation and variables are answered with the
/// kept bytes (Brotli or gzip when accepted), an <c>ETag</c> and <c>Cache-Control: no-cache</c> (a GET revalidates:
/// 304 when unchanged). A document is kept only when its operation is a query selecting nothing but <c>coverage</c>
/// (and <c>__typename</c>) at its root, it executed without error, and its coverage arguments do not depend on the hour.
/// </summary>
public sealed class CoverageAnswers
{
    private static readonly ExecutionResult Served = new() { Executed = true };

    private readonly PublishedAnswers _answers;
    private readonly PublicationStamp _stamp;
    private readonly string _key;
    private readonly string _contentType;

    private CoverageAnswers(PublishedAnswers answers, string key, string responseType)
    {
        _answers = answers;
        _key = key;
        _contentType = responseType + "; charset=utf-8";
        _stamp = answers.Current;
    }

    /// <summary>The outcome to record for an answer served from the kept bytes (no error).</summary>
    public static ExecutionResult ServedResult => Served;

    /// <summary>The candidate for a kept answer, or null when this request can never be one (cheap for every other request).</summary>
    public static CoverageAnswers? For(HttpContext http, GraphQLRequest request, GraphQLDocument? document, string responseType)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        if (document is null || request.Query is not { } query || !query.Contains("coverage", StringComparison.Ordinal)
            || http.Request.Headers.Authorization.Count > 0 || request.Extensions is { Count: > 0 }
            || http.RequestServices.GetService<PublishedAnswers>() is not { Enabled: true } answers
            || !OnlyCoverage(document, request.OperationName))
        {
            return null;
        }

        var key = new StringBuilder("graphql\n").Append(responseType).Append('\n').Append(request.OperationName).Append('\n')
            .Append(request.Variables is { Count: > 0 } variables ? JsonSerializer.Serialize<IReadOnlyDictionary<string, object?>>(variables) : "")
            .Append('\n').Append(query).ToString();
        return new CoverageAnswers(answers, key, responseType);
    }

    /// <summary>Writes the kept answer if there is one still true; false: execute.</summary>
    public async Task<bool> TryServeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (_answers.Find(_key) is not { } answer)
        {
            return false;
        }

        await WriteAsync(http, answer);
        return true;
    }

    /// <summary>After execution: keeps and writes the answer when it may be kept; false: the caller writes it as usual.</summary>
    public async Task<bool> TryKeepAsync(HttpContext http, ExecutionResult result, int status, IGraphQLTextSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(serializer);
        if (status != StatusCodes.Status200OK || !result.Executed || result.Errors is { Count: > 0 }
            || http.RequestServices.GetService<CoverageCacheability>() is not { Cacheable: true })
        {
            return false;
        }

        using var buffer = new MemoryStream(64 * 1024);
        await serializer.WriteAsync(buffer, result, http.RequestAborted);
        var answer = _answers.Keep(_key, _stamp, buffer.ToArray(), _contentType);
        await WriteAsync(http, answer);
        return true;
    }

    /// <summary>
    /// Writes a kept answer: 304 to a GET whose <c>If-None-Match</c> names it, else its bytes, compressed when the client
    /// accepts it and the request carries no credentials (as the pipeline's compression: never beside a secret).
    /// </summary>
    public static Task WriteAsync(HttpContext http, PublishedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answer);
        var response = http.Response;
        response.Headers.ETag = answer.ETag;
        response.Headers.CacheControl = "public, no-cache";
        response.Headers.Vary = "Accept-Encoding";
        if (HttpMethods.IsGet(http.Request.Method) && Matches(http.Request.Headers.IfNoneMatch, answer.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = answer.ContentType;
        var body = answer.Body;
        if (http.Request.Headers.Authorization.Count == 0 && http.Request.Headers.Cookie.Count == 0)
        {
            var accepted = http.Request.Headers.AcceptEncoding.ToString();
            if (Accepts(accepted, "br"))
            {
                response.Headers.ContentEncoding = "br";
                body = answer.BrotliBody;
            }
            else if (Accepts(accepted, "gzip"))
            {
                response.Headers.ContentEncoding = "gzip";
                body = answer.GzipBody;
            }
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    /// <summary>Whether the operation to run is a query whose root selects only <c>coverage</c> (and <c>__typename</c>).</summary>
    internal static bool OnlyCoverage(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.Value == operationName);
        if (selected is not { Operation: OperationType.Query } || selected.SelectionSet.Selections.Count == 0)
        {
            return false;
        }

        var coverage = false;
        foreach (var selection in selected.SelectionSet.Selections)
        {
            if (selection is not GraphQLField field)
            {
                return false;
            }

            if (field.Name.Value == "coverage")
            {
                coverage = true;
            }
            else if (field.Name.Value != "__typename")
            {
                return false;
            }
        }

        return coverage;
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Weak comparison (RFC 9110 § 8.8.3.2): W/"x" and "x" name the same answer.
                if (part == "*" || Opaque(part) == Opaque(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    /// <summary>Whether <paramref name="coding"/> is in Accept-Encoding with a quality above 0.</summary>
    private static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (var item in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            if (!parts[0].Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return !parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
        }

        return false;
    }
}
