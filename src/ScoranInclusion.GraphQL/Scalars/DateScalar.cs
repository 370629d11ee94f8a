using GraphQL.Types;

namespace ScoranInclusion.GraphQL.Scalars;

/// <summary>A calendar date, ISO 8601 <c>YYYY-MM-DD</c> (the standard's <c>date_maj</c>).</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    public DateScalar()
    {
        Name = "Date";
        Description = "Date calendaire au format ISO 8601 AAAA-MM-JJ.";
    }
}
