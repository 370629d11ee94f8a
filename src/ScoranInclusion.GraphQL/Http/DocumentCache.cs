using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Limits;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// Keeps parsed documents by query text: a widget sends the same query on every search, and
/// parsing and validating are a large share of a small request's cost. A document that has
/// once passed validation (it executed) is not validated again: only the rules that depend on
/// the variables run on it (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>: the
/// field count and the cost, registered with <c>useForCachedDocuments</c>), as GraphQL.NET's
/// own document cache does. The cache is bounded and simply cleared when full (the working set
/// is small). The HTTP endpoint and the executer share this one instance.
/// <para>
/// Parsing and the <see cref="DocumentGuard"/> happen here, once per text, before any validation: a document
/// nested beyond the parser's depth limit, or whose fragments nest too deep or expand too far, is refused
/// (<c>QUERY_TOO_DEEP</c>, <c>QUERY_TOO_COMPLEX</c>, <c>TOO_MANY_FIELDS</c>, not executed: a 400) and never reaches
/// GraphQL.NET's recursive validation. Every path into the executer (the endpoint, the pages of /espace) goes through
/// <see cref="ExecuteAsync"/>, so none can skip the guard.
/// </para>
/// </summary>
public sealed class DocumentCache(IDocumentBuilder builder, IOptions<ScoranGraphQLOptions> cacheOptions) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);

    /// <summary>After the options are configured (validation rules added: 100), as GraphQL.NET's document cache.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query)
        {
            // A document given without its text (none of ours): still measured before validation.
            return options.Document is { } given && DocumentGuard.Check(given, cacheOptions.Value) is { } refusal
                ? Refused(refusal)
                : await next(options);
        }

        var parsed = Find(query);
        if (parsed.Refusal is { } refused)
        {
            return Refused(refused);
        }

        if (parsed.Entry is not { } entry || (options.Document is not null && !ReferenceEquals(options.Document, entry.Document)))
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

    /// <summary>
    /// The parsed document, or null when the text does not parse or is refused by the guard (execution then reports why).
    /// </summary>
    public GraphQLDocument? TryGet(string query) => Find(query).Entry?.Document;

    /// <summary>Whether this text has been parsed and has passed validation once (for the tests).</summary>
    public bool IsValidated(string query) => _documents.TryGetValue(query, out var entry) && entry.Validated;

    private static ExecutionResult Refused(ExecutionError error)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(error);
        return result;
    }

    /// <summary>The cached entry of a text, or why it cannot run (a syntax error, too deep for the parser, refused by the guard).</summary>
    private (Entry? Entry, ExecutionError? Refusal) Find(string query)
    {
        if (_documents.TryGetValue(query, out var cached))
        {
            return (cached, cached.Refusal);
        }

        GraphQLDocument document;
        try
        {
            document = builder.Build(query);
        }
        catch (SyntaxError e)
        {
            // GraphQL.NET's own error (SYNTAX_ERROR, with the location), as execution would report it.
            return (null, e);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return (null, new SyntaxError(e));
        }
        catch (GraphQLParserException e)
        {
            // The parser's recursion limit (GraphQLMaxDepthExceededException): it bounds the parser's own stack.
            // Not cached: a text that does not parse takes no room from those that do.
            return (null, TooDeepToParse(e));
        }

        if (_documents.Count >= cacheOptions.Value.DocumentCacheSize)
        {
            _documents.Clear();
        }

        var entry = _documents.GetOrAdd(query, new Entry(document, DocumentGuard.Check(document, cacheOptions.Value)));
        return (entry, entry.Refusal);
    }

    private static ScoranError TooDeepToParse(GraphQLParserException e)
    {
        var error = new ScoranError(ErrorCodes.QueryTooDeep,
            $"Document trop imbriqué pour être lu : plus de {ParserMaxDepth} niveaux (sélections, fragments en ligne, listes ou objets en argument, types de variables), ligne {e.Location.Line}, colonne {e.Location.Column}.");
        error.AddLocation(e.Location);
        return error;
    }

    /// <summary>GraphQLParser's default recursion limit (GraphQL.NET's document builder keeps it), in AST levels.</summary>
    public const int ParserMaxDepth = 128;

    private sealed class Entry(GraphQLDocument document, ExecutionError? refusal)
    {
        private volatile bool _validated;

        public GraphQLDocument Document { get; } = document;

        /// <summary>Why the guard refuses this document, or null.</summary>
        public ExecutionError? Refusal { get; } = refusal;

        public bool Validated
        {
            get => _validated;
            set => _validated = value;
        }
    }
}
