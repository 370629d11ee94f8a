using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace ScoranInclusion.GraphQL;

/// <summary>
/// The schema as SDL in a stable, reviewable form: the schema definition first, then the
/// types by name, each with its fields in declaration order (id and nom first), descriptions kept.
/// </summary>
public static class SchemaSdl
{
    public static string Print(ISchema schema)
    {
        schema.Initialize();
        var document = schema.ToAST();
        var ordered = document.Definitions
            .OrderBy(d => d is GraphQLSchemaDefinition ? 0 : 1)
            .ThenBy(d => (d as INamedNode)?.Name.StringValue ?? "", StringComparer.Ordinal)
            .ToList();
        var sdl = new SDLPrinter(new SDLPrinterOptions { PrintDescriptions = true, PrintComments = false })
            .Print(new GraphQLDocument(ordered));
        return sdl.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }
}
