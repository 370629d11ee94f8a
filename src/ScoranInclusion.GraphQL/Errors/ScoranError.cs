using GraphQL;

namespace ScoranInclusion.GraphQL.Errors;

/// <summary>An error for the client: a French message and a stable code in <c>extensions.code</c>.</summary>
public sealed class ScoranError : ExecutionError
{
    public ScoranError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ScoranError(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public ScoranError()
        : this(ErrorCodes.InternalError, "Erreur interne.")
    {
    }

    public ScoranError(string message)
        : this(ErrorCodes.InternalError, message)
    {
    }

    public ScoranError(string message, Exception innerException)
        : this(ErrorCodes.InternalError, message, innerException)
    {
    }
}
