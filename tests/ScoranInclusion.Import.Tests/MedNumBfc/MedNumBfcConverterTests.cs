using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;
using ScoranInclusion.Import.Tests.Lmn;

namespace ScoranInclusion.Import.Tests.MedNumBfc;

public class MedNumBfcConverterTests
{
    private const string Header =
        "bfc_id,mise_a_jour,lon,lat,adresse,code_postal,ville,departement,nom_structure,url_lieu,contact_email,contact_tel,code_typo,code_label,code_accomp,lundi matin,lundi après-midi,mardi matin,mardi après-midi,mercredi matin,mercredi après-midi,jeudi matin,jeudi après-midi,vendredi matin,vendredi après-midi,samedi matin,samedi après-midi,dimanche matin,dimanche après-midi";

    // mednumBFC_TL_3_ of the 2022-12-30 file, verbatim.
    private const string ArnayLeDuc =
        "mednumBFC_TL_3_,18/05/2020,4.491110,47.130870,3 rue de la Gare,21230,ARNAY LE DUC,21,Espace numérique de Côte-d'Or - Centre social d'Arnay-le-Duc,https://csarnayleduc.fr,accueil@csarnayleduc.fr,03 80 90 17 55,I,APTIC-MSAP-MFS,A-L-RDV-G,-,18h30-20h,10h-11h30,15h30-18h30,-,15h30-17h30,9h30-11h30,-,-,15h30-18h30,-,14h30-15h30,,";

    private static readonly FakeCommuneLocator _communes = FakeCommuneLocator.Bfc();

    private static List<MedNumBfcConversion> Convert(params string[] rows) =>
        new MedNumBfcConverter(_communes).Convert(new StringReader(Header + "\n" + string.Join("\n", rows) + "\n")).ToList();

    /// <summary>A row with the given cells, everything else empty.</summary>
    private static string Row(
        string id = "t1", string lat = "47.32", string lon = "5.03", string adresse = "1 rue A", string cp = "21000", string ville = "DIJON",
        string nom = "Lieu", string date = "02/03/2021", string url = "", string email = "", string tel = "",
        string typo = "", string label = "", string accomp = "", string hours = ",,,,,,,,,,,,,")
        => $"{id},{date},{lon},{lat},{adresse},{cp},{ville},{cp[..2]},{nom},{url},{email},{tel},{typo},{label},{accomp},{hours}";

    [Fact]
    public void Maps_a_real_row_to_the_standard()
    {
        var conversion = Assert.Single(Convert(ArnayLeDuc));
        var site = conversion.Row.Site!;

        Assert.Empty(conversion.Row.Issues);
        Assert.Equal(CommuneCheckOutcome.Consistent, conversion.Commune.Outcome);
        Assert.Equal("mednumBFC_TL_3_", site.Id);
        Assert.Equal(Pivot.Unknown, site.Pivot);
        Assert.Equal("Espace numérique de Côte-d'Or - Centre social d'Arnay-le-Duc", site.Nom);
        Assert.Equal(new Adresse { Voie = "3 rue de la Gare", CodePostal = "21230", CodeInsee = "21023", Commune = "Arnay-le-Duc" }, site.Adresse);
        Assert.Equal(new GeoPoint(47.13087, 4.49111), site.Location);
        Assert.Equal("+33380901755", site.Telephone);
        Assert.Equal(["accueil@csarnayleduc.fr"], site.Courriels);
        Assert.Equal(["https://csarnayleduc.fr"], site.SiteWeb);
        Assert.Equal("Mo 18:30-20:00; Tu 10:00-11:30,15:30-18:30; We 15:30-17:30; Th 09:30-11:30; Fr 15:30-18:30; Sa 14:30-15:30", site.Horaires);
        Assert.Equal("MedNum BFC", site.Source);
        Assert.Equal(new DateOnly(2020, 5, 18), site.DateMaj);
        Assert.False(conversion.DateMajDefaulted);
        Assert.Empty(site.Typologie);
        Assert.Equal([Service.AideAuxDemarchesAdministratives, Service.AccesInternetEtMaterielInformatique], site.Services);
        Assert.Equal([DispositifProgrammeNational.FranceServices], site.DispositifProgrammesNationaux);
        Assert.Equal(["APTIC"], site.AutresFormationsLabels);
        Assert.Empty(site.FormationsLabels);
        Assert.Equal([ModaliteAcces.SePresenter], site.ModalitesAcces);
        Assert.Equal(
            [ModaliteAccompagnement.EnAutonomie, ModaliteAccompagnement.AccompagnementIndividuel, ModaliteAccompagnement.DansUnAtelierCollectif],
            site.ModalitesAccompagnement);
    }

    [Fact]
    public void Flags_a_point_lying_in_another_town_and_moves_it_to_the_address_commune()
    {
        // mednumBFC_TL_692_: MACON 71000, coordinates in Dijon.
        var conversion = Assert.Single(Convert(Row(id: "mednumBFC_TL_692_", lat: "47.34142", lon: "5.04794", adresse: "32 RUE FREDERIC MISTRAL", cp: "71000", ville: "MACON")));
        var site = conversion.Row.Site!;

        Assert.Equal(CommuneCheckOutcome.Flagged, conversion.Commune.Outcome);
        Assert.Equal("21231", conversion.Commune.PointCommune!.CodeInsee);
        Assert.Equal("71270", conversion.Commune.AddressCommune!.Commune.CodeInsee);
        Assert.True(conversion.Commune.DistanceMetres > 50_000);
        Assert.Equal(new GeoPoint(47.34142, 5.04794), conversion.Commune.SourcePoint);
        Assert.Equal(("Mâcon", "71270"), (site.Adresse.Commune, site.Adresse.CodeInsee));
        Assert.Equal(new GeoPoint(46.30133, 4.81231), site.Location);
        var issue = Assert.Single(conversion.Row.Issues);
        Assert.Equal((SiteFields.Latitude, "47.34142, 5.04794", ValidationSeverity.Correction), (issue.Field, issue.Value, issue.Severity));
        Assert.Contains("Dijon", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_autun_placed_in_avallon_whatever_its_id()
    {
        var conversion = Assert.Single(Convert(Row(id: "any", lat: "47.491162", lon: "3.906918", cp: "71400", ville: "AUTUN")));

        Assert.Equal(CommuneCheckOutcome.Flagged, conversion.Commune.Outcome);
        Assert.Equal("71014", conversion.Row.Site!.Adresse.CodeInsee);
    }

    [Fact]
    public void Keeps_a_point_just_across_the_border_with_the_address_commune()
    {
        // In Branges, about 750 m east of Louhans-Châteaurenaud's edge.
        var conversion = Assert.Single(Convert(Row(lat: "46.62", lon: "5.27", cp: "71500", ville: "LOUHANS")));

        Assert.Equal(CommuneCheckOutcome.NearBorder, conversion.Commune.Outcome);
        Assert.Equal(("Louhans-Châteaurenaud", "71263"), (conversion.Row.Site!.Adresse.Commune, conversion.Row.Site.Adresse.CodeInsee));
        Assert.Equal(new GeoPoint(46.62, 5.27), conversion.Row.Site.Location);
        Assert.Contains(conversion.Row.Issues, i => i.Field == SiteFields.CodeInsee && i.Severity == ValidationSeverity.Warning);
    }

    [Fact]
    public void Reads_cedex_codes_and_former_commune_names()
    {
        var rows = Convert(
            Row(id: "cedex", lat: "46.67", lon: "5.55", cp: "39003", ville: "LONS LE SAUNIER"),
            Row(id: "morez", lat: "46.52", lon: "6.06", cp: "39400", ville: "MOREZ"),
            Row(id: "chinon", lat: "47.06", lon: "3.92", cp: "58120", ville: "CHATEAU CHINON"));

        Assert.All(rows, r => Assert.Equal(CommuneCheckOutcome.Consistent, r.Commune.Outcome));
        Assert.Equal("39300", rows[0].Row.Site!.Adresse.CodeInsee);
        Assert.Equal("39003", rows[0].Row.Site!.Adresse.CodePostal);
        Assert.Contains(rows[0].Row.Issues, i => i.Field == SiteFields.CodePostal && i.Severity == ValidationSeverity.Warning);
        Assert.Equal("Hauts de Bienne", rows[1].Row.Site!.Adresse.Commune);
        Assert.Contains(rows[1].Row.Issues, i => i.Field == SiteFields.Commune && i.Value == "MOREZ");
        Assert.Equal("Château-Chinon (Ville)", rows[2].Row.Site!.Adresse.Commune);
    }

    [Fact]
    public void Maps_the_codes_conservatively()
    {
        var rows = Convert(
            Row(id: "tiers-lieu", typo: "F-TL", label: "F-BFC", accomp: "RDV-G-R"),
            Row(id: "casse", typo: "i", label: "c", accomp: "oui"));

        var tiersLieu = rows[0].Row.Site!;
        Assert.Equal([Typologie.TiersLieux], tiersLieu.Typologie);
        Assert.Empty(tiersLieu.Services);
        Assert.Empty(tiersLieu.FormationsLabels);
        Assert.Empty(tiersLieu.AutresFormationsLabels);
        Assert.Equal([ModaliteAccompagnement.AccompagnementIndividuel, ModaliteAccompagnement.DansUnAtelierCollectif], tiersLieu.ModalitesAccompagnement);
        Assert.Empty(rows[0].Row.Issues);

        var casse = rows[1].Row;
        Assert.Equal([Service.AideAuxDemarchesAdministratives], casse.Site!.Services);
        Assert.Contains(casse.Issues, i => i.Value == "i" && i.Severity == ValidationSeverity.Correction);
        Assert.Contains(casse.Issues, i => i.Value == "oui" && i.Severity == ValidationSeverity.Warning);
        Assert.DoesNotContain(casse.Issues, i => i.Value == "c");
    }

    [Fact]
    public void Fills_required_fields_the_source_leaves_empty()
    {
        var conversion = Assert.Single(Convert(Row(adresse: "", nom: "EPN  Battant", date: "")));
        var site = conversion.Row.Site!;

        Assert.Equal("EPN Battant", site.Nom);
        Assert.Equal("EPN Battant", site.Adresse.Voie);
        Assert.Contains(conversion.Row.Issues, i => i.Field == SiteFields.Adresse && i.Severity == ValidationSeverity.Correction);
        Assert.Equal(new DateOnly(2022, 12, 30), site.DateMaj);
        Assert.True(conversion.DateMajDefaulted);
    }

    [Fact]
    public void Drops_contact_values_that_are_not_valid_and_adds_a_missing_url_scheme()
    {
        var conversion = Assert.Single(Convert(Row(
            tel: "99 99", email: "epn@blanzy71 fr", url: "www.exemple.fr https://autre.exemple.fr/page")));
        var site = conversion.Row.Site!;

        Assert.Null(site.Telephone);
        Assert.Empty(site.Courriels);
        Assert.Equal(["https://www.exemple.fr", "https://autre.exemple.fr/page"], site.SiteWeb);
        Assert.Single(conversion.Row.Issues, i => i.Field == SiteFields.Courriels && i.Severity == ValidationSeverity.Error);
        Assert.Single(conversion.Row.Issues, i => i.Field == SiteFields.Telephone && i.Severity == ValidationSeverity.Error);
        Assert.Equal(2, conversion.Row.Issues.Count(i => i.Field == SiteFields.SiteWeb && i.Severity == ValidationSeverity.Correction));
    }

    [Fact]
    public void Gives_no_hours_when_a_cell_cannot_be_read()
    {
        var conversion = Assert.Single(Convert(Row(hours: "x,x,x,x,x,x,x,x,x,x,souscondition,souscondition,souscondition,souscondition")));

        Assert.Null(conversion.Row.Site!.Horaires);
        Assert.Equal(4, conversion.Row.Issues.Count(i => i.Field == SiteFields.Horaires && i.Severity == ValidationSeverity.Error));
    }

    [Fact]
    public void Rejects_a_row_without_identifier()
    {
        var conversion = Assert.Single(Convert(Row(id: "")));

        Assert.Null(conversion.Row.Site);
        Assert.Null(conversion.Row.Id);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_mednum_export()
    {
        var converter = new MedNumBfcConverter(_communes);

        var error = Assert.Throws<InvalidDataException>(() => converter.Convert(new StringReader("id,nom\n1,x\n")).ToList());
        Assert.Contains("bfc_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converted_rows_read_back_through_the_standard_reader_without_error()
    {
        var sites = Convert(
                ArnayLeDuc,
                Row(id: "mednumBFC_TL_692_", lat: "47.34142", lon: "5.04794", cp: "71000", ville: "MACON", typo: "M-TL", label: "NMM-DM"),
                Row(id: "t3", adresse: "", date: "", hours: "x,x,9h12h,14h18h,9h12h,14h18h,9h12h,14h18h,9h12h,14h18h,9h12h,x,x,x"))
            .Select(c => c.Row.Site!)
            .ToArray();

        var rows = TestSites.Read(TestSites.Write(sites));

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(r.Issues, i => i.Severity is ValidationSeverity.Error or ValidationSeverity.Correction));
        for (var i = 0; i < sites.Length; i++)
        {
            TestSites.AssertSame(sites[i], rows[i].Site!);
        }
    }
}
