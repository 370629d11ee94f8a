using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows.Tests;

/// <summary>People's edits against later imports of the same source: the rule of <see cref="SiteEdits"/>.</summary>
public sealed class SiteEditorTests
{
    private static readonly SitePatch HoursAndServices = new(
        new HashSet<string> { SiteFields.Horaires, SiteFields.Services, SiteFields.Telephone },
        s => s with { Horaires = "Mo-Fr 09:00-12:00", Services = [Service.LoisirsEtCreationsNumeriques], Telephone = null });

    [Fact]
    public async Task An_edit_survives_a_reimport_of_an_older_row_and_yields_to_a_newer_one()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var imported = new SiteBuilder("x1").Build() with { Horaires = "Mo 10:00-11:00", Telephone = "+33380000000", DateMaj = new DateOnly(2026, 11, 1) };
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("mednum-bfc", [imported], clock, default);
        }

        await using (var db = database.NewContext())
        {
            var (site, changes) = await new SiteEditor(db, clock, NoSearchPublication.Instance).EditAsync(1, 1, HoursAndServices, "account:7", default);
            Assert.Equal(2, site.Version);
            Assert.Equal(
                [SiteFields.Telephone, SiteFields.Horaires, SiteFields.DateMaj, SiteFields.Services],
                changes.Select(c => c.Field));
            Assert.Equal(clock.GetUtcNow(), site.LastConfirmedAt);
        }

        // The same source, re-imported with another name but the same (older) date_maj: the edit stays, the name changes.
        clock.Advance(TimeSpan.FromDays(3));
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("mednum-bfc", [imported with { Nom = "Nouveau nom" }], clock, default);
        }

        await using (var db = database.NewContext())
        {
            var site = (await db.Sites.SingleAsync()).ToDomain();
            Assert.Equal(("Nouveau nom", "Mo-Fr 09:00-12:00", (string?)null), (site.Nom, site.Horaires, site.Telephone));
            Assert.Equal([Service.LoisirsEtCreationsNumeriques], site.Services);
            var actors = await db.SiteChanges.Where(c => c.Field == SiteFields.Nom).Select(c => c.Actor).ToListAsync();
            Assert.Equal(["import:mednum-bfc"], actors);
        }

        // The source updates the place after the edit: its newer hours win, the services it did not change... also
        // come from it, since the row as a whole is newer for every field it sends.
        await using (var db = database.NewContext())
        {
            var newer = imported with { Horaires = "Tu 14:00-18:00", DateMaj = new DateOnly(2026, 12, 1) };
            await new SiteWriter(db).UpsertAsync("mednum-bfc", [newer], clock, default);
        }

        await using (var db = database.NewContext())
        {
            var site = (await db.Sites.SingleAsync()).ToDomain();
            Assert.Equal(("Tu 14:00-18:00", "+33380000000"), (site.Horaires, site.Telephone));
            Assert.Equal([Service.AideAuxDemarchesAdministratives], site.Services);
        }
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_the_fields_changed_meanwhile()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("p", [new SiteBuilder("x1").Build() with { Horaires = "Mo 10:00-11:00" }], clock, default);
        }

        await using (var db = database.NewContext())
        {
            await new SiteEditor(db, clock, NoSearchPublication.Instance).EditAsync(1, 1, HoursAndServices, "account:1", default);
        }

        await using (var db = database.NewContext())
        {
            var rename = new SitePatch(new HashSet<string> { SiteFields.Nom }, s => s with { Nom = "Autre nom" });
            var conflict = await Assert.ThrowsAsync<SiteVersionConflictException>(() => new SiteEditor(db, clock, NoSearchPublication.Instance).EditAsync(1, 1, rename, "account:2", default));
            Assert.Equal(2, conflict.CurrentVersion);
            var hours = Assert.Single(conflict.Changed, c => c.Field == SiteFields.Horaires);
            Assert.Equal(("Mo 10:00-11:00", "Mo-Fr 09:00-12:00"), (hours.OldValue, hours.NewValue));
        }

        await using (var read = database.NewContext())
        {
            Assert.Equal("Espace numérique x1", (await read.Sites.SingleAsync()).Nom);
        }
    }

    [Fact]
    public async Task Bad_hours_and_a_bad_postcode_are_refused_field_by_field_and_nothing_is_written()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("p", [new SiteBuilder("x1").Build()], clock, default);
        }

        await using var edit = database.NewContext();
        var patch = new SitePatch(
            new HashSet<string> { SiteFields.Horaires, SiteFields.Adresse },
            s => s with { Horaires = "Mo-Fr 25:00-26:00", Adresse = s.Adresse with { CodePostal = "2100" } });
        var invalid = await Assert.ThrowsAsync<SiteEditInvalidException>(() => new SiteEditor(edit, clock, NoSearchPublication.Instance).EditAsync(1, 1, patch, "account:1", default));

        Assert.Equal([SiteFields.CodePostal, SiteFields.Horaires], invalid.Issues.Select(i => i.Field));
        await using var read = database.NewContext();
        Assert.Equal(1, (await read.Sites.SingleAsync()).Version);
        Assert.False(await read.SourceRecords.AnyAsync(r => r.Provenance == SiteEdits.Provenance));
    }

    [Fact]
    public async Task Confirming_sets_the_date_records_who_and_keeps_the_version()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("p", [new SiteBuilder("old").Build(), new SiteBuilder("other").Build() with { Adresse = new Adresse { Voie = "2 rue", CodePostal = "58000", CodeInsee = "58194", Commune = "Nevers" } }], clock, default);
        }

        await using var edit = database.NewContext();
        var editor = new SiteEditor(edit, clock, NoSearchPublication.Instance);
        Assert.Equal([1L], (await editor.StaleAsync("21", default)).Select(s => s.Key));
        var confirmed = await editor.ConfirmAsync(1, "account:3", default);

        Assert.Equal((1, clock.GetUtcNow()), (confirmed.Version, confirmed.LastConfirmedAt));
        Assert.Empty(await editor.StaleAsync("21", default));
        Assert.Equal([2L], (await editor.StaleAsync(null, default)).Select(s => s.Key));
        var history = await new SiteHistory(edit).ForSiteAsync(1, default);
        Assert.Equal((SiteChangeKind.Confirmed, "account:3"), (history[^1].Kind, history[^1].Actor));
    }

    [Fact]
    public async Task The_place_keeps_the_latest_sign_of_its_records_for_its_freshness()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var imported = new SiteBuilder("x1").Build() with { DateMaj = new DateOnly(2026, 3, 12) };
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("france-services", [imported], clock, default);
        }

        await using (var db = database.NewContext())
        {
            var stored = StoredSite.From(await db.Sites.SingleAsync());
            Assert.Equal(new FreshnessSign(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(1)), "france-services"), stored.RecordsSign);
            Assert.Equal("France services", SiteFreshness.Label(stored.LatestSign.Provenance));
        }

        // A person's edit: the edit record's day (29 November in Paris) is the place's latest sign from its records.
        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = database.NewContext())
        {
            await new SiteEditor(db, clock, NoSearchPublication.Instance).EditAsync(1, 1, HoursAndServices, "account:7", default);
        }

        await using (var db = database.NewContext())
        {
            var stored = StoredSite.From(await db.Sites.SingleAsync());
            Assert.Equal(new FreshnessSign(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.FromHours(1)), SiteFreshness.PeopleProvenance), stored.RecordsSign);
            Assert.Equal(clock.GetUtcNow(), stored.LatestSign.At);
        }

        // The source sends the place again, dated later than the edit: it is the latest sign again.
        await using (var db = database.NewContext())
        {
            await new SiteWriter(db).UpsertAsync("france-services", [imported with { Nom = "Nom de décembre", DateMaj = new DateOnly(2026, 12, 1) }], clock, default);
        }

        await using (var db = database.NewContext())
        {
            var stored = StoredSite.From(await db.Sites.SingleAsync());
            Assert.Equal(new FreshnessSign(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), "france-services"), stored.RecordsSign);
            Assert.Equal(stored.RecordsSign, stored.LatestSign);
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
