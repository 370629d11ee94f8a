using ScoranInclusion.Export;

using static ScoranInclusion.Import.Tests.Exports.ExportTestData;

namespace ScoranInclusion.Import.Tests.Exports;

public class TerritoryFilterTests
{
    [Fact]
    public void A_commune_includes_its_own_code_and_its_former_codes_only()
    {
        Assert.True(new TerritoryFilter(TerritoryLevel.Commune, "21231").TryResolve(Communes, out var dijon, out var error), error);

        Assert.Equal("Dijon", dijon.Name);
        Assert.True(dijon.Includes("21231"));
        Assert.True(dijon.Includes(FormerDijonCode));
        Assert.False(dijon.Includes("21166"));
        Assert.False(dijon.Includes(null));
        Assert.False(dijon.Includes(""));
    }

    [Fact]
    public void A_former_commune_code_names_the_current_commune()
    {
        Assert.True(new TerritoryFilter(TerritoryLevel.Commune, FormerDijonCode).TryResolve(Communes, out var territory, out _));

        Assert.Equal("21231", territory.Filter.Code);
        Assert.Equal("Dijon", territory.Name);
    }

    [Fact]
    public void An_epci_includes_its_communes()
    {
        Assert.True(new TerritoryFilter(TerritoryLevel.Epci, DijonMetropole).TryResolve(Communes, out var epci, out _));

        Assert.Equal("Dijon Métropole", epci.Name);
        Assert.Equal(["21166", "21231"], epci.CommuneCodes.Order(StringComparer.Ordinal));
        Assert.True(epci.Includes(FormerDijonCode));
        Assert.False(epci.Includes("58194"));
    }

    [Theory]
    [InlineData("58", "58")]
    [InlineData(" 58 ", "58")]
    [InlineData("21", "21")]
    public void A_departement_includes_its_communes(string code, string normalized)
    {
        Assert.True(new TerritoryFilter(TerritoryLevel.Departement, code).TryResolve(Communes, out var departement, out _));

        Assert.Equal(normalized, departement.Filter.Code);
        Assert.Equal("Departement " + normalized, departement.Name);
        Assert.All(departement.CommuneCodes, c => Assert.StartsWith(normalized, c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TerritoryLevel.Commune, "99999", "Aucune commune de code INSEE « 99999 »")]
    [InlineData(TerritoryLevel.Commune, "123", "n'est pas un code INSEE")]
    [InlineData(TerritoryLevel.Epci, "200000000", "Aucun EPCI de SIREN « 200000000 »")]
    [InlineData(TerritoryLevel.Epci, "24210041", "n'est pas un SIREN")]
    [InlineData(TerritoryLevel.Departement, "2A", "Aucun département de code « 2A »")]
    [InlineData(TerritoryLevel.Departement, "département", "n'est pas un code de département")]
    public void An_unknown_or_malformed_code_is_refused_with_a_french_message(TerritoryLevel level, string code, string message)
    {
        Assert.False(new TerritoryFilter(level, code).TryResolve(Communes, out var territory, out var error));

        Assert.Null(territory);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_names()
    {
        Assert.Equal(["commune", "epci", "departement"], Enum.GetValues<TerritoryLevel>().Select(TerritoryFilter.ParameterName));
    }
}
