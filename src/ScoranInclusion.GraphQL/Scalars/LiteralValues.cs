using GraphQLParser.AST;

namespace ScoranInclusion.GraphQL.Scalars;

/// <summary>The leaves of a literal value of a document (lists and objects opened), walked with a stack, not recursion.</summary>
internal static class LiteralValues
{
    /// <summary>Every value inside <paramref name="value"/> that is neither a list nor an object (variables, strings, numbers…).</summary>
    public static IEnumerable<GraphQLValue> Leaves(GraphQLValue value)
    {
        var pending = new Stack<GraphQLValue>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case GraphQLListValue list:
                    list.Values?.ForEach(pending.Push);
                    break;
                case GraphQLObjectValue obj:
                    obj.Fields?.ForEach(f => pending.Push(f.Value));
                    break;
                case var leaf:
                    yield return leaf;
                    break;
            }
        }
    }
}
