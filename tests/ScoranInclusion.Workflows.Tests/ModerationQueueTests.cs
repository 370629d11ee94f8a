using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows.Tests;

/// <summary>The moderation queue over a migrated SQLite database: what each decision writes, and what it refuses.</summary>
public sealed class ModerationQueueTests
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_approved_proposal_becomes_a_place_with_its_history_and_is_searchable()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var index = new SiteSearchIndex(new ScheduleCache());
        var proposed = new SiteBuilder("x").At(47.35, 5.06).Build() with { Nom = "Tiers-lieu des Grésilles", Horaires = "Mo-Fr 09:00-12:00" };
        long itemId;
        await using (var db = database.NewContext())
        {
            itemId = (await new ModerationQueue(db, Clock, index).ProposeAsync(proposed, "account:4", 4, "Nouveau lieu ouvert en septembre.", default)).Id;
        }

        await using (var db = database.NewContext())
        {
            Assert.Empty(db.Sites);
            var item = await new ModerationQueue(db, Clock, index).ApproveAsync(itemId, "account:9", null, default);
            Assert.Equal((ModerationStatus.Approved, "account:9"), (item.Status, item.DecidedBy));
            Assert.NotNull(item.SiteId);
        }

        await using (var check = database.NewContext())
        {
            var site = await check.Sites.SingleAsync();
            Assert.Equal(("Tiers-lieu des Grésilles", "proposition", "proposition-" + itemId), (site.Nom, site.Provenance, site.SourceId));
            var created = await check.SiteChanges.SingleAsync(c => c.SiteId == site.Id);
            Assert.Equal((SiteChangeKind.Created, "account:9"), (created.Kind, created.Actor));
            var hit = Assert.Single(index.Nearest(new GeoPoint(47.35, 5.06), SiteFilter.None, 1000, null));
            Assert.Equal(site.Id, hit.SiteId);
        }
    }

    [Fact]
    public async Task A_proposal_with_invalid_fields_is_refused_field_by_field_and_nothing_is_written()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var bad = new SiteBuilder("x").Build() with
        {
            Nom = "",
            Location = null,
            Horaires = "Mo-Fr 25:00-26:00",
            Courriels = ["pas-un-courriel"],
            Adresse = new Adresse { Voie = "1 rue", CodePostal = "210", Commune = "Dijon" },
        };
        await using var db = database.NewContext();
        var error = await Assert.ThrowsAsync<SiteEditInvalidException>(() => new ModerationQueue(db, Clock, NoSearchPublication.Instance).ProposeAsync(bad, "account:4", 4, null, default));

        var fields = error.Issues.Select(i => i.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { SiteFields.Nom, SiteFields.CodePostal, SiteFields.Courriels, SiteFields.Horaires, SiteFields.Latitude }, fields);
        Assert.Empty(db.ModerationItems);
    }

    [Fact]
    public async Task A_decision_is_taken_once_a_rejection_needs_a_reason_and_a_report_forgets_its_contact()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        long siteKey;
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("test", [new SiteBuilder("a").Build()], Clock, default);
            siteKey = (await db.Sites.SingleAsync()).Id;
        }

        await using (var db = database.NewContext())
        {
            var queue = new ModerationQueue(db, Clock, NoSearchPublication.Instance);
            var report = await queue.ReportAsync(siteKey, [SiteFields.Horaires], "Fermé le lundi.", "lectrice@example.org", default);
            Assert.Equal(("21", "lectrice@example.org"), (report.Departement, report.ContactEmail));

            var noReason = await Assert.ThrowsAsync<ModerationException>(() => queue.RejectAsync(report.Id, "account:9", "  ", default));
            Assert.Equal(ModerationErrorCodes.ReasonRequired, noReason.Code);
            await queue.RejectAsync(report.Id, "account:9", "Les horaires sont justes (vérifié par téléphone).", default);
            var twice = await Assert.ThrowsAsync<ModerationException>(() => queue.ApproveAsync(report.Id, "account:9", null, default));
            Assert.Equal(ModerationErrorCodes.AlreadyDecided, twice.Code);

            var unknownField = await Assert.ThrowsAsync<ModerationException>(() => queue.ReportAsync(siteKey, ["mot_de_passe"], null, null, default));
            var tooLong = await Assert.ThrowsAsync<ModerationException>(() => queue.ReportAsync(siteKey, [], new string('a', ModerationQueue.MaxMessageLength + 1), null, default));
            var empty = await Assert.ThrowsAsync<ModerationException>(() => queue.ReportAsync(siteKey, [], " ", null, default));
            var badContact = await Assert.ThrowsAsync<ModerationException>(() => queue.ReportAsync(siteKey, [SiteFields.Nom], null, "pas une adresse", default));
            Assert.All([unknownField, tooLong, empty, badContact], e => Assert.Equal(ModerationErrorCodes.InvalidReport, e.Code));
        }

        await using (var check = database.NewContext())
        {
            var item = await check.ModerationItems.SingleAsync();
            Assert.Equal(ModerationStatus.Rejected, item.Status);
            Assert.Null(item.ContactEmail);
            Assert.Equal("Les horaires sont justes (vérifié par téléphone).", item.Reason);
        }
    }

    [Fact]
    public async Task Purging_erases_the_contact_of_reports_older_than_the_retention_and_keeps_the_reports()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        long siteKey;
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("test", [new SiteBuilder("a").Build()], Clock, default);
            siteKey = (await db.Sites.SingleAsync()).Id;
        }

        var now = Clock.GetUtcNow();
        long old, recent, withoutContact;
        await using (var db = database.NewContext())
        {
            // Filed 91 and 89 days before the clock of the purge, and one without contact.
            old = (await new ModerationQueue(db, new FixedClock(now.AddDays(-91)), NoSearchPublication.Instance).ReportAsync(siteKey, [SiteFields.Horaires], "Fermé le lundi.", "ancienne@example.org", default)).Id;
            recent = (await new ModerationQueue(db, new FixedClock(now.AddDays(-89)), NoSearchPublication.Instance).ReportAsync(siteKey, [SiteFields.Telephone], null, "recente@example.org", default)).Id;
            withoutContact = (await new ModerationQueue(db, new FixedClock(now.AddDays(-200)), NoSearchPublication.Instance).ReportAsync(siteKey, [SiteFields.Nom], null, null, default)).Id;
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await new ModerationQueue(db, Clock, NoSearchPublication.Instance).PurgeContactsAsync(TimeSpan.FromDays(90), default));
            // Nothing left to erase: a second run changes nothing.
            Assert.Equal(0, await new ModerationQueue(db, Clock, NoSearchPublication.Instance).PurgeContactsAsync(TimeSpan.FromDays(90), default));
        }

        await using (var check = database.NewContext())
        {
            var items = await check.ModerationItems.ToDictionaryAsync(i => i.Id);
            Assert.Equal(3, items.Count);
            Assert.Null(items[old].ContactEmail);
            Assert.Equal(("Fermé le lundi.", "horaires", ModerationStatus.Pending), (items[old].Message, items[old].ReportedFields, items[old].Status));
            Assert.Equal("recente@example.org", items[recent].ContactEmail);
            Assert.Null(items[withoutContact].ContactEmail);
        }
    }

    [Fact]
    public async Task An_approved_claim_adds_the_place_to_the_mediators_scope()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        long a, b;
        AccountPrincipal mediator;
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("test", [new SiteBuilder("a").Build(), new SiteBuilder("b").At(47.0, 5.0).Build()], Clock, default);
            (a, b) = (await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(), await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).LastAsync());
            var invitation = await new AccountService(db, Clock, Microsoft.Extensions.Options.Options.Create(new AccountOptions()), new Sha256PasswordHashing())
                .InviteAsync("m@example.org", AccountRole.Mediator, [a], null, null, default);
            mediator = AccountService.ToPrincipal(invitation.Account);
        }

        await using (var db = database.NewContext())
        {
            var queue = new ModerationQueue(db, Clock, NoSearchPublication.Instance);
            var own = await Assert.ThrowsAsync<ModerationException>(() => queue.ClaimAsync(a, mediator, "C'est le mien.", default));
            Assert.Equal(ModerationErrorCodes.InvalidClaim, own.Code);
            var claim = await queue.ClaimAsync(b, mediator, "Je l'anime le mardi.", default);
            var again = await Assert.ThrowsAsync<ModerationException>(() => queue.ClaimAsync(b, mediator, "Encore.", default));
            Assert.Equal(ModerationErrorCodes.InvalidClaim, again.Code);
            await queue.ApproveAsync(claim.Id, "admin-token", "Vérifié.", default);
        }

        await using (var check = database.NewContext())
        {
            var account = await check.Accounts.SingleAsync();
            Assert.Equal(new HashSet<long> { a, b }, AccountService.ToPrincipal(account).SiteKeys);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
