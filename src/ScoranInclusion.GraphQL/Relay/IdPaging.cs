using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Relay;

/// <summary>
/// The <c>first</c>/<c>after</c> arguments of a connection paged by ascending row id (moderation items,
/// accounts): <c>first</c> within <see cref="ScoranGraphQLOptions.MaxPageSize"/>, <c>after</c> the global id
/// of the last row seen (0: from the start).
/// </summary>
public static class IdPaging
{
    public static (int First, long After) Read(IResolveFieldContext c, string cursorType)
    {
        ArgumentNullException.ThrowIfNull(c);
        var first = c.GetArgument("first", 20);
        var max = c.RequestServices!.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value.MaxPageSize;
        if (first < 0 || first > max)
        {
            throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et {max} (reçu {first}).");
        }

        long after = 0;
        if (c.GetArgument<string?>("after") is { } cursor && (!GlobalId.TryDecode(cursor, out var type, out after) || type != cursorType || after <= 0))
        {
            throw new ScoranError(ErrorCodes.InvalidCursor, "Curseur inconnu : passez l'endCursor d'une page précédente.");
        }

        return (first, after);
    }
}
