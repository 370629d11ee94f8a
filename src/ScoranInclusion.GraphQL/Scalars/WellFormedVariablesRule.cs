using GraphQL.Validation;

namespace ScoranInclusion.GraphQL.Scalars;

/// <summary>
/// The part of <see cref="WellFormedTextRule"/> that depends on the request: the strings inside the variables. A document
/// from the cache has had its literals checked when it first passed validation; only its variables are checked again
/// (same error, same code), without walking the document.
/// </summary>
public sealed class WellFormedVariablesRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WellFormedTextRule.CheckVariables(context);
        return ValueTask.FromResult<INodeVisitor?>(null);
    }
}
