using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class VocabulariesTests
{
    [Fact]
    public void Services_round_trip() => AssertRoundTrip(Vocabularies.Services, "services", 9);

    [Fact]
    public void Publics_round_trip() => AssertRoundTrip(Vocabularies.Publics, "publics_specifiquement_adresses", 5);

    [Fact]
    public void Prises_en_charge_round_trip() => AssertRoundTrip(Vocabularies.PrisesEnCharge, "prise_en_charge_specifique", 7);

    [Fact]
    public void Frais_round_trip() => AssertRoundTrip(Vocabularies.Frais, "frais_a_charge", 3);

    [Fact]
    public void Modalites_acces_round_trip() => AssertRoundTrip(Vocabularies.ModalitesAcces, "modalites_acces", 6);

    [Fact]
    public void Modalites_accompagnement_round_trip() => AssertRoundTrip(Vocabularies.ModalitesAccompagnement, "modalites_accompagnement", 4);

    [Fact]
    public void Dispositifs_round_trip() => AssertRoundTrip(Vocabularies.Dispositifs, "dispositif_programmes_nationaux", 11);

    [Fact]
    public void Formations_labels_round_trip() => AssertRoundTrip(Vocabularies.FormationsLabels, "formations_labels", 10);

    [Fact]
    public void Itinerances_round_trip() => AssertRoundTrip(Vocabularies.Itinerances, "itinerance", 2);

    [Fact]
    public void Typologies_round_trip() => AssertRoundTrip(Vocabularies.Typologies, "typologie", 92);

    [Theory]
    [InlineData("aide aux demarches administratives", Service.AideAuxDemarchesAdministratives)]
    [InlineData("AIDE AUX DÉMARCHES ADMINISTRATIVES", Service.AideAuxDemarchesAdministratives)]
    [InlineData("  Accès internet et matériel informatique ", Service.AccesInternetEtMaterielInformatique)]
    [InlineData("AcquisitionDeMaterielInformatiqueAPrixSolidaire", Service.AcquisitionDeMaterielInformatiqueAPrixSolidaire)]
    public void Services_parse_leniently(string text, Service expected)
    {
        Assert.True(Vocabularies.Services.TryParseLenient(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Lenient_forms_are_not_exact()
    {
        Assert.False(Vocabularies.Services.TryParseExact("aide aux demarches administratives", out _));
        Assert.True(Vocabularies.Services.TryParseExact("Aide aux démarches administratives", out _));
    }

    [Theory]
    [InlineData("Étapes numériques(La Poste)")]
    [InlineData("Étapes numériques (La Poste)")]
    [InlineData("etapes numeriques (la poste)")]
    public void Etapes_numeriques_is_read_with_or_without_the_space_of_the_schema_pattern(string text)
    {
        Assert.True(Vocabularies.FormationsLabels.TryParseLenient(text, out var value));
        Assert.Equal(FormationLabel.EtapesNumeriquesLaPoste, value);
    }

    [Fact]
    public void Typographic_apostrophes_and_quotes_are_read_leniently()
    {
        Assert.True(Vocabularies.ModalitesAcces.TryParseLenient("Ce lieu n’accueille pas de public", out var acces));
        Assert.Equal(ModaliteAcces.CeLieuNAccueillePasDePublic, acces);
        Assert.True(Vocabularies.FormationsLabels.TryParseLenient("Formé à \"Mon Espace Santé\"", out var label));
        Assert.Equal(FormationLabel.FormeAMonEspaceSante, label);
    }

    [Fact]
    public void Unknown_labels_are_refused()
    {
        Assert.False(Vocabularies.Services.TryParseLenient("Cours de cuisine", out _));
        Assert.False(Vocabularies.Frais.TryParseLenient("", out _));
    }

    [Fact]
    public void Labels_are_the_standards_exact_strings()
    {
        Assert.Equal("Ce lieu n'accueille pas de public", Vocabularies.ModalitesAcces.Label(ModaliteAcces.CeLieuNAccueillePasDePublic));
        Assert.Equal("Arnia/MedNum BFC (Bourgogne-Franche-Comté)", Vocabularies.FormationsLabels.Label(FormationLabel.ArniaMedNumBfc));
        Assert.Equal("Relais numérique (Emmaüs Connect)", Vocabularies.Dispositifs.Label(DispositifProgrammeNational.RelaisNumeriqueEmmausConnect));
        Assert.Equal("À distance", Vocabularies.ModalitesAccompagnement.Label(ModaliteAccompagnement.ADistance));
    }

    private static void AssertRoundTrip<T>(Vocabulary<T> vocabulary, string field, int count) where T : struct, Enum
    {
        Assert.Equal(field, vocabulary.Name);
        Assert.Equal(count, Enum.GetValues<T>().Length);
        Assert.Equal(count, vocabulary.Values.Count);
        Assert.Equal(count, vocabulary.Labels.Distinct(StringComparer.Ordinal).Count());
        foreach (var value in Enum.GetValues<T>())
        {
            var label = vocabulary.Label(value);
            Assert.True(vocabulary.TryParseExact(label, out var exact), $"{label} does not parse exactly");
            Assert.Equal(value, exact);
            Assert.True(vocabulary.TryParseLenient(label.ToUpperInvariant(), out var lenient), $"{label} does not parse leniently");
            Assert.Equal(value, lenient);
            Assert.True(vocabulary.TryParseLenient(value.ToString(), out var byName));
            Assert.Equal(value, byName);
        }
    }
}
