using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using ScoranInclusion.Domain;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Mail;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Mail;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// A server whose outbox sends to a real SMTP server on 127.0.0.1, with the daily digest's own run switched off: the
/// tests run it (<see cref="ModerationDigestService.RunIfDueAsync"/>) on a clock of their own.
/// </summary>
public sealed class ModerationMailFixture : AccountsServerFixture, IAsyncDisposable
{
    public ModerationMailFixture()
    {
        Smtp = new SmtpTestServer();
        Smtp.StartAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in Smtp.Settings())
        {
            Factory.Settings[key] = value;
        }

        Factory.Settings["Moderation:Digest:Enabled"] = "false";
        Factory.Settings["RateLimiting:ReportPermitLimit"] = "1000";
    }

    public SmtpTestServer Smtp { get; }

    /// <summary>A replica's digest service, on <paramref name="clock"/>.</summary>
    public ModerationDigestService DigestService(TimeProvider clock, int hour = 7) => new(
        Factory.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ModerationDigestOptions { Hour = hour }),
        Factory.Services.GetRequiredService<MailOutboxSignal>(), NullLogger<ModerationDigestService>.Instance, clock);

    public async Task<List<OutboxMessageEntity>> OutboxAsync(string recipient)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return [.. scope.ServiceProvider.GetRequiredService<ScoranDbContext>().MailOutbox.AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.Id)];
    }

    public async ValueTask DisposeAsync() => await Smtp.DisposeAsync();
}

/// <summary>
/// A proposer or claimant gets the moderation's decision and its reason by mail, once, with links that work; the mail
/// is written with the decision or not at all. Against a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class ModerationDecisionMailTests(ModerationMailFixture fixture) : IClassFixture<ModerationMailFixture>
{
    private const string Propose = "mutation($input: SiteInput!, $m: String) { proposeSite(input: $input, message: $m) { id } }";
    private const string Claim = "mutation($id: ID!, $m: String!) { claimSite(id: $id, message: $m) { id } }";
    private const string Approve = "mutation($id: ID!, $r: String) { approveModerationItem(id: $id, reason: $r) { id status site { id } } }";
    private const string Reject = "mutation($id: ID!, $r: String) { rejectModerationItem(id: $id, reason: $r) { id status } }";

    [Fact]
    public async Task A_rejected_proposal_mails_its_reason_once_and_a_refused_second_decision_mails_nothing()
    {
        var home = await fixture.PlaceNearAsync(47.322, 5.041);
        const string email = "proposeur.refuse@example.org";
        var mediator = await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(home, "Site")]);
        var moderator = await fixture.AccountTokenAsync("mod21.decision@example.org", AccountRole.Moderator, departement: "21");
        var id = (await fixture.Factory.DataAsync(Propose, new { input = Place("Atelier du quai refusé"), m = "Nouveau" }, mediator))["proposeSite"]!["id"]!.GetValue<string>();

        // Refused without a reason: no decision, no mail.
        Assert.Equal("REASON_REQUIRED", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Reject, new { id, r = "  " }, moderator)));
        const string reason = "Ce lieu existe déjà sous le nom « Médiathèque du quai » : complétez plutôt sa fiche.";
        await fixture.Factory.DataAsync(Reject, new { id, r = reason }, moderator);
        // Decided already: refused, and no second mail.
        Assert.Equal("ALREADY_DECIDED", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Approve, new { id }, moderator)));

        var mail = await OnlyDecisionAsync(email);
        Assert.Equal("Votre proposition n'est pas retenue : Atelier du quai refusé", mail.Subject);
        Assert.Contains(reason, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(reason), mail.HtmlBody, StringComparison.Ordinal);
        var links = LinksIn(mail);
        Assert.Equal(["http://lieux.example.org/espace/demandes"], links);
        await AssertOpensAsync(links[0], mediator, "Atelier du quai refusé");
        Assert.Single(await fixture.OutboxAsync(email), m => m.Kind == ModerationMailKinds.Decision);
    }

    [Fact]
    public async Task An_accepted_proposal_mails_the_links_of_the_new_place_which_open_it()
    {
        var home = await fixture.PlaceNearAsync(47.322, 5.041);
        const string email = "proposeur.accepte@example.org";
        var mediator = await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(home, "Site")]);
        var moderator = await fixture.AccountTokenAsync("mod21.accepte@example.org", AccountRole.Moderator, departement: "21");
        var id = (await fixture.Factory.DataAsync(Propose, new { input = Place("Tiers-lieu du Lac accepté"), m = "Ouvert depuis septembre." }, mediator))["proposeSite"]!["id"]!.GetValue<string>();
        var site = (await fixture.Factory.DataAsync(Approve, new { id, r = "Vérifié par téléphone." }, moderator))["approveModerationItem"]!["site"]!["id"]!.GetValue<string>();

        var mail = await OnlyDecisionAsync(email);
        Assert.Equal("Votre proposition est acceptée : Tiers-lieu du Lac accepté", mail.Subject);
        Assert.Contains("Vérifié par téléphone.", mail.TextBody, StringComparison.Ordinal);
        var links = LinksIn(mail);
        Assert.Equal(
            ["http://lieux.example.org/espace/lieu/" + site, "http://lieux.example.org/lieu/" + site, "http://lieux.example.org/espace/demandes"],
            links);
        await AssertOpensAsync(links[0], mediator, "Tiers-lieu du Lac accepté");
        await AssertOpensAsync(links[1], null, "Tiers-lieu du Lac accepté");
    }

    [Fact]
    public async Task A_claim_accepted_or_refused_mails_the_claimant_and_a_citizens_report_mails_nobody()
    {
        var home = await fixture.PlaceNearAsync(47.322, 5.041);
        var claimed = await fixture.PlaceNearAsync(46.99, 3.16);
        var refused = await fixture.PlaceNearAsync(47.24, 6.02);
        const string email = "revendique.courriel@example.org";
        var mediator = await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(home, "Site")]);
        var moderator = await fixture.AccountTokenAsync("region.claim@example.org", AccountRole.Moderator);
        var accepted = (await fixture.Factory.DataAsync(Claim, new { id = claimed, m = "J'y anime les ateliers du mardi." }, mediator))["claimSite"]!["id"]!.GetValue<string>();
        var rejected = (await fixture.Factory.DataAsync(Claim, new { id = refused, m = "Je crois que c'est nous." }, mediator))["claimSite"]!["id"]!.GetValue<string>();
        var report = (await fixture.Factory.DataAsync("mutation($id: ID!) { reportSiteError(id: $id, fields: [\"horaires\"], contactEmail: \"lecteur.decision@example.org\") { id } }",
            new { id = claimed }))["reportSiteError"]!["id"]!.GetValue<string>();
        await fixture.Factory.DataAsync(Approve, new { id = accepted }, moderator);
        await fixture.Factory.DataAsync(Reject, new { id = rejected, r = "La structure de ce lieu a déjà un compte." }, moderator);
        await fixture.Factory.DataAsync(Approve, new { id = report }, moderator);

        var mails = await MailsAsync(email, 2);
        var yes = mails.Single(m => (m.Subject ?? "").EndsWith("est ajouté à vos lieux", StringComparison.Ordinal));
        Assert.Contains("La modération n'a pas donné de raison.", yes.TextBody, StringComparison.Ordinal);
        Assert.Equal("http://lieux.example.org/espace/lieu/" + claimed, LinksIn(yes)[0]);
        await AssertOpensAsync(LinksIn(yes)[0], mediator, null);
        var no = mails.Single(m => (m.Subject ?? "").StartsWith("Votre demande « C'est mon lieu » n'est pas retenue", StringComparison.Ordinal));
        Assert.Contains("La structure de ce lieu a déjà un compte.", no.TextBody, StringComparison.Ordinal);
        Assert.Equal(["http://lieux.example.org/espace/demandes"], LinksIn(no));

        await Task.Delay(1000);
        Assert.Equal(2, fixture.Smtp.To(email).Count(m => m.Subject != "Votre invitation à l'espace médiateurs"));
        Assert.Empty(fixture.Smtp.To("lecteur.decision@example.org"));
    }

    internal static object Place(string nom) => new
    {
        nom,
        adresse = new { voie = "3 avenue du Lac", codePostal = "21000", codeInsee = "21231", commune = "Dijon" },
        location = new { latitude = 47.31917, longitude = 4.99583 },
        services = new[] { "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" },
        horaires = "Mo-Fr 09:00-12:00",
    };

    /// <summary>Every address of the mail's text, in order; the HTML holds the same ones, as written (no tracking redirect), and no remote content.</summary>
    internal static List<string> LinksIn(MimeMessage mail)
    {
        Assert.Contains("Bonjour", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var text = Regex.Matches(mail.TextBody ?? "", @"https?://\S+").Select(m => m.Value).Distinct().ToList();
        var html = Regex.Matches(mail.HtmlBody ?? "", @"href=""([^""]+)""").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Equal(text, html);
        Assert.All(text, l => Assert.StartsWith("http://lieux.example.org/", l, StringComparison.Ordinal));
        return text;
    }

    /// <summary>The link's page answers 200 on this server (signed in with <paramref name="session"/> when given) and shows <paramref name="expected"/>.</summary>
    internal static async Task AssertOpensAsync(ModerationMailFixture fixture, string link, string? session, string? expected)
    {
        using var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (session is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", "scoran_espace=" + session);
        }

        using var response = await client.GetAsync(new Uri(link).PathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} : {(int)response.StatusCode} {response.Headers.Location}");
        if (expected is not null)
        {
            // The names of these tests have no character HTML escapes.
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
    }

    private Task AssertOpensAsync(string link, string? session, string? expected) => AssertOpensAsync(fixture, link, session, expected);

    private async Task<MimeMessage> OnlyDecisionAsync(string email)
    {
        var mails = await MailsAsync(email, 1);
        // A second copy would come with the next passes of the sender: wait for a few of them.
        await Task.Delay(1000);
        Assert.Single(Decisions(email));
        return mails.Single();
    }

    private List<MimeMessage> Decisions(string email) => [.. fixture.Smtp.To(email).Where(m => m.Subject != "Votre invitation à l'espace médiateurs")];

    private async Task<List<MimeMessage>> MailsAsync(string email, int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Decisions(email).Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var mails = Decisions(email);
        Assert.True(mails.Count >= count, $"{mails.Count} courriel(s) de décision pour {email}, {count} attendu(s)");
        return mails;
    }
}

/// <summary>
/// The moderators' daily digest: one mail a day per moderator with the new items of their territory, none when there are
/// none, never an item twice, one run a day whatever the number of replicas. Against a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class ModerationDigestMailTests(ModerationMailFixture fixture) : IClassFixture<ModerationMailFixture>
{
    /// <summary>
    /// An item's link: the queue's page that starts with it (after the cursor of the item before), at its anchor, so that
    /// it is found however many older items wait before it.
    /// </summary>
    private static string QueueLink(string item)
    {
        Assert.True(GlobalIds.TryDecode(item, out _, out var key));
        // The first item starts the queue: no cursor.
        var after = key > 1 ? "?apres=" + Uri.EscapeDataString(GlobalIds.Encode("ModerationCursor", key - 1)) : "";
        return "http://lieux.example.org/espace/moderation" + after + "#demande-" + item;
    }

    private const string DigestSubjectStart = "Modération : ";

    [Fact]
    public async Task Each_moderator_gets_one_digest_a_day_of_the_new_items_of_their_territory_never_the_same_item_twice()
    {
        var dijon = await fixture.PlaceNearAsync(47.322, 5.041);
        var besancon = await fixture.PlaceNearAsync(47.24, 6.02);
        var nevers = await fixture.PlaceNearAsync(46.99, 3.16);
        var mediator = await fixture.AccountTokenAsync("mediateur.digest@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(dijon, "Site")]);
        var moderator21 = await fixture.AccountTokenAsync("mod21.digest@example.org", AccountRole.Moderator, departement: "21");
        await fixture.AccountTokenAsync("mod25.digest@example.org", AccountRole.Moderator, departement: "25");
        await fixture.AccountTokenAsync("region.digest@example.org", AccountRole.Moderator);
        await fixture.AccountTokenAsync("mod70.digest@example.org", AccountRole.Moderator, departement: "70");
        // Invited but not yet in: no digest (they cannot open the queue yet).
        await fixture.InviteAsync("mod58.pas.encore@example.org", AccountRole.Moderator, departement: "58");

        var proposal = Data(await fixture.Factory.DataAsync("mutation($input: SiteInput!) { proposeSite(input: $input, message: \"Un nouveau lieu.\") { id } }",
            new { input = ModerationDecisionMailTests.Place("Espace numérique du digest") }, mediator), "proposeSite");
        var report = Data(await fixture.Factory.DataAsync(
            "mutation($id: ID!) { reportSiteError(id: $id, fields: [\"telephone\"], message: \"Le numéro ne répond plus.\", contactEmail: \"citoyenne.digest@example.org\") { id } }",
            new { id = besancon }), "reportSiteError");
        var claim = Data(await fixture.Factory.DataAsync("mutation($id: ID!) { claimSite(id: $id, message: \"Nous l'animons.\") { id } }", new { id = nevers }, mediator), "claimSite");

        // Day one, 06:59 in Paris: too early. 08:00: the run; 09:00, and another replica: nothing more that day.
        // A day in the past: the mails it writes are due for the server's sender, which runs on the real clock.
        var day = new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.FromHours(1));
        var clock = new ManualClock(day.AddHours(6).AddMinutes(59));
        var replicaA = fixture.DigestService(clock);
        var replicaB = fixture.DigestService(clock);
        Assert.Null(await replicaA.RunIfDueAsync(CancellationToken.None));
        clock.Now = day.AddHours(8);
        var first = await replicaA.RunIfDueAsync(CancellationToken.None);
        Assert.Equal(new Workflows.Moderation.DigestRun(3, 3), first);
        clock.Now = day.AddHours(9);
        Assert.Null(await replicaA.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await replicaB.RunIfDueAsync(CancellationToken.None));

        var to21 = await OnlyDigestAsync("mod21.digest@example.org");
        Assert.Equal("Modération : 1 nouvelle demande dans le département 21", to21.Subject);
        Assert.Contains("Nouveau lieu proposé : Espace numérique du digest (Dijon)", to21.TextBody, StringComparison.Ordinal);
        Assert.Contains("« Un nouveau lieu. »", to21.TextBody, StringComparison.Ordinal);
        var links21 = ModerationDecisionMailTests.LinksIn(to21);
        Assert.Equal([QueueLink(proposal), "http://lieux.example.org/espace/moderation"], links21);
        // The link opens the moderation queue, with the item at its anchor.
        await ModerationDecisionMailTests.AssertOpensAsync(fixture, links21[0], moderator21, "id=\"demande-" + proposal + "\"");

        var to25 = await OnlyDigestAsync("mod25.digest@example.org");
        Assert.Contains("Erreur signalée : ", to25.TextBody, StringComparison.Ordinal);
        Assert.Contains("« Le numéro ne répond plus. »", to25.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("citoyenne.digest", to25.TextBody + to25.HtmlBody, StringComparison.Ordinal);
        Assert.Equal([QueueLink(report), "http://lieux.example.org/espace/moderation"], ModerationDecisionMailTests.LinksIn(to25));

        var toRegion = await OnlyDigestAsync("region.digest@example.org");
        Assert.Equal("Modération : 3 nouvelles demandes dans la région", toRegion.Subject);
        Assert.Equal(
            [.. new[] { proposal, report, claim }.Select(QueueLink), "http://lieux.example.org/espace/moderation"],
            ModerationDecisionMailTests.LinksIn(toRegion));
        // Nothing new in 70, and an invitation not accepted: no digest.
        Assert.Empty(Digests("mod70.digest@example.org"));
        Assert.Empty(Digests("mod58.pas.encore@example.org"));

        // Day two: one new item in 21; only it goes out, to 21 and the region.
        var second = Data(await fixture.Factory.DataAsync("mutation($input: SiteInput!) { proposeSite(input: $input) { id } }",
            new { input = ModerationDecisionMailTests.Place("Deuxième lieu du digest") }, mediator), "proposeSite");
        clock.Now = day.AddDays(1).AddHours(6);
        Assert.Null(await replicaB.RunIfDueAsync(CancellationToken.None));
        clock.Now = day.AddDays(1).AddHours(7).AddMinutes(30);
        Assert.Equal(new Workflows.Moderation.DigestRun(2, 1), await replicaB.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await replicaA.RunIfDueAsync(CancellationToken.None));

        var digests21 = await DigestsAsync("mod21.digest@example.org", 2);
        Assert.Contains("Deuxième lieu du digest", digests21[1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Espace numérique du digest", digests21[1].TextBody, StringComparison.Ordinal);
        Assert.Equal([QueueLink(second), "http://lieux.example.org/espace/moderation"], ModerationDecisionMailTests.LinksIn(digests21[1]));
        await DigestsAsync("region.digest@example.org", 2);
        await Task.Delay(1000);
        Assert.Single(Digests("mod25.digest@example.org"));
        Assert.Equal(2, Digests("region.digest@example.org").Count);
        Assert.Equal(2, Digests("mod21.digest@example.org").Count);

        // Every digest went out once, each with its own Message-Id.
        var all = fixture.Smtp.Received.Where(m => (m.Subject ?? "").StartsWith(DigestSubjectStart, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, all.Count);
        Assert.Equal(5, all.Select(m => m.MessageId).Distinct().Count());
    }

    private static string Data(JsonObject data, string field) => data[field]!["id"]!.GetValue<string>();

    private List<MimeMessage> Digests(string email) => [.. fixture.Smtp.To(email).Where(m => (m.Subject ?? "").StartsWith(DigestSubjectStart, StringComparison.Ordinal))];

    private async Task<List<MimeMessage>> DigestsAsync(string email, int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Digests(email).Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var mails = Digests(email);
        Assert.True(mails.Count >= count, $"{mails.Count} récapitulatif(s) pour {email}, {count} attendu(s)");
        return mails;
    }

    private async Task<MimeMessage> OnlyDigestAsync(string email)
    {
        var mails = await DigestsAsync(email, 1);
        await Task.Delay(500);
        Assert.Single(Digests(email));
        return mails[0];
    }
}
