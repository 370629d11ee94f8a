using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Server.Cli;

namespace ScoranInclusion.Server.Tests.Cli;

/// <summary>The <c>merges</c> verb: uncertain pairs listed for a person, confirmed or rejected; merges listed and undone.</summary>
public sealed class MergesVerbTests : IDisposable
{
    private static readonly string s_header = string.Join(',', SiteFields.All);

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Two_places_at_one_address_with_different_names_wait_for_a_person_then_merge_and_unmerge()
    {
        await ImportAsync("mairie.csv", Row("m1", "Mairie de Dijon"));
        var second = await ImportAsync("bibliotheque.csv", Row("b1", "Bibliothèque municipale"));
        Assert.Equal(CliVerbs.Success, second.ExitCode);

        // Same address and point, unlike names: not merged, listed.
        Assert.Equal(2, (await ExportIdsAsync()).Count);
        var pending = await _cli.RunAsync("db.sqlite", seed: false, "merges");
        Assert.Equal(CliVerbs.Success, pending.ExitCode);
        Assert.Contains("1 paire(s) incertaine(s)", pending.Out, StringComparison.Ordinal);
        Assert.Contains("Mairie de Dijon", pending.Out, StringComparison.Ordinal);
        Assert.Contains("Bibliothèque municipale", pending.Out, StringComparison.Ordinal);
        var pairId = PairId(pending.Out);

        var confirm = await _cli.RunAsync("db.sqlite", seed: false, "merges", "confirm", pairId, "--by", "camille");
        Assert.Equal(CliVerbs.Success, confirm.ExitCode);
        Assert.Single(await ExportIdsAsync());
        Assert.Contains("Aucune paire incertaine", (await _cli.RunAsync("db.sqlite", seed: false, "merges", "pending")).Out, StringComparison.Ordinal);

        // Deciding twice is the person's mistake: exit 2, nothing changes.
        var again = await _cli.RunAsync("db.sqlite", seed: false, "merges", "reject", pairId);
        Assert.Equal(CliVerbs.UsageError, again.ExitCode);
        Assert.Contains("déjà été traitée", again.Error, StringComparison.Ordinal);

        var history = await _cli.RunAsync("db.sqlite", seed: false, "merges", "history");
        Assert.Contains("confirmée", history.Out, StringComparison.Ordinal);
        Assert.Contains("merge-review:camille", history.Out, StringComparison.Ordinal);
        var mergeId = System.Text.RegularExpressions.Regex.Match(history.Out, @"Fusion (\d+)").Groups[1].Value;

        var undo = await _cli.RunAsync("db.sqlite", seed: false, "merges", "undo", mergeId);
        Assert.Equal(CliVerbs.Success, undo.ExitCode);
        Assert.Equal(["b1", "m1"], (await ExportIdsAsync()).Order(StringComparer.Ordinal));
        Assert.Contains("annulée", (await _cli.RunAsync("db.sqlite", seed: false, "merges", "history")).Out, StringComparison.Ordinal);
        Assert.Equal(CliVerbs.UsageError, (await _cli.RunAsync("db.sqlite", seed: false, "merges", "undo", mergeId)).ExitCode);
    }

    [Fact]
    public async Task A_rejected_pair_leaves_both_places()
    {
        await ImportAsync("mairie.csv", Row("m1", "Mairie de Dijon"));
        await ImportAsync("bibliotheque.csv", Row("b1", "Bibliothèque municipale"));
        var pairId = PairId((await _cli.RunAsync("db.sqlite", seed: false, "merges")).Out);

        var reject = await _cli.RunAsync("db.sqlite", seed: false, "merges", "reject", pairId);

        Assert.Equal(CliVerbs.Success, reject.ExitCode);
        Assert.Equal(2, (await ExportIdsAsync()).Count);
        Assert.Contains("Aucune paire incertaine", (await _cli.RunAsync("db.sqlite", seed: false, "merges")).Out, StringComparison.Ordinal);
        Assert.Contains("Aucune fusion", (await _cli.RunAsync("db.sqlite", seed: false, "merges", "history")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_france_services_list_imported_by_the_cli_merges_into_the_same_place_and_history_says_which_rule()
    {
        await ImportAsync("mednum.csv", Row("m1", "MFS Dijon"));
        var list = _cli.Write("liste-fs.csv", """
            id_fs;insee_dep;lib_fs;adresse;complement_adresse;insee_com;code_postal;lib_com;latitude;longitude;mail;telephone;h_lundi;h_mardi;h_mercredi;h_jeudi;h_vendredi;h_samedi;commentaire;itinerance;format_fs;groupe;labellisation
            1234;21;France services de Dijon;11 r. de l'Hôpital;;21231;21000;Dijon;47,318002;5,0300;;03 80 11 22 33;9h-12h et 14h-17h;9h-12h;Fermé;;;;;Non;;;
            """);

        var import = await _cli.RunAsync("db.sqlite", seed: false, "import", "--format", "france-services", list);

        Assert.True(import.ExitCode == CliVerbs.Success, import.ToString());
        Assert.Equal(["m1"], await ExportIdsAsync());
        var history = await _cli.RunAsync("db.sqlite", seed: false, "merges", "history");
        Assert.Contains("automatique", history.Out, StringComparison.Ordinal);
        Assert.Contains("france-services/1234", history.Out, StringComparison.Ordinal);
        Assert.Contains("règle même adresse et même point", history.Out, StringComparison.Ordinal);
        Assert.Contains("Aucune paire incertaine", (await _cli.RunAsync("db.sqlite", seed: false, "merges")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("merges", "confirm")]
    [InlineData("merges", "confirm", "x")]
    [InlineData("merges", "undo", "12", "13")]
    [InlineData("merges", "fusionner")]
    [InlineData("merges", "history", "--site", "abc")]
    [InlineData("merges", "confirm", "999")]
    public async Task A_malformed_or_unknown_decision_exits_with_2(params string[] args)
    {
        var result = await _cli.RunAsync("db.sqlite", seed: false, args);

        Assert.True(result.ExitCode == CliVerbs.UsageError, result.ToString());
        Assert.StartsWith("erreur : ", result.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> ImportAsync(string name, string row)
    {
        var result = await _cli.RunAsync("db.sqlite", seed: false, "import", _cli.Write(name, $"{s_header}\n{row}\n"));
        Assert.True(result.ExitCode == CliVerbs.Success, result.ToString());
        return result;
    }

    private async Task<List<string>> ExportIdsAsync()
    {
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-json");
        using var json = JsonDocument.Parse(export.Out);
        return [.. json.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    private static string PairId(string pendingOutput) =>
        System.Text.RegularExpressions.Regex.Match(pendingOutput, @"Paire (\d+)").Groups[1].Value;

    private static string Row(string id, string nom)
    {
        var cells = SiteFields.All.ToDictionary(f => f, _ => "");
        cells[SiteFields.Id] = id;
        cells[SiteFields.Pivot] = "00000000000000";
        cells[SiteFields.Nom] = nom;
        cells[SiteFields.Commune] = "Dijon";
        cells[SiteFields.CodePostal] = "21000";
        cells[SiteFields.CodeInsee] = "21231";
        cells[SiteFields.Adresse] = "11 rue de l'Hôpital";
        cells[SiteFields.Latitude] = "47.3180";
        cells[SiteFields.Longitude] = "5.0300";
        cells[SiteFields.DateMaj] = "2024-04-02";
        cells[SiteFields.Services] = "Accès internet et matériel informatique";
        return string.Join(',', SiteFields.All.Select(f => cells[f]));
    }
}
