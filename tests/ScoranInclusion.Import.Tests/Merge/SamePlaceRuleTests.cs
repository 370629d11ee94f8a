using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Tests.Pipeline;
using ScoranInclusion.Storage.Merges;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Merge;

/// <summary>The field's synonyms, the same-place rule, and what it must never merge.</summary>
public sealed class SamePlaceRuleTests
{
    private static readonly GeoPoint Door = new(47.32230, 5.03750);

    [Theory]
    [InlineData("MSAP de Luzy")]
    [InlineData("MFS Luzy")]
    [InlineData("Maison de services au public de Luzy")]
    [InlineData("Maison des Services au Public - Luzy")]
    [InlineData("Maison France Services de Luzy")]
    [InlineData("France services de Luzy")]
    [InlineData("FRANCE SERVICE LUZY")]
    [InlineData("MFS France services Luzy")]
    public void The_old_names_of_a_france_services_read_as_france_services(string name) =>
        Assert.Equal("franceservices luzy", PlaceText.Name(name));

    [Theory]
    [InlineData("Bibliothèque municipale de Givry", "mediatheque municipale givry")]
    [InlineData("Espace Public Numérique de Ciry", "epn ciry")]
    [InlineData("Point Information Jeunesse - Corbenay", "pij corbenay")]
    [InlineData("Centre communal d'action sociale de Chalon", "ccas chalon")]
    [InlineData("MFS/PIJ de la Haute Comté", "franceservices pij haute comte")]
    [InlineData("Médiathèque de St Rémy", "mediatheque saint remy")]
    public void The_other_synonyms_and_abbreviations_of_the_table(string name, string expected) =>
        Assert.Equal(expected, PlaceText.Name(name));

    [Theory]
    [InlineData("12 avenue Marceau", "12, av. Marceau", false, true)]
    [InlineData("12 Avenue Marceau", "12 AVENUE MARCEAU 58170 Luzy", true, true)]
    [InlineData("Place de la Mairie", "1 pl. de la Mairie", false, true)]
    [InlineData("Place de la Mairie", "1 pl. de la Mairie", true, false)]
    [InlineData("12 avenue Marceau", "14 avenue Marceau", false, false)]
    [InlineData("35 avenue du 8 mai", "avenue du 8 mai", false, true)]
    [InlineData("3 rue de la Gare", "3 place de la Gare", false, false)]
    [InlineData("1 rue du Général Leclerc", "1 r. du Gal Leclerc", true, true)]
    public void Addresses_agree_once_normalized(string a, string b, bool requireNumber, bool same) =>
        Assert.Equal(same, SamePlaceRule.SameAddress(a, b, requireNumber));

    [Fact]
    public void A_generic_name_is_compatible_with_any_name_of_its_kind_and_kinds_that_differ_are_not()
    {
        static PlaceFacts Facts(string name, bool franceServices = false) =>
            new(name, "12 avenue Marceau", "Luzy", franceServices, Door, LocationPrecision.Address);

        Assert.True(SamePlaceRule.Names(Facts("France services de Luzy"), Facts("MSAP du Pays de Luzy-Morvan"), 40, 70).Compatible);
        Assert.True(SamePlaceRule.Names(Facts("France services de Luzy"), Facts("Centre social de Luzy", franceServices: true), 40, 70).Compatible);
        Assert.False(SamePlaceRule.Names(Facts("France services de Luzy"), Facts("Médiathèque de Luzy"), 60, 70).Compatible);
        Assert.False(SamePlaceRule.Names(Facts("France services de Luzy"), Facts("Médiathèque de Luzy"), 75, 70).Compatible);
        Assert.False(SamePlaceRule.Names(Facts("France services Planoise"), Facts("MFS Palente"), 60, 70).Compatible);
        Assert.False(SamePlaceRule.Names(Facts("Point numérique Liberté"), Facts("Espace numérique de la Liberté"), 60, 70).Compatible);
    }

    [Fact]
    public async Task France_services_de_Luzy_and_MFS_Luzy_a_fifth_of_a_metre_apart_are_merged_and_the_merge_says_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(Place("mednum-1", "MFS Luzy", "12 Avenue Marceau", Door)))).Sites).SiteKey;

        var outcome = await database.ImportAsync("france-services", Rows(
            Place("1234", "France services de Luzy", "12 av. Marceau", new GeoPoint(Door.Latitude + 0.0000018, Door.Longitude)) with
            {
                DispositifProgrammesNationaux = [DispositifProgrammeNational.FranceServices],
            }));

        var merged = Assert.Single(outcome.Sites);
        Assert.Equal((ImportAction.Merged, existing), (merged.Action, merged.SiteKey));
        Assert.StartsWith(SamePlaceRule.AddressAndPoint, merged.Match!.Reason, StringComparison.Ordinal);
        Assert.Contains("0,2 m", merged.Match.Reason!.Replace('.', ','), StringComparison.Ordinal);
        Assert.Contains(SamePlaceRule.AddressAndPoint, Assert.Single(outcome.Issues).Message, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var review = database.Review(db);
        var merge = Assert.Single(await review.ListMergesAsync(existing));
        Assert.Equal(merged.Match.Reason, merge.Score.Reason);
        Assert.Equal(merged.Match.Total, merge.Score.Total, 6);
        Assert.Empty(await review.ListPendingAsync());

        // Undoable as every merge.
        await review.UndoMergeAsync(merge.Id);
        Assert.Equal(2, (await database.SitesAsync()).Count);
    }

    [Fact]
    public async Task A_mediatheque_and_a_france_services_at_one_address_stay_two_places_for_a_person_to_decide()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ImportAsync("mednum-bfc", Rows(Place("mednum-1", "Médiathèque de Luzy", "12 Avenue Marceau", Door)));

        var outcome = await database.ImportAsync("france-services", Rows(Place("1234", "France services de Luzy", "12 avenue Marceau", Door)));

        Assert.Equal((1, 0, 1), (outcome.Counts.Inserted, outcome.Counts.Merged, outcome.Counts.UncertainPairs));
    }

    [Fact]
    public async Task Two_france_services_of_one_city_at_different_addresses_are_never_merged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ImportAsync("mednum-bfc", Rows(Place("mednum-1", "MFS Dijon Grésilles", "12 rue Castel", Door)));

        // 45 m away, both generic enough to be "compatible": the address tells them apart.
        var outcome = await database.ImportAsync("france-services", Rows(
            Place("1", "France services de Dijon", "3 place du Marché", new GeoPoint(Door.Latitude + 0.0004, Door.Longitude)),
            Place("2", "France services Dijon Fontaine d'Ouche", "12 rue Castel", new GeoPoint(Door.Latitude + 0.0002, Door.Longitude))));

        Assert.Equal(0, outcome.Counts.Merged);
        Assert.Equal(2, outcome.Counts.Inserted);
    }

    [Fact]
    public async Task A_pair_a_person_rejected_is_neither_proposed_nor_merged_again_when_its_record_comes_back_as_new()
    {
        await using var database = await TestDatabase.CreateAsync();
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(Place("mednum-1", "Médiathèque de Luzy", "12 Avenue Marceau", Door)))).Sites).SiteKey;
        var fs = Place("1234", "France services de Luzy", "12 avenue Marceau", Door);
        await database.ImportAsync("france-services", Rows(fs));
        await using var db = database.NewContext();
        var review = database.Review(db);
        var pair = Assert.Single(await review.ListPendingAsync());
        Assert.Equal(existing, pair.Other.Key);

        var finder = new DuplicateFinder(db, new MergeOptions());
        var before = await finder.FindAsync("france-services", fs, Door, LocationPrecision.Address, "21231", new HashSet<long>(), default);
        await review.RejectAsync(pair.Id, "bob");
        var after = await new DuplicateFinder(db, new MergeOptions())
            .FindAsync("france-services", fs, Door, LocationPrecision.Address, "21231", new HashSet<long>(), default);
        // Even a record that the rule would merge: a person's "no" stands.
        var merging = await new DuplicateFinder(db, new MergeOptions { MinimumNameScoreToMerge = 0, MergeThreshold = 0 })
            .FindAsync("france-services", fs, Door, LocationPrecision.Address, "21231", new HashSet<long>(), default);

        Assert.Equal(existing, Assert.Single(before.Uncertain).SiteKey);
        Assert.Equal(MatchDecision.None, after);
        Assert.Null(merging.MergeInto);
        Assert.Empty(merging.Uncertain);
        Assert.Equal(MergeCandidateStatus.Rejected, (await db.MergeCandidates.AsNoTracking().SingleAsync()).Status);
    }

    private static Site Place(string id, string name, string street, GeoPoint point) => SiteBuilder.Liberte(id, name).Build() with
    {
        Adresse = new Adresse { Voie = street, CodePostal = "21000", CodeInsee = "21231", Commune = "Dijon" },
        Location = point,
    };
}
