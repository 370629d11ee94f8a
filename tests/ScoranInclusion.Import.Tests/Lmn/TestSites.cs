using System.Collections;
using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Lmn;

/// <summary>Test data: a minimal valid site, a site using every field, and CSV helpers.</summary>
internal static class TestSites
{
    public static Site Minimal(string id = "lieu-1") => new()
    {
        Id = id,
        Pivot = Pivot.Unknown,
        Nom = "Médiathèque",
        Adresse = new Adresse { Voie = "1 place de la Mairie", CodePostal = "21000", Commune = "Dijon" },
        DateMaj = new DateOnly(2024, 4, 2),
        Services = [Service.AccesInternetEtMaterielInformatique],
    };

    /// <summary>Every field filled, with text that needs quoting (commas, quotes, a line break).</summary>
    public static Site Full() => new()
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
    };

    public static string Write(params Site[] sites)
    {
        var writer = new StringWriter();
        LmnCsvWriter.WriteAll(writer, sites);
        return writer.ToString();
    }

    public static List<ImportRow> Read(string csv) =>
        LmnCsvReader.Read(new StringReader(csv), today: new DateOnly(2026, 1, 1)).ToList();

    public static List<ImportRow> ReadBytes(byte[] bytes) =>
        LmnCsvReader.Read(new MemoryStream(bytes), today: new DateOnly(2026, 1, 1)).ToList();

    public static byte[] Utf8(string text, bool bom) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Sites are records with list properties, compared by reference: compare each property's content.</summary>
    public static void AssertSame(Site expected, Site actual)
    {
        foreach (var property in typeof(Site).GetProperties())
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (e is IEnumerable expectedList && e is not string)
            {
                Assert.True(expectedList.Cast<object>().SequenceEqual(((IEnumerable)a!).Cast<object>()), $"{property.Name} differs");
            }
            else
            {
                Assert.True(Equals(e, a), $"{property.Name}: expected {e}, got {a}");
            }
        }
    }
}
