using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Moderation;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// Behind a reverse proxy (ForwardedHeaders:Enabled): the client's address comes from X-Forwarded-For only
/// when the request comes from a trusted proxy; the rate limit then counts people, not the proxy.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.1.2.3";

    [Fact]
    public async Task A_trusted_proxy_forwards_each_person_s_address_and_an_untrusted_one_is_counted_as_itself()
    {
        using var server = new ScoranServerFactory();
        server.Settings["ForwardedHeaders:Enabled"] = "true";
        server.Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        server.Settings["RateLimiting:AnonymousPermitLimit"] = "2";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, AddressedRequests.StartupFilter>()));

        // Through the proxy, two people have two requests each: nobody is limited…
        foreach (var person in new[] { "203.0.113.7", "203.0.113.8" })
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory, Proxy, person));
            }
        }

        // …the third request of the first one is.
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(factory, Proxy, "203.0.113.7"));

        // A client that is not a known proxy cannot pretend to be someone new: its own address is counted.
        const string Direct = "198.51.100.20";
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory, Direct, "203.0.113.50"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory, Direct, "203.0.113.51"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(factory, Direct, "203.0.113.52"));
    }

    [Fact]
    public async Task Without_the_setting_the_header_is_ignored()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:AnonymousPermitLimit"] = "2";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, AddressedRequests.StartupFilter>()));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory, "127.0.0.1", "203.0.113.60"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory, "127.0.0.1", "203.0.113.61"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(factory, "127.0.0.1", "203.0.113.62"));
    }

    private static async Task<HttpStatusCode> StatusAsync(WebApplicationFactory<Program> factory, string from, string forwardedFor)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = ErrorsTests.Json(new { query = "{ __typename }" }) };
        request.Headers.Add(AddressedRequests.Header, from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
