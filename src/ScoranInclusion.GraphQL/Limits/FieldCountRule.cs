using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Limits;

/// <summary>
/// Counts the field selections and the aliased fields of the selected operation, fragments counted at each
/// place they are spread (so a fragment spread a thousand times counts a thousand times). Counting stops as
/// soon as a limit is passed: a fragment bomb costs the server no more than the limit.
/// </summary>
public sealed class FieldCountRule(IOptions<ScoranGraphQLOptions> options) : ValidationRuleBase
{
    private readonly ScoranGraphQLOptions _options = options.Value;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is { } operation)
        {
            var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                .GroupBy(f => f.FragmentName.Name.Value)
                .ToDictionary(g => g.Key, g => g.First());
            var counter = new Counter(_options, fragments);
            counter.Visit(operation.SelectionSet, []);
            if (counter.Aliases > _options.MaxAliases)
            {
                context.ReportError(new LimitError(context, ErrorCodes.TooManyAliases,
                    $"Trop d'alias dans la requête : plus de {_options.MaxAliases}."));
            }
            else if (counter.Fields > _options.MaxFields)
            {
                context.ReportError(new LimitError(context, ErrorCodes.TooManyFields,
                    $"Trop de champs dans la requête : plus de {_options.MaxFields} (fragments comptés à chaque utilisation)."));
            }
        }

        return ValueTask.FromResult<INodeVisitor?>(null);
    }

    private sealed class Counter(ScoranGraphQLOptions options, Dictionary<ROM, GraphQLFragmentDefinition> fragments)
    {
        public int Fields { get; private set; }

        public int Aliases { get; private set; }

        private bool Over => Fields > options.MaxFields || Aliases > options.MaxAliases;

        public void Visit(GraphQLSelectionSet? set, HashSet<ROM> path)
        {
            if (set is null)
            {
                return;
            }

            foreach (var selection in set.Selections)
            {
                if (Over)
                {
                    return;
                }

                switch (selection)
                {
                    case GraphQLField field:
                        Fields++;
                        if (field.Alias is not null)
                        {
                            Aliases++;
                        }

                        Visit(field.SelectionSet, path);
                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline.SelectionSet, path);
                        break;
                    case GraphQLFragmentSpread spread:
                        // A cycle is reported by the specification's own rule; here it only must not loop.
                        if (fragments.TryGetValue(spread.FragmentName.Name.Value, out var fragment) && path.Add(spread.FragmentName.Name.Value))
                        {
                            Visit(fragment.SelectionSet, path);
                            path.Remove(spread.FragmentName.Name.Value);
                        }

                        break;
                }
            }
        }
    }
}
