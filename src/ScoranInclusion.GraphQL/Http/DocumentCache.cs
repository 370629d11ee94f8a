using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// Keeps parsed documents by query text: a widget sends the same query on every search, and
/// parsing is a large share of a small request's cost. Only successfully parsed documents
/// are kept; the cache is bounded and simply cleared when full (the working set is small).
/// </summary>
public sealed class DocumentCache(IDocumentBuilder builder, IOptions<ScoranGraphQLOptions> cacheOptions) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public float SortOrder => 50;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is null && options.Query is { } query)
        {
            options.Document = TryGet(query);
        }

        return next(options);
    }

    /// <summary>The parsed document, or null when the text does not parse (execution then reports the syntax error).</summary>
    public GraphQLDocument? TryGet(string query)
    {
        if (_documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        GraphQLDocument document;
        try
        {
            document = builder.Build(query);
        }
        catch (Exception e) when (e is GraphQLSyntaxErrorException or SyntaxError)
        {
            return null;
        }

        if (_documents.Count >= cacheOptions.Value.DocumentCacheSize)
        {
            _documents.Clear();
        }

        _documents[query] = document;
        return document;
    }
}
