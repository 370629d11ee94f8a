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
using ScoranInclusion.GraphQL.Scalars;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// Keeps parsed documents by query text: a widget sends the same query on every search, and
/// parsing and validating are a large share of a small request's cost. Each distinct text is parsed
/// once; a text that does not parse, or that the guard refuses, is kept as refused (the same error
/// every time, never parsed again). An operation of a document that has once passed every rule (it
/// executed) is not validated again: only what depends on the request runs on it, the strings of
/// the variables (<see cref="WellFormedVariablesRule"/>) and the cost, itself measured once per value
/// of the variables it reads (<see cref="CostRelevance"/>: <c>first</c>, <c>last</c>, the directives'
/// arguments) and kept with the operation. The field and alias counts and the password fields depend
/// on the document and the operation alone. A document that failed validation is validated in full
/// again when sent again. The cache is bounded (<see cref="ScoranGraphQLOptions.DocumentCacheSize"/>
/// texts, each operation at most 64 costs) and simply cleared when full (the working set is small);
/// the schema is built once per process, so a cached document is never checked against another. The
/// HTTP endpoint and the executer share this one instance.
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
        // The measures of this request's validation (the cost rule writes its own there): kept below for the next requests.
        var measures = options.UserContext as RequestContext ?? new RequestContext(options.UserContext);
        options.UserContext = measures;
        measures.Complexity = null;
        var operation = options.OperationName ?? string.Empty;
        string? costKey = null;
        if (entry.Passed(operation) is { } passed)
        {
            // This operation of this document passed every rule once: only what depends on the variables runs again. The
            // text of the variables always; the cost, from the cache when the variables it reads are the same as before.
            costKey = passed.CostKey(options.Variables);
            options.ValidationRules = passed.Costs.TryGetValue(costKey, out var cost)
                ? [VariablesRule, new KnownComplexityRule(cost.Total, cost.Depth, cacheOptions.Value)]
                : [VariablesRule, .. (options.CachedDocumentValidationRules ?? []).OfType<QueryComplexityRule>()];
        }

        var result = await next(options);
        if (result.Executed)
        {
            // Executed: every rule passed (a document that failed validation, or whose variables were refused, did not
            // execute and is validated in full again next time).
            var operationPassed = entry.Passed(operation) ?? entry.Pass(operation, CostRelevance.Of(entry.Document!, options.Schema));
            costKey ??= operationPassed.CostKey(options.Variables);
            if (measures.Complexity is { } measured)
            {
                operationPassed.Keep(costKey, measured);
            }
        }

        return result;
    }

    private static readonly WellFormedVariablesRule VariablesRule = new();

    /// <summary>
    /// The parsed document, or null when the text does not parse or is refused by the guard (execution then reports why).
    /// </summary>
    public GraphQLDocument? TryGet(string query) => Find(query).Entry?.Document;

    /// <summary>Whether this text has been parsed and has passed validation once (for the tests).</summary>
    public bool IsValidated(string query, string? operationName = null) =>
        _documents.TryGetValue(query, out var entry) && entry.Passed(operationName ?? string.Empty) is not null;

    /// <summary>How many texts are kept (parsed, or refused at parsing), for the tests.</summary>
    public int Count => _documents.Count;

    /// <summary>How many costs are kept for an operation of a text (one per value of the variables the cost reads), for the tests.</summary>
    public int KeptCosts(string query, string? operationName = null) =>
        _documents.TryGetValue(query, out var entry) && entry.Passed(operationName ?? string.Empty) is { } passed ? passed.Costs.Count : 0;

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
            return (cached.Document is null ? null : cached, cached.Refusal);
        }

        GraphQLDocument? document = null;
        ExecutionError? refusal;
        try
        {
            document = builder.Build(query);
            refusal = DocumentGuard.Check(document, cacheOptions.Value);
        }
        catch (SyntaxError e)
        {
            // GraphQL.NET's own error (SYNTAX_ERROR, with the location), as execution would report it.
            refusal = e;
        }
        catch (GraphQLSyntaxErrorException e)
        {
            refusal = new SyntaxError(e);
        }
        catch (GraphQLParserException e)
        {
            // The parser's recursion limit (GraphQLMaxDepthExceededException): it bounds the parser's own stack.
            refusal = TooDeepToParse(e);
        }

        // A text that does not parse is kept too, as refused (sent again, it is not parsed again): the cache is bounded
        // whatever the texts, valid or not, and cleared when full.
        if (_documents.Count >= cacheOptions.Value.DocumentCacheSize)
        {
            _documents.Clear();
        }

        var entry = cacheOptions.Value.DocumentCacheSize == 0 ? new Entry(document, refusal) : _documents.GetOrAdd(query, new Entry(document, refusal));
        return (entry.Document is null ? null : entry, entry.Refusal);
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

    private sealed class Entry(GraphQLDocument? document, ExecutionError? refusal)
    {
        private readonly ConcurrentDictionary<string, PassedOperation> _passed = new(StringComparer.Ordinal);

        /// <summary>The parsed document; null when the text does not parse (<see cref="Refusal"/> says why).</summary>
        public GraphQLDocument? Document { get; } = document;

        /// <summary>Why the parser or the guard refuses this document, or null.</summary>
        public ExecutionError? Refusal { get; } = refusal;

        /// <summary>The operation (by name, "" when none is given) once it has passed every rule, else null.</summary>
        public PassedOperation? Passed(string operation) => _passed.TryGetValue(operation, out var passed) ? passed : null;

        public PassedOperation Pass(string operation, CostRelevance relevance)
        {
            // A document has a few operations; names that are not among them never execute, so never get here.
            return _passed.GetOrAdd(operation, new PassedOperation(relevance));
        }
    }

    /// <summary>An operation that has passed every rule once, and the costs measured for it by the values of the variables the cost reads.</summary>
    private sealed class PassedOperation(CostRelevance relevance)
    {
        /// <summary>Costs kept per operation: the values of first/last a client sends are few; cleared when full.</summary>
        private const int MaxCosts = 64;

        public ConcurrentDictionary<string, (double Total, int Depth)> Costs { get; } = new(StringComparer.Ordinal);

        public string CostKey(Inputs? variables) => relevance.Key(variables);

        public void Keep(string key, (double Total, int Depth) cost)
        {
            if (Costs.Count >= MaxCosts)
            {
                Costs.Clear();
            }

            Costs[key] = cost;
        }
    }
}
