using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Hardening;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Coverage;

/// <summary>The hostile strings of <see cref="HostileRequestsTests"/> in every argument and parameter of the coverage.</summary>
public sealed class CoverageHostileTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    public static TheoryData<string> Injections => HostileRequestsTests.Injections;

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Injection_strings_in_the_coverage_arguments_and_parameters_are_answered_safely(string evil)
    {
        using var client = _server.CreateClient();
        foreach (var level in new[] { "COMMUNE", "EPCI", "DEPARTEMENT", "REGION" })
        {
            var (status, body) = await PostAsync(client, Request($"query($s: String!) {{ coverage(level: {level}, code: $s) {{ population }} }}", new { s = evil }));
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, level + " → " + status);
            var errors = JsonNode.Parse(body)!["errors"]!.AsArray();
            Assert.All(errors, e => Assert.Contains(e!["extensions"]!["code"]!.GetValue<string>(), new[] { "INVALID_TERRITORY", "UNKNOWN_TERRITORY", "INVALID_STRING" }));
        }

        var e = Uri.EscapeDataString(evil);
        string[] paths =
        [
            $"/exports/couverture.csv?commune={e}",
            $"/exports/couverture.csv?epci={e}&services={e}&frais_a_charge={e}",
            $"/exports/couverture.csv?departement=21&seuils={e}",
            $"/exports/couverture.csv?jour={e}&ateliers={e}",
            $"/couverture?territoire={e}",
            $"/couverture?region={e}",
            $"/couverture?departement=58&seuils={e}&jour={e}&services={e}",
            $"/geodata/communes/{e}/21.geojson",
            $"/geodata/communes/departement/{e}.geojson",
        ];
        foreach (var path in paths.Where(p => !evil.Contains('\0', StringComparison.Ordinal) || !p.StartsWith("/geodata", StringComparison.Ordinal)))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await AssertSafeAsync(response);
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                Assert.False(string.IsNullOrEmpty(ProblemCode(body)), path + " → " + body);
            }
            else if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
                Assert.DoesNotContain("<img src=x", body, StringComparison.Ordinal);
            }
        }
    }
}
