using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>
/// Issue 17, 3.7: reportSiteError through /graphql refuses what the HTML form refuses (another site's page), and its
/// limit counts an IPv6 /64 as one address, like every per-address limit.
/// </summary>
public sealed class CrossSiteReportTests
{
    private const string Report = "mutation($id: ID!) { reportSiteError(id: $id, fields: [\"horaires\"], message: \"Fermé.\") { id } }";

    [Fact]
    public async Task A_report_sent_from_another_site_s_page_is_refused_and_nothing_is_written_while_scripts_and_this_site_report()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:ReportPermitLimit"] = "1000";
        using var addressed = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>()));
        var place = await PlaceAsync(addressed);

        var crossSite = new[]
        {
            new Dictionary<string, string> { ["Origin"] = "https://site-malveillant.example" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-site", ["Origin"] = "https://autre.localhost" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site", ["Origin"] = "http://localhost" },
        };
        foreach (var headers in crossSite)
        {
            var (_, body, _) = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, headers: headers);
            Assert.Equal("CROSS_SITE_REQUEST", AccountsServerFixture.Code(body));
            Assert.Contains("site", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(body["data"]);
        }

        Assert.Equal(0, await ReportsAsync(addressed));

        // A script (neither header), this very site (same origin), a browser's own navigation (none): accepted.
        var allowed = new[]
        {
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["Origin"] = "http://localhost" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin", ["Origin"] = "http://localhost" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "none" },
        };
        foreach (var headers in allowed)
        {
            var (_, body, _) = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, headers: headers);
            Assert.Null(body["errors"]);
        }

        Assert.Equal(allowed.Length, await ReportsAsync(addressed));
    }

    [Fact]
    public async Task The_report_limit_counts_an_IPv6_64_as_one_address()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:ReportPermitLimit"] = "2";
        using var addressed = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>()));
        var place = await PlaceAsync(addressed);

        Assert.Null((await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "2001:db8:aa:bb::1")).Body["errors"]);
        Assert.Null((await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "2001:db8:aa:bb::2")).Body["errors"]);
        // A third address of the same /64 (a phone gets a new one at will): the same client.
        var (status, body, _) = await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "2001:db8:aa:bb:1234:5678:9abc:def0");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMITED", AccountsServerFixture.Code(body));

        // The next /64 is another client.
        Assert.Null((await AddressedRequests.PostAsync(addressed, Report, new { id = place }, address: "2001:db8:aa:bc::1")).Body["errors"]);
        Assert.Equal(3, await ReportsAsync(addressed));
    }

    [Fact]
    public async Task The_general_request_limit_counts_an_IPv6_64_as_one_address_too()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:AnonymousPermitLimit"] = "3";
        using var addressed = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressedRequests.StartupFilter>()));
        foreach (var address in new[] { "2001:db8:5::1", "2001:db8:5::2", "2001:db8:5:0:ffff::3" })
        {
            Assert.Equal(HttpStatusCode.OK, (await AddressedRequests.PostAsync(addressed, "{ __typename }", address: address)).Status);
        }

        var (status, body, _) = await AddressedRequests.PostAsync(addressed, "{ __typename }", address: "2001:db8:5::4");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMITED", AccountsServerFixture.Code(body));
        Assert.Equal(HttpStatusCode.OK, (await AddressedRequests.PostAsync(addressed, "{ __typename }", address: "2001:db8:6::1")).Status);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bb::", "2001:db8:aa:bb::/64")]
    [InlineData("::1", "::/64")]
    public void One_client_key_for_every_per_address_limit(string address, string key) =>
        Assert.Equal(key, ScoranInclusion.GraphQL.Limits.ClientAddress.Key(System.Net.IPAddress.Parse(address)));

    private static async Task<string> PlaceAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server) =>
        (await AddressedRequests.PostAsync(server, "{ nearestSites(near: { commune: \"21231\" }, first: 1) { nodes { id } } }"))
            .Body["data"]!["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();

    private static async Task<int> ReportsAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().ModerationItems.CountAsync();
    }
}
