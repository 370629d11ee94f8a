using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Tests.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Sources;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Merge;

public sealed class MergeTestsOnSqlite : MergeTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[Trait("Category", "Postgres")]
public sealed class MergeTestsOnPostgres : MergeTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}

/// <summary>Conformance: merges of duplicates at import, on each provider.</summary>
public abstract class MergeTests
{
    protected abstract StorageProvider Provider { get; }


    /// <summary>The place as MedNum BFC describes it: a SIRET, a phone, hours, one service.</summary>
    internal static Site FromMednum() => SiteBuilder.Liberte("mednum-1").Build() with
    {
        Pivot = "43493312300029",
        Telephone = "+33380111111",
        Courriels = ["accueil@liberte.example"],
        Horaires = "Mo-Fr 09:00-12:00",
        DateMaj = new DateOnly(2025, 3, 1),
    };

    /// <summary>The same place seen by another source later: spelled differently, 20 m away, another phone and service, no SIRET.</summary>
    internal static Site FromCoop() => SiteBuilder.Liberte("coop-77", "Espace Numérique Liberté").Build() with
    {
        Adresse = new Adresse { Voie = "12 r. de la Liberte", CodePostal = "21000", CodeInsee = "21231", Commune = "DIJON" },
        Location = new GeoPoint(47.32248, 5.03750),
        Pivot = Pivot.Unknown,
        Telephone = "+33380222222",
        Courriels = ["ACCUEIL@liberte.example", "coop@liberte.example"],
        Services = [Service.AccesInternetEtMaterielInformatique],
        DateMaj = new DateOnly(2025, 9, 1),
    };

    [Fact]
    public async Task The_same_place_from_another_source_is_merged_lists_unioned_recent_scalars_winning()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var first = await database.ImportAsync("mednum-bfc", Rows(FromMednum()));
        var key = Assert.Single(first.Sites).SiteKey;

        var outcome = await database.ImportAsync("coop", Rows(FromCoop()));

        Assert.Equal(new ImportCounts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0), outcome.Counts);
        var merged = Assert.Single(outcome.Sites);
        Assert.Equal((ImportAction.Merged, key), (merged.Action, merged.SiteKey));
        Assert.NotNull(merged.MergeId);
        Assert.True(merged.Match!.Total >= 85);
        Assert.Equal(ImportIssueCode.MergedIntoExisting, Assert.Single(outcome.Issues).Code);

        var site = Assert.Single(await database.SitesAsync());
        var stored = Storage.Sites.StoredSite.From(site).Site;
        Assert.Equal([Service.AideAuxDemarchesAdministratives, Service.AccesInternetEtMaterielInformatique], stored.Services);
        Assert.Equal(["accueil@liberte.example", "coop@liberte.example"], stored.Courriels);
        Assert.Equal("Espace Numérique Liberté", stored.Nom);
        Assert.Equal("+33380222222", stored.Telephone);
        Assert.Equal("12 r. de la Liberte", stored.Adresse.Voie);
        Assert.Equal(new GeoPoint(47.32248, 5.03750), stored.Location);
        Assert.Equal(new DateOnly(2025, 9, 1), stored.DateMaj);
        // Coop has no hours: a missing value never erases another source's.
        Assert.Equal("Mo-Fr 09:00-12:00", stored.Horaires);
        // Coop is newer, but the placeholder pivot never wins over a real SIRET.
        Assert.Equal("43493312300029", stored.Pivot);
        // The place keeps its first source as its own id, for compatibility.
        Assert.Equal(("mednum-bfc", "mednum-1"), (site.Provenance, site.SourceId));
        Assert.Equal(2, site.Version);

        await using var db = database.NewContext();
        var provenance = (await new SiteProvenance(db).ForSiteAsync(key, default))!;
        Assert.Equal([("mednum-bfc", "mednum-1"), ("coop", "coop-77")], provenance.Records.Select(r => (r.Provenance, r.SourceId)));
        Assert.Equal("Espace numérique de la Liberté", provenance.Records[0].Received.Nom);
        Assert.Equal(merged.MergeId, provenance.Records[1].MergeId);
        string[] Origin(string field) => [.. provenance.Of(field).Select(f => $"{f.Provenance}:{f.DateMaj:yyyy-MM-dd}")];
        Assert.Equal(["coop:2025-09-01"], Origin("nom"));
        Assert.Equal(["coop:2025-09-01"], Origin("telephone"));
        Assert.Equal(["coop:2025-09-01"], Origin("adresse"));
        Assert.Equal(["coop:2025-09-01"], Origin("latitude"));
        Assert.Equal(["coop:2025-09-01"], Origin("date_maj"));
        Assert.Equal(["mednum-bfc:2025-03-01"], Origin("pivot"));
        Assert.Equal(["mednum-bfc:2025-03-01"], Origin("horaires"));
        Assert.Equal(["mednum-bfc:2025-03-01"], Origin("id"));
        Assert.Equal(["mednum-bfc:2025-03-01", "coop:2025-09-01"], Origin("services"));
        Assert.Equal(["mednum-bfc:2025-03-01", "coop:2025-09-01"], Origin("courriels"));
        Assert.Empty(Origin("prise_rdv"));

        var merge = await db.Merges.SingleAsync();
        Assert.Equal((MergeKind.Automatic, key, "coop", "coop-77", "import:coop"), (merge.Kind, merge.TargetSiteId, merge.Provenance, merge.SourceId, merge.MergedBy));
        var history = await new SiteHistory(db).ForSiteAsync(key, default);
        Assert.Equal([SiteChangeKind.Created, SiteChangeKind.Merged], history.Select(e => e.Kind));
        Assert.Contains(history[1].Fields, f => f is { Field: "telephone", OldValue: "+33380111111", NewValue: "+33380222222" });
        Assert.DoesNotContain(history[1].Fields, f => f.Field == "pivot");

        // Both sources are known now: importing either again changes nothing.
        Assert.Equal(1, (await database.ImportAsync("coop", Rows(FromCoop()))).Counts.Unchanged);
        Assert.Equal(1, (await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Counts.Unchanged);
    }

    [Fact]
    public async Task On_a_date_tie_the_existing_value_stays_and_a_later_update_of_either_source_is_recomposed()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("mednum-bfc", Rows(FromMednum()));
        await database.ImportAsync("coop", Rows(FromCoop() with { DateMaj = new DateOnly(2025, 3, 1) }));

        var site = Assert.Single(await database.SitesAsync());
        Assert.Equal("+33380111111", site.Telephone);
        Assert.Equal("Espace numérique de la Liberté", site.Nom);

        // MedNum BFC publishes a newer version: its values win again where it has them.
        var outcome = await database.ImportAsync("mednum-bfc", Rows(FromMednum() with { Telephone = "+33380333333", DateMaj = new DateOnly(2026, 1, 5) }));

        Assert.Equal(1, outcome.Counts.Updated);
        site = Assert.Single(await database.SitesAsync());
        Assert.Equal("+33380333333", site.Telephone);
        Assert.Contains(Service.AccesInternetEtMaterielInformatique.ToString(), Storage.Sites.StoredSite.From(site).Site.Services.Select(s => s.ToString()));
    }

    [Fact]
    public async Task Two_records_of_the_same_source_are_two_places_even_when_identical()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        var outcome = await database.ImportAsync("mednum-bfc", Rows(FromMednum(), FromMednum() with { Id = "mednum-2" }));

        Assert.Equal(2, outcome.Counts.Inserted);
        Assert.Equal(0, outcome.Counts.UncertainPairs);
        Assert.Equal(2, (await database.SitesAsync()).Count);
    }

    [Fact]
    public async Task A_place_of_another_commune_or_typology_is_not_a_candidate()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await database.ImportAsync("mednum-bfc", Rows(FromMednum() with { Typologie = [Typologie.Bib] }));

        var otherCommune = FromCoop() with
        {
            Id = "coop-1",
            Adresse = new Adresse { Voie = "12 rue de la Liberté", CodePostal = "21300", CodeInsee = "21166", Commune = "Chenôve" },
        };
        var otherTypology = FromCoop() with { Id = "coop-2", Typologie = [Typologie.Caf] };
        var outcome = await database.ImportAsync("coop", Rows(otherCommune, otherTypology));

        Assert.Equal((2, 0, 0), (outcome.Counts.Inserted, outcome.Counts.Merged, outcome.Counts.UncertainPairs));
    }
}
