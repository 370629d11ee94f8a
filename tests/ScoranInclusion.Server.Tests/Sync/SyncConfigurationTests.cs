using Microsoft.Extensions.Configuration;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>The <c>Sources:</c> and <c>Sync:</c> keys are checked at start like every other key: French, key and value named.</summary>
public sealed class SyncConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
        {
            ["ConnectionStrings:Scoran"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "scoran-sync-config.db"),
            ["Geodata:Directory"] = RepoPaths.Geodata,
        }).Build();

    [Fact]
    public void No_source_and_sync_off_is_the_default_and_is_accepted()
    {
        Assert.Empty(ConfigurationChecks.Problems(Configuration()));
    }

    [Fact]
    public void A_well_formed_source_is_accepted_with_its_defaults()
    {
        var configuration = Configuration(
            ("Sync:Enabled", "true"),
            ("Sources:cartographie-nationale:Url", "https://www.data.gouv.fr/fr/datasets/r/0000"),
            ("Sources:cartographie-nationale:Format", "lmn-json"),
            ("Sources:local:Url", "data/lieux.csv"),
            ("Sources:local:Format", "LMN-CSV"),
            ("Sources:local:Departements", "21, 25"),
            ("Sources:local:Every", "06:00:00"),
            ("Sources:local:Enabled", "false"));

        Assert.Empty(ConfigurationChecks.Problems(configuration));
        var catalog = new SourceCatalog(Microsoft.Extensions.Options.Options.Create(
            configuration.GetSection(SourcesOptions.Section).Get<SourcesOptions>()!));
        var national = catalog.Find("CARTOGRAPHIE-NATIONALE")!;
        Assert.Equal("cartographie-nationale", national.Provenance);
        Assert.Equal(TimeSpan.FromHours(24), national.Every);
        Assert.True(national.Enabled);
        Assert.Equal(["21", "25", "39", "58", "70", "71", "89", "90"], national.Departements);
        var local = catalog.Find("local")!;
        Assert.Equal("lmn-csv", local.Format);
        Assert.Equal(["21", "25"], local.Departements);
        Assert.Equal(TimeSpan.FromHours(6), local.Every);
        Assert.False(local.Enabled);
        Assert.Equal(["cartographie-nationale", "local"], catalog.Sources.Select(s => s.Name));
        Assert.Null(catalog.Find("autre"));
    }

    [Fact]
    public void Each_wrong_key_of_a_source_is_told_in_french_with_its_value()
    {
        var problems = ConfigurationChecks.Problems(Configuration(
            ("Sources:nationale:Url", "ftp://exemple.fr/lieux.csv"),
            ("Sources:nationale:Format", "excel"),
            ("Sources:nationale:Provenance", "edition"),
            ("Sources:nationale:Departements", "21,bourgogne"),
            ("Sources:nationale:Every", "-01:00:00"),
            ("Sources:claire:Url", "http://exemple.fr/lieux.csv"),
            ("Sources:claire:Format", "lmn-csv")));

        Assert.Contains(problems, p => p.StartsWith("Sources:nationale:Url = « ftp://exemple.fr/lieux.csv » : attendu une adresse https://", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sources:nationale:Format = « excel » : format d'import inconnu ; valeurs possibles : lmn-csv", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sources:nationale:Provenance = « edition » : provenance réservée", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sources:nationale:Departements = « 21,bourgogne » : attendu des codes de département", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sources:nationale:Every = « -01:00:00 » : attendu une durée positive", StringComparison.Ordinal));
        // Plain http only towards this machine.
        Assert.Contains(problems, p => p.StartsWith("Sources:claire:Url = « http://exemple.fr/lieux.csv »", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Wrong_sync_settings_are_told_in_french()
    {
        var problems = ConfigurationChecks.Problems(Configuration(
            ("Sync:MaxWithdrawShare", "1.5"),
            ("Sync:Retries", "50"),
            ("Sync:MaxBytes", "0"),
            ("Sync:Timeout", "00:00:00")));

        Assert.Contains("Sync:MaxWithdrawShare = « 1.5 » : attendu une part entre 0 et 1 (point décimal, par exemple 0.10 pour 10 %).", problems);
        Assert.Contains("Sync:Retries = « 50 » : attendu un nombre entre 0 et 10.", problems);
        Assert.Contains("Sync:MaxBytes = « 0 » : attendu un nombre entier strictement positif.", problems);
        Assert.Contains(problems, p => p.StartsWith("Sync:Timeout = « 00:00:00 » : attendu une durée positive", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }
}
