using GraphQL.Types;
using ScoranInclusion.GraphQL;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The choices of the forms come from the schema's own enums (value names, and the standard's labels as their
/// descriptions): the pages never keep a copy of a vocabulary. One per server (a singleton around its schema).
/// </summary>
internal sealed class EspaceSchema(ScoranSchema schema)
{
    public IEnumerable<(string Value, string Label)> EnumValues(string typeName)
    {
        schema.Initialize();
        return schema.AllTypes[typeName] is EnumerationGraphType type
            ? type.Values.Select(v => (v.Name, v.Description ?? v.Name))
            : [];
    }

    public static EspaceSchema Of(HttpContext http) => http.RequestServices.GetRequiredService<EspaceSchema>();
}
