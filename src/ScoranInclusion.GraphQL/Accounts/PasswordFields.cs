using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Errors;

namespace ScoranInclusion.GraphQL.Accounts;

/// <summary>
/// How strictly password checks are limited, per client address (the server's <c>RateLimiting:Login*</c> settings).
/// The address is only a key of the limiter, in memory: it is never stored nor logged.
/// </summary>
public interface ILoginRateLimiter
{
    /// <summary>True when the request may check a password; otherwise how long to wait.</summary>
    bool TryAcquire(HttpContext http, out TimeSpan retryAfter);
}

/// <summary>
/// The fields that check or set a password (<c>login</c>, <c>acceptInvitation</c>, and any later one marked with
/// <see cref="Mark{TSourceType, TReturnType}"/>). Each runs a deliberately slow hash (PBKDF2), so a request may hold only
/// one of them (<see cref="Limits.PasswordFieldsRule"/>), each costs <see cref="Cost"/> in the complexity budget, and each
/// takes a permit of the per-address login limit before anything else.
/// </summary>
public static class PasswordFields
{
    /// <summary>The metadata flag of a password-bearing field, read by <see cref="Limits.PasswordFieldsRule"/>.</summary>
    public const string MetadataKey = "scoran.passwordField";

    /// <summary>
    /// A password hash takes tens of milliseconds of CPU on purpose: about what the widget's biggest search (cost about
    /// 2,100) takes, so half of that, and never free.
    /// </summary>
    public const double Cost = 1_000;

    /// <summary>Marks a field as password-bearing: one per operation, its cost, and it must call <see cref="AcquireAsync"/>.</summary>
    public static FieldBuilder<TSourceType, TReturnType> Mark<TSourceType, TReturnType>(this FieldBuilder<TSourceType, TReturnType> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.WithMetadata(MetadataKey, true).WithComplexityImpact(Cost);
    }

    public static bool IsPasswordField(FieldType? field) => field?.GetMetadata(MetadataKey, false) == true;

    /// <summary>Takes a permit of the per-address login limit, or throws RATE_LIMITED (HTTP 429 with Retry-After).</summary>
    public static void Acquire(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext;
        if (http is null || context.RequestServices!.GetRequiredService<ILoginRateLimiter>().TryAcquire(http, out var retryAfter))
        {
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var error = new ScoranError(ErrorCodes.RateLimited,
            $"Trop de tentatives de connexion depuis cette adresse : réessayez dans {seconds} s.");
        error.Data["retryAfterSeconds"] = seconds;
        throw error;
    }
}
