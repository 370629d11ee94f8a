using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>The accounts server, with a report limit high enough for the flows (the limit has its own tests).</summary>
public sealed class ModerationServerFixture : AccountsServerFixture
{
    public ModerationServerFixture()
    {
        Factory.Settings["RateLimiting:ReportPermitLimit"] = "1000";
    }
}

/// <summary>Requests with a chosen client address (header <see cref="Header"/>, read by a start-up filter) and their status.</summary>
internal static class AddressedRequests
{
    public const string Header = "X-Test-Address";

    /// <summary>Sets the connection's remote address from the test header, before every middleware of the server.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return following(http);
            });
            next(app);
        };
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> PostAsync<T>(
        WebApplicationFactory<T> factory, string query, object? variables = null, string? token = null, string? address = null,
        IReadOnlyDictionary<string, string>? headers = null)
        where T : class
    {
        using var client = factory.CreateClient();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            client.DefaultRequestHeaders.Add(name, value);
        }

        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(Header, address);
        }

        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(body)!.AsObject(), response);
    }
}
