using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Limits;

/// <summary>
/// GraphQL.NET's complexity analysis (cost multiplied by the <c>first</c> of the lists above a field) with
/// our own codes and French messages: QUERY_TOO_DEEP, QUERY_TOO_COMPLEX.
/// </summary>
public sealed class QueryComplexityRule(IOptions<ScoranGraphQLOptions> options) : ComplexityValidationRule(ToComplexityOptions(options.Value))
{
    private readonly ScoranGraphQLOptions _options = options.Value;

    private static ComplexityOptions ToComplexityOptions(ScoranGraphQLOptions options) => new()
    {
        // Checked below, with our codes.
        MaxDepth = null,
        MaxComplexity = null,
    };

    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Kept by the document cache for the next requests with the same values of the variables the cost reads.
        if (context.UserContext is Http.RequestContext request)
        {
            request.Complexity = (totalComplexity, maxDepth);
        }

        Check(context, totalComplexity, maxDepth, _options);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reports QUERY_TOO_DEEP or QUERY_TOO_COMPLEX for a measured cost over the limits.</summary>
    internal static void Check(ValidationContext context, double totalComplexity, int maxDepth, ScoranGraphQLOptions options)
    {
        if (maxDepth > options.MaxDepth)
        {
            context.ReportError(new LimitError(context, ErrorCodes.QueryTooDeep,
                $"Requête trop profonde : {maxDepth} niveaux imbriqués, {options.MaxDepth} au plus."));
        }
        else if (totalComplexity > options.MaxComplexity)
        {
            context.ReportError(new LimitError(context, ErrorCodes.QueryTooComplex,
                $"Requête trop coûteuse : coût estimé {totalComplexity:0}, {options.MaxComplexity:0} au plus. Demandez moins d'éléments (first) ou moins de champs."));
        }
    }
}

/// <summary>
/// The cost of a cached document, measured by <see cref="QueryComplexityRule"/> on an earlier request with the same values
/// of the variables the cost reads (<see cref="Http.CostRelevance"/>): the same limits, the same errors, without walking the
/// document again.
/// </summary>
public sealed class KnownComplexityRule(double totalComplexity, int maxDepth, ScoranGraphQLOptions options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext is Http.RequestContext request)
        {
            request.Complexity = (totalComplexity, maxDepth);
        }

        QueryComplexityRule.Check(context, totalComplexity, maxDepth, options);
        return ValueTask.FromResult<INodeVisitor?>(null);
    }
}

/// <summary>A validation error with one of our codes, located at the operation.</summary>
public sealed class LimitError : ValidationError
{
    public LimitError(ValidationContext context, string code, string message)
        : base(context.Document.Source, "5.0", message, context.Operation)
    {
        Code = code;
    }
}
