using System.Text;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// GraphQL documents built to hurt a server that walks them recursively: fragment chains, trees and cycles,
/// spreads hidden in inline fragments and fields, and nestings deeper than the parser's limit.
/// </summary>
internal static class HostileDocuments
{
    /// <summary><c>{ ...F0 } fragment F0 on Query { ...F1 } … fragment F(n-1) on Query { __typename }</c>.</summary>
    public static string Chain(int length) => Fragments(length, i => $"...F{i + 1}");

    /// <summary>Each fragment spreads the next one twice: 2^(n-1) leaves once expanded.</summary>
    public static string Tree(int length) => Fragments(length, i => $"...F{i + 1} ...F{i + 1}");

    /// <summary>Each fragment spreads the next inside an inline fragment inside a field (then inside the spread).</summary>
    public static string ChainThroughInlineFragments(int length) =>
        Fragments(length, i => $"... on Query {{ t: __type(name: \"Site\") {{ name }} ...F{i + 1} }}");

    /// <summary>Each fragment spreads the next inside an inline fragment with a directive.</summary>
    public static string ChainInsideInlineFragmentsWithDirectives(int length) =>
        Fragments(length, i => $"... @include(if: true) {{ ... on Query {{ ...F{i + 1} }} }}");

    /// <summary>F0 spreads F1 … F(n-1) spreads F0.</summary>
    public static string Cycle(int length)
    {
        var text = new StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < length; i++)
        {
            text.Append("fragment F").Append(i).Append(" on Query { ...F").Append((i + 1) % length).Append(" }\n");
        }

        return text.ToString();
    }

    /// <summary>Fields nested <paramref name="depth"/> deep (unknown fields: validation would say so, if it ran).</summary>
    public static string NestedSelections(int depth) =>
        "{ " + string.Concat(Enumerable.Repeat("a { ", depth)) + "b" + new string('}', depth) + " }";

    public static string NestedInlineFragments(int depth) =>
        "{ " + string.Concat(Enumerable.Repeat("... on Query { ", depth)) + "__typename" + new string('}', depth) + " }";

    public static string NestedListValue(int depth) =>
        "{ communes(search: " + new string('[', depth) + "\"x\"" + new string(']', depth) + ") { nom } }";

    public static string NestedInputObject(int depth) =>
        "{ communes(search: " + string.Concat(Enumerable.Repeat("{ a: ", depth)) + "1" + new string('}', depth) + ") { nom } }";

    public static string NestedVariableType(int depth) =>
        "query($v: " + new string('[', depth) + "Int" + new string(']', depth) + ") { __typename }";

    /// <summary>Every document above that a server must refuse without falling over, by name.</summary>
    public static IEnumerable<(string Name, string Document)> All(int chain) =>
    [
        ($"chaîne de {chain} fragments", Chain(chain)),
        ($"arbre de {chain} fragments", Tree(chain)),
        ($"chaîne de {chain} fragments dans des fragments en ligne", ChainThroughInlineFragments(chain)),
        ($"chaîne de {chain} fragments dans des fragments en ligne à directive", ChainInsideInlineFragmentsWithDirectives(chain)),
        ($"cycle de {chain} fragments", Cycle(chain)),
    ];

    /// <summary>Deeper than the parser's limit: each one is a parser error, never a 500.</summary>
    public static IEnumerable<(string Name, string Document)> TooDeepToParse() =>
    [
        ("10 000 sélections imbriquées", NestedSelections(10_000)),
        ("200 champs inconnus imbriqués", NestedSelections(200)),
        ("1 000 fragments en ligne imbriqués", NestedInlineFragments(1_000)),
        ("10 000 listes imbriquées en argument", NestedListValue(10_000)),
        ("5 000 objets imbriqués en argument", NestedInputObject(5_000)),
        ("type de variable imbriqué 2 000 fois", NestedVariableType(2_000)),
    ];

    private static string Fragments(int length, Func<int, string> body)
    {
        var text = new StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < length - 1; i++)
        {
            text.Append("fragment F").Append(i).Append(" on Query { ").Append(body(i)).Append(" }\n");
        }

        text.Append("fragment F").Append(length - 1).Append(" on Query { __typename }\n");
        return text.ToString();
    }
}
