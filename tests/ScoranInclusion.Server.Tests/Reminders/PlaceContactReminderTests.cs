using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Storage;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Tests.Reminders;

/// <summary>A server with <c>Reminders:ContactPlaces=true</c>: places nobody manages are reminded at their public address.</summary>
public sealed class PlaceContactReminderFixture : ReminderServerFixture
{
    public PlaceContactReminderFixture()
    {
        Factory.Settings["Reminders:ContactPlaces"] = "true";
    }
}

/// <summary>
/// <c>Reminders:ContactPlaces=true</c> (issue 20, item 4): a forgotten place without any mediator account gets the
/// reminder at its public <c>courriels</c>, with « Rien n'a changé » and « C'est mon lieu » (the existing claim flow);
/// a place with a mediator is reminded to the mediator only, never at its public address.
/// </summary>
public sealed class PlaceContactReminderTests(PlaceContactReminderFixture fixture) : IClassFixture<PlaceContactReminderFixture>
{
    [Fact]
    public async Task A_place_nobody_manages_is_reminded_at_its_public_address_with_a_claim_link_and_a_managed_one_only_to_its_mediator()
    {
        var orphan = await fixture.PlaceNearAsync(47.238, 6.024);
        var orphanKey = ScoranInclusion.GraphQL.Relay.GlobalId.DecodeKey(orphan, "Site");
        var (managed, managedKey, _) = await fixture.PlaceWithMediatorAsync(46.990, 3.160, "mediateur.du.lieu@example.org");
        // Every other place was just confirmed (so that only these two are due), and both publish an address.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var now = fixture.Clock.Now;
            await db.Sites.Where(s => s.Id != orphanKey && s.Id != managedKey).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastConfirmedAt, now));
            await db.Sites.Where(s => s.Id == orphanKey).ExecuteUpdateAsync(s => s.SetProperty(x => x.Courriels, "contact.du.lieu@example.org"));
            await db.Sites.Where(s => s.Id == managedKey).ExecuteUpdateAsync(s => s.SetProperty(x => x.Courriels, "accueil.public@example.org"));
        }

        var run = await fixture.RunAsync();
        Assert.Equal([(orphanKey, true, 1), (managedKey, false, 1)],
            run!.Reminded.Select(p => (p.Key, p.ToPlace, p.Recipients)).OrderBy(p => p.ToPlace ? 0 : 1));
        var mail = Assert.Single(await fixture.MailsAsync("contact.du.lieu@example.org", 1));
        Assert.Single(await fixture.MailsAsync("mediateur.du.lieu@example.org", 1));
        Assert.Empty(fixture.Reminders("accueil.public@example.org"));

        Assert.Contains("personne ne gère encore sa fiche", mail.TextBody, StringComparison.Ordinal);
        var claim = ReminderServerFixture.LinkIn(mail.TextBody, "/espace/revendiquer?lieu=");
        Assert.Equal("http://lieux.example.org/espace/revendiquer?lieu=" + orphan, claim);
        Assert.DoesNotContain("/espace/lieu/", mail.TextBody, StringComparison.Ordinal);

        // « C'est mon lieu » is the existing claim page (a mediator's account is needed: the login first).
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using (var claimPage = await client.GetAsync(new Uri(claim).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.SeeOther, claimPage.StatusCode);
            Assert.StartsWith("/espace/connexion", claimPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // « Rien n'a changé » from the public address confirms the place, as a link rather than an account.
        var path = new Uri(ReminderServerFixture.LinkIn(mail.TextBody, ListingReminders.ConfirmPath + "?jeton=")).PathAndQuery;
        var askPage = await client.GetStringAsync(path);
        var form = ReminderServerFixture.FormToken(askPage);
        // Its « Mettre à jour » is the claim page of that place too, not the edit page behind the login.
        var claimHref = "href=\"/espace/revendiquer?lieu=" + Uri.EscapeDataString(orphan) + "\"";
        Assert.Contains(claimHref, askPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/espace/lieu/", askPage, StringComparison.Ordinal);
        using (var confirmed = await client.PostAsync(ListingReminders.ConfirmPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jeton"] = path[(path.IndexOf("jeton=", StringComparison.Ordinal) + 6)..],
            ["_jeton_formulaire"] = form,
        })))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            var done = await confirmed.Content.ReadAsStringAsync();
            Assert.Contains(claimHref, done, StringComparison.Ordinal);
            Assert.DoesNotContain("/espace/lieu/", done, StringComparison.Ordinal);
        }

        var history = (await fixture.SiteAsync(orphan))["history"]!.AsArray();
        Assert.Equal("CONFIRMED", history[^1]!["kind"]!.GetValue<string>());
        Assert.StartsWith("reminder-link:", history[^1]!["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == orphanKey);
    }
}
