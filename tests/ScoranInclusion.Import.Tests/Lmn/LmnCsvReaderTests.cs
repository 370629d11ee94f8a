using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Lmn;

public class LmnCsvReaderTests
{
    // LaMednum/standard-mediation-num exemple-valide.csv at e347ff4 (v1.0.2), verbatim.
    private const string ExempleValide = """
        "id","pivot","nom","commune","code_postal","code_insee","adresse","complement_adresse","latitude","longitude","typologie","telephone","courriels","site_web","horaires","presentation_resume","presentation_detail","source","itinerance","structure_parente","date_maj","services","publics_specifiquement_adresses","prise_en_charge_specifique","frais_a_charge","dispositif_programmes_nationaux",formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,"fiche_acces_libre","prise_rdv"
        "structure-1","43493312300029","Anonymal","Reims","51100","51454","12 BIS RUE DE LECLERCQ","Le patio du bois de l'Aulne","43.52609","5.41423","TIERS_LIEUX|ASSO","+33180059880","contact@laquincaillerie.tl|responsable@laquincaillerie.tl","https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/","Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00","Notre association propose des formations aux outils numériques à destination des personnes âgées.","Notre parcours d'initiation permet l'acquisition de compétences numériques de base. Nous proposons également un accompagnement à destination des personnes déjà initiées qui souhaiteraient approfondir leurs connaissances. Du matériel informatique est en libre accès pour nos adhérents tous les après-midis. En plus de d'accueillir les personnes dans notre lieu en semaine (sur rendez-vous), nous assurons une permanence le samedi matin dans la médiathèque XX.","Hubik","Itinérant","SIRET de la ville pour une bibliothèque.","2024-04-02","Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Loisirs et créations numériques","Jeunes|Femmes","Surdité|Illettrisme|Langues étrangères (anglais)","Gratuit sous condition|Payant","Aidants Connect|Conseillers numériques|La Croix Rouge","Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)","Label et la bête","Se présenter|Téléphoner","Dans un atelier collectif|À distance|En autonomie|Accompagnement individuel","https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/","https://www.rdv-solidarites.fr/"

        """;

    private const string Header = "id,pivot,nom,commune,code_postal,adresse,date_maj,services,itinerance,telephone,courriels,autres_formations_labels,presentation_detail";

    [Fact]
    public void Reads_the_standards_example_row_without_error()
    {
        var row = Assert.Single(TestSites.Read(ExempleValide));

        Assert.DoesNotContain(row.Issues, i => i.Severity == ValidationSeverity.Error);
        Assert.DoesNotContain(row.Issues, i => i.Severity == ValidationSeverity.Correction);
        var site = Assert.IsType<Site>(row.Site);
        Assert.Equal("structure-1", site.Id);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal([Typologie.TiersLieux, Typologie.Asso], site.Typologie);
        Assert.Equal(4, site.ModalitesAccompagnement.Count);
        Assert.Equal([FormationLabel.FormeAMonEspaceSante, FormationLabel.ArniaMedNumBfc], site.FormationsLabels);
        Assert.Equal(43.52609, site.Location!.Value.Latitude);
        Assert.Equal(new DateOnly(2024, 4, 2), site.DateMaj);
    }

    [Fact]
    public void Round_trips_every_field()
    {
        var sites = new[] { SiteBuilder.EveryField().Build(), SiteBuilder.Minimal().Build() };

        var rows = TestSites.Read(TestSites.Write(sites));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(r.Issues, i => i.Severity is ValidationSeverity.Error or ValidationSeverity.Correction));
        TestSites.AssertSame(sites[0], rows[0].Site!);
        TestSites.AssertSame(sites[1], rows[1].Site!);
        Assert.Equal(TestSites.Write(sites), TestSites.Write([.. rows.Select(r => r.Site!)]));
    }

    [Fact]
    public void Reads_with_or_without_bom_and_with_crlf_line_ends()
    {
        var writer = new StringWriter();
        LmnCsvWriter.WriteAll(writer, [SiteBuilder.EveryField().Build(), SiteBuilder.Minimal().Build()], newLine: "\r\n");
        var csv = writer.ToString();
        Assert.Contains("\r\n", csv, StringComparison.Ordinal);

        foreach (var bom in new[] { true, false })
        {
            var rows = TestSites.ReadBytes(TestSites.Utf8(csv, bom));
            Assert.Equal(2, rows.Count);
            TestSites.AssertSame(SiteBuilder.EveryField().Build(), rows[0].Site!);
        }
    }

    [Fact]
    public void Finds_columns_by_name_in_any_order()
    {
        var csv = "date_maj,adresse,code_postal,commune,nom,pivot,id,services\n2024-04-02,1 place de la Mairie,21000,Dijon,Médiathèque,00000000000000,lieu-1,Accès internet et matériel informatique\n";

        var row = Assert.Single(TestSites.Read(csv));

        TestSites.AssertSame(SiteBuilder.Minimal().Build(), row.Site!);
    }

    [Fact]
    public void Keeps_a_quoted_line_break_and_numbers_rows_and_lines()
    {
        var csv = Header + "\n"
            + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,,,,,,\"deux\nlignes\"\n"
            + "b,00000000000000,B,Dijon,21000,2 rue,2024-04-02,,,,,,\n";

        var rows = TestSites.Read(csv);

        Assert.Equal("deux\nlignes", rows[0].Site!.PresentationDetail);
        Assert.Equal((2, 2), (rows[0].RowNumber, rows[0].LineNumber));
        Assert.Equal((3, 4), (rows[1].RowNumber, rows[1].LineNumber));
    }

    [Fact]
    public void Accepts_the_legacy_semicolon_separator_when_there_is_no_pipe()
    {
        var csv = Header + "\n"
            + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,Aide aux démarches administratives;Accès internet et matériel informatique,,,a@x.fr;b@x.fr,\"Un; deux\",\n"
            + "b,00000000000000,B,Dijon,21000,2 rue,2024-04-02,,,,,\"A|B;C\",\n";

        var rows = TestSites.Read(csv);

        Assert.Equal([Service.AideAuxDemarchesAdministratives, Service.AccesInternetEtMaterielInformatique], rows[0].Site!.Services);
        Assert.Equal(["a@x.fr", "b@x.fr"], rows[0].Site!.Courriels);
        Assert.Equal(["Un", "deux"], rows[0].Site!.AutresFormationsLabels);
        Assert.Contains(rows[0].Issues, i => i.Field == SiteFields.Services && i.Severity == ValidationSeverity.Correction);
        Assert.Equal(["A", "B;C"], rows[1].Site!.AutresFormationsLabels);
    }

    [Fact]
    public void Reads_enumerations_exactly_then_leniently_with_a_correction()
    {
        var csv = Header + "\n" + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,acces internet et materiel informatique,ITINERANT,,,,\n";

        var row = Assert.Single(TestSites.Read(csv));

        Assert.Equal([Service.AccesInternetEtMaterielInformatique], row.Site!.Services);
        Assert.Equal([Itinerance.Itinerant], row.Site!.Itinerance);
        var correction = Assert.Single(row.Issues, i => i.Field == SiteFields.Services);
        Assert.Equal(ValidationSeverity.Correction, correction.Severity);
        Assert.Equal("acces internet et materiel informatique", correction.Value);
    }

    [Fact]
    public void Reports_an_unknown_enumeration_value_on_its_row_and_field_and_keeps_the_row()
    {
        var csv = Header + "\n"
            + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,Accès internet et matériel informatique,,,,,\n"
            + "b,00000000000000,B,Dijon,21000,2 rue,2024-04-02,Accès internet et matériel informatique|Réparation de vélos,,,,,\n";

        var rows = TestSites.Read(csv);

        var row = rows[1];
        Assert.Equal(3, row.RowNumber);
        Assert.Equal("b", row.Id);
        var error = Assert.Single(row.Issues, i => i.Severity == ValidationSeverity.Error);
        Assert.Equal(SiteFields.Services, error.Field);
        Assert.Equal("Réparation de vélos", error.Value);
        Assert.Contains("Réparation de vélos", error.Message, StringComparison.Ordinal);
        Assert.Equal([Service.AccesInternetEtMaterielInformatique], row.Site!.Services);
    }

    [Fact]
    public void Rejects_a_row_missing_a_required_field_and_goes_on()
    {
        var csv = Header + "\n"
            + "a,00000000000000,A,Dijon,21000,,2024-04-02,,,,,,\n"
            + "b,00000000000000,B,Dijon,21000,2 rue,02/04/2024,,,,,,\n"
            + "c,00000000000000,C,Dijon,21000,3 rue,le 2 avril,,,,,,\n";

        var rows = TestSites.Read(csv);

        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].Site);
        Assert.True(rows[0].IsRejected);
        Assert.Equal("a", rows[0].Id);
        Assert.Contains(rows[0].Issues, i => i.Field == SiteFields.Adresse && i.Severity == ValidationSeverity.Error);

        Assert.Equal(new DateOnly(2024, 4, 2), rows[1].Site!.DateMaj);
        Assert.Contains(rows[1].Issues, i => i.Field == SiteFields.DateMaj && i.Severity == ValidationSeverity.Correction);

        Assert.Null(rows[2].Site);
        Assert.Single(rows[2].Issues, i => i.Field == SiteFields.DateMaj && i.Severity == ValidationSeverity.Error);
    }

    [Fact]
    public void Reports_a_missing_required_column_once_for_the_file_instead_of_rejecting_every_row()
    {
        var csv = "id,pivot,nom,commune,code_postal,date_maj\na,00000000000000,A,Dijon,21000,2024-04-02\nb,00000000000000,B,Dijon,21000,2024-04-02\n";

        var row = Assert.Single(TestSites.Read(csv));

        Assert.True(row.IsFileIssue);
        Assert.Null(row.Site);
        var issue = Assert.Single(row.Issues);
        Assert.Equal((ImportRow.FileField, ValidationSeverity.Error), (issue.Field, issue.Severity));
        Assert.Contains("adresse", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalizes_a_phone_number_and_drops_one_that_cannot_be()
    {
        var csv = Header + "\n"
            + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,,,03 80 48 84 14,,,\n"
            + "b,00000000000000,B,Dijon,21000,2 rue,2024-04-02,,,36 46,,,\n";

        var rows = TestSites.Read(csv);

        Assert.Equal("+33380488414", rows[0].Site!.Telephone);
        Assert.Contains(rows[0].Issues, i => i.Field == SiteFields.Telephone && i.Severity == ValidationSeverity.Correction);
        Assert.Null(rows[1].Site!.Telephone);
        Assert.Contains(rows[1].Issues, i => i.Field == SiteFields.Telephone && i.Severity == ValidationSeverity.Error && i.Value == "36 46");
    }

    [Fact]
    public void Drops_an_invalid_optional_value_found_by_the_validator()
    {
        var csv = Header + "\n" + "a,00000000000000,A,Dijon,21000,1 rue,2024-04-02,,,,ok@x.fr|pas-un-courriel,,\n";

        var row = Assert.Single(TestSites.Read(csv));

        Assert.Equal(["ok@x.fr"], row.Site!.Courriels);
        Assert.Contains(row.Issues, i => i.Field == SiteFields.Courriels && i.Severity == ValidationSeverity.Error && i.Value == "pas-un-courriel");
    }

    [Fact]
    public void Reads_v0_column_names_that_v1_only_renamed()
    {
        var csv = "id,pivot,nom,commune,code_postal,adresse,date_maj,courriel,labels_autres\na,00000000000000,A,Dijon,21000,1 rue,2024-04-02,a@x.fr,Label\n";

        var site = Assert.Single(TestSites.Read(csv)).Site!;

        Assert.Equal(["a@x.fr"], site.Courriels);
        Assert.Equal(["Label"], site.AutresFormationsLabels);
    }
}
