using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

using ScoranInclusion.GraphQL.Scalars;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// Which variables of a document the cost analysis (<see cref="Limits.QueryComplexityRule"/>) can read, so that the cost of
/// a validated document is measured once per value of those variables and not on every request. GraphQL.NET's default
/// field impact reads the arguments <c>first</c> and <c>last</c>; <c>@skip</c>/<c>@include</c> decide which fields count;
/// a field with its own impact (the coverage fields) may read any of its arguments or those of the fields around it: a
/// document that names one of those fields keys its cost on all its variables. Found by the names in the document alone
/// (without types): a variable is kept if it could matter anywhere, never left out when it could.
/// </summary>
public sealed class CostRelevance
{
    private static readonly ConditionalWeakTable<ISchema, HashSet<string>> CustomImpactFields = [];
    private static readonly CostRelevance Everything = new(all: true, []);

    private readonly bool _all;
    private readonly string[] _variables;

    private CostRelevance(bool all, string[] variables)
    {
        _all = all;
        _variables = variables;
    }

    /// <summary>The variables the cost may read in <paramref name="document"/> (all of them without a schema).</summary>
    public static CostRelevance Of(GraphQLDocument document, ISchema? schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (schema is null)
        {
            return Everything;
        }

        var custom = CustomImpactFields.GetValue(schema, FieldsWithOwnImpact);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var sets = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    Directives(operation.Directives, found);
                    sets.Push(operation.SelectionSet);
                    break;
                case GraphQLFragmentDefinition fragment:
                    Directives(fragment.Directives, found);
                    sets.Push(fragment.SelectionSet);
                    break;
            }
        }

        while (sets.Count > 0)
        {
            foreach (var selection in sets.Pop().Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (custom.Contains(field.Name.StringValue))
                        {
                            return Everything;
                        }

                        Directives(field.Directives, found);
                        foreach (var argument in field.Arguments?.Items ?? [])
                        {
                            if (argument.Name.Value == "first" || argument.Name.Value == "last")
                            {
                                Variables(argument.Value, found);
                            }
                        }

                        if (field.SelectionSet is { } inner)
                        {
                            sets.Push(inner);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        Directives(inline.Directives, found);
                        sets.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        Directives(spread.Directives, found);
                        break;
                }
            }
        }

        return new CostRelevance(all: false, [.. found]);
    }

    /// <summary>The cache key of a request's variables: the values of the variables the cost may read, written canonically.</summary>
    public string Key(Inputs? variables)
    {
        if (!_all && _variables.Length == 0)
        {
            return string.Empty;
        }

        var key = new StringBuilder();
        if (_all)
        {
            Write(key, variables);
            return key.ToString();
        }

        foreach (var name in _variables)
        {
            key.Append(name).Append('=');
            if (variables is not null && variables.TryGetValue(name, out var value))
            {
                Write(key, value);
            }
            else
            {
                // Absent: the default value of the document (fixed) applies; distinct from an explicit null.
                key.Append('~');
            }

            key.Append(';');
        }

        return key.ToString();
    }

    private static HashSet<string> FieldsWithOwnImpact(ISchema schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in schema.AllTypes.OfType<IComplexGraphType>())
        {
            foreach (var field in type.Fields)
            {
                if (field.GetComplexityImpactDelegate() is not null)
                {
                    names.Add(field.Name);
                }
            }
        }

        return names;
    }

    private static void Directives(GraphQLDirectives? directives, ISet<string> found)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            foreach (var argument in directive.Arguments?.Items ?? [])
            {
                Variables(argument.Value, found);
            }
        }
    }

    private static void Variables(GraphQLValue value, ISet<string> found)
    {
        foreach (var variable in LiteralValues.Leaves(value).OfType<GraphQLVariable>())
        {
            found.Add(variable.Name.StringValue);
        }
    }

    /// <summary>A value of the variables (as the JSON reader gives them) in a form where two values are equal if and only if their texts are.</summary>
    private static void Write(StringBuilder key, object? value)
    {
        switch (value)
        {
            case null:
                key.Append('n');
                break;
            case string text:
                key.Append('s').Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                break;
            case bool flag:
                key.Append(flag ? 't' : 'f');
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                key.Append('{');
                foreach (var (name, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    key.Append(name.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(name);
                    Write(key, item);
                }

                key.Append('}');
                break;
            case IEnumerable items:
                key.Append('[');
                foreach (var item in items)
                {
                    Write(key, item);
                    key.Append(',');
                }

                key.Append(']');
                break;
            case IFormattable number:
                key.Append(value.GetType().Name).Append(':').Append(number.ToString(null, CultureInfo.InvariantCulture)).Append(';');
                break;
            default:
                key.Append(value.GetType().FullName).Append(':').Append(value).Append(';');
                break;
        }
    }
}
