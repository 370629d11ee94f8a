using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Accounts;
using ScoranInclusion.GraphQL.Limits;
using ScoranInclusion.GraphQL.Moderation;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// A strict limit per client (<see cref="ClientAddress.Key(HttpContext)"/>: an IPv4 address, an IPv6 /64), on top of the
/// general limit of requests, whether a token is sent or not. The partition key is the SHA-256 of the client's key, in
/// memory only.
/// </summary>
internal abstract class PerAddressLimiter : IDisposable
{
    private readonly string _name;
    private readonly bool _enabled;
    private readonly TimeSpan _window;
    private readonly PartitionedRateLimiter<string> _limiter;

    protected PerAddressLimiter(string name, bool enabled, int permitLimit, int windowSeconds)
    {
        _name = name;
        _enabled = enabled;
        _window = TimeSpan.FromSeconds(windowSeconds);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = _window,
            QueueLimit = 0,
        }));
    }

    public bool TryAcquire(HttpContext http, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        retryAfter = TimeSpan.Zero;
        if (!_enabled)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(_name + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ClientAddress.Key(http)))));
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Anonymous error reports (<c>reportSiteError</c>): <see cref="RateLimitingOptions.ReportPermitLimit"/> per <see cref="RateLimitingOptions.ReportWindowSeconds"/>.</summary>
internal sealed class ReportRateLimiter(IOptions<RateLimitingOptions> options)
    : PerAddressLimiter("signalement", options.Value.Enabled, options.Value.ReportPermitLimit, options.Value.ReportWindowSeconds), IReportRateLimiter;

/// <summary>Password checks (<c>login</c>, <c>acceptInvitation</c>): <see cref="RateLimitingOptions.LoginPermitLimit"/> per <see cref="RateLimitingOptions.LoginWindowSeconds"/>.</summary>
internal sealed class LoginRateLimiter(IOptions<RateLimitingOptions> options)
    : PerAddressLimiter("connexion", options.Value.Enabled, options.Value.LoginPermitLimit, options.Value.LoginWindowSeconds), ILoginRateLimiter;
