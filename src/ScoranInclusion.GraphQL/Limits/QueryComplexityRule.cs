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
        if (maxDepth > _options.MaxDepth)
        {
            context.ReportError(new LimitError(context, ErrorCodes.QueryTooDeep,
                $"Requête trop profonde : {maxDepth} niveaux imbriqués, {_options.MaxDepth} au plus."));
        }
        else if (totalComplexity > _options.MaxComplexity)
        {
            context.ReportError(new LimitError(context, ErrorCodes.QueryTooComplex,
                $"Requête trop coûteuse : coût estimé {totalComplexity:0}, {_options.MaxComplexity:0} au plus. Demandez moins d'éléments (first) ou moins de champs."));
        }

        return ValueTask.CompletedTask;
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
