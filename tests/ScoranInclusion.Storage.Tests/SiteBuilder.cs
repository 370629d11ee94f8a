using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Tests;

/// <summary>Builds valid sites for tests; each With… changes one thing.</summary>
internal sealed class SiteBuilder
{
    private Site _site;

    public SiteBuilder(string id = "lieu-1")
    {
        _site = new Site
        {
            Id = id,
            Pivot = Pivot.Unknown,
            Nom = "Espace numérique " + id,
            Adresse = new Adresse { Voie = "1 rue de la Liberté", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
            Location = new GeoPoint(47.3220, 5.0410),
            DateMaj = new DateOnly(2025, 3, 1),
            Services = [Service.AideAuxDemarchesAdministratives],
        };
    }

    public SiteBuilder At(double latitude, double longitude)
    {
        _site = _site with { Location = new GeoPoint(latitude, longitude) };
        return this;
    }

    public SiteBuilder Named(string nom)
    {
        _site = _site with { Nom = nom };
        return this;
    }

    public SiteBuilder Offering(params Service[] services)
    {
        _site = _site with { Services = services };
        return this;
    }

    public SiteBuilder For(params PublicSpecifiquementAdresse[] publics)
    {
        _site = _site with { PublicsSpecifiquementAdresses = publics };
        return this;
    }

    public SiteBuilder Costing(params FraisACharge[] frais)
    {
        _site = _site with { FraisACharge = frais };
        return this;
    }

    public SiteBuilder Full()
    {
        _site = _site with
        {
            Pivot = "43493312300029",
            Adresse = _site.Adresse with { Complement = "Bâtiment B" },
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
        };
        return this;
    }

    public Site Build() => _site;
}
