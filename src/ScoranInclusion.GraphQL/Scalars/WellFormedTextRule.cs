using System.Globalization;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Scalars;

/// <summary>
/// Every text a request gives (string literals of the document, anywhere: arguments, input objects, lists, default
/// values; and every string inside the variables) must be well-formed Unicode: no half of a UTF-16 surrogate pair on
/// its own (a lone or reversed surrogate, which JSON escapes and GraphQL's <c>\u</c> escapes can carry), and no
/// noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of each plane), which are not text. Such a
/// string is refused here, for every argument at once, with <c>INVALID_STRING</c> and where it is, before any resolver
/// sees it: text folding (accent-insensitive search) and storage would otherwise fail on it with an internal error, or
/// keep something no one can read back.
/// </summary>
public sealed class WellFormedTextRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CheckVariables(context))
        {
            return ValueTask.FromResult<INodeVisitor?>(null);
        }

        return ValueTask.FromResult<INodeVisitor?>(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) => Check(ctx, $"l'argument {argument.Name.StringValue}", argument.Value, argument)),
            new MatchingNodeVisitor<GraphQLVariableDefinition>((variable, ctx) =>
                Check(ctx, $"la valeur par défaut de ${variable.Variable.Name.StringValue}", variable.DefaultValue, variable))));
    }

    /// <summary>Reports the first variable holding a string that is not well-formed text; false when one was reported.</summary>
    internal static bool CheckVariables(ValidationContext context)
    {
        if (context.Variables is { } variables)
        {
            foreach (var (name, value) in variables)
            {
                if (FirstProblemIn(value) is { } problem)
                {
                    context.ReportError(Invalid(context, $"la variable ${name}", problem.Text, problem.Index, null));
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The first place where <paramref name="text"/> is not well-formed text, as (index, description), or null.</summary>
    public static (int Index, string Text)? FirstProblem(string text) =>
        WellFormedText.FirstProblem(text) is { } problem ? (problem.Index, problem.Description) : null;

    private static void Check(ValidationContext context, string where, GraphQLValue? value, ASTNode node)
    {
        if (value is null)
        {
            return;
        }

        foreach (var leaf in LiteralValues.Leaves(value))
        {
            if (leaf is GraphQLStringValue text && FirstProblem(text.Value.ToString()) is { } problem)
            {
                context.ReportError(Invalid(context, where, problem.Text, problem.Index, node));
                return;
            }
        }
    }

    private static (int Index, string Text)? FirstProblemIn(object? value)
    {
        // Most variables are a number, a boolean, a string or null: no stack for them.
        switch (value)
        {
            case null or bool or int or long or double or decimal:
                return null;
            case string text:
                return FirstProblem(text);
        }

        var pending = new Stack<object?>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case string text when FirstProblem(text) is { } problem:
                    return problem;
                case IEnumerable<KeyValuePair<string, object?>> map:
                    foreach (var (key, item) in map)
                    {
                        pending.Push(key);
                        pending.Push(item);
                    }

                    break;
                case System.Collections.IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return null;
    }

    private static ValidationError Invalid(ValidationContext context, string where, string what, int index, ASTNode? node)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Texte invalide dans {where} : {what} au caractère {index + 1}. Envoyez du texte Unicode bien formé (UTF-8 valide).");
        var error = node is null
            ? new ValidationError(message) { Code = ErrorCodes.InvalidString }
            : new ValidationError(context.Document.Source, "5.6.1", message, node) { Code = ErrorCodes.InvalidString };
        return error;
    }
}
