using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Server.Cli;

namespace ScoranInclusion.Server.Tests.Cli;

public sealed class CliVerbsTests : IDisposable
{
    private static readonly string s_header = string.Join(',', SiteFields.All);

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(new[] { "import", "x.csv" }, true)]
    [InlineData(new[] { "export" }, true)]
    [InlineData(new[] { "exprot" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "--environment=Testing" }, false)]
    [InlineData(new[] { "Storage:SeedOnStart=false" }, false)]
    public void Verbs_are_told_from_server_switches(string[] args, bool isVerb) => Assert.Equal(isVerb, CliVerbs.IsVerb(args));

    [Theory]
    [InlineData("exprot")]
    [InlineData("export", "--format", "lmn-csv", "--bogus")]
    [InlineData("export")]
    [InlineData("export", "--format", "csv")]
    [InlineData("export", "--format")]
    [InlineData("export", "--format", "lmn-csv", "--commune", "21231", "--departement", "21")]
    [InlineData("export", "--format", "lmn-csv", "--format", "geojson")]
    [InlineData("export", "--format", "lmn-csv", "fichier.csv")]
    [InlineData("export", "--format", "lmn-csv", "--out", "/dossier/qui/n-existe/pas/x.csv")]
    [InlineData("import")]
    [InlineData("import", "/fichier/introuvable.csv")]
    [InlineData("import", "--dry-run=oui", "x.csv")]
    [InlineData("validate")]
    [InlineData("validate", "/fichier/introuvable.csv")]
    public async Task A_malformed_command_exits_with_2_and_a_french_usage(params string[] args)
    {
        var result = await CliRunner.RunRawAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("erreur : ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage", result.Error + result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task An_unknown_import_format_exits_with_2()
    {
        var file = _cli.Write("lieux.csv", s_header + "\n");

        var result = await _cli.RunAsync("db.sqlite", seed: false, "import", file, "--format", "xlsx");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("format d'import inconnu : « xlsx »", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_territory_exits_with_2()
    {
        var result = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-csv", "--departement", "75");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Aucun département de code « 75 »", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provenance_of_people_s_edits_is_reserved()
    {
        var given = _cli.Write("lieux.csv", $"{s_header}\n{Row("bon", "Médiathèque")}\n");
        var named = _cli.Write("edition.csv", $"{s_header}\n{Row("bon", "Médiathèque")}\n");

        var explicitly = await _cli.RunAsync("db.sqlite", seed: false, "import", given, "--provenance", "edition");
        var byFileName = await _cli.RunAsync("db.sqlite", seed: false, "import", named);

        Assert.True(explicitly.ExitCode == 2, explicitly.ToString());
        Assert.Contains("réservée aux modifications", explicitly.Error, StringComparison.Ordinal);
        Assert.True(byFileName.ExitCode == 2, byFileName.ToString());
        Assert.True((await _cli.RunAsync("db.sqlite", seed: false, "import", named, "--provenance", "lot-edition")).ExitCode == 0);
    }

    [Theory]
    [InlineData("accounts", "--help")]
    [InlineData("--help")]
    [InlineData("help", "export")]
    [InlineData("export", "--help")]
    [InlineData("import", "-h")]
    [InlineData("validate", "--help")]
    public async Task Help_is_printed_in_french_with_exit_code_0(params string[] args)
    {
        var result = await CliRunner.RunRawAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("Usage :|Codes de sortie", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Validate_reports_the_bad_row_exits_with_1_and_opens_no_database()
    {
        var file = _cli.Write("lieux.csv", $"{s_header}\n{Row("bon", "Médiathèque")}\n{Row("mauvais", "")}\n");

        var result = await _cli.RunAsync("jamais.db", seed: true, "validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Rejetées : 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("mauvais", result.Out, StringComparison.Ordinal);
        Assert.Contains("nom", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("jamais.db")), "validate must not create the database");
    }

    [Fact]
    public async Task Validate_a_good_file_exits_with_0_and_writes_the_json_report()
    {
        var file = _cli.Write("lieux.csv", $"{s_header}\n{Row("bon", "Médiathèque")}\n");
        var report = _cli.PathOf("rapport.json");

        var result = await _cli.RunAsync("jamais.db", seed: false, "validate", file, "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Rejetées : 0", result.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(report));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task Import_then_export_gives_back_the_accepted_places()
    {
        var file = _cli.Write("lieux-test.csv", $"{s_header}\n{Row("a", "Médiathèque")}\n{Row("b", "Maison France Services")}\n{Row("c", "")}\n");

        var import = await _cli.RunAsync("db.sqlite", seed: false, "import", file);
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-json");

        Assert.True(import.ExitCode == 1, import.ToString()); // one rejected row
        Assert.Contains("Lieux créés : 2", import.Out, StringComparison.Ordinal);
        Assert.Contains("« lieux-test »", import.Out, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        using var json = JsonDocument.Parse(export.Out);
        Assert.Equal(["a", "b"], json.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Contains("2 lieux exportés au format lmn-json", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_and_a_refused_strict_import_write_nothing()
    {
        var good = _cli.Write("bons.csv", $"{s_header}\n{Row("a", "Médiathèque")}\n");
        var bad = _cli.Write("mauvais.csv", $"{s_header}\n{Row("b", "Médiathèque")}\n{Row("c", "")}\n");

        var dryRun = await _cli.RunAsync("db.sqlite", seed: false, "import", good, "--dry-run");
        var strict = await _cli.RunAsync("db.sqlite", seed: false, "import", bad, "--strict");
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-csv");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("--dry-run", dryRun.Out, StringComparison.Ordinal);
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("--strict", strict.Out, StringComparison.Ordinal);
        Assert.Equal(s_header + "\n", export.Out);
    }

    [Fact]
    public async Task Export_to_a_file_with_a_territory_filter()
    {
        var output = _cli.PathOf("nievre.geojson");

        var result = await _cli.RunAsync("db.sqlite", seed: true, "export", "--format", "geojson", "--departement", "58", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Out);
        Assert.Contains("Departement 58", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.StartsWith("58", f.GetProperty("properties").GetProperty("code_insee").GetString(), StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.part-*"));
    }

    [Fact]
    public async Task A_mednum_bfc_export_is_detected_and_placed_in_its_commune()
    {
        var file = _cli.Write("bfc-ternum-dataset.csv", """
            bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp,lundi matin,lundi après-midi,mardi matin,mardi après-midi,mercredi matin,mercredi après-midi,jeudi matin,jeudi après-midi,vendredi matin,vendredi après-midi,samedi matin,samedi après-midi,dimanche matin,dimanche après-midi
            mednumBFC_TL_1_,02/03/2021,5.049559,47.364205,38 Avenue Françoise Giroud,21000,DIJON,21,Onlineformapro Dijon,http://www.onlineformapro.com,pf@onlineformapro.com,03 73 27 51 57,O,APTIC,RDV-G-R,8h30-12h,13h30-17h,8h30-12h,13h30-17h,8h30-12h,13h30-17h,8h30-12h,13h30-17h,8h30-12h,13h30-17h,,,,
            mednumBFC_TL_2_,05/03/2021,5.069047,47.329680,14  rue Camille Claudel,21000,DIJON,21,PANDA Grésilles,,,03 80 48 84 14,M,APTIC-P-DM,,9h-12h,14h-18h,9h-12h,14h-18h,10h-12h,14h-18h,9h-12h,14h-18h,9h-12h,14h-17h,9h-12h,14h-17h,,

            """);

        var import = await _cli.RunAsync("db.sqlite", seed: false, "import", file);
        var export = await _cli.RunAsync("db.sqlite", seed: false, "export", "--format", "lmn-json");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("export MedNum BFC", import.Out, StringComparison.Ordinal);
        Assert.Contains("« mednum-bfc »", import.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(export.Out);
        var places = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["mednumBFC_TL_1_", "mednumBFC_TL_2_"], places.Select(p => p.GetProperty("id").GetString()));
        Assert.All(places, p => Assert.Equal("21231", p.GetProperty("code_insee").GetString()));
        Assert.Equal("Mo-Fr 08:30-12:00,13:30-17:00", places[0].GetProperty("horaires").GetString());
    }

    /// <summary>A minimal row of the standard; an empty <paramref name="nom"/> makes it rejected.</summary>
    private static string Row(string id, string nom)
    {
        var cells = SiteFields.All.ToDictionary(f => f, _ => "");
        cells[SiteFields.Id] = id;
        cells[SiteFields.Pivot] = "00000000000000";
        cells[SiteFields.Nom] = nom;
        cells[SiteFields.Commune] = "Dijon";
        cells[SiteFields.CodePostal] = "21000";
        cells[SiteFields.CodeInsee] = "21231";
        cells[SiteFields.Adresse] = "1 place de la Mairie";
        cells[SiteFields.Latitude] = "47.32";
        cells[SiteFields.Longitude] = "5.04";
        cells[SiteFields.DateMaj] = "2024-04-02";
        cells[SiteFields.Services] = "Accès internet et matériel informatique";
        return string.Join(',', SiteFields.All.Select(f => cells[f]));
    }
}
