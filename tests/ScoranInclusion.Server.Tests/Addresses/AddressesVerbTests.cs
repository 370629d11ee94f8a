using System.IO.Compression;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;

namespace ScoranInclusion.Server.Tests.Addresses;

/// <summary><c>adresses import</c> and <c>adresses status</c>: report, rejected rows, gzip, idempotence, atomic replacement.</summary>
public sealed class AddressesVerbTests : IDisposable
{
    private const string Header = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Row(string numero, string rep, string voie, string cp, string insee, string commune, string lon, string lat) =>
        $"x;;{numero};{rep};{voie};{cp};{insee};{commune};;;;;{lon};{lat};entrée;;;;;;;;";

    [Fact]
    public async Task Import_reports_rejected_rows_with_row_and_field_and_imports_the_others()
    {
        var file = _cli.Write("adresses-21.csv", string.Join('\n',
            Header,
            Row("12", "", "Rue de la Préfecture", "21000", "21231", "Dijon", "5.0431", "47.3225"),
            Row("12", "bis", "Rue de la Préfecture", "21000", "21231", "Dijon", "5.0432", "47.3226"),
            Row("douze", "", "Rue de la Préfecture", "21000", "21231", "Dijon", "5.0431", "47.3225"),
            Row("3", "", "Rue Chabot-Charny", "2100", "21231", "Dijon", "5.04", "47.32"),
            Row("3", "", "Rue Chabot-Charny", "21000", "21231", "Dijon", "5,04", "47.32"),
            Row("4", "", "Rue Chabot-Charny", "21000", "21231", "Dijon", "5.04", "147.32"),
            Row("99999", "", "Les Grands Champs", "21000", "21231", "Dijon", "5.05", "47.33")) + "\n");

        var result = await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", file);

        Assert.Equal(CliVerbs.RejectedRows, result.ExitCode);
        Assert.Contains("7 ligne(s) lue(s), 3 importée(s), 4 rejetée(s) ; département(s) remplacé(s) : 21.", result.Out, StringComparison.Ordinal);
        Assert.Contains("ligne 4, champ numero : « douze »", result.Out, StringComparison.Ordinal);
        Assert.Contains("ligne 5, champ code_postal : « 2100 »", result.Out, StringComparison.Ordinal);
        Assert.Contains("ligne 6, champ lon : « 5,04 »", result.Out, StringComparison.Ordinal);
        Assert.Contains("ligne 7, champ lat : « 147.32 »", result.Out, StringComparison.Ordinal);

        var status = await _cli.RunAsync("db.sqlite", seed: false, "adresses", "status");
        Assert.Equal(CliVerbs.Success, status.ExitCode);
        Assert.Contains("21\t3\t2\tadresses-21.csv\t", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reimporting_is_idempotent_and_a_new_file_replaces_its_departement_only()
    {
        var dijon = Gzip("adresses-21.csv.gz", Header + "\n"
            + Row("12", "", "Rue de la Préfecture", "21000", "21231", "Dijon", "5.0431", "47.3225") + "\n"
            + Row("14", "", "Rue de la Préfecture", "21000", "21231", "Dijon", "5.0433", "47.3227") + "\n");
        var autun = _cli.Write("adresses-71.csv", Header + "\n" + Row("21", "", "Rue de l'Arquebuse", "71400", "71014", "Autun", "4.31071", "46.94604") + "\n");

        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", dijon, autun)).ExitCode);
        var once = (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "status")).Out;
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", dijon)).ExitCode);
        var twice = (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "status")).Out;
        Assert.Contains("total\t3\t2", once, StringComparison.Ordinal);
        Assert.Contains("total\t3\t2", twice, StringComparison.Ordinal);

        // A new month's file for 21 with one address: 21 replaced, 71 kept.
        var smaller = _cli.Write("adresses-21-b.csv", Header + "\n" + Row("1", "", "Place Darcy", "21000", "21231", "Dijon", "5.03", "47.32") + "\n");
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", smaller)).ExitCode);
        var after = (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "status")).Out;
        Assert.Contains("21\t1\t1\tadresses-21-b.csv", after, StringComparison.Ordinal);
        Assert.Contains("71\t1\t1\tadresses-71.csv", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_changes_nothing_and_says_why()
    {
        var good = _cli.Write("adresses-71.csv", Header + "\n" + Row("21", "", "Rue de l'Arquebuse", "71400", "71014", "Autun", "4.31071", "46.94604") + "\n");
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", good)).ExitCode);

        var wrong = _cli.Write("lieux.csv", "id,nom,commune\n1,Mairie,Dijon\n");
        var result = await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", wrong);
        Assert.Equal(CliVerbs.Failure, result.ExitCode);
        Assert.Contains("ce n'est pas un fichier de la Base Adresse Nationale", result.Error, StringComparison.Ordinal);

        // A gzip file cut in the middle: nothing of it, the index as before.
        var cut = Gzip("adresses-71.csv.gz", Header + "\n" + string.Concat(Enumerable.Range(1, 2000).Select(n =>
            Row(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "", "Rue Longue", "71400", "71014", "Autun", "4.3", "46.9") + "\n")));
        var bytes = File.ReadAllBytes(cut);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var truncated = await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import", cut);
        Assert.Equal(CliVerbs.Failure, truncated.ExitCode);
        Assert.Contains("Rien n'a été importé", truncated.Error, StringComparison.Ordinal);
        Assert.Contains("71\t1\t1\tadresses-71.csv\t", (await _cli.RunAsync("db.sqlite", seed: false, "adresses", "status")).Out, StringComparison.Ordinal);

        var usage = await _cli.RunAsync("db.sqlite", seed: false, "adresses", "import");
        Assert.Equal(CliVerbs.UsageError, usage.ExitCode);
        var empty = await _cli.RunAsync("empty.sqlite", seed: false, "adresses", "status");
        Assert.Contains("Index des adresses vide", empty.Out, StringComparison.Ordinal);
    }

    private string Gzip(string name, string text)
    {
        var path = _cli.PathOf(name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }
}
