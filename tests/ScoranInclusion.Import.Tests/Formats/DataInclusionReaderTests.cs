using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Formats.DataInclusion;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Formats;

public class DataInclusionReaderTests
{
    private static List<ImportRow> ReadPair()
    {
        using var structures = TestData.Open("data-inclusion-structures.json");
        using var services = TestData.Open("data-inclusion-services.jsonl");
        return [.. ImportFormats.ReadDataInclusion(structures, services, TestData.Options)];
    }

    [Fact]
    public void Maps_a_structure_and_its_services_by_the_crosswalk_read_backwards()
    {
        var rows = ReadPair();

        var row = rows[0];
        var site = row.Site!;
        Assert.Equal("dora--s1", site.Id);
        Assert.Equal("21210425300019", site.Pivot);
        Assert.Equal("France services de Montbard", site.Nom);
        Assert.Equal(new Adresse { Voie = "2 rue Carnot", Complement = "Rez-de-chaussée", CodePostal = "21500", CodeInsee = "21425", Commune = "Montbard" }, site.Adresse);
        Assert.Equal(new GeoPoint(47.6237, 4.3377), site.Location);
        Assert.Equal("+33380890000", site.Telephone);
        Assert.Equal(["franceservices@montbard.fr"], site.Courriels);
        Assert.Equal(["https://www.montbard.fr"], site.SiteWeb);
        Assert.Equal("Mo-Fr 09:00-12:00,13:30-17:00; PH off", site.Horaires);
        Assert.Equal("Accueil, information et accompagnement dans les démarches administratives du quotidien.", site.PresentationResume);
        Assert.Equal("dora", site.Source);
        Assert.Equal(new DateOnly(2025, 3, 14), site.DateMaj);
        Assert.Equal("https://acceslibre.beta.gouv.fr/app/21-montbard/a/mairie/erp/mairie/", site.FicheAccesLibre);
        Assert.Equal("https://rdv.anct.gouv.fr/montbard", site.PriseRdv);

        Assert.Equal([DispositifProgrammeNational.FranceServices, DispositifProgrammeNational.ConseillersNumeriques], site.DispositifProgrammesNationaux);
        Assert.Equal([Typologie.Muni], site.Typologie);
        Assert.Equal([Service.AideAuxDemarchesAdministratives, Service.MaitriseDesOutilsNumeriquesDuQuotidien], site.Services);
        Assert.Equal(
            [ModaliteAccompagnement.AccompagnementIndividuel, ModaliteAccompagnement.DansUnAtelierCollectif, ModaliteAccompagnement.ADistance],
            site.ModalitesAccompagnement);
        Assert.Equal([FraisACharge.Gratuit, FraisACharge.Payant], site.FraisACharge);
        Assert.Equal([PublicSpecifiquementAdresse.Seniors], site.PublicsSpecifiquementAdresses);
        Assert.Equal([ModaliteAcces.SePresenter, ModaliteAcces.Telephoner, ModaliteAcces.ContacterParMail], site.ModalitesAcces);

        // What the standard cannot say is reported, on the data.inclusion field; the permis service (mobilite--) is out of scope, silently.
        Assert.All(row.Issues, i => Assert.Equal(ValidationSeverity.Warning, i.Severity));
        Assert.Equal("secours-populaire", TestData.Issue(row, "reseaux_porteurs", ValidationSeverity.Warning).Value);
        Assert.Equal("demandeurs-emploi", TestData.Issue(row, "publics", ValidationSeverity.Warning).Value);
        Assert.Equal("formation", TestData.Issue(row, "type", ValidationSeverity.Warning).Value);
        Assert.Equal(3, row.Issues.Count);
    }

    [Fact]
    public void Maps_labels_networks_and_equipment_services()
    {
        var row = ReadPair()[1];

        Assert.Empty(row.Issues);
        var site = row.Site!;
        Assert.Equal(Pivot.Unknown, site.Pivot);
        Assert.Equal([FormationLabel.FabriquesDeTerritoire], site.FormationsLabels);
        Assert.Equal([Typologie.Epn], site.Typologie);
        Assert.Equal([Service.AccesInternetEtMaterielInformatique, Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire], site.Services);
        Assert.Equal([ModaliteAccompagnement.EnAutonomie], site.ModalitesAccompagnement);
        Assert.Equal(
            [PublicSpecifiquementAdresse.Jeunes, PublicSpecifiquementAdresse.Etudiants, PublicSpecifiquementAdresse.FamillesEtOuEnfants, PublicSpecifiquementAdresse.Femmes],
            site.PublicsSpecifiquementAdresses);
        Assert.Equal("Tu-Sa 10:00-18:00", site.Horaires);
        Assert.Equal((2, 29), (row.RowNumber, row.LineNumber));
    }

    [Fact]
    public void Keeps_a_structure_without_services_and_reports_a_siret_that_is_not_one()
    {
        var row = ReadPair()[2];

        Assert.NotNull(row.Site);
        Assert.Equal(Pivot.Unknown, row.Site.Pivot);
        Assert.Equal("123", TestData.Issue(row, "siret", ValidationSeverity.Warning).Value);
        TestData.Issue(row, SiteFields.Services, ValidationSeverity.Warning);
    }

    [Fact]
    public void Rejects_the_services_of_a_structure_absent_from_the_structures_file()
    {
        var rows = ReadPair();

        Assert.Equal(4, rows.Count);
        var orphan = rows[3];
        Assert.Null(orphan.Site);
        Assert.Equal(("dora--absente", 5, 5), (orphan.Id, orphan.RowNumber, orphan.LineNumber));
        Assert.Contains("absente du fichier des structures", TestData.Issue(orphan, "structure_id", ValidationSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_structures_file_alone_and_a_services_file_alone()
    {
        var structures = TestData.ReadFile(ImportFormat.DataInclusion, "data-inclusion-structures.json");
        var services = TestData.ReadFile(ImportFormat.DataInclusion, "data-inclusion-services.jsonl");

        Assert.Equal(["dora--s1", "mediation-numerique--s2", "dora--s3"], structures.Select(r => r.Id));
        Assert.Empty(structures[0].Site!.Services);

        // Services carry no address here: made into places, they lack the standard's required fields.
        Assert.Equal(["dora--s1", "mediation-numerique--s2", "dora--absente"], services.Select(r => r.Id));
        Assert.All(services, r => Assert.Null(r.Site));
        Assert.All(services, r => TestData.Issue(r, SiteFields.Adresse, ValidationSeverity.Error));
        Assert.Contains("Accompagnement aux démarches en ligne", TestData.Issue(services[0], SiteFields.Nom, ValidationSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Makes_places_of_services_that_carry_an_address()
    {
        var json = """
            {"items": [
              {"id":"s-1","structure_id":"x","source":"dora","nom":"Atelier numérique","description":"Atelier pour débuter sur ordinateur.","date_maj":"2025-01-02",
               "adresse":"4 rue Neuve","code_postal":"89000","commune":"Auxerre","type":"atelier","thematiques":["numerique--maitriser-les-fondamentaux-du-numerique"]},
              {"id":"s-2","structure_id":"x","source":"dora","nom":"Permanence","description":"Permanence d'aide aux démarches.","date_maj":"2025-02-03",
               "type":"accompagnement","thematiques":["numerique--acceder-a-des-services-en-ligne"]}
            ], "total": 2}
            """;

        var row = Assert.Single(TestData.Read(ImportFormat.DataInclusion, json));

        var site = row.Site!;
        Assert.Equal(("x", "Atelier numérique", "4 rue Neuve", "Auxerre"), (site.Id, site.Nom, site.Adresse.Voie, site.Adresse.Commune));
        Assert.Equal(new DateOnly(2025, 2, 3), site.DateMaj);
        Assert.Equal([Service.MaitriseDesOutilsNumeriquesDuQuotidien, Service.AideAuxDemarchesAdministratives], site.Services);
    }

    [Fact]
    public void Reads_the_v0_fields_of_older_exports_and_matches_an_id_without_its_source()
    {
        var structures = """
            [{"id":"mediation-numerique--bfc-12","source":"mediation-numerique","nom":"CCAS de Nevers","date_maj":"2023-05-04T10:00:00+02:00",
              "adresse":"1 place Carnot","code_postal":"58000","commune":"Nevers","typologie":"CCAS","labels_nationaux":["aidants-connect","aptic","sncf"],
              "presentation_resume":"Accueil numérique.","horaires_ouverture":"Mo 09:00-12:00","accessibilite":"https://acceslibre.beta.gouv.fr/app/58-nevers/"}]
            """;
        var services = """
            {"id":"sv","structure_id":"bfc-12","source":"mediation-numerique","nom":"Numérique","date_maj":"2023-05-04","types":["accompagnement","numerique"],
             "thematiques":["numerique","numerique--prendre-en-main-un-ordinateur","numerique--s-equiper-en-materiel-informatique"],
             "profils":["seniors-65","surdite","adultes"],"frais":["gratuit-sous-conditions"],"modes_orientation_beneficiaire":["prendre-rdv","autre"],"prise_rdv":"https://rdv.example.fr/"}
            """;

        var row = Assert.Single(ImportFormats.ReadDataInclusion(TestData.Utf8(structures), TestData.Utf8(services), TestData.Options));

        var site = row.Site!;
        Assert.Equal([Typologie.Ccas], site.Typologie);
        Assert.Equal([DispositifProgrammeNational.AidantsConnect], site.DispositifProgrammesNationaux);
        Assert.Equal(["APTIC"], site.AutresFormationsLabels);
        Assert.Equal("Mo 09:00-12:00", site.Horaires);
        Assert.Equal("https://acceslibre.beta.gouv.fr/app/58-nevers/", site.FicheAccesLibre);
        Assert.Equal([Service.MaitriseDesOutilsNumeriquesDuQuotidien, Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire], site.Services);
        Assert.Equal([PublicSpecifiquementAdresse.Seniors], site.PublicsSpecifiquementAdresses);
        Assert.Equal([PriseEnChargeSpecifique.Surdite], site.PriseEnChargeSpecifique);
        Assert.Equal([FraisACharge.GratuitSousCondition], site.FraisACharge);
        Assert.Equal([ModaliteAcces.PrendreUnRdvEnLigne], site.ModalitesAcces);
        Assert.Equal("https://rdv.example.fr/", site.PriseRdv);
        Assert.Equal(new DateOnly(2023, 5, 4), site.DateMaj);
        Assert.Equal("sncf", TestData.Issue(row, "labels_nationaux", ValidationSeverity.Warning).Value);
        Assert.Equal("autre", TestData.Issue(row, "modes_mobilisation", ValidationSeverity.Warning).Value);
        TestData.Issue(row, SiteFields.DateMaj, ValidationSeverity.Correction);
    }

    [Fact]
    public void Names_the_data_inclusion_field_of_a_value_the_standard_refuses()
    {
        var json = """
            [{"id":"a","source":"dora","nom":"Lieu","date_maj":"2025-01-01","adresse":"1 rue","code_postal":"21000","commune":"Dijon",
              "courriel":"pas-une-adresse","horaires_accueil":"quand on peut","accessibilite_lieu":"acceslibre"}]
            """;

        var row = Assert.Single(TestData.Read(ImportFormat.DataInclusion, json));

        TestData.Issue(row, "courriel", ValidationSeverity.Error);
        TestData.Issue(row, "horaires_accueil", ValidationSeverity.Error);
        TestData.Issue(row, "accessibilite_lieu", ValidationSeverity.Error);
        Assert.NotNull(row.Site);
    }

    [Fact]
    public void Reports_malformed_services_and_still_reads_the_structures()
    {
        var services = "[{\"id\":\"sv\",\"structure_id\":\"dora--s1\",\"type\":\"atelier\"}, {\"id\": oups}]";
        using var structures = TestData.Open("data-inclusion-structures.json");

        var rows = ImportFormats.ReadDataInclusion(structures, TestData.Utf8(services), TestData.Options).ToList();

        Assert.True(rows[0].IsFileIssue);
        Assert.StartsWith("Fichier des services : JSON mal formé", rows[0].Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal([ModaliteAccompagnement.DansUnAtelierCollectif], rows[1].Site!.ModalitesAccompagnement);
        Assert.Equal(3, rows.Count(r => !r.IsFileIssue));
    }

    [Fact]
    public void Tells_a_services_file_from_a_structures_file()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"id":"s","structure_id":"x"}""");

        Assert.Equal(DataInclusionFileKind.Services, DataInclusionReader.KindOf(document.RootElement));
    }
}
