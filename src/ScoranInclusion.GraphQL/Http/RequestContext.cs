using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Loaders;

namespace ScoranInclusion.GraphQL.Http;

/// <summary>
/// The user context of one execution (<see cref="ExecutionOptions.UserContext"/>): what the resolvers of a request share
/// without asking the request's service scope again for each field (a scoped service is looked up under a lock), the
/// request's instant (one « now » for every field of the answer: opening state, notices, freshness, next sessions), and
/// the cost measured by the validation (<see cref="DocumentCache"/> keeps it).
/// </summary>
public sealed class RequestContext : Dictionary<string, object?>
{
    private RequestLoaders? _loaders;
    private DateTimeOffset? _now;

    public RequestContext()
    {
    }

    /// <summary>A context carrying the entries of another (an execution given its own user context).</summary>
    public RequestContext(IDictionary<string, object?>? entries)
        : base(entries ?? new Dictionary<string, object?>())
    {
    }

    /// <summary>The total cost and depth the cost rule measured in this request's validation, or null when it did not run.</summary>
    public (double Total, int Depth)? Complexity { get; set; }

    internal RequestLoaders Loaders(IServiceProvider services) => _loaders ??= services.GetRequiredService<RequestLoaders>();

    /// <summary>The instant of the request, read once from the services' clock.</summary>
    internal DateTimeOffset Now(IServiceProvider services) => _now ??= services.GetRequiredService<TimeProvider>().GetUtcNow();
}

internal static class RequestContextAccess
{
    /// <summary>The request's instant, read once per request (the clock of the services otherwise).</summary>
    public static DateTimeOffset RequestNow(this IResolveFieldContext context) =>
        context.UserContext is RequestContext request
            ? request.Now(context.RequestServices!)
            : context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
}
