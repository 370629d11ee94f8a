using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

public sealed class CommunesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Theory]
    [InlineData("chalon", "71076", "Chalon-sur-Saône")]
    [InlineData("21000", "21231", "Dijon")]
    [InlineData("besancon", "25056", "Besançon")]
    [InlineData("BESANÇON", "25056", "Besançon")]
    [InlineData("dijon", "21231", "Dijon")]
    [InlineData("macon", "71270", "Mâcon")]
    public async Task The_expected_commune_comes_first(string search, string codeInsee, string nom)
    {
        var data = await _server.DataAsync("""
            query($search: String!) { communes(search: $search, first: 5) { codeInsee nom codesPostaux codeDepartement population location { latitude longitude } } }
            """, new { search });
        var first = data["communes"]!.AsArray()[0]!;

        Assert.Equal(codeInsee, first["codeInsee"]!.GetValue<string>());
        Assert.Equal(nom, first["nom"]!.GetValue<string>());
    }

    [Fact]
    public async Task First_limits_the_list()
    {
        var data = await _server.DataAsync("""{ communes(search: "saint", first: 7) { nom } }""");
        Assert.Equal(7, data["communes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_commune_by_insee_code_includes_its_epci()
    {
        var data = await _server.DataAsync("""{ commune(codeInsee: "21231") { nom epciSiren epciNom codesPostaux } }""");
        Assert.Equal("Dijon", data["commune"]!["nom"]!.GetValue<string>());
        Assert.Contains("21000", data["commune"]!["codesPostaux"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
