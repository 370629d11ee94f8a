using GraphQL;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>The from/to arguments of a search by time: defaults, order and a bounded span.</summary>
internal static class TimeWindow
{
    public const int MaxDays = 366;

    public static (DateTimeOffset From, DateTimeOffset To) Read(IResolveFieldContext context, int defaultDays)
    {
        var from = context.GetArgument<DateTimeOffset?>("from") ?? context.Now();
        var to = context.GetArgument<DateTimeOffset?>("to") ?? from.AddDays(defaultDays);
        if (to <= from)
        {
            throw new ScoranError(ErrorCodes.InvalidTimeWindow, "La fin de la période (to) doit suivre son début (from).");
        }

        if (to - from > TimeSpan.FromDays(MaxDays))
        {
            throw new ScoranError(ErrorCodes.InvalidTimeWindow, $"Une période de recherche couvre au plus {MaxDays} jours.");
        }

        return (from, to);
    }
}
