using System.Net;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

/// <summary>Bad arguments are errors with a stable extensions.code, never a 500 nor a stack trace.</summary>
public sealed class ErrorsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Theory]
    [InlineData("""{ nearestSites(near: { point: { latitude: 200, longitude: 5 } }) { edges { cursor } } }""", "INVALID_COORDINATES")]
    [InlineData("""{ nearestSites(near: { point: { latitude: 47, longitude: -181 } }) { edges { cursor } } }""", "INVALID_COORDINATES")]
    [InlineData("""{ nearestSites(near: { commune: "99999" }) { edges { cursor } } }""", "UNKNOWN_COMMUNE")]
    [InlineData("""{ nearestSites(near: { postalCode: "75001" }) { edges { cursor } } }""", "UNKNOWN_POSTAL_CODE")]
    [InlineData("""{ nearestSites(near: { }) { edges { cursor } } }""", "INVALID_NEAR")]
    [InlineData("""{ nearestSites(near: { commune: "21231", postalCode: "21000" }) { edges { cursor } } }""", "INVALID_NEAR")]
    [InlineData("""{ nearestSites(near: { commune: "21231" }, first: -1) { edges { cursor } } }""", "INVALID_PAGINATION")]
    [InlineData("""{ nearestSites(near: { commune: "21231" }, first: 101) { edges { cursor } } }""", "INVALID_PAGINATION")]
    [InlineData("""{ nearestSites(near: { commune: "21231" }, after: "pas-un-curseur") { edges { cursor } } }""", "INVALID_CURSOR")]
    [InlineData("""{ nearestSites(near: { commune: "21231", radiusKm: -3 }) { edges { cursor } } }""", "INVALID_RADIUS")]
    [InlineData("""{ site(id: "n'importe quoi") { id } }""", "INVALID_ID")]
    [InlineData("""{ node(id: "U2l0ZTp4") { id } }""", "INVALID_ID")]
    [InlineData("""{ communes(search: "   ") { nom } }""", "INVALID_SEARCH")]
    [InlineData("""{ communes(search: "dijon", first: 1000) { nom } }""", "INVALID_PAGINATION")]
    public async Task Bad_arguments_give_a_coded_error(string query, string code)
    {
        using var client = _server.CreateClient();
        using var response = await client.PostAsync("/graphql", Json(new { query }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        var error = result["errors"]!.AsArray()[0]!;
        Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_a_validation_error_not_a_crash()
    {
        using var client = _server.CreateClient();
        using var response = await client.PostAsync("/graphql", Json(new
        {
            query = "query($lat: Float!) { nearestSites(near: { point: { latitude: $lat, longitude: 5 } }) { edges { cursor } } }",
            variables = new { lat = "beaucoup" },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(result["errors"]!.AsArray()[0]!["extensions"]!["code"]);
    }

    internal static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
