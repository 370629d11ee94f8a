using System.Net;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Server.Security;

/// <summary>Bound from the <c>RateLimiting</c> section.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off: no request is ever limited (a server behind a gateway that already limits).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window and per IP address without a bearer token (a page with a search makes about 10).</summary>
    [Positive]
    public int AnonymousPermitLimit { get; set; } = 600;

    /// <summary>Requests per window and per bearer token (also the ceiling of one address's token-bearing requests).</summary>
    [Positive]
    public int AuthenticatedPermitLimit { get; set; } = 1200;

    /// <summary>The window, in seconds.</summary>
    [Positive]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Anonymous error reports (<c>reportSiteError</c>) per address and per report window: a person reports one or two errors, a script many.</summary>
    [Positive]
    public int ReportPermitLimit { get; set; } = 5;

    /// <summary>The window of error reports, in seconds (10 minutes).</summary>
    [Positive]
    public int ReportWindowSeconds { get; set; } = 600;

    /// <summary>
    /// Password checks (<c>login</c>, <c>acceptInvitation</c>) per address and per login window, whatever the account: each
    /// costs a deliberately slow hash. A person types their password a few times; a shared office connection, a few people.
    /// </summary>
    [Positive]
    public int LoginPermitLimit { get; set; } = 10;

    /// <summary>The window of password checks, in seconds.</summary>
    [Positive]
    public int LoginWindowSeconds { get; set; } = 60;
}

/// <summary>Bound from the <c>Cors</c> section.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>
    /// Origins (<c>https://www.mairie-exemple.fr</c>) whose pages may call <c>/graphql</c> and read
    /// <c>/geodata/</c> and <c>/widget/</c>; empty (the default): any origin. Credentials are never allowed.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Bound from the <c>ForwardedHeaders</c> section: which reverse proxies are trusted to say who the client is
/// (<see cref="ForwardedHeadersSetup"/>). The lists may also be given as one value separated by commas or spaces
/// (<c>ForwardedHeaders__KnownProxies=10.0.0.2,10.0.0.3</c>).
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Read <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (from trusted proxies only).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many proxies in a chain are read.</summary>
    [Positive]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Addresses of trusted proxies, besides the loopback (always trusted).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies (CIDR), besides 127.0.0.0/8 (always trusted).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>A list given as an array (<c>Key:0</c>, <c>Key:1</c>: JSON, <c>Key__0</c>) or as one value separated by commas, spaces or semicolons.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ListValues(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            foreach (var item in section.Value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new(key, item);
            }
        }

        foreach (var child in section.GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                yield return new(child.Path, child.Value.Trim());
            }
        }
    }
}

/// <summary>The section's rules, and each trusted address or network, named by its key (<c>ForwardedHeaders:KnownProxies:0</c>).</summary>
internal sealed class TrustedProxyOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var problems = new List<string>(SettingRules.Problems(options, TrustedProxyOptions.Section, key => configuration?[key]));
        Check(nameof(TrustedProxyOptions.KnownProxies), options.KnownProxies, network: false, problems);
        Check(nameof(TrustedProxyOptions.KnownNetworks), options.KnownNetworks, network: true, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void Check(string property, string[] bound, bool network, List<string> problems)
    {
        var key = TrustedProxyOptions.Section + ":" + property;
        // The configuration's own keys when there is one (a list written as one value is named as such).
        var entries = configuration is null
            ? bound.Select((value, i) => new KeyValuePair<string, string>($"{key}:{i}", value))
            : TrustedProxyOptions.ListValues(configuration, key);
        foreach (var entry in entries)
        {
            var ok = network ? IPNetwork.TryParse(entry.Value, out _) : IPAddress.TryParse(entry.Value, out _);
            if (!ok)
            {
                var expected = network ? "un réseau en notation CIDR (10.0.0.0/8, fd00::/8)" : "une adresse IP (10.0.0.2, ::1)";
                problems.Add(SettingRules.Problem(entry.Key, entry.Value, "attendu " + expected));
            }
        }
    }
}
