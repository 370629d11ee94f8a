using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using ScoranInclusion.GraphQL.Accounts;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Limits;

/// <summary>
/// At most one password-bearing field (<see cref="PasswordFields"/>) per operation, counted through aliases, fragments
/// and inline fragments wherever they are spread: 30 aliased <c>login</c> would be 30 slow hashes for one request. The
/// document is refused before anything runs (TOO_MANY_PASSWORD_FIELDS, HTTP 400). The walk is iterative and visits each
/// fragment at most twice (enough to see two fields), so neither depth nor cycles can make it loop or overflow.
/// </summary>
public sealed class PasswordFieldsRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        // Only root fields of a mutation can be password fields: the fields inside them belong to their payloads.
        if (context.Operation is { Operation: OperationType.Mutation } operation && context.Schema.Mutation is { } mutation)
        {
            var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                .GroupBy(f => f.FragmentName.Name.Value)
                .ToDictionary(g => g.Key, g => g.First());
            var expansions = new Dictionary<ROM, int>();
            var pending = new Stack<GraphQLSelectionSet>();
            pending.Push(operation.SelectionSet);
            var found = new List<string>();
            while (pending.Count > 0 && found.Count < 2)
            {
                foreach (var selection in pending.Pop().Selections)
                {
                    switch (selection)
                    {
                        case GraphQLField field when PasswordFields.IsPasswordField(mutation.GetField(field.Name.Value)):
                            found.Add(field.Name.StringValue);
                            break;
                        case GraphQLInlineFragment inline:
                            pending.Push(inline.SelectionSet);
                            break;
                        case GraphQLFragmentSpread spread
                            when fragments.TryGetValue(spread.FragmentName.Name.Value, out var fragment)
                                && expansions.GetValueOrDefault(spread.FragmentName.Name.Value) < 2:
                            expansions[spread.FragmentName.Name.Value] = expansions.GetValueOrDefault(spread.FragmentName.Name.Value) + 1;
                            pending.Push(fragment.SelectionSet);
                            break;
                    }
                }
            }

            if (found.Count > 1)
            {
                context.ReportError(new LimitError(context, ErrorCodes.TooManyPasswordFields,
                    $"Une seule vérification de mot de passe par requête ({string.Join(", ", found.Distinct(StringComparer.Ordinal))}…) : envoyez-les une à une."));
            }
        }

        return ValueTask.FromResult<INodeVisitor?>(null);
    }
}
