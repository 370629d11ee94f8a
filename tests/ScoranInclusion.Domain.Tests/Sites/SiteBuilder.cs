using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

/// <summary>
/// Builds sites for tests: starts from one that passes every rule, so that each test
/// changes only the field it is about and any issue can only come from that change.
/// </summary>
internal sealed class SiteBuilder
{
    /// <summary>The reference date the valid site is checked against.</summary>
    public static readonly DateOnly Today = new(2026, 5, 4);

    private Site _site = new()
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
    };

    public static SiteBuilder Valid() => new();

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

    public SiteBuilder WithTelephone(string? telephone) => With(s => s with { Telephone = telephone });

    public SiteBuilder WithCourriels(params string[] courriels) => With(s => s with { Courriels = courriels });

    public SiteBuilder WithSiteWeb(params string[] urls) => With(s => s with { SiteWeb = urls });

    public SiteBuilder WithResume(string? resume) => With(s => s with { PresentationResume = resume });

    public SiteBuilder WithDateMaj(DateOnly date) => With(s => s with { DateMaj = date });

    public SiteBuilder WithServices(params Service[] services) => With(s => s with { Services = services });

    public SiteBuilder WithModalitesAcces(params ModaliteAcces[] modalites) => With(s => s with { ModalitesAcces = modalites });

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
