using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// Keeps parsed documents by query text: a widget sends the same query on every search, and
/// parsing and validating are a large share of a small request's cost. A document that has
/// once passed validation (it executed) is not validated again: only the rules that depend on
/// the variables run on it (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>: the
/// field count and the cost, registered with <c>useForCachedDocuments</c>), as GraphQL.NET's
/// own document cache does. The cache is bounded and simply cleared when full (the working set
/// is small). The HTTP endpoint and the executer share this one instance.
/// </summary>
public sealed class DocumentCache(IDocumentBuilder builder, IOptions<ScoranGraphQLOptions> cacheOptions) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);

    /// <summary>After the options are configured (validation rules added: 100), as GraphQL.NET's document cache.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query || Find(query) is not { } entry
            || (options.Document is not null && !ReferenceEquals(options.Document, entry.Document)))
        {
            return await next(options);
        }

        options.Document = entry.Document;
        if (entry.Validated)
        {
            options.ValidationRules = options.CachedDocumentValidationRules ?? Array.Empty<IValidationRule>();
        }

        var result = await next(options);
        if (result.Executed && !entry.Validated)
        {
            // Executed: every rule passed (a document that failed validation, or whose variables were refused,
            // did not execute and is validated in full again next time).
            entry.Validated = true;
        }

        return result;
    }

    /// <summary>The parsed document, or null when the text does not parse (execution then reports the syntax error).</summary>
    public GraphQLDocument? TryGet(string query) => Find(query)?.Document;

    /// <summary>Whether this text has been parsed and has passed validation once (for the tests).</summary>
    public bool IsValidated(string query) => _documents.TryGetValue(query, out var entry) && entry.Validated;

    private Entry? Find(string query)
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

        return _documents.GetOrAdd(query, new Entry(document));
    }

    private sealed class Entry(GraphQLDocument document)
    {
        private volatile bool _validated;

        public GraphQLDocument Document { get; } = document;

        public bool Validated
        {
            get => _validated;
            set => _validated = value;
        }
    }
}
