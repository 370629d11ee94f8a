using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Lmn;

public class LmnCsvWriterTests
{
    // The header of the standard's exemple-valide.csv (LaMednum/standard-mediation-num), unquoted.
    private const string StandardHeader =
        "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv";

    [Fact]
    public void Writes_the_32_columns_of_the_standard_in_order()
    {
        var csv = TestSites.Write(SiteBuilder.Minimal().Build());
        var lines = csv.Split('\n');

        Assert.Equal(StandardHeader, lines[0]);
        Assert.Equal(
            "lieu-1,00000000000000,Médiathèque,Dijon,21000,,1 place de la Mairie,,,,,,,,,,,,,,2024-04-02,Accès internet et matériel informatique,,,,,,,,,,",
            lines[1]);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public void Quotes_only_what_must_be_and_joins_values_with_pipes()
    {
        var cells = LmnCsvWriter.Values(SiteBuilder.EveryField().Build());

        Assert.Equal(32, cells.Count);
        Assert.Equal("TIERS_LIEUX|ASSO", cells[10]);
        Assert.Equal("Itinérant|Fixe", cells[18]);
        Assert.Equal("Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)", cells[26]);
        Assert.Equal("43.52609", cells[8]);
        Assert.Equal("\"Anonymal, « le lieu »\"", LmnCsvWriter.Escape(cells[2]));
        Assert.Equal("\"Le patio du \"\"bois\"\" de l'Aulne\"", LmnCsvWriter.Escape(cells[7]));
        Assert.Equal("Reims", LmnCsvWriter.Escape(cells[3]));
    }

    [Fact]
    public void Writes_numbers_in_invariant_culture_whatever_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            var cells = LmnCsvWriter.Values(SiteBuilder.Minimal().Build() with { Location = new(47.5, 0.00001) });
            Assert.Equal("47.5", cells[8]);
            Assert.Equal("0.00001", cells[9]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Writes_no_byte_order_mark_into_a_utf8_stream()
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
        {
            LmnCsvWriter.WriteAll(writer, [SiteBuilder.Minimal().Build()]);
        }

        Assert.Equal((byte)'i', stream.ToArray()[0]);
    }

    [Fact]
    public async Task Streams_an_async_sequence()
    {
        static async IAsyncEnumerable<Site> Sites()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return SiteBuilder.Minimal($"lieu-{i}").Build();
            }
        }

        var writer = new StringWriter();
        await LmnCsvWriter.WriteAllAsync(writer, Sites());

        Assert.Equal(4, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
