using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class SiteValidatorTests
{
    [Fact]
    public void A_valid_site_has_no_issue() => Assert.Empty(SiteBuilder.Valid().Validate());

    [Theory]
    [InlineData(SiteFields.Id)]
    [InlineData(SiteFields.Pivot)]
    [InlineData(SiteFields.Nom)]
    [InlineData(SiteFields.Commune)]
    [InlineData(SiteFields.CodePostal)]
    [InlineData(SiteFields.Adresse)]
    [InlineData(SiteFields.DateMaj)]
    public void Required_fields_must_not_be_blank(string field)
    {
        var issue = Assert.Single(SiteBuilder.Valid().WithBlank(field).Validate());
        Assert.Equal(field, issue.Field);
        Assert.Equal(ValidationSeverity.Error, issue.Severity);
        Assert.Contains("obligatoire", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_postal_must_have_five_digits()
    {
        var issue = Assert.Single(SiteBuilder.Valid().WithCodePostal("2100").Validate());
        Assert.Equal(new ValidationIssue(SiteFields.CodePostal, "2100", "Le code postal doit comporter 5 chiffres (reçu « 2100 »).", ValidationSeverity.Error), issue);
    }

    [Theory]
    [InlineData("20004")]
    [InlineData("2C004")]
    [InlineData("2123")]
    [InlineData("2a004")]
    public void Code_insee_must_match_the_schema_pattern(string codeInsee)
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithCodeInsee(codeInsee), SiteFields.CodeInsee);
        Assert.Equal(codeInsee, issue.Value);
    }

    [Theory]
    [InlineData("2A004", "20000")]
    [InlineData("2B033", "20200")]
    public void Corsican_insee_codes_are_accepted(string codeInsee, string codePostal) =>
        Assert.Empty(SiteBuilder.Valid().WithCodePostal(codePostal).WithCodeInsee(codeInsee).Validate());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Code_insee_is_optional(string? codeInsee) =>
        Assert.Empty(SiteBuilder.Valid().WithCodeInsee(codeInsee).Validate());

    [Fact]
    public void Code_insee_outside_the_postcodes_departement_is_only_a_warning()
    {
        var issue = Assert.Single(SiteBuilder.Valid().WithCodeInsee("75056").Validate());
        Assert.Equal(SiteFields.CodeInsee, issue.Field);
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Contains("21000", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_consistency_warning_when_the_code_postal_is_already_wrong()
    {
        var issues = SiteBuilder.Valid().WithCodePostal("2100").WithCodeInsee("75056").Validate();
        Assert.Equal(SiteFields.CodePostal, Assert.Single(issues).Field);
    }

    [Fact]
    public void Unknown_pivot_placeholder_is_valid()
    {
        Assert.Empty(SiteBuilder.Valid().WithPivot(Pivot.Unknown).Validate());
        Assert.True(Pivot.IsUnknown(SiteBuilder.Valid().WithPivot(Pivot.Unknown).Build().Pivot));
    }

    [Theory]
    [InlineData("W212001234")]
    [InlineData("552100554")]
    public void Rna_and_siren_pivots_are_valid(string pivot) => Assert.Empty(SiteBuilder.Valid().WithPivot(pivot).Validate());

    [Theory]
    [InlineData("434 933 123 00029")]
    [InlineData("12345678")]
    [InlineData("434933123000290")]
    public void Pivot_must_match_the_schema_pattern(string pivot)
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithPivot(pivot), SiteFields.Pivot);
        Assert.Contains("SIRET", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Siret_with_a_wrong_control_key_is_kept_with_a_warning()
    {
        var issue = Assert.Single(SiteBuilder.Valid().WithPivot("43493312300028").Validate());
        Assert.Equal(SiteFields.Pivot, issue.Field);
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
    }

    [Fact]
    public void Presentation_resume_is_limited_to_280_characters()
    {
        Assert.Empty(SiteBuilder.Valid().WithResume(new string('a', 280)).Validate());

        var issue = AssertSingleError(SiteBuilder.Valid().WithResume(new string('a', 281)), SiteFields.PresentationResume);
        Assert.Contains("280", issue.Message, StringComparison.Ordinal);
        Assert.Contains("281", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("www.dijon.fr")]
    [InlineData("ftp://dijon.fr")]
    [InlineData("https://")]
    public void Site_web_must_be_http_urls(string url)
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithSiteWeb("https://www.dijon.fr/", url), SiteFields.SiteWeb);
        Assert.Equal(url, issue.Value);
        Assert.Contains("https://", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fiche_acces_libre_must_be_an_http_url() =>
        AssertSingleError(SiteBuilder.Valid().With(s => s with { FicheAccesLibre = "acceslibre.beta.gouv.fr/app/x" }), SiteFields.FicheAccesLibre);

    [Fact]
    public void Prise_rdv_must_be_an_http_url() =>
        AssertSingleError(SiteBuilder.Valid().With(s => s with { PriseRdv = "rdv-solidarites" }), SiteFields.PriseRdv);

    [Theory]
    [InlineData("contact.ville-dijon.fr")]
    [InlineData("contact@ville-dijon")]
    [InlineData("contact @ville-dijon.fr")]
    public void Courriels_must_be_email_addresses(string courriel)
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithCourriels("mediatheques@ville-dijon.fr", courriel), SiteFields.Courriels);
        Assert.Equal(courriel, issue.Value);
        Assert.Contains(courriel, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("03 80 48 84 14")]
    [InlineData("0380488414")]
    [InlineData("+33380488414 / +33380488415")]
    [InlineData("+4412345678")]
    public void Telephone_must_be_one_international_number(string telephone)
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithTelephone(telephone), SiteFields.Telephone);
        Assert.Contains("+33", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 5, SiteFields.Latitude)]
    [InlineData(-90.5, 5, SiteFields.Latitude)]
    [InlineData(47, 200, SiteFields.Longitude)]
    [InlineData(47, -180.1, SiteFields.Longitude)]
    [InlineData(double.NaN, 5, SiteFields.Latitude)]
    [InlineData(47, double.PositiveInfinity, SiteFields.Longitude)]
    public void Coordinates_must_be_finite_and_in_range(double latitude, double longitude, string field) =>
        AssertSingleError(SiteBuilder.Valid().WithLocation(latitude, longitude), field);

    [Fact]
    public void Latitude_200_is_reported_with_its_value()
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithLocation(200, 5), SiteFields.Latitude);
        Assert.Equal("200", issue.Value);
        Assert.Contains("-90 et 90", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinates_zero_zero_are_refused() =>
        AssertSingleError(SiteBuilder.Valid().WithLocation(0, 0), SiteFields.Latitude);

    [Theory]
    [InlineData(90, 180)]
    [InlineData(-21.1151, 55.5364)]
    [InlineData(0, 5)]
    public void Extreme_and_overseas_coordinates_are_accepted(double latitude, double longitude) =>
        Assert.Empty(SiteBuilder.Valid().WithLocation(latitude, longitude).Validate());

    [Fact]
    public void Location_is_optional() => Assert.Empty(SiteBuilder.Valid().With(s => s with { Location = null }).Validate());

    [Fact]
    public void Date_maj_may_not_be_in_the_future()
    {
        var issue = AssertSingleError(SiteBuilder.Valid().WithDateMaj(SiteBuilder.Today.AddDays(2)), SiteFields.DateMaj);
        Assert.Equal("2026-05-06", issue.Value);
        Assert.Contains("futur", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_maj_tolerates_one_day_ahead_for_time_zones() =>
        Assert.Empty(SiteBuilder.Valid().WithDateMaj(SiteBuilder.Today.AddDays(1)).Validate());

    [Fact]
    public void Validate_without_a_date_uses_today()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Empty(SiteValidator.Validate(SiteBuilder.Valid().WithDateMaj(today).Build()));
        Assert.Single(SiteValidator.Validate(SiteBuilder.Valid().WithDateMaj(today.AddYears(1)).Build()));
    }

    [Fact]
    public void Duplicates_in_enumerations_are_warnings_naming_the_label()
    {
        var issue = Assert.Single(SiteBuilder.Valid()
            .WithServices(Service.AideAuxDemarchesAdministratives, Service.AideAuxDemarchesAdministratives, Service.AideAuxDemarchesAdministratives)
            .Validate());
        Assert.Equal(new ValidationIssue(SiteFields.Services, "Aide aux démarches administratives", issue.Message, ValidationSeverity.Warning), issue);
    }

    [Fact]
    public void Duplicate_typologies_are_reported() =>
        Assert.Equal(SiteFields.Typologie, Assert.Single(SiteBuilder.Valid().With(s => s with { Typologie = [Typologie.Bib, Typologie.Bib] }).Validate()).Field);

    [Fact]
    public void Duplicate_courriels_ignore_case()
    {
        var issue = Assert.Single(SiteBuilder.Valid().WithCourriels("contact@ville-dijon.fr", "Contact@Ville-Dijon.fr").Validate());
        Assert.Equal((SiteFields.Courriels, ValidationSeverity.Warning), (issue.Field, issue.Severity));
    }

    [Fact]
    public void Values_outside_the_enumeration_are_errors() =>
        AssertSingleError(SiteBuilder.Valid().With(s => s with { FraisACharge = [(FraisACharge)42] }), SiteFields.FraisACharge);

    [Fact]
    public void Free_text_lists_may_not_contain_the_separator() =>
        AssertSingleError(SiteBuilder.Valid().With(s => s with { AutresFormationsLabels = ["Label A|Label B"] }), SiteFields.AutresFormationsLabels);

    [Fact]
    public void Blank_entries_in_lists_are_errors() =>
        AssertSingleError(SiteBuilder.Valid().WithCourriels("mediatheques@ville-dijon.fr", " "), SiteFields.Courriels);

    [Fact]
    public void A_site_without_services_is_warned_that_it_reads_as_closed_to_the_public()
    {
        var site = SiteBuilder.Valid().WithServices().Build();

        var issue = Assert.Single(SiteValidator.Validate(site, SiteBuilder.Today));

        Assert.Equal((SiteFields.Services, ValidationSeverity.Warning), (issue.Field, issue.Severity));
        Assert.Contains("Ce lieu n'accueille pas de public", issue.Message, StringComparison.Ordinal);
        Assert.Equal([ModaliteAcces.SePresenter, ModaliteAcces.Telephoner], site.ModalitesAcces);
    }

    [Fact]
    public void A_site_without_services_that_says_it_is_closed_to_the_public_is_clean() =>
        Assert.Empty(SiteBuilder.Valid().WithServices().WithModalitesAcces(ModaliteAcces.CeLieuNAccueillePasDePublic).Validate());

    [Fact]
    public void Issues_follow_the_standards_column_order()
    {
        var issues = SiteBuilder.Valid()
            .WithPivot("x")
            .WithCodePostal("1")
            .WithTelephone("1")
            .With(s => s with { PriseRdv = "x" })
            .Validate();

        Assert.Equal([SiteFields.Pivot, SiteFields.CodePostal, SiteFields.Telephone, SiteFields.PriseRdv], issues.Select(i => i.Field));
    }

    private static ValidationIssue AssertSingleError(SiteBuilder builder, string field)
    {
        var issue = Assert.Single(builder.Validate());
        Assert.Equal(field, issue.Field);
        Assert.Equal(ValidationSeverity.Error, issue.Severity);
        return issue;
    }
}
