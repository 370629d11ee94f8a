using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace ScoranInclusion.GraphQL;

/// <summary>The schema as SDL, in a stable form (types sorted, descriptions kept) so that it can be reviewed as a file.</summary>
public static class SchemaSdl
{
    public static string Print(ISchema schema)
    {
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions
        {
            IncludeDescriptions = true,
            IncludeDeprecationReasons = true,
            // Declaration order (id and nom first) reads better than alphabetical and is just as stable.
            StringComparison = null,
        });
        return sdl.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }
}
