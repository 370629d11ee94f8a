using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Tests.Reminders;

/// <summary>
/// Listing reminders (issue 20, item 4) on a fixed clock, with the mails read back from a real SMTP server on
/// 127.0.0.1: the schedule (at most four, fourteen days apart, started over by a confirmation or an edit), the one
/// freshness rule, the link « Rien n'a changé » (a GET changes nothing, the POST confirms once), the dry run and the
/// daily run across processes. Each test disables its mediator at the end, so that the next tests' runs do not mail it.
/// </summary>
public sealed class ListingReminderTestsOnSqlite(ReminderServerFixture fixture) : ListingReminderTests(fixture), IClassFixture<ReminderServerFixture>;

[Trait("Category", "Postgres")]
public sealed class ListingReminderTestsOnPostgres(PostgresReminderServerFixture fixture) : ListingReminderTests(fixture), IClassFixture<PostgresReminderServerFixture>;

public abstract class ListingReminderTests(ReminderServerFixture fixture)
{
    private const string AdminToken = ReminderServerFixture.AdminToken;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_forgotten_place_gets_at_most_four_reminders_fourteen_days_apart_each_mailed_once_and_a_confirmation_or_an_edit_starts_over()
    {
        const string email = "relance.calendrier@example.org";
        var (id, key, account) = await fixture.PlaceWithMediatorAsync(47.322, 5.041, email);
        var t0 = fixture.Clock.Now;

        for (var sequence = 1; sequence <= 4; sequence++)
        {
            fixture.Clock.Now = t0 + ((sequence - 1) * 14 * Day);
            var run = await fixture.RunAsync();
            var plan = Assert.Single(run!.Reminded, p => p.Key == key);
            Assert.Equal((sequence, 1, false), (plan.Sequence, plan.Recipients, plan.ToPlace));
            Assert.Equal(sequence, (await fixture.MailsAsync(email, sequence)).Count);

            // The same day again, and just before the interval is over: nothing more.
            Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == key);
            fixture.Clock.Now += (14 * Day) - TimeSpan.FromMinutes(1);
            Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        }

        // After the fourth: no more, whatever the wait.
        fixture.Clock.Now = t0 + (56 * Day);
        var after = await fixture.RunAsync();
        Assert.DoesNotContain(after!.Reminded, p => p.Key == key);
        Assert.True(after.Exhausted >= 1);
        fixture.Clock.Now = t0 + (200 * Day);
        Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        var mails = await fixture.MailsAsync(email, 4);
        Assert.Equal(4, mails.Count);
        Assert.Equal(4, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Contains("C'est notre dernière relance", mails[3].TextBody, StringComparison.Ordinal);
        Assert.Contains("Relance 1 sur 4", mails[0].TextBody, StringComparison.Ordinal);
        var outbox = (await fixture.OutboxAsync(email)).Where(m => m.Kind == ListingReminders.MailKind).ToList();
        Assert.Equal(4, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));

        // Forgotten for more than Freshness:StaleAfter: the mediator's stale and the pages' freshness agree, and the moderation sees it.
        var site = await fixture.SiteAsync(id);
        Assert.True(site["stale"]!.GetValue<bool>());
        Assert.True(site["freshness"]!["stale"]!.GetValue<bool>());
        Assert.Contains(id, await StaleSitesAsync(id));

        // The mediator's « toujours vrai »: a new round, six months later.
        var confirmedAt = fixture.Clock.Now;
        await fixture.Factory.DataAsync("mutation($id: ID!) { confirmSite(id: $id) { id } }", new { id }, AdminToken);
        site = await fixture.SiteAsync(id);
        Assert.False(site["stale"]!.GetValue<bool>());
        Assert.False(site["freshness"]!["stale"]!.GetValue<bool>());
        Assert.DoesNotContain(id, await StaleSitesAsync(id));
        fixture.Clock.Now = confirmedAt.AddMonths(6) - Day;
        Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        fixture.Clock.Now = confirmedAt.AddMonths(6) + Day;
        Assert.Equal(1, Assert.Single((await fixture.RunAsync())!.Reminded, p => p.Key == key).Sequence);
        Assert.Equal(5, (await fixture.MailsAsync(email, 5)).Count);

        // An edit starts over too (it is a confirmation), and both rules turn stale together past twelve months.
        var editedAt = fixture.Clock.Now;
        var version = site["version"]!.GetValue<int>();
        await fixture.Factory.DataAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { presentationResume: \"Aide aux démarches en ligne\" }) { version } }",
            new { id, v = version }, AdminToken);
        fixture.Clock.Now = editedAt + (20 * Day);
        Assert.DoesNotContain((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        fixture.Clock.Now = editedAt.AddMonths(12) + Day;
        site = await fixture.SiteAsync(id);
        Assert.True(site["stale"]!.GetValue<bool>());
        Assert.True(site["freshness"]!["stale"]!.GetValue<bool>());
        await fixture.DisableAsync(account);
    }

    [Fact]
    public async Task The_link_rien_n_a_change_confirms_the_place_without_login_only_by_its_form_once_and_a_get_changes_nothing()
    {
        const string email = "relance.lien@example.org";
        var (id, key, account) = await fixture.PlaceWithMediatorAsync(47.238, 6.024, email);
        Assert.Contains((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        var mail = Assert.Single(await fixture.MailsAsync(email, 1));
        var link = ReminderServerFixture.LinkIn(mail.TextBody, ListingReminders.ConfirmPath + "?jeton=");
        var update = ReminderServerFixture.LinkIn(mail.TextBody, "/espace/lieu/");
        Assert.Equal("http://lieux.example.org/espace/lieu/" + id, update);

        // French text and HTML, no remote content, links as written (no tracking).
        Assert.Contains("Bonjour", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rien n'a changé", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var addresses = Regex.Matches(mail.HtmlBody ?? "", @"https?://[^""<\s]+").Select(m => WebUtility.HtmlDecode(m.Value)).Distinct().Order().ToList();
        Assert.Equal(new[] { link, update }.Order(), addresses);

        var before = await fixture.SiteAsync(id);
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var path = new Uri(link).PathAndQuery;
        // A mail scanner opens it twice: the page asks, nothing changes.
        for (var i = 0; i < 2; i++)
        {
            using var opened = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var page = await opened.Content.ReadAsStringAsync();
            Assert.Contains("<form method=\"post\" action=\"/espace/rappel\">", page, StringComparison.Ordinal);
            Assert.Matches("<button type=\"submit\">Rien n(&#x27;|&#39;|')a changé</button>", page);
        }

        Assert.Equal(before.ToJsonString(), (await fixture.SiteAsync(id)).ToJsonString());

        // The form without its antiforgery token: refused, nothing changes.
        var token = path[(path.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];
        using (var forged = await client.PostAsync(ListingReminders.ConfirmPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["jeton"] = token })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(before.ToJsonString(), (await fixture.SiteAsync(id)).ToJsonString());

        // The button: confirmed now, one history entry by the mediator the link was mailed to, as their own « toujours vrai ».
        // On a whole second: the API gives dates to the second.
        fixture.Clock.Now = new DateTimeOffset(fixture.Clock.Now.UtcTicks - (fixture.Clock.Now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero) + TimeSpan.FromHours(2);
        var form = ReminderServerFixture.FormToken(await client.GetStringAsync(path));
        using (var confirmed = await client.PostAsync(ListingReminders.ConfirmPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["jeton"] = token, ["_jeton_formulaire"] = form })))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("est confirmée", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await fixture.SiteAsync(id);
        Assert.Equal(fixture.Clock.Now, after["lastConfirmedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(fixture.Clock.Now, after["freshness"]!["lastVerifiedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        var history = after["history"]!.AsArray();
        Assert.Equal(before["history"]!.AsArray().Count + 1, history.Count);
        Assert.Equal(("CONFIRMED", "account:" + account), (history[^1]!["kind"]!.GetValue<string>(), history[^1]!["actor"]!.GetValue<string>()));

        // Single use: the same link again, by GET or POST, says so and changes nothing.
        fixture.Clock.Now += TimeSpan.FromHours(1);
        using (var again = await client.PostAsync(ListingReminders.ConfirmPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["jeton"] = token, ["_jeton_formulaire"] = form })))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
            Assert.Contains("Ce lien a déjà servi", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var reopened = await client.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
        }

        Assert.Equal(after.ToJsonString(), (await fixture.SiteAsync(id)).ToJsonString());

        // A forged or cut link: a French page, not an error.
        foreach (var wrong in new[] { "?jeton=" + token[..^2] + "xy", "?jeton=", "" })
        {
            using var unknown = await client.GetAsync(ListingReminders.ConfirmPath + wrong);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("Lien inconnu", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await fixture.DisableAsync(account);
    }

    [Fact]
    public async Task An_expired_link_says_so_and_confirms_nothing()
    {
        const string email = "relance.expiree@example.org";
        var (id, key, account) = await fixture.PlaceWithMediatorAsync(46.990, 3.160, email);
        Assert.Contains((await fixture.RunAsync())!.Reminded, p => p.Key == key);
        var mail = Assert.Single(await fixture.MailsAsync(email, 1));
        var path = new Uri(ReminderServerFixture.LinkIn(mail.TextBody, ListingReminders.ConfirmPath + "?jeton=")).PathAndQuery;
        using var client = fixture.Factory.CreateClient();
        var form = ReminderServerFixture.FormToken(await client.GetStringAsync(path));
        var before = await fixture.SiteAsync(id);

        fixture.Clock.Now += ReminderOptions.LinkLifetime + TimeSpan.FromMinutes(1);
        using (var opened = await client.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
            Assert.Contains("Ce lien a expiré", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = path[(path.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];
        using (var posted = await client.PostAsync(ListingReminders.ConfirmPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["jeton"] = token, ["_jeton_formulaire"] = form })))
        {
            Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        }

        Assert.Equal(before.ToJsonString(), (await fixture.SiteAsync(id)).ToJsonString());
        await fixture.DisableAsync(account);
    }

    [Fact]
    public async Task A_dry_run_says_what_would_be_sent_and_writes_nothing()
    {
        const string email = "relance.essai@example.org";
        var (_, key, account) = await fixture.PlaceWithMediatorAsync(47.800, 3.570, email);
        async Task<(int, int, int, int)> CountsAsync() => (
            await fixture.CountAsync(DbCounts.Reminders), await fixture.CountAsync(DbCounts.Links),
            await fixture.CountAsync(DbCounts.Outbox), await fixture.CountAsync(DbCounts.Leases));
        var before = await CountsAsync();

        var dry = await fixture.RunAsync(dryRun: true);
        Assert.True(dry!.DryRun);
        Assert.Equal((1, 1), Assert.Single(dry.Reminded, p => p.Key == key) is var plan ? (plan.Sequence, plan.Recipients) : default);
        Assert.Equal(before, await CountsAsync());
        // Reminders:ContactPlaces is off: the places nobody manages are counted, not mailed.
        Assert.All(dry.Reminded, p => Assert.False(p.ToPlace));
        Assert.True(dry.WithoutRecipient > 100, $"{dry.WithoutRecipient} lieux sans destinataire");
        await Task.Delay(500);
        Assert.Empty(fixture.Reminders(email));

        // The real run then sends the very first reminder.
        Assert.Equal(1, Assert.Single((await fixture.RunAsync())!.Reminded, p => p.Key == key).Sequence);
        Assert.Single(await fixture.MailsAsync(email, 1));
        await fixture.DisableAsync(account);
    }

    [Fact]
    public async Task The_daily_run_happens_once_a_day_across_processes_from_the_configured_hour()
    {
        var options = fixture.Factory.Services.GetRequiredService<IOptions<ReminderOptions>>();
        var scopes = fixture.Factory.Services.GetRequiredService<IServiceScopeFactory>();
        // Two replicas on one database.
        var first = new ReminderScheduleService(scopes, options, NullLogger<ReminderScheduleService>.Instance, fixture.Clock);
        var second = new ReminderScheduleService(scopes, options, NullLogger<ReminderScheduleService>.Instance, fixture.Clock);
        // A winter day well after the other tests' clocks.
        var day = new DateTime(fixture.Clock.Now.Year + 3, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        // Paris is UTC+1 in winter: 07:30 UTC is 08:30 in Paris, before the hour (9).
        fixture.Clock.Now = new DateTimeOffset(day.AddHours(7.5), TimeSpan.Zero);
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await second.RunIfDueAsync(CancellationToken.None));

        fixture.Clock.Now = new DateTimeOffset(day.AddHours(8.25), TimeSpan.Zero);
        Assert.NotNull(await first.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await second.RunIfDueAsync(CancellationToken.None));
        fixture.Clock.Now = new DateTimeOffset(day.AddHours(20), TimeSpan.Zero);
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await second.RunIfDueAsync(CancellationToken.None));

        // The next day from the hour, whichever replica looks first.
        fixture.Clock.Now = new DateTimeOffset(day.AddDays(1).AddHours(8.1), TimeSpan.Zero);
        Assert.NotNull(await second.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await first.RunIfDueAsync(CancellationToken.None));
    }

    private async Task<List<string>> StaleSitesAsync(string id)
    {
        var departement = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { adresse { codePostal } } }", new { id }))["site"]!["adresse"]!["codePostal"]!.GetValue<string>()[..2];
        var data = await fixture.Factory.DataAsync("query($d: String!) { staleSites(departement: $d, first: 500) { id } }", new { d = departement }, AdminToken);
        return [.. data["staleSites"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())];
    }
}
