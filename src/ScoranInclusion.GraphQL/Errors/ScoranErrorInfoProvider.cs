using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.GraphQL.Errors;

/// <summary>
/// What a client sees of an error. Our coded errors (<see cref="ScoranError"/>) keep their code and their
/// <c>extensions.data</c> (the field at fault). An unexpected exception becomes INTERNAL_ERROR with a generic
/// French message: neither its message, its type (GraphQL.NET derives a code from it), nor its
/// <c>Exception.Data</c> leave the server, unless <c>GraphQL:ExposeExceptionDetails</c> (Development) asks.
/// </summary>
public sealed class ScoranErrorInfoProvider(IOptions<ScoranGraphQLOptions> options) : ErrorInfoProvider(o =>
{
    o.ExposeExceptionDetails = options.Value.ExposeExceptionDetails;
    o.ExposeData = true;
    // "codes" lists a code per inner exception type: exception types are not the client's business.
    o.ExposeCodes = options.Value.ExposeExceptionDetails;
})
{
    public const string InternalMessage = "Erreur interne : l'incident a été journalisé.";

    private readonly bool _expose = options.Value.ExposeExceptionDetails;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (!_expose && executionError is UnhandledError)
        {
            return new ErrorInfo
            {
                Message = InternalMessage,
                Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalError },
            };
        }

        var info = base.GetInfo(executionError);
        if (!_expose && executionError is not ScoranError && info.Extensions is { } extensions)
        {
            // Only our own errors put data there on purpose.
            extensions.Remove("data");
        }

        return info;
    }
}
