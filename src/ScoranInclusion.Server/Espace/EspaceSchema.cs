using GraphQL.Types;
using ScoranInclusion.GraphQL;

namespace ScoranInclusion.Server.Espace;

/// <summary>
/// The choices of the forms come from the schema's own enums (value names, and the standard's labels as their
/// descriptions): the pages never keep a copy of a vocabulary.
/// </summary>
internal static class EspaceSchema
{
    private static ISchema? s_schema;

    public static void Use(ISchema schema)
    {
        schema.Initialize();
        s_schema = schema;
    }

    public static IEnumerable<(string Value, string Label)> EnumValues(string typeName) =>
        (s_schema ?? throw new InvalidOperationException("Schéma non chargé.")).AllTypes[typeName] is EnumerationGraphType type
            ? type.Values.Select(v => (v.Name, v.Description ?? v.Name))
            : [];

    public static void UseFrom(IServiceProvider services) => Use((ISchema)services.GetRequiredService<ScoranSchema>());
}
