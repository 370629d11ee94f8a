using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Tests.Shared;

/// <summary>
/// The one site builder of the tests: every starting point is a site that passes the rules, and each
/// With… changes one thing, so that any difference a test sees can only come from that change. The
/// starting points are the fixed data each suite was written against (their values are asserted on).
/// </summary>
public sealed class SiteBuilder
{
    /// <summary>The reference date <see cref="Validate"/> checks against.</summary>
    public static readonly DateOnly Today = new(2026, 5, 4);

    private Site _site;

    private SiteBuilder(Site site) => _site = site;

    /// <summary>« Espace numérique <paramref name="id"/> », 1 rue de la Liberté in Dijon, one service: the storage suites' place.</summary>
    public SiteBuilder(string id = "lieu-1")
        : this(new Site
        {
            Id = id,
            Pivot = Pivot.Unknown,
            Nom = "Espace numérique " + id,
            Adresse = new Adresse { Voie = "1 rue de la Liberté", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
            Location = new GeoPoint(47.3220, 5.0410),
            DateMaj = new DateOnly(2025, 3, 1),
            Services = [Service.AideAuxDemarchesAdministratives],
        })
    {
    }

    /// <summary>The Médiathèque Champollion, every optional field filled and valid: the validator's reference.</summary>
    public static SiteBuilder Valid() => new(new Site
    {
        Id = "bfc-0001",
        Pivot = "21210231500018",
        Nom = "Médiathèque Champollion",
        Adresse = new Adresse
        {
            Voie = "14 rue Nodot",
            CodePostal = "21000",
            CodeInsee = "21231",
            Commune = "Dijon",
        },
        Location = new GeoPoint(47.3283, 5.0561),
        Typologie = [Typologie.Bib, Typologie.Muni],
        Telephone = "+33380488414",
        Courriels = ["mediatheques@ville-dijon.fr"],
        SiteWeb = ["https://bm.dijon.fr/"],
        Horaires = "Tu-Sa 10:00-18:00",
        PresentationResume = "Ateliers numériques et accès libre à des ordinateurs.",
        Source = "SCORAN BFC",
        Itinerance = [Itinerance.Fixe],
        DateMaj = new DateOnly(2026, 4, 1),
        Services = [Service.MaitriseDesOutilsNumeriquesDuQuotidien, Service.AccesInternetEtMaterielInformatique],
        FraisACharge = [FraisACharge.Gratuit],
        ModalitesAcces = [ModaliteAcces.SePresenter, ModaliteAcces.Telephoner],
        ModalitesAccompagnement = [ModaliteAccompagnement.EnAutonomie, ModaliteAccompagnement.DansUnAtelierCollectif],
        FicheAccesLibre = "https://acceslibre.beta.gouv.fr/app/21-dijon/a/bibliotheque-mediatheque/erp/mediatheque-champollion/",
        PriseRdv = "https://www.rdv-solidarites.fr/",
    });

    /// <summary>One valid Dijon place, 12 rue de la Liberté: the import and merge suites' place.</summary>
    public static SiteBuilder Liberte(string id, string nom = "Espace numérique de la Liberté") => new(new Site
    {
        Id = id,
        Pivot = Pivot.Unknown,
        Nom = nom,
        Adresse = new Adresse { Voie = "12 rue de la Liberté", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
        Location = new GeoPoint(47.32230, 5.03750),
        DateMaj = new DateOnly(2025, 3, 1),
        Services = [Service.AideAuxDemarchesAdministratives],
    });

    /// <summary>A different place in Dijon: the <paramref name="n"/>-th point of a grid, its own name and street.</summary>
    public static SiteBuilder Numbered(int n) => Liberte($"gen-{n}", $"Lieu {n}")
        .WithAdresse(_ => new Adresse { Voie = $"{n} avenue numéro {n}", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" })
        .At(47.30 + n % 200 * 0.0002, 5.00 + n / 200 * 0.0004);

    /// <summary>Only the required fields (no point, no INSEE code): the smallest valid row of the LMN format.</summary>
    public static SiteBuilder Minimal(string id = "lieu-1") => new(new Site
    {
        Id = id,
        Pivot = Pivot.Unknown,
        Nom = "Médiathèque",
        Adresse = new Adresse { Voie = "1 place de la Mairie", CodePostal = "21000", Commune = "Dijon" },
        DateMaj = new DateOnly(2024, 4, 2),
        Services = [Service.AccesInternetEtMaterielInformatique],
    });

    /// <summary>Every field of the LMN format filled, with text that needs quoting (commas, quotes, a line break).</summary>
    public static SiteBuilder EveryField() => new(new Site
    {
        Id = "structure-1",
        Pivot = "43493312300029",
        Nom = "Anonymal, « le lieu »",
        Adresse = new Adresse
        {
            Voie = "12 BIS RUE DE LECLERCQ",
            Complement = "Le patio du \"bois\" de l'Aulne",
            CodePostal = "51100",
            CodeInsee = "51454",
            Commune = "Reims",
        },
        Location = new GeoPoint(43.52609, 5.41423),
        Typologie = [Typologie.TiersLieux, Typologie.Asso],
        Telephone = "+33180059880",
        Courriels = ["contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"],
        SiteWeb = ["https://www.laquincaillerie.tl/", "https://m.facebook.com/laquincaillerienumerique/"],
        Horaires = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
        PresentationResume = "Des formations aux outils numériques, pour tous.",
        PresentationDetail = "Première ligne,\nseconde ligne avec des \"guillemets\".",
        Source = "Hubik",
        Itinerance = [Itinerance.Itinerant, Itinerance.Fixe],
        StructureParente = "Ville de Reims",
        DateMaj = new DateOnly(2024, 4, 2),
        Services = [Service.MaitriseDesOutilsNumeriquesDuQuotidien, Service.LoisirsEtCreationsNumeriques],
        PublicsSpecifiquementAdresses = [PublicSpecifiquementAdresse.Jeunes, PublicSpecifiquementAdresse.Femmes],
        PriseEnChargeSpecifique = [PriseEnChargeSpecifique.Surdite, PriseEnChargeSpecifique.LanguesEtrangeresAnglais],
        FraisACharge = [FraisACharge.GratuitSousCondition, FraisACharge.Payant],
        DispositifProgrammesNationaux = [DispositifProgrammeNational.AidantsConnect, DispositifProgrammeNational.PointDAccesNumeriqueCaf],
        FormationsLabels = [FormationLabel.FormeAMonEspaceSante, FormationLabel.ArniaMedNumBfc],
        AutresFormationsLabels = ["Label et la bête", "Réseau, local"],
        ModalitesAcces = [ModaliteAcces.SePresenter, ModaliteAcces.CeLieuNAccueillePasDePublic],
        ModalitesAccompagnement = [ModaliteAccompagnement.DansUnAtelierCollectif, ModaliteAccompagnement.ADistance],
        FicheAccesLibre = "https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/",
        PriseRdv = "https://www.rdv-solidarites.fr/",
    });

    /// <summary>Any other change, as a <c>with</c> expression on the record.</summary>
    public SiteBuilder With(Func<Site, Site> change)
    {
        _site = change(_site);
        return this;
    }

    public SiteBuilder WithAdresse(Func<Adresse, Adresse> change) => With(s => s with { Adresse = change(s.Adresse) });

    public SiteBuilder WithPivot(string pivot) => With(s => s with { Pivot = pivot });

    public SiteBuilder WithCodePostal(string codePostal) => WithAdresse(a => a with { CodePostal = codePostal });

    public SiteBuilder WithCodeInsee(string? codeInsee) => WithAdresse(a => a with { CodeInsee = codeInsee });

    public SiteBuilder WithLocation(double latitude, double longitude) => With(s => s with { Location = new GeoPoint(latitude, longitude) });

    public SiteBuilder At(double latitude, double longitude) => WithLocation(latitude, longitude);

    public SiteBuilder Named(string nom) => With(s => s with { Nom = nom });

    public SiteBuilder WithTelephone(string? telephone) => With(s => s with { Telephone = telephone });

    public SiteBuilder WithCourriels(params string[] courriels) => With(s => s with { Courriels = courriels });

    public SiteBuilder WithSiteWeb(params string[] urls) => With(s => s with { SiteWeb = urls });

    public SiteBuilder WithResume(string? resume) => With(s => s with { PresentationResume = resume });

    public SiteBuilder WithDateMaj(DateOnly date) => With(s => s with { DateMaj = date });

    public SiteBuilder WithServices(params Service[] services) => With(s => s with { Services = services });

    public SiteBuilder Offering(params Service[] services) => WithServices(services);

    public SiteBuilder For(params PublicSpecifiquementAdresse[] publics) => With(s => s with { PublicsSpecifiquementAdresses = publics });

    public SiteBuilder Costing(params FraisACharge[] frais) => With(s => s with { FraisACharge = frais });

    public SiteBuilder WithModalitesAcces(params ModaliteAcces[] modalites) => With(s => s with { ModalitesAcces = modalites });

    /// <summary>Every optional field filled (a SIRET, a complement, lists of two): what a complete place stores.</summary>
    public SiteBuilder Full() => With(s => s with
    {
        Pivot = "43493312300029",
        Adresse = s.Adresse with { Complement = "Bâtiment B" },
        Typologie = [Typologie.TiersLieux, Typologie.Asso],
        Telephone = "+33180059880",
        Courriels = ["contact@example.org", "accueil@example.org"],
        SiteWeb = ["https://example.org/"],
        Horaires = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
        PresentationResume = "Aide aux démarches en ligne.",
        PresentationDetail = "Ateliers collectifs le mardi.",
        Source = "MedNum BFC",
        Itinerance = [Itinerance.Fixe],
        StructureParente = "Ville de Dijon",
        Services = [Service.AideAuxDemarchesAdministratives, Service.AccesInternetEtMaterielInformatique],
        PublicsSpecifiquementAdresses = [PublicSpecifiquementAdresse.Seniors],
        PriseEnChargeSpecifique = [PriseEnChargeSpecifique.Surdite],
        FraisACharge = [FraisACharge.Gratuit],
        DispositifProgrammesNationaux = [DispositifProgrammeNational.FranceServices],
        FormationsLabels = [FormationLabel.ArniaMedNumBfc],
        AutresFormationsLabels = ["APTIC"],
        ModalitesAcces = [ModaliteAcces.SePresenter, ModaliteAcces.Telephoner],
        ModalitesAccompagnement = [ModaliteAccompagnement.AccompagnementIndividuel],
        FicheAccesLibre = "https://acceslibre.beta.gouv.fr/app/x/",
        PriseRdv = "https://www.rdv-solidarites.fr/",
    });

    /// <summary>Blanks a required field, given by its standard name.</summary>
    public SiteBuilder WithBlank(string field) => field switch
    {
        SiteFields.Id => With(s => s with { Id = " " }),
        SiteFields.Pivot => WithPivot(""),
        SiteFields.Nom => With(s => s with { Nom = "" }),
        SiteFields.Commune => WithAdresse(a => a with { Commune = "" }),
        SiteFields.CodePostal => WithCodePostal(""),
        SiteFields.Adresse => WithAdresse(a => a with { Voie = "  " }),
        SiteFields.DateMaj => WithDateMaj(default),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a required field"),
    };

    public Site Build() => _site;

    public IReadOnlyList<ValidationIssue> Validate() => SiteValidator.Validate(_site, Today);
}
