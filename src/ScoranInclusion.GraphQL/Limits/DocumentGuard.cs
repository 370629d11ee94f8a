using GraphQLParser.AST;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Limits;

/// <summary>
/// Measures a parsed document before GraphQL.NET validates it, and refuses it when its shape could make the
/// validation itself dangerous. GraphQL.NET's validator and several of its rules walk the document recursively
/// and follow fragment spreads into the fragments they name: a chain of a thousand fragments, each spreading the
/// next, is a recursion a thousand fragments deep, which overflows the thread's stack and kills the process
/// (a stack overflow cannot be caught in .NET). The limits of <see cref="QueryComplexityRule"/> and
/// <see cref="FieldCountRule"/> run too late: they are validation rules themselves.
/// <para>
/// This pass never recurses: every walk uses an explicit stack, and each fragment is measured once (memoised,
/// in dependency order), so a fragment spread twice by each of a thousand fragments costs as little as a chain.
/// Fragment cycles are found here too (they would be infinitely deep). It measures, with fragments expanded
/// where they are spread: the chain of fragments spreading fragments (<see cref="ScoranGraphQLOptions.MaxFragmentDepth"/>),
/// the nesting of selections, inline fragments and spreads (<see cref="ScoranGraphQLOptions.MaxNesting"/>, what a
/// recursive walk descends), the nesting of fields (<see cref="ScoranGraphQLOptions.MaxDepth"/>, as the complexity
/// rule counts it), the fields of an operation (<see cref="ScoranGraphQLOptions.MaxFields"/>) and every node of the
/// document (<see cref="ScoranGraphQLOptions.MaxNodes"/>: fields, fragments, arguments, values, directives). Counts
/// saturate just above their limit, so a fragment tree whose expansion has 2^1000 nodes is measured in linear time.
/// </para>
/// <para>
/// Every definition is measured, operations not selected and unused fragments included: GraphQL.NET validates them
/// all. What passes leaves the recursive walks of GraphQL.NET bounded by these limits and by the parser's own depth
/// limit (128 AST levels inside one definition), far below what a thread's stack holds (the tests run the worst
/// accepted documents on a 256 KiB stack), so requests keep running on the thread pool.
/// </para>
/// </summary>
public static class DocumentGuard
{
    /// <summary>The first limit the document passes, as an error with its code; null when it is within every limit.</summary>
    public static ScoranError? Check(GraphQLDocument document, ScoranGraphQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var cap = Math.Max(options.MaxNodes, options.MaxFields) + 1L;

        var fragments = new Dictionary<string, List<GraphQLFragmentDefinition>>(StringComparer.Ordinal);
        var operations = new List<GraphQLOperationDefinition>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLFragmentDefinition fragment:
                    var name = fragment.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var list))
                    {
                        fragments[name] = list = [];
                    }

                    list.Add(fragment);
                    break;
                case GraphQLOperationDefinition operation:
                    operations.Add(operation);
                    break;
            }
        }

        if (FragmentOrder(fragments) is not { } order)
        {
            return new ScoranError(ErrorCodes.QueryTooDeep,
                "Requête refusée : des fragments se répandent en boucle (un fragment finit par se répandre lui-même), ce qui est infiniment profond.");
        }

        var measures = new Dictionary<string, Measure>(StringComparer.Ordinal);
        var total = 0L;
        foreach (var name in order)
        {
            var measure = Measure.Empty;
            foreach (var fragment in fragments[name])
            {
                measure = Measure.Max(measure, MeasureSelections(fragment.SelectionSet, Nodes(fragment.Directives, cap), measures, cap), cap);
            }

            measures[name] = measure;
            total = Math.Min(cap, total + measure.Nodes);
            if (Refuse(measure, options, operation: false) is { } refusal)
            {
                return refusal;
            }
        }

        foreach (var operation in operations)
        {
            var own = Nodes(operation.Directives, cap);
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                own = Math.Min(cap, own + 1 + Nodes(variable.DefaultValue, cap) + Nodes(variable.Directives, cap));
            }

            var measure = MeasureSelections(operation.SelectionSet, own, measures, cap);
            total = Math.Min(cap, total + measure.Nodes);
            if (Refuse(measure, options, operation: true) is { } refusal)
            {
                return refusal;
            }
        }

        return total > options.MaxNodes
            ? new ScoranError(ErrorCodes.QueryTooComplex,
                $"Requête trop grande : plus de {options.MaxNodes} éléments (champs, fragments, arguments, valeurs, directives), fragments comptés à chaque utilisation.")
            : null;
    }

    private static ScoranError? Refuse(Measure measure, ScoranGraphQLOptions options, bool operation)
    {
        if (measure.SpreadDepth > options.MaxFragmentDepth)
        {
            return new ScoranError(ErrorCodes.QueryTooDeep,
                $"Requête trop profonde : des fragments se répandent l'un l'autre sur {measure.SpreadDepth} niveaux, {options.MaxFragmentDepth} au plus.");
        }

        if (measure.Nesting > options.MaxNesting)
        {
            return new ScoranError(ErrorCodes.QueryTooDeep,
                $"Requête trop imbriquée : {measure.Nesting} niveaux de sélections, fragments en ligne et fragments compris, {options.MaxNesting} au plus.");
        }

        // An operation's fields start at level 1; a fragment's count from where it is spread (checked through the operations).
        if (operation && measure.FieldDepth > options.MaxDepth)
        {
            return new ScoranError(ErrorCodes.QueryTooDeep,
                $"Requête trop profonde : {measure.FieldDepth} niveaux imbriqués, {options.MaxDepth} au plus.");
        }

        if (measure.FieldDepth > options.MaxDepth)
        {
            return new ScoranError(ErrorCodes.QueryTooDeep,
                $"Requête trop profonde : un fragment imbrique à lui seul {measure.FieldDepth} niveaux, {options.MaxDepth} au plus.");
        }

        if (measure.Fields > options.MaxFields)
        {
            return new ScoranError(ErrorCodes.TooManyFields,
                $"Trop de champs dans la requête : plus de {options.MaxFields} (fragments comptés à chaque utilisation).");
        }

        return measure.Nodes > options.MaxNodes
            ? new ScoranError(ErrorCodes.QueryTooComplex,
                $"Requête trop grande : plus de {options.MaxNodes} éléments (champs, fragments, arguments, valeurs, directives), fragments comptés à chaque utilisation.")
            : null;
    }

    /// <summary>
    /// The fragment names in dependency order (a fragment after every fragment it spreads), or null when some
    /// fragments spread each other in a cycle. Iterative depth-first search with three colours.
    /// </summary>
    private static List<string>? FragmentOrder(Dictionary<string, List<GraphQLFragmentDefinition>> fragments)
    {
        var edges = fragments.ToDictionary(f => f.Key, f => Spreads(f.Value).Where(fragments.ContainsKey).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done.
        var order = new List<string>(fragments.Count);
        var path = new Stack<(string Name, int Next)>();
        foreach (var root in fragments.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            state[root] = false;
            path.Push((root, 0));
            while (path.Count > 0)
            {
                var (name, next) = path.Pop();
                var targets = edges[name];
                if (next < targets.Count)
                {
                    path.Push((name, next + 1));
                    var target = targets[next];
                    if (!state.TryGetValue(target, out var done))
                    {
                        state[target] = false;
                        path.Push((target, 0));
                    }
                    else if (!done)
                    {
                        return null;
                    }
                }
                else
                {
                    state[name] = true;
                    order.Add(name);
                }
            }
        }

        return order;
    }

    /// <summary>The fragment names spread anywhere inside these definitions (inside fields and inline fragments too).</summary>
    private static IEnumerable<string> Spreads(List<GraphQLFragmentDefinition> definitions)
    {
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in definitions)
        {
            pending.Push(definition.SelectionSet);
        }

        while (pending.Count > 0)
        {
            foreach (var selection in pending.Pop().Selections)
            {
                switch (selection)
                {
                    case GraphQLFragmentSpread spread:
                        yield return spread.FragmentName.Name.StringValue;
                        break;
                    case GraphQLField { SelectionSet: { } fieldSet }:
                        pending.Push(fieldSet);
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                }
            }
        }
    }

    /// <summary>One selection set measured with the fragments it spreads expanded (those are measured already).</summary>
    private static Measure MeasureSelections(GraphQLSelectionSet root, long ownNodes, Dictionary<string, Measure> fragments, long cap)
    {
        var result = new Measure(0, 0, 0, 0, ownNodes);
        var pending = new Stack<(GraphQLSelectionSet Set, int FieldDepth, int Nesting, int SpreadDepth)>();
        pending.Push((root, 0, 0, 0));
        var nodes = ownNodes;
        var fields = 0L;
        while (pending.Count > 0)
        {
            var (set, fieldDepth, nesting, spreadDepth) = pending.Pop();
            foreach (var selection in set.Selections)
            {
                nodes = Math.Min(cap, nodes + 1 + Nodes((selection as IHasDirectivesNode)?.Directives, cap));
                switch (selection)
                {
                    case GraphQLField field:
                        fields = Math.Min(cap, fields + 1);
                        foreach (var argument in field.Arguments?.Items ?? [])
                        {
                            nodes = Math.Min(cap, nodes + 1 + Nodes(argument.Value, cap));
                        }

                        result = result.Deeper(fieldDepth + 1, nesting + 1, spreadDepth);
                        if (field.SelectionSet is { } fieldSet)
                        {
                            pending.Push((fieldSet, fieldDepth + 1, nesting + 1, spreadDepth));
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        result = result.Deeper(fieldDepth, nesting + 1, spreadDepth);
                        pending.Push((inline.SelectionSet, fieldDepth, nesting + 1, spreadDepth));
                        break;
                    case GraphQLFragmentSpread spread:
                        // An unknown fragment counts as an empty one here; GraphQL.NET reports it.
                        var target = fragments.GetValueOrDefault(spread.FragmentName.Name.StringValue, Measure.Empty);
                        result = result.Deeper(fieldDepth + target.FieldDepth, nesting + 1 + target.Nesting, spreadDepth + 1 + target.SpreadDepth);
                        nodes = Math.Min(cap, nodes + target.Nodes);
                        fields = Math.Min(cap, fields + target.Fields);
                        break;
                }
            }
        }

        return result with { Nodes = nodes, Fields = fields };
    }

    private static long Nodes(GraphQLDirectives? directives, long cap)
    {
        var nodes = 0L;
        foreach (var directive in directives?.Items ?? [])
        {
            nodes = Math.Min(cap, nodes + 1);
            foreach (var argument in directive.Arguments?.Items ?? [])
            {
                nodes = Math.Min(cap, nodes + 1 + Nodes(argument.Value, cap));
            }
        }

        return nodes;
    }

    /// <summary>The nodes of a value (lists and input objects walked with an explicit stack).</summary>
    private static long Nodes(GraphQLValue? value, long cap)
    {
        if (value is null)
        {
            return 0;
        }

        var nodes = 0L;
        var pending = new Stack<GraphQLValue>();
        pending.Push(value);
        while (pending.Count > 0 && nodes < cap)
        {
            nodes++;
            switch (pending.Pop())
            {
                case GraphQLListValue { Values: { } values }:
                    values.ForEach(pending.Push);
                    break;
                case GraphQLObjectValue { Fields: { } objectFields }:
                    objectFields.ForEach(f => pending.Push(f.Value));
                    break;
            }
        }

        return nodes;
    }

    /// <summary>What one definition holds once its fragments are expanded (counts saturate at the cap).</summary>
    private readonly record struct Measure(int FieldDepth, int Nesting, int SpreadDepth, long Fields, long Nodes)
    {
        public static Measure Empty => default;

        public static Measure Max(Measure a, Measure b, long cap) => new(
            Math.Max(a.FieldDepth, b.FieldDepth), Math.Max(a.Nesting, b.Nesting), Math.Max(a.SpreadDepth, b.SpreadDepth),
            Math.Min(cap, Math.Max(a.Fields, b.Fields)), Math.Min(cap, Math.Max(a.Nodes, b.Nodes)));

        public Measure Deeper(int fieldDepth, int nesting, int spreadDepth) => this with
        {
            FieldDepth = Math.Max(FieldDepth, fieldDepth),
            Nesting = Math.Max(Nesting, nesting),
            SpreadDepth = Math.Max(SpreadDepth, spreadDepth),
        };
    }
}
