using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Tests;

public sealed class SiteComposerTests
{
    private static readonly DateOnly March = new(2025, 3, 1);
    private static readonly DateOnly September = new(2025, 9, 1);

    private static ComposerInput Input(Site site, LocationPrecision precision = LocationPrecision.Address) =>
        new(site, site.Location, site.Location is null ? LocationPrecision.None : precision);

    [Fact]
    public void One_record_gives_exactly_its_own_values()
    {
        var site = new SiteBuilder().Full().Build();

        var composed = SiteComposer.Compose([Input(site)], 0);

        Assert.Equal(Columns(site), Columns(composed.Site));
        Assert.Equal(LocationPrecision.Address, composed.Precision);
        Assert.All(composed.FieldSources, f => Assert.Equal(0, f.Input));
        // Every non-empty field has its origin; empty ones have none.
        Assert.Equal(
            Columns(site).Where(c => c.Value is not null).Select(c => c.Field).Order(),
            composed.FieldSources.Select(f => f.Field).Order());
    }

    [Fact]
    public void Lists_are_unioned_and_scalars_come_from_the_most_recent_record_that_has_them()
    {
        var older = new SiteBuilder("a").Full().Build() with { DateMaj = March };
        var newer = new SiteBuilder("b").Build() with
        {
            Nom = "Nouveau nom",
            Telephone = "+33399999999",
            Horaires = null,
            Services = [Service.LoisirsEtCreationsNumeriques, Service.AideAuxDemarchesAdministratives],
            Courriels = ["CONTACT@example.org", "autre@example.org"],
            DateMaj = September,
        };

        var composed = SiteComposer.Compose([Input(older), Input(newer)], 0);

        Assert.Equal("a", composed.Site.Id);
        Assert.Equal("Nouveau nom", composed.Site.Nom);
        Assert.Equal("+33399999999", composed.Site.Telephone);
        Assert.Equal(older.Horaires, composed.Site.Horaires);
        Assert.Equal(September, composed.Site.DateMaj);
        Assert.Equal(
            [Service.AideAuxDemarchesAdministratives, Service.AccesInternetEtMaterielInformatique, Service.LoisirsEtCreationsNumeriques],
            composed.Site.Services);
        Assert.Equal(["contact@example.org", "accueil@example.org", "autre@example.org"], composed.Site.Courriels);
        Assert.Equal([1], Origins(composed, SiteFields.Nom));
        Assert.Equal([0], Origins(composed, SiteFields.Horaires));
        Assert.Equal([0, 1], Origins(composed, SiteFields.Services));
        Assert.Equal([0], Origins(composed, SiteFields.Id));
        Assert.Equal([1], Origins(composed, SiteFields.DateMaj));
    }

    [Fact]
    public void On_a_date_tie_the_earlier_record_keeps_its_value()
    {
        var first = new SiteBuilder("a").Build() with { Telephone = "+33311111111" };
        var second = new SiteBuilder("b").Build() with { Telephone = "+33322222222", Nom = "Autre" };

        var composed = SiteComposer.Compose([Input(first), Input(second)], 0);

        Assert.Equal("+33311111111", composed.Site.Telephone);
        Assert.Equal(first.Nom, composed.Site.Nom);
        Assert.Equal([0], Origins(composed, SiteFields.Telephone));
    }

    [Fact]
    public void The_pivot_placeholder_never_wins_over_a_real_siret_or_rna()
    {
        var withSiret = new SiteBuilder("a").Build() with { Pivot = "43493312300029", DateMaj = March };
        var newerWithout = new SiteBuilder("b").Build() with { Pivot = Pivot.Unknown, DateMaj = September };
        var newestRna = new SiteBuilder("c").Build() with { Pivot = "W212001234", DateMaj = September.AddDays(1) };

        Assert.Equal("43493312300029", SiteComposer.Compose([Input(withSiret), Input(newerWithout)], 1).Site.Pivot);
        Assert.Equal("43493312300029", SiteComposer.Compose([Input(newerWithout), Input(withSiret)], 0).Site.Pivot);
        Assert.Equal("W212001234", SiteComposer.Compose([Input(withSiret), Input(newerWithout), Input(newestRna)], 0).Site.Pivot);
        Assert.Equal(Pivot.Unknown, SiteComposer.Compose([Input(newerWithout)], 0).Site.Pivot);
    }

    [Fact]
    public void The_address_comes_whole_from_one_record()
    {
        var older = new SiteBuilder("a").Build() with
        {
            Adresse = new Adresse { Voie = "1 rue A", Complement = "Bâtiment B", CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
        };
        var newer = new SiteBuilder("b").Build() with
        {
            Adresse = new Adresse { Voie = "3 place B", CodePostal = "21000", Commune = "DIJON" },
            DateMaj = September,
        };

        var composed = SiteComposer.Compose([Input(older), Input(newer)], 0);

        Assert.Equal(newer.Adresse, composed.Site.Adresse);
        Assert.Empty(Origins(composed, SiteFields.ComplementAdresse));
        Assert.Empty(Origins(composed, SiteFields.CodeInsee));
    }

    [Fact]
    public void A_precise_point_wins_over_a_more_recent_communes_point()
    {
        var precise = new SiteBuilder("a").At(47.31, 5.02).Build() with { DateMaj = March };
        var approximate = new SiteBuilder("b").At(47.32200, 5.04150).Build() with { DateMaj = September };

        var composed = SiteComposer.Compose([Input(precise), Input(approximate, LocationPrecision.Commune)], 1);

        Assert.Equal(new GeoPoint(47.31, 5.02), composed.Site.Location);
        Assert.Equal(LocationPrecision.Address, composed.Precision);
        Assert.Equal([0], Origins(composed, SiteFields.Latitude));

        var onlyApproximate = SiteComposer.Compose([Input(approximate, LocationPrecision.Commune)], 0);
        Assert.Equal(LocationPrecision.Commune, onlyApproximate.Precision);
    }

    private static int[] Origins(ComposedSite composed, string field) =>
        [.. composed.FieldSources.Where(f => f.Field == field).Select(f => f.Input)];

    private static List<(string Field, object? Value)> Columns(Site site)
    {
        var probe = new SiteEntity();
        probe.CopyFrom(site);
        return [.. probe.StandardColumns()];
    }
}
