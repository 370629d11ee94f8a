using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Tests.Formats;

namespace ScoranInclusion.Import.Tests.Lmn;

public class LmnJsonReaderTests
{
    private const string Minimal =
        """{"id":"lieu-1","pivot":"00000000000000","nom":"Médiathèque","commune":"Dijon","code_postal":"21000","adresse":"1 place de la Mairie","date_maj":"2024-04-02","services":"Accès internet et matériel informatique"}""";

    private static List<ImportRow> Read(string json, ImportReadOptions? options = null) => TestData.Read(ImportFormat.LmnJson, json, options);

    private static string WithId(string id) => Minimal.Replace("lieu-1", id, StringComparison.Ordinal);

    [Fact]
    public void Reads_the_flat_form_with_the_csv_keys_and_joined_strings()
    {
        var json = """
            [
              {"id":"structure-1","pivot":"43493312300029","nom":"Anonymal","commune":"Reims","code_postal":"51100","code_insee":"51454",
               "adresse":"12 BIS RUE DE LECLERCQ","latitude":49.2577,"longitude":"4.0317","typologie":"TIERS_LIEUX|ASSO",
               "courriels":"contact@laquincaillerie.tl|responsable@laquincaillerie.tl","date_maj":"2024-04-02",
               "services":"Maîtrise des outils numériques du quotidien|Loisirs et créations numériques","frais_a_charge":"Gratuit",
               "modalites_accompagnement":"Dans un atelier collectif|À distance"}
            ]
            """;

        var row = Assert.Single(Read(json));

        Assert.Empty(row.Issues);
        var site = row.Site!;
        Assert.Equal(new GeoPoint(49.2577, 4.0317), site.Location);
        Assert.Equal([Typologie.TiersLieux, Typologie.Asso], site.Typologie);
        Assert.Equal(2, site.Courriels.Count);
        Assert.Equal((1, 2), (row.RowNumber, row.LineNumber));
    }

    [Fact]
    public void Reads_the_nested_forms_of_the_cartographie_and_of_the_library()
    {
        var rows = TestData.ReadFile(ImportFormat.LmnJson, "lmn-nested.json");

        Assert.Equal(2, rows.Count);
        var cartographie = rows[0].Site!;
        Assert.Equal(new Adresse { Voie = "12 bis Rue de Leclercq", CodePostal = "51100", CodeInsee = "51454", Commune = "Reims" }, cartographie.Adresse);
        Assert.Equal(new GeoPoint(49.2577, 4.0317), cartographie.Location);
        Assert.Equal("+33180059880", cartographie.Telephone);
        Assert.Equal(["contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"], cartographie.Courriels);
        Assert.Equal("Formations aux outils numériques.", cartographie.PresentationResume);
        Assert.Equal("Parcours d'initiation; accompagnement | approfondi.", cartographie.PresentationDetail);
        Assert.Equal([ModaliteAccompagnement.DansUnAtelierCollectif, ModaliteAccompagnement.ADistance], cartographie.ModalitesAccompagnement);

        // Arrays keep their values apart: a ";" is not a separator there; a "|" cannot be exported, so it is refused.
        Assert.Equal(["Label; avec point-virgule"], cartographie.AutresFormationsLabels);
        Assert.Equal("Label | avec barre", TestData.Issue(rows[0], SiteFields.AutresFormationsLabels, ValidationSeverity.Error).Value);

        // Mediators are people: never read.
        Assert.DoesNotContain(rows.SelectMany(r => r.Issues), i => i.Message.Contains("mediateurs", StringComparison.Ordinal) || i.Value?.Contains("Camille", StringComparison.Ordinal) == true);

        var library = rows[1].Site!;
        Assert.Equal(new Adresse { Voie = "1 place de la Mairie", Complement = "1er étage", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" }, library.Adresse);
        Assert.Empty(rows[1].Issues);
        Assert.Equal(2, rows[1].RowNumber);
    }

    [Fact]
    public void Reads_an_array_wrapped_in_an_object_and_json_lines()
    {
        var wrapped = Read($$"""{"total": 2, "lieux": [{{WithId("a")}}, {{WithId("b")}}], "page": 1}""");
        var lines = Read(WithId("a") + "\n" + WithId("b") + "\r\n\n" + WithId("c"));
        var single = Read(Minimal);

        Assert.Equal(["a", "b"], wrapped.Select(r => r.Id));
        Assert.Equal(["a", "b", "c"], lines.Select(r => r.Id));
        Assert.Equal([1, 2, 4], lines.Select(r => r.LineNumber));
        Assert.All(lines, r => Assert.NotNull(r.Site));
        Assert.Equal("lieu-1", Assert.Single(single).Site!.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Reports_an_empty_file_and_reads_an_empty_array_as_nothing(string json)
    {
        var row = Assert.Single(Read(json));

        Assert.True(row.IsFileIssue);
        Assert.Contains("vide", row.Issues[0].Message, StringComparison.Ordinal);
        Assert.Empty(Read("[]"));
        Assert.Empty(Read("{\"lieux\": []}"));
    }

    [Fact]
    public void Skips_a_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[\n" + Minimal + "]")).ToArray();

        var row = Assert.Single(ImportFormats.Read(ImportFormat.LmnJson, new MemoryStream(bytes), TestData.Options));

        Assert.Equal(("lieu-1", 2), (row.Site!.Id, row.LineNumber));
    }

    [Fact]
    public void Keeps_the_objects_before_malformed_json_and_says_where_it_breaks()
    {
        var json = "[\n" + WithId("a") + ",\n" + WithId("b") + ",\n{\"id\": \"c\", \"nom\": oups}\n,\n" + WithId("d") + "\n]";

        var rows = Read(json);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", "b"], rows.Take(2).Select(r => r.Site!.Id));
        var error = rows[2];
        Assert.True(error.IsFileIssue);
        Assert.Equal((3, 4), (error.RowNumber, error.LineNumber));
        var message = error.Issues[0].Message;
        Assert.Contains("ligne 4, colonne", message, StringComparison.Ordinal);
        Assert.Contains("les 2 objet(s) lu(s) avant sont conservés", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[" + Minimal)]
    [InlineData("[" + Minimal + ",")]
    [InlineData("{\"lieux\": [" + Minimal + "]")]
    public void Reports_a_truncated_file(string json)
    {
        var rows = Read(json);

        Assert.Equal("lieu-1", rows[0].Site!.Id);
        Assert.True(rows[^1].IsFileIssue);
        Assert.Contains("JSON mal formé", rows[^1].Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_element_that_is_not_an_object_and_one_too_large_and_goes_on()
    {
        // Too large for the bound, made of small tokens: skipped without being held.
        var labels = string.Join(",", Enumerable.Repeat("\"Label\"", 1_000));
        var big = Minimal.Replace("\"nom\"", $"\"autres_formations_labels\":[{labels}],\"nom\"", StringComparison.Ordinal).Replace("lieu-1", "gros", StringComparison.Ordinal);
        var json = $"[{WithId("a")}, \"texte\", [1, 2], {big}, {WithId("b")}]";

        var rows = Read(json, TestData.Options with { MaxJsonRecordBytes = 1024 });

        Assert.Equal(["a", null, null, null, "b"], rows.Select(r => r.Id));
        Assert.Contains("une chaîne", TestData.Issue(rows[1], ImportRow.RowField, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Contains("un tableau", TestData.Issue(rows[2], ImportRow.RowField, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Contains("objet n° 4 dépasse", TestData.Issue(rows[3], ImportRow.RowField, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.NotNull(rows[4].Site);
        Assert.Equal(5, rows[4].RowNumber);
    }

    [Fact]
    public void Stops_at_a_single_value_larger_than_the_bound()
    {
        var huge = WithId("b").Replace("\"nom\"", $"\"presentation_detail\":\"{new string('x', 5_000)}\",\"nom\"", StringComparison.Ordinal);

        var rows = Read($"[{WithId("a")}, {huge}, {WithId("c")}]", TestData.Options with { MaxJsonRecordBytes = 1024 });

        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].Site);
        Assert.True(rows[1].IsFileIssue);
        Assert.Contains("une seule valeur dépasse 1 Ko", rows[1].Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_defects_as_the_csv_does_and_rejects_a_duplicate_id()
    {
        var json = "[" + string.Join(",\n",
            WithId("a"),
            WithId("a"),
            WithId("b").Replace("\"nom\":\"Médiathèque\"", "\"nom\":\"Média\\u0000thèque\",\"latitude\":95,\"longitude\":5", StringComparison.Ordinal),
            WithId("c").Replace("\"services\":\"Accès internet et matériel informatique\"", "\"services\":[\"Accès internet et matériel informatique\",\"Cours de cuisine\"],\"horaires\":\"quand on peut\"", StringComparison.Ordinal),
            WithId("d").Replace("\"adresse\":\"1 place de la Mairie\",", "", StringComparison.Ordinal)) + "]";

        var rows = Read(json);

        Assert.Contains("l'objet n° 1 (ligne 1)", TestData.Issue(rows[1], SiteFields.Id, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        Assert.Null(rows[1].Site);
        // A NUL (here escaped) rejects the object, as it rejects a CSV row.
        Assert.Null(rows[2].Site);
        Assert.Contains("U+0000 (NUL)", TestData.Issue(rows[2], SiteFields.Nom, ValidationSeverity.Error).Message, StringComparison.Ordinal);
        TestData.Issue(rows[2], SiteFields.Latitude, ValidationSeverity.Error);
        Assert.Equal("Cours de cuisine", TestData.Issue(rows[3], SiteFields.Services, ValidationSeverity.Error).Value);
        Assert.Null(rows[3].Site!.Horaires);
        TestData.Issue(rows[3], SiteFields.Horaires, ValidationSeverity.Error);
        Assert.Null(rows[4].Site);
        TestData.Issue(rows[4], SiteFields.Adresse, ValidationSeverity.Error);
    }

    [Fact]
    public void Refuses_an_object_where_text_is_expected_and_warns_once_about_unknown_keys()
    {
        var json = "[" + WithId("a").Replace("\"nom\":\"Médiathèque\"", "\"nom\":\"Médiathèque\",\"source\":{\"nom\":\"Hubik\"},\"couleur\":\"bleu\"", StringComparison.Ordinal)
            + "," + WithId("b").Replace("\"nom\"", "\"couleur\":\"vert\",\"nom\"", StringComparison.Ordinal) + "]";

        var rows = Read(json);

        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].IsFileIssue);
        Assert.Contains("couleur", rows[0].Issues[0].Message, StringComparison.Ordinal);
        Assert.Null(rows[1].Site!.Source);
        TestData.Issue(rows[1], SiteFields.Source, ValidationSeverity.Error);
        Assert.NotNull(rows[2].Site);
    }

    [Fact]
    public void Imports_valid_oddities_intact()
    {
        var json = "[" + WithId("x").Replace("\"nom\":\"Médiathèque\"",
            "\"nom\":\"<script>alert('x')</script> '; DROP TABLE sites; -- 🖥️\",\"presentation_detail\":\"Ligne 1\\n\\\"Ligne 2\\\" \\u00e9t\\u00e9 🎉\"",
            StringComparison.Ordinal) + "]";

        var row = Assert.Single(Read(json));

        Assert.Empty(row.Issues);
        Assert.Equal("<script>alert('x')</script> '; DROP TABLE sites; -- 🖥️", row.Site!.Nom);
        Assert.Equal("Ligne 1\n\"Ligne 2\" été 🎉", row.Site.PresentationDetail);
    }

    [Fact]
    public void Survives_a_string_that_is_not_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + WithId("a").Replace("Médiathèque", "MEDIA#", StringComparison.Ordinal) + "]");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xE9;

        var row = Assert.Single(ImportFormats.Read(ImportFormat.LmnJson, new MemoryStream(bytes), TestData.Options));

        Assert.Equal("MEDIA\uFFFD", row.Site!.Nom);
        TestData.Issue(row, SiteFields.Nom, ValidationSeverity.Warning);
    }

    [Fact]
    public void Reads_a_large_file_lazily_one_object_at_a_time()
    {
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 20_000; i++)
        {
            json.Append(i == 0 ? "" : ",\n").Append(WithId($"lieu-{i}"));
        }

        json.Append("\n]");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        var counting = new CountingStream(new MemoryStream(bytes));

        using (var rows = LmnJsonReader.Read(counting, TestData.Options).GetEnumerator())
        {
            Assert.True(rows.MoveNext());
            Assert.Equal("lieu-0", rows.Current.Id);
            Assert.True(counting.BytesRead < bytes.Length / 10, $"{counting.BytesRead} octets lus pour le premier objet");
        }

        var all = LmnJsonReader.Read(new MemoryStream(bytes), TestData.Options).ToList();
        Assert.Equal(20_000, all.Count);
        Assert.All(all, r => Assert.NotNull(r.Site));
        Assert.Equal(20_001, all[^1].LineNumber);
    }
}
