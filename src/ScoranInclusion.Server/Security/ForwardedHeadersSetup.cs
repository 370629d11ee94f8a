using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using ScoranInclusion.Server.Startup;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// Behind a reverse proxy (nginx, Caddy): with <c>ForwardedHeaders:Enabled=true</c>, the client's address
/// (<c>X-Forwarded-For</c>, for the rate limits) and scheme (<c>X-Forwarded-Proto</c>, for the <c>Secure</c>
/// cookie and the absolute links) are read from the headers, but only when the request comes from a trusted
/// proxy: the loopback (the proxy on the same machine), <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR). A client that reaches the server directly cannot pretend to
/// be someone else.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddScoranForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (int.TryParse(configuration[Section + ":ForwardLimit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0)
            {
                options.ForwardLimit = limit;
            }

            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on the same machine is trusted.
            foreach (var proxy in ConfigurationChecks.ListValues(configuration, Section + ":KnownProxies"))
            {
                if (IPAddress.TryParse(proxy.Value, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            foreach (var network in ConfigurationChecks.ListValues(configuration, Section + ":KnownNetworks"))
            {
                if (System.Net.IPNetwork.TryParse(network.Value, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after (limits, cookies, logs) sees the client's address and scheme.</summary>
    public static WebApplication UseScoranForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>(Section + ":Enabled"))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
