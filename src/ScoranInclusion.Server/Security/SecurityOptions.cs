namespace ScoranInclusion.Server.Security;

/// <summary>Bound from the <c>RateLimiting</c> section.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off: no request is ever limited (a server behind a gateway that already limits).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window and per IP address without a bearer token (a page with a search makes about 10).</summary>
    public int AnonymousPermitLimit { get; set; } = 600;

    /// <summary>Requests per window and per bearer token (also the ceiling of one address's token-bearing requests).</summary>
    public int AuthenticatedPermitLimit { get; set; } = 1200;

    /// <summary>The window, in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Anonymous error reports (<c>reportSiteError</c>) per address and per report window: a person reports one or two errors, a script many.</summary>
    public int ReportPermitLimit { get; set; } = 5;

    /// <summary>The window of error reports, in seconds (10 minutes).</summary>
    public int ReportWindowSeconds { get; set; } = 600;

    /// <summary>
    /// Password checks (<c>login</c>, <c>acceptInvitation</c>) per address and per login window, whatever the account: each
    /// costs a deliberately slow hash. A person types their password a few times; a shared office connection, a few people.
    /// </summary>
    public int LoginPermitLimit { get; set; } = 10;

    /// <summary>The window of password checks, in seconds.</summary>
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
