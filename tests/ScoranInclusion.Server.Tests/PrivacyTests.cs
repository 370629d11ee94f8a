using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

/// <summary>The server never logs a citizen's position or search text, whatever the request.</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task Positions_and_search_texts_never_reach_the_logs()
    {
        var sink = new CollectingLoggerProvider();
        using var factory = new ScoranServerFactory().WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();

        const string query = "query($lat: Float!, $s: String!) { nearestSites(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { edges { cursor } } communes(search: $s) { nom } }";
        await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query) + "&variables=" + Uri.EscapeDataString("""{"lat":47.3212345,"s":"quetigny-secret"}"""));
        await client.PostAsync("/graphql", ErrorsTests.Json(new { query, variables = new { lat = 47.3212345, s = "quetigny-secret" } }));
        await client.PostAsync("/graphql", ErrorsTests.Json(new { query, variables = new { lat = 247.3212345, s = "quetigny-secret" } }));

        const string sessions = "query($lat: Float!) { upcomingSessions(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { edges { cursor } } nextVisits(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { startsAt } }";
        await client.PostAsync("/graphql", ErrorsTests.Json(new { query = sessions, variables = new { lat = 47.3212345 } }));
        await client.PostAsync("/graphql", ErrorsTests.Json(new { query = sessions, variables = new { lat = 147.3212345 } }));

        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("47.3212345", StringComparison.Ordinal) || m.Contains("5.0412345", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Messages, m => m.Contains("quetigny-secret", StringComparison.Ordinal));
    }
}
