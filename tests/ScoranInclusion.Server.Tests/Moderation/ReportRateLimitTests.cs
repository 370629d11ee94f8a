using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>reportSiteError has its own strict limit per address (RateLimiting:ReportPermitLimit per ReportWindowSeconds), like the HTTP limiter: 429, RATE_LIMITED, Retry-After.</summary>
public sealed class ReportRateLimitTests
{
    private const string Report = "mutation($id: ID!) { reportSiteError(id: $id, fields: [\"horaires\"], message: \"Fermé.\") { id } }";

    [Fact]
    public async Task A_few_reports_per_address_then_429_with_retry_after_and_nothing_written()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:ReportPermitLimit"] = "3";
        server.Settings["RateLimiting:ReportWindowSeconds"] = "600";
        server.Settings["Auth:AdminToken"] = AccountsServerFixture.AdminToken;
        using var addressed = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>()));
        var place = (await AddressedRequests.PostAsync(addressed, "{ nearestSites(near: { commune: \"21231\" }, first: 1) { nodes { id } } }"))
            .Body["data"]!["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();

        for (var i = 0; i < 3; i++)
        {
            var (status, body, _) = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body["errors"]);
        }

        var (limited, limitedBody, response) = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.Equal("RATE_LIMITED", AccountsServerFixture.Code(limitedBody));
        Assert.Null(limitedBody["data"]);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);

        // A token does not buy more reports from the same address; another address still reports; other queries still work.
        var withToken = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, AccountsServerFixture.AdminToken, "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, withToken.Status);
        var other = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "198.51.100.20");
        Assert.Null(other.Body["errors"]);
        var search = await AddressedRequests.PostAsync(addressed, "{ communes(search: \"Dijon\") { nom } }", address: "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, search.Status);

        await using var scope = addressed.Services.CreateAsyncScope();
        Assert.Equal(4, await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().ModerationItems.CountAsync());

        // The addresses are only keys of the limiter, in memory: no byte of the database (nor of its journal) holds them.
        foreach (var file in new[] { server.DatabaseFile, server.DatabaseFile + "-wal", server.DatabaseFile + "-journal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf("203.0.113.7"u8));
            Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf("198.51.100.20"u8));
        }
    }
}
