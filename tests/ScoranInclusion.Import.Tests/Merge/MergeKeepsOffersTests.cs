using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Import.Tests.Pipeline;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;
using static ScoranInclusion.Import.Tests.Merge.MergeTests;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Merge;

public sealed class MergeKeepsOffersTestsOnSqlite : MergeKeepsOffersTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

[Trait("Category", "Postgres")]
public sealed class MergeKeepsOffersTestsOnPostgres : MergeKeepsOffersTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}

/// <summary>Conformance: a merge keeps the absorbed place's workshops, on each provider.</summary>
public abstract class MergeKeepsOffersTests
{
    protected abstract StorageProvider Provider { get; }


    [Fact]
    public async Task Confirming_a_merge_moves_the_workshops_of_the_absorbed_place_to_the_merged_one()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var existing = Assert.Single((await database.ImportAsync("mednum-bfc", Rows(FromMednum()))).Sites).SiteKey;
        var library = FromCoop() with { Nom = "Médiathèque Champollion", Adresse = FromMednum().Adresse, Location = FromMednum().Location };
        var created = Assert.Single((await database.ImportAsync("coop", Rows(library))).Sites).SiteKey;
        long sessionKey;
        await using (var db = database.NewContext())
        {
            var store = new OfferStore(db, TimeProvider.System);
            var offer = await store.CreateOfferAsync(new Offer("Atelier", "Résumé.", null, [Service.MaitriseDesOutilsNumeriquesDuQuotidien], [],
                OfferLevel.AllLevels, OfferFormat.CollectiveWorkshop, OfferFee.Free, null, new Registration(null, null, null, true), created, null), CancellationToken.None);
            var start = DateTimeOffset.UtcNow.AddDays(3);
            sessionKey = (await store.CreateSessionAsync(new SessionDraft(offer.Key, start, start.AddHours(2), null, null, null, 8), CancellationToken.None)).Key;
        }

        await using (var db = database.NewContext())
        {
            var review = database.Review(db);
            var pair = Assert.Single(await review.ListPendingAsync());
            var writes = await review.ConfirmAsync(pair.Id, "alice");
            Assert.Equal((existing, created), (writes.Target.Key, writes.RemovedSiteKey));
        }

        await using var check = database.NewContext();
        Assert.Equal(existing, (await check.Offers.SingleAsync()).SiteId);
        Assert.Equal(existing, (await check.Sessions.SingleAsync(s => s.Id == sessionKey)).SiteId);
        Assert.False(await check.Sites.AnyAsync(s => s.Id == created));
    }
}
