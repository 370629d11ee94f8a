using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Geo.Tests.Territories;

public sealed class CommuneDirectoryTests
{
    private static readonly CommuneDirectory s_directory = CommuneCsv.Directory();

    [Fact]
    public void Reads_every_field()
    {
        Assert.Equal(CommuneCsv.Rows.Length, s_directory.All.Count);
        Assert.Equal(s_directory.All.OrderBy(c => c.CodeInsee, StringComparer.Ordinal), s_directory.All);

        var valLarrey = s_directory.FindByInsee("21272")!;
        Assert.Equal("Le Val-Larrey", valLarrey.Nom);
        Assert.Equal(["21140", "21390"], valLarrey.CodesPostaux);
        Assert.Equal("21", valLarrey.CodeDepartement);
        Assert.Equal("200071017", valLarrey.EpciSiren);
        Assert.Equal("CC des Terres d'Auxois", valLarrey.EpciNom);
        Assert.Equal(275, valLarrey.Population);
        Assert.Equal(new GeoPoint(47.43304, 4.32021), valLarrey.Location);

        Assert.Equal("CA Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay", s_directory.FindByInsee("21461")!.EpciNom);
        Assert.Null(s_directory.FindByInsee("2A004")!.Population);
    }

    [Theory]
    [InlineData("21231", "21231")]
    [InlineData(" 21231 ", "21231")]
    [InlineData("2a004", "2A004")]
    [InlineData("21019", "21060")] // ancien-code
    [InlineData("21073", "21272")] // commune déléguée
    [InlineData("21507", "21183")]
    [InlineData("21183", "21183")] // both a current and an old code
    [InlineData("21166", "21166")] // a current code wins over the same old code
    public void Finds_by_current_or_former_INSEE_code(string code, string expected)
    {
        Assert.Equal(expected, s_directory.FindByInsee(code)?.CodeInsee);
    }

    [Theory]
    [InlineData("")]
    [InlineData("99999")]
    [InlineData("Dijon")]
    public void Unknown_INSEE_code_is_null(string code)
    {
        Assert.Null(s_directory.FindByInsee(code));
    }

    [Fact]
    public void Finds_by_address_with_the_former_names_of_the_geodata_file()
    {
        var flee = Assert.Single(s_directory.FindByAddress("21140", "FLEE"));
        Assert.Equal(("21272", CommuneMatchKind.AncienNom), (flee.Commune.CodeInsee, flee.Kind));

        var premieres = Assert.Single(s_directory.FindByAddress("21110", "Premières"));
        Assert.Equal(("21183", CommuneMatchKind.AncienNom), (premieres.Commune.CodeInsee, premieres.Kind));

        Assert.Empty(s_directory.FindByAddress("21121", " - "));
        Assert.Empty(s_directory.FindByAddress("21121", "Paris"));
        var cedex = Assert.Single(s_directory.FindByAddress("21012", "DIJON CEDEX"));
        Assert.Equal(("21231", CommuneMatchKind.NomHorsCodePostal), (cedex.Commune.CodeInsee, cedex.Kind));
    }

    [Fact]
    public void A_directory_from_records_finds_what_the_files_find()
    {
        var anciennes = CommuneCsv.AnciennesRows.Select(r => r.Split(','))
            .Select(f => new AncienneCommune(f[0], f[1].Length == 0 ? null : f[1], f[2], f[3]));

        var directory = CommuneDirectory.From(s_directory.All, anciennes);

        Assert.Equal(s_directory.All, directory.All);
        Assert.Equal("21272", directory.FindByInsee("21073")?.CodeInsee);
        Assert.Equal("21166", directory.FindByInsee("21166")?.CodeInsee);
        Assert.Equal("21272", Assert.Single(directory.FindByAddress("21390", "Bierre les Semur")).Commune.CodeInsee);
    }

    [Fact]
    public void Finds_by_postal_code_most_populated_first()
    {
        Assert.Equal(["21278", "21003"], Codes(s_directory.FindByPostalCode("21121")));
        Assert.Equal(["89024"], Codes(s_directory.FindByPostalCode(" 89290 ")));
        Assert.Equal(["25527", "25616"], Codes(s_directory.FindByPostalCode("25410")));
        Assert.Empty(s_directory.FindByPostalCode("75001"));
        Assert.Empty(s_directory.FindByPostalCode("211"));
    }

    [Theory]
    [InlineData("chalon", "71076")]
    [InlineData("Chalon", "71076")]
    [InlineData("CHALON-SUR-SAÔNE", "71076")]
    [InlineData("chalon sur saone", "71076")]
    [InlineData("21000", "21231")]
    [InlineData("besancon", "25056")]
    [InlineData("Besançon", "25056")]
    [InlineData("dijon", "21231")]
    [InlineData("saint", "71486")]
    [InlineData("st apollinaire", "21540")]
    [InlineData("St-Apollinaire", "21540")]
    [InlineData("ste helene", "71426")]
    [InlineData("Ste-Hélène", "71426")]
    [InlineData("l'isle", "25315")]
    [InlineData("L’Isle-sur-Serein", "89204")]
    [InlineData("chamboeuf", "21132")]
    [InlineData("chambœuf", "21132")]
    [InlineData("fragnes la loyere", "71204")]
    [InlineData("chemaudin-et-vaux", "25147")]
    [InlineData("25056", "25056")]
    [InlineData("21507", "21183")]
    [InlineData("2A004", "2A004")]
    [InlineData("2a004", "2A004")]
    [InlineData("21 000", "21231")]
    public void Search_puts_the_expected_commune_first(string text, string expected)
    {
        Assert.Equal(expected, s_directory.Search(text, 10)[0].CodeInsee);
    }

    [Fact]
    public void Search_ranks_exact_then_prefix_then_later_word_then_population()
    {
        Assert.Equal(["71076", "71104", "39114"], Codes(s_directory.Search("chalon", 10)));
        Assert.Equal(["21231", "21278"], Codes(s_directory.Search("dijon", 10)));
        Assert.Equal(["71076", "25315", "25186", "89204"], Codes(s_directory.Search("sur", 10)));
        Assert.Equal(
            ["71486", "39478", "21540", "25527", "71426", "21553", "25616"],
            Codes(s_directory.Search("saint", 10)));
    }

    [Fact]
    public void Search_treats_a_trailing_st_as_saint_or_as_the_start_of_a_word()
    {
        Assert.Contains("89403", Codes(s_directory.Search("st", 20)));
        Assert.Equal("71486", s_directory.Search("st", 20)[0].CodeInsee);
        Assert.DoesNotContain("89403", Codes(s_directory.Search("st ", 20)));
        Assert.DoesNotContain("89403", Codes(s_directory.Search("st-", 20)));
        Assert.Equal(["89403"], Codes(s_directory.Search("stig", 20)));
    }

    [Fact]
    public void Search_by_digits_is_a_postal_code_prefix_by_population()
    {
        Assert.Equal(["21231", "21166", "21617", "21278"], Codes(s_directory.Search("21", 4)));
        Assert.Equal(["89024"], Codes(s_directory.Search("8929", 10)));
        Assert.Equal(["25056"], Codes(s_directory.Search("25000", 10)));
    }

    [Fact]
    public void Search_by_a_code_that_is_both_an_INSEE_and_a_postal_code_ranks_by_population()
    {
        // 21121 is Bussy-la-Pesle's INSEE code and the postal code of Fontaine-lès-Dijon and Ahuy.
        Assert.Equal(["21278", "21003", "21121"], Codes(s_directory.Search("21121", 10)));
    }

    [Fact]
    public void Search_puts_an_unknown_population_last()
    {
        Assert.Equal(["89024", "21003", "2A004"], Codes(s_directory.Search("a", 10)).Where(c => c is "89024" or "21003" or "2A004"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-'")]
    [InlineData("paris")]
    [InlineData("75001")]
    [InlineData("123456")]
    public void Search_without_a_match_is_empty(string text)
    {
        Assert.Empty(s_directory.Search(text, 10));
    }

    [Fact]
    public void Search_returns_at_most_first()
    {
        Assert.Equal(3, s_directory.Search("a", 3).Count);
        Assert.Empty(s_directory.Search("dijon", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_directory.Search("dijon", -1));
    }

    [Fact]
    public void Former_codes_are_optional_for_FromCsv()
    {
        var directory = CommuneDirectory.FromCsv(new StringReader(CommuneCsv.Communes(CommuneCsv.Rows)), anciennes: null);

        Assert.Equal("21231", directory.FindByInsee("21231")?.CodeInsee);
        Assert.Null(directory.FindByInsee("21019"));
    }

    [Fact]
    public void Accepts_a_byte_order_mark_quoted_newlines_and_extra_columns()
    {
        var csv = "\uFEFF" + CommuneCsv.Header + ",extra\r\n"
            + "21231,\"Di\r\njon\",21000,21,242100410,\"Dijon \"\"Métropole\"\"\",161830,47.32286,5.03748,x\r\n"
            + "\r\n"
            + "25056,Besançon,25000,25,242500361,CU Grand Besançon Métropole,118489,47.25521,6.01937,y";

        var directory = CommuneDirectory.FromCsv(new StringReader(csv), null);

        Assert.Equal("Di\r\njon", directory.FindByInsee("21231")!.Nom);
        Assert.Equal("Dijon \"Métropole\"", directory.FindByInsee("21231")!.EpciNom);
        Assert.Equal(118_489, directory.FindByInsee("25056")!.Population);
    }

    [Theory]
    [InlineData("21231,Dijon,21000,21,242100410,Dijon Métropole,161830,47.32286", "line 3: 8 fields where the header has 9")]
    [InlineData("21231,Dijon,21000,21,242100410,Dijon Métropole,161830,\"47,3\",5.03748", "line 3: latitude '47,3'")]
    [InlineData("21231,Dijon,21000,21,242100410,Dijon Métropole,161830,95,5.03748", "line 3: latitude/longitude")]
    [InlineData("21231,Dijon,21000,21,242100410,Dijon Métropole,-5,47.3,5.03", "line 3: population '-5'")]
    [InlineData("21231,Dijon,21000|2100,21,242100410,Dijon Métropole,1,47.3,5.03", "line 3: codes_postaux '2100'")]
    [InlineData("2123,Dijon,21000,21,242100410,Dijon Métropole,1,47.3,5.03", "line 3: code_insee '2123'")]
    [InlineData("21231,,21000,21,242100410,Dijon Métropole,1,47.3,5.03", "line 3: nom is empty")]
    [InlineData("21231,Dijon,21000,Côte-d'Or,242100410,Dijon Métropole,1,47.3,5.03", "line 3: code_departement")]
    [InlineData("21231,Dijon,21000,21,2421,Dijon Métropole,1,47.3,5.03", "line 3: epci_siren '2421'")]
    [InlineData("21231,\"Dijon,21000,21,242100410,Dijon Métropole,1,47.3,5.03", "line 3: a quoted field is not closed")]
    [InlineData("21231,\"Dijon\"x,21000,21,242100410,Dijon Métropole,1,47.3,5.03", "line 3: a closing quote must end the field")]
    [InlineData("21003,Ahuy,21121,21,242100410,Dijon Métropole,1718,47.37112,5.02048", "line 3: code_insee '21003' already appears on line 2")]
    public void Malformed_communes_name_the_file_and_line(string badRow, string expected)
    {
        var csv = CommuneCsv.Communes(CommuneCsv.Rows[0], badRow);

        var error = Assert.Throws<InvalidDataException>(() => CommuneDirectory.FromCsv(new StringReader(csv), null));

        Assert.StartsWith("communes.csv, ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_a_required_column_is_rejected()
    {
        var csv = "insee,name,postal_codes,departement,epci_siren,epci_name,population,lat,lon\n" + CommuneCsv.Rows[0];

        var error = Assert.Throws<InvalidDataException>(() => CommuneDirectory.FromCsv(new StringReader(csv), null));

        Assert.Contains("communes.csv, line 1: the header lacks code_insee, nom, codes_postaux", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("21019,,fusion,21060", "line 2: type 'fusion'")]
    [InlineData("21019,,ancien-code,99999", "line 2: code_insee '99999' is not a code_insee of communes.csv")]
    [InlineData("2101,,ancien-code,21060", "line 2: ancien_code '2101'")]
    public void Malformed_former_codes_name_the_file_and_line(string badRow, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => CommuneDirectory.FromCsv(
            new StringReader(CommuneCsv.Communes(CommuneCsv.Rows)), new StringReader(CommuneCsv.Anciennes(badRow))));

        Assert.StartsWith("communes-anciennes.csv, ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_former_code_mapped_to_two_communes_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => CommuneDirectory.FromCsv(
            new StringReader(CommuneCsv.Communes(CommuneCsv.Rows)),
            new StringReader(CommuneCsv.Anciennes("21019,,ancien-code,21060", "21019,,ancien-code,21231"))));

        Assert.Contains("line 3: ancien_code '21019' is mapped both to 21060 and to 21231", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_the_geodata_directory()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(CommuneDirectory.CommunesFileName, CommuneCsv.Communes(CommuneCsv.Rows), withByteOrderMark: true);
        directory.Write(CommuneDirectory.AnciennesFileName, CommuneCsv.Anciennes(CommuneCsv.AnciennesRows), withByteOrderMark: false);

        var communes = CommuneDirectory.Load(directory.Path);

        Assert.Equal(CommuneCsv.Rows.Length, communes.All.Count);
        Assert.Equal("Dijon", communes.FindByInsee("21231")?.Nom);
        Assert.Equal("Besançon", communes.Search("besancon", 5)[0].Nom);
        Assert.Equal("21183", communes.FindByInsee("21507")?.CodeInsee);
    }

    [Fact]
    public void Load_names_the_missing_file()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(CommuneDirectory.CommunesFileName, CommuneCsv.Communes(CommuneCsv.Rows), withByteOrderMark: false);

        var error = Assert.Throws<FileNotFoundException>(() => CommuneDirectory.Load(directory.Path));

        Assert.Contains(Path.Combine(directory.Path, CommuneDirectory.AnciennesFileName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_path_and_line_of_malformed_input()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(CommuneDirectory.CommunesFileName, CommuneCsv.Communes(CommuneCsv.Rows[0], CommuneCsv.Rows[1], "oops"), withByteOrderMark: true);
        directory.Write(CommuneDirectory.AnciennesFileName, CommuneCsv.Anciennes(), withByteOrderMark: false);

        var error = Assert.Throws<InvalidDataException>(() => CommuneDirectory.Load(directory.Path));

        Assert.StartsWith(Path.Combine(directory.Path, CommuneDirectory.CommunesFileName) + ", line 4: ", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Codes(IEnumerable<ScoranInclusion.Domain.Territories.Commune> communes) =>
        communes.Select(c => c.CodeInsee).ToList();

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("scoran-geodata-").FullName;

        public void Write(string fileName, string content, bool withByteOrderMark) =>
            File.WriteAllText(System.IO.Path.Combine(Path, fileName), content, new UTF8Encoding(withByteOrderMark));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
