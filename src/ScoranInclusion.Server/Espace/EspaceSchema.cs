using System.Collections.Frozen;
using GraphQL.Types;
using ScoranInclusion.GraphQL;

namespace ScoranInclusion.Server.Espace;

/// <summary>
/// The choices of the forms come from the schema's own enums (value names, and the standard's labels as their
/// descriptions): the pages never keep a copy of a vocabulary.
/// </summary>
internal static class EspaceSchema
{
    // A copy of the values, not the schema itself: the schema is disposed with its server, and a process may hold
    // several servers one after the other (the tests do). The vocabularies are code, the same in every schema.
    private static FrozenDictionary<string, (string Value, string Label)[]>? s_enums;

    public static void Use(ISchema schema)
    {
        schema.Initialize();
        s_enums = schema.AllTypes.OfType<EnumerationGraphType>()
            .ToFrozenDictionary(t => t.Name, t => t.Values.Select(v => (v.Name, v.Description ?? v.Name)).ToArray(), StringComparer.Ordinal);
    }

    public static IEnumerable<(string Value, string Label)> EnumValues(string typeName) =>
        (s_enums ?? throw new InvalidOperationException("Schéma non chargé.")).TryGetValue(typeName, out var values) ? values : [];

    public static void UseFrom(IServiceProvider services) => Use((ISchema)services.GetRequiredService<ScoranSchema>());
}
