using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>Rate limiting, CORS, CSRF, security headers, internal errors and the audit log.</summary>
public sealed class SecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task Past_the_limit_an_address_gets_429_with_Retry_After_and_RATE_LIMITED_but_health_stays_open()
    {
        using var limited = new ScoranServerFactory();
        limited.Settings["RateLimiting:AnonymousPermitLimit"] = "3";
        limited.Settings["RateLimiting:AuthenticatedPermitLimit"] = "5";
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var (ok, _) = await PostAsync(client, Request("{ __typename }"));
            Assert.Equal(HttpStatusCode.OK, ok);
        }

        using var refused = await client.PostAsync(new Uri("/graphql", UriKind.Relative), Request("{ __typename }"));
        var body = await AssertSafeAsync(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After manquant");
        Assert.Equal("RATE_LIMITED", FirstCode(body));

        using var page = await client.GetAsync(new Uri("/lieux", UriKind.Relative));
        var pageBody = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("RATE_LIMITED", ProblemCode(pageBody));

        for (var i = 0; i < 10; i++)
        {
            using var health = await client.GetAsync(new Uri(i % 2 == 0 ? "/healthz" : "/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // A token has its own budget…
        using var withToken = limited.CreateClient();
        withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "jeton-de-test-un");
        for (var i = 0; i < 4; i++)
        {
            var (ok, _) = await PostAsync(withToken, Request("{ __typename }"));
            Assert.Equal(HttpStatusCode.OK, ok);
        }

        // …but inventing tokens does not multiply an address's budget (5 token-bearing requests per address).
        using var other = limited.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "jeton-de-test-deux");
        var (first, _) = await PostAsync(other, Request("{ __typename }"));
        Assert.Equal(HttpStatusCode.OK, first);
        var (second, secondBody) = await PostAsync(other, Request("{ __typename }"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        Assert.Equal("RATE_LIMITED", FirstCode(secondBody));
    }

    [Fact]
    public async Task Rate_limiting_can_be_turned_off()
    {
        using var open = new ScoranServerFactory();
        open.Settings["RateLimiting:Enabled"] = "false";
        open.Settings["RateLimiting:AnonymousPermitLimit"] = "1";
        using var client = open.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var (status, _) = await PostAsync(client, Request("{ __typename }"));
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    [Fact]
    public async Task By_default_any_origin_may_read_but_never_with_credentials()
    {
        using var client = _server.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", "https://www.mairie-exemple.fr");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.DoesNotContain("authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Allowed_origins_can_be_listed()
    {
        using var restricted = new ScoranServerFactory();
        restricted.Settings["Cors:AllowedOrigins:0"] = "https://www.mairie-exemple.fr";
        using var client = restricted.CreateClient();

        async Task<string?> AllowedOriginFor(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Request("{ __typename }") };
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("https://www.mairie-exemple.fr", await AllowedOriginFor("https://www.mairie-exemple.fr"));
        Assert.Null(await AllowedOriginFor("https://ailleurs.example"));
    }

    [Theory]
    [InlineData("Origin", "https://ailleurs.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cookie_carrying_mutation_from_another_site_is_refused(string header, string value)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Request("mutation { cancelSession(id: \"U2Vzc2lvbjox\") { id } }") };
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add(header, value);
        using var response = await client.SendAsync(request);
        var body = await AssertSafeAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("CROSS_SITE_REQUEST", FirstCode(body));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    public async Task A_cookie_carrying_mutation_from_this_site_goes_on_to_authorization(string header, string value)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Request("mutation { cancelSession(id: \"U2Vzc2lvbjox\") { id } }") };
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add(header, value);
        using var response = await client.SendAsync(request);
        var body = await AssertSafeAsync(response);

        // Past the cross-site check, the authorization refuses: a cookie is no credential.
        Assert.Equal("UNAUTHENTICATED", FirstCode(body));

        // Queries are never concerned, wherever they come from.
        using var query = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Request("{ __typename }") };
        query.Headers.Add("Cookie", "session=abc");
        query.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var queryResponse = await client.SendAsync(query);
        Assert.Equal(HttpStatusCode.OK, queryResponse.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/lieux?commune=21231")]
    [InlineData("/integrer")]
    public async Task Html_pages_carry_a_content_security_policy_and_security_headers(string path)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());

        // No inline script for the policy to block.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
    }

    [Theory]
    [InlineData("/graphql?query=%7B__typename%7D")]
    [InlineData("/exports/lieux.csv?commune=21231")]
    [InlineData("/geodata/region.geojson")]
    public async Task Api_responses_carry_nosniff(string path)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public void A_tile_server_is_allowed_for_images_only()
    {
        var csp = Security.SecurityExtensions.ContentSecurityPolicy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png");
        Assert.Contains("img-src 'self' data: https://*.tile.openstreetmap.org;", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_fault_is_INTERNAL_ERROR_without_details_in_graphql_and_on_other_endpoints()
    {
        using var broken = new ScoranServerFactory();
        using var client = broken.CreateClient();
        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // Pull the floor from under the server: every read of the database now fails.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={broken.DatabaseFile}"))
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = OFF;";
            pragma.ExecuteNonQuery();
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            var names = new List<string>();
            using (var reader = tables.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names)
            {
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP TABLE \"{name}\"";
                drop.ExecuteNonQuery();
            }
        }

        // The feed of changes is always read from the database (a place itself may be served from the read model in memory).
        var (_, body) = await PostAsync(client, Request("{ changes(since: \"2020-01-01T00:00:00Z\", first: 1) { edges { node { siteId } } } }"));
        Assert.Equal("INTERNAL_ERROR", FirstCode(body));
        Assert.DoesNotContain("no such table", body, StringComparison.OrdinalIgnoreCase);
        var error = System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![0]!;
        Assert.Equal("Erreur interne : l'incident a été journalisé.", error["message"]!.GetValue<string>());
        Assert.Null(error["extensions"]!["data"]);
        Assert.DoesNotContain("codes", body, StringComparison.Ordinal);

        using var export = await client.GetAsync(new Uri("/exports/lieux.csv", UriKind.Relative));
        var exportBody = await export.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("INTERNAL_ERROR", ProblemCode(exportBody));
        AssertNoInsides(exportBody);
        Assert.DoesNotContain("no such table", exportBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_refused_permission_is_written_to_the_audit_log_without_personal_data()
    {
        var sink = new LogSink();
        using var audited = _server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = audited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "un-jeton-secret-quelconque");
        var (_, body) = await PostAsync(client, Request(
            "mutation Annuler($id: ID!) { cancelSession(id: $id) { id } }", new { id = "U2Vzc2lvbjox" }));
        Assert.Equal("UNAUTHENTICATED", FirstCode(body));

        var entry = Assert.Single(sink.Entries, e => e.Category == "ScoranInclusion.Audit" && e.Message.Contains("cancelSession", StringComparison.Ordinal));
        Assert.Contains("UNAUTHENTICATED", entry.Message, StringComparison.Ordinal);
        Assert.Contains("Annuler", entry.Message, StringComparison.Ordinal);
        Assert.Contains("cancelSession", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("un-jeton-secret", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("U2Vzc2lvbjox", entry.Message, StringComparison.Ordinal);
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((category, formatter(state, exception)));
        }
    }
}
