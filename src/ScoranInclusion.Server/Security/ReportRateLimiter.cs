using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Moderation;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// The strict limit of anonymous error reports (<c>reportSiteError</c>): <see cref="RateLimitingOptions.ReportPermitLimit"/>
/// per address and per <see cref="RateLimitingOptions.ReportWindowSeconds"/>, whether a token is sent or not, on top of
/// the general limit of requests. The partition key is the SHA-256 of the address, in memory only.
/// </summary>
internal sealed class ReportRateLimiter : IReportRateLimiter, IDisposable
{
    private readonly RateLimitingOptions _options;
    private readonly PartitionedRateLimiter<string> _limiter;

    public ReportRateLimiter(IOptions<RateLimitingOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.ReportPermitLimit,
            Window = TimeSpan.FromSeconds(_options.ReportWindowSeconds),
            QueueLimit = 0,
        }));
    }

    public bool TryAcquire(HttpContext http, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        retryAfter = TimeSpan.Zero;
        if (!_options.Enabled)
        {
            return true;
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "inconnue";
        using var lease = _limiter.AttemptAcquire("signalement:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address))));
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(_options.ReportWindowSeconds);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
