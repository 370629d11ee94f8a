using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// Behind a reverse proxy (nginx, Caddy): with <c>ForwardedHeaders:Enabled=true</c>, the client's address
/// (<c>X-Forwarded-For</c>, for the rate limits) and scheme (<c>X-Forwarded-Proto</c>, for the <c>Secure</c>
/// cookie and the absolute links) are read from the headers, but only when the request comes from a trusted
/// proxy: the loopback (the proxy on the same machine), <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR). A client that reaches the server directly cannot pretend to
/// be someone else. The settings are <see cref="TrustedProxyOptions"/>.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddScoranForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section)
            // The binder reads a list as Key:0, Key:1…; one value separated by commas is a list too.
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                options.KnownProxies = Values(configuration, nameof(TrustedProxyOptions.KnownProxies));
                options.KnownNetworks = Values(configuration, nameof(TrustedProxyOptions.KnownNetworks));
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidation>());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = trusted.Value.ForwardLimit;

            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on the same machine is trusted.
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
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
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static string[] Values(IConfiguration configuration, string property) =>
        [.. TrustedProxyOptions.ListValues(configuration, TrustedProxyOptions.Section + ":" + property).Select(e => e.Value)];
}
