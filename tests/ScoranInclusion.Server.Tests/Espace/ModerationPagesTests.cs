using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// The moderation's pages over the real server: a citizen's report through <c>/lieu/{id}/signaler</c> (no cookie, the API's
/// checks and limit), the queue of <c>/espace/moderation</c> (the département's moderation only, a mediator refused),
/// approve and reject through the forms (reason required, already decided), a proposal and a claim through their forms,
/// and « Mes demandes ».
/// </summary>
public sealed class ModerationPagesTests : IClassFixture<AccountsServerFixture>
{
    private const string Password = AccountsServerFixture.Password;
    private const string Admin = AccountsServerFixture.AdminToken;
    private readonly AccountsServerFixture _fixture;

    public ModerationPagesTests(AccountsServerFixture fixture)
    {
        _fixture = fixture;
        // The reports of this class all come from the test server's one address: the limit gets its own test below.
        fixture.Factory.Settings["RateLimiting:ReportPermitLimit"] = "1000";
    }

    private static string Text(string body) => WebUtility.HtmlDecode(body);

    private async Task<EspaceClient> SignedInAsync(string email, AccountRole role, string? departement = null, IReadOnlyCollection<long>? sites = null)
    {
        await _fixture.AccountTokenAsync(email, role, sites: sites, departement: departement);
        var client = new EspaceClient(_fixture.Factory);
        await client.LogInAsync(email, Password);
        return client;
    }

    private async Task<JsonObject> ItemAsync(string departement, string kind, string messageContains)
    {
        var data = await _fixture.Factory.DataAsync("""
            query($d: String, $k: ModerationKind) { moderationQueue(status: null, kind: $k, departement: $d, first: 100) { nodes { id status message contactEmail reason site { id } proposal { nom } } } }
            """, new { d = departement, k = kind }, Admin);
        return data["moderationQueue"]!["nodes"]!.AsArray().OfType<JsonObject>()
            .Single(n => (n["message"]?.GetValue<string>() ?? "").Contains(messageContains, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_citizen_report_lands_in_the_queue_of_the_departement_only_and_is_decided_through_the_forms()
    {
        var place = await _fixture.PlaceNearAsync(47.3220, 5.0415);
        using var citizen = new EspaceClient(_fixture.Factory);
        var (detail, detailBody) = await citizen.GetAsync($"/lieu/{place}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains($"href=\"/lieu/{place}/signaler\"", detailBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"/espace/revendiquer?lieu={place}\"", detailBody, StringComparison.Ordinal);

        var (form, formBody) = await citizen.GetAsync($"/lieu/{place}/signaler");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Les horaires d'ouverture", Text(formBody), StringComparison.Ordinal);
        Assert.Contains("effacée dès que le signalement est traité", Text(formBody), StringComparison.Ordinal);
        Assert.DoesNotContain(EspaceClient.TokenField, formBody, StringComparison.Ordinal);
        const string Message = "Fermé le lundi depuis septembre (signalement de test).";
        var (sent, _) = await citizen.PostAsync($"/lieu/{place}/signaler",
            [new("champs", "horaires"), new("champs", "telephone"), new("message", Message), new("contact", "habitant@example.org")]);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.False(sent.Headers.Contains("Set-Cookie"), "la page publique a déposé un cookie");
        var (thanks, thanksBody) = await citizen.GetAsync(sent.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("votre signalement est envoyé", Text(thanksBody), StringComparison.Ordinal);
        Assert.False(thanks.Headers.Contains("Set-Cookie"));
        var item = await ItemAsync("21", "REPORT", Message);
        var itemId = item["id"]!.GetValue<string>();
        Assert.Equal("habitant@example.org", item["contactEmail"]?.GetValue<string>());

        // The moderation of 25 does not see it; a mediator gets the 403 page and no link to the queue.
        using (var other = await SignedInAsync("moderation25.pages@example.org", AccountRole.Moderator, "25"))
        {
            var (queue, body) = await other.GetAsync("/espace/moderation");
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            Assert.DoesNotContain(Message, Text(body), StringComparison.Ordinal);
            Assert.DoesNotContain("habitant@example.org", body, StringComparison.Ordinal);
        }

        using (var mediator = await SignedInAsync("mediation.pages@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]))
        {
            var (refused, body) = await mediator.GetAsync("/espace/moderation");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Réservé à la modération", Text(body), StringComparison.Ordinal);
            var (_, mine) = await mediator.GetAsync("/espace");
            Assert.DoesNotContain("href=\"/espace/moderation\"", mine, StringComparison.Ordinal);
            var token = await mediator.TokenAsync("/espace");
            var (decide, _) = await mediator.PostAsync($"/espace/moderation/{itemId}/accepter", [], token: token);
            Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
        }

        using var moderator = await SignedInAsync("moderation21.pages@example.org", AccountRole.Moderator, "21");
        var (list, listBody) = await moderator.GetAsync("/espace/moderation");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var text = Text(listBody);
        Assert.Contains("href=\"/espace/moderation\" aria-current=\"page\"", listBody, StringComparison.Ordinal);
        Assert.Contains(Message, text, StringComparison.Ordinal);
        Assert.Contains("Les horaires d'ouverture, Le numéro de téléphone", text, StringComparison.Ordinal);
        Assert.Contains("mailto:habitant@example.org", listBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"/espace/lieu/{place}\">Corriger la fiche", listBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"/lieu/{place}\"", listBody, StringComparison.Ordinal);

        // Reject without a reason: the API's REASON_REQUIRED next to the field, in the summary, nothing decided.
        var (noReason, noReasonBody) = await moderator.PostAsync($"/espace/moderation/{itemId}/refuser", [new("raison", "  "), new("statut", "PENDING")], "/espace/moderation");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains($"id=\"champ-raison-{itemId}-erreur\"", noReasonBody, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"champ-raison-{itemId}-aide champ-raison-{itemId}-erreur\"", noReasonBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"#champ-raison-{itemId}\"", noReasonBody, StringComparison.Ordinal);
        Assert.Contains("Un refus se motive", Text(noReasonBody), StringComparison.Ordinal);
        Assert.Equal("PENDING", (await ItemAsync("21", "REPORT", Message))["status"]!.GetValue<string>());

        // Approve (handled): gone from the pending list, the contact erased; a second decision is ALREADY_DECIDED, shown.
        var (approved, _) = await moderator.PostAsync($"/espace/moderation/{itemId}/accepter", [new("raison", "Horaires corrigés."), new("statut", "PENDING")], "/espace/moderation");
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var decided = await ItemAsync("21", "REPORT", Message);
        Assert.Equal("APPROVED", decided["status"]!.GetValue<string>());
        Assert.Null(decided["contactEmail"]?.GetValue<string>());
        var (_, pending) = await moderator.GetAsync(approved.Headers.Location!.ToString());
        Assert.Contains("Demande acceptée", Text(pending), StringComparison.Ordinal);
        Assert.DoesNotContain(Message, Text(pending), StringComparison.Ordinal);
        var (_, done) = await moderator.GetAsync("/espace/moderation?statut=APPROVED&nature=REPORT");
        Assert.Contains(Message, Text(done), StringComparison.Ordinal);
        Assert.DoesNotContain("habitant@example.org", done, StringComparison.Ordinal);
        var (again, againBody) = await moderator.PostAsync($"/espace/moderation/{itemId}/refuser", [new("raison", "Trop tard.")], "/espace/moderation");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Cette demande a déjà été décidée", Text(againBody), StringComparison.Ordinal);
        Assert.Equal("APPROVED", (await ItemAsync("21", "REPORT", Message))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_report_form_shows_the_api_errors_next_to_their_field_keeps_the_input_and_refuses_other_sites()
    {
        var place = await _fixture.PlaceNearAsync(47.2378, 6.0241);
        using var citizen = new EspaceClient(_fixture.Factory);
        var (empty, emptyBody) = await citizen.PostAsync($"/lieu/{place}/signaler", [new("message", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("id=\"champ-champs-erreur\"", emptyBody, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-champs\"", emptyBody, StringComparison.Ordinal);

        var (email, emailBody) = await citizen.PostAsync($"/lieu/{place}/signaler",
            [new("champs", "horaires"), new("message", "Le numéro sonne occupé."), new("contact", "pas une adresse")]);
        Assert.Equal(HttpStatusCode.BadRequest, email.StatusCode);
        Assert.Contains("id=\"champ-contact-erreur\"", emailBody, StringComparison.Ordinal);
        Assert.Contains("Le numéro sonne occupé.", emailBody, StringComparison.Ordinal);
        Assert.Matches("value=\"horaires\" checked", emailBody);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/lieu/{place}/signaler")
        {
            Content = new FormUrlEncodedContent([new("champs", "horaires"), new("message", "Envoyé par un autre site.")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://autre.example");
        using var crossSite = await citizen.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        var all = await _fixture.Factory.DataAsync("{ moderationQueue(status: null, kind: REPORT, first: 100) { nodes { message } } }", token: Admin);
        Assert.DoesNotContain(all["moderationQueue"]!["nodes"]!.AsArray(), n => n?["message"]?.GetValue<string>() is "Envoyé par un autre site." or "Le numéro sonne occupé.");
    }

    [Fact]
    public async Task Reports_beyond_the_limit_get_a_french_429_page_with_the_wait()
    {
        using var server = new ScoranServerFactory();
        server.Settings["RateLimiting:ReportPermitLimit"] = "2";
        server.Settings["RateLimiting:ReportWindowSeconds"] = "600";
        var place = (await server.DataAsync("{ nearestSites(near: { commune: \"21231\" }, first: 1) { nodes { id } } }"))["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        using var citizen = new EspaceClient(server);
        for (var i = 0; i < 2; i++)
        {
            var (ok, _) = await citizen.PostAsync($"/lieu/{place}/signaler", [new("champs", "horaires"), new("message", $"Signalement {i}.")]);
            Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        }

        var (limited, body) = await citizen.PostAsync($"/lieu/{place}/signaler", [new("champs", "horaires"), new("message", "Un de trop.")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Trop de signalements", Text(body), StringComparison.Ordinal);
        Assert.Matches("Réessayez dans \\d+ minutes?", Text(body));
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.StartsWith("text/html", limited.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_through_the_form_shows_field_errors_keeps_the_input_then_reaches_the_queue_and_my_submissions()
    {
        using var mediator = await SignedInAsync("proposition.pages@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(await _fixture.PlaceNearAsync(47.31, 5.02), "Site")]);
        const string Name = "Espace numérique de la Fontaine d'Ouche (test)";
        var (form, formBody) = await mediator.GetAsync("/espace/proposer");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("href=\"/espace/proposer\" aria-current=\"page\"", formBody, StringComparison.Ordinal);
        List<KeyValuePair<string, string>> fields =
        [
            new("nom", Name), new("adresse.voie", "2 place de la Fontaine d'Ouche"), new("adresse.codePostal", "21000"), new("adresse.commune", "Dijon"),
            new("horaires", "Mo-Fr 25:00-12:00"), new("message", "Ouvert depuis octobre."),
        ];
        var (invalid, invalidBody) = await mediator.PostAsync("/espace/proposer", fields, "/espace/proposer");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("id=\"champ-horaires-erreur\"", invalidBody, StringComparison.Ordinal);
        Assert.Contains("id=\"champ-location-latitude-erreur\"", invalidBody, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-horaires\"", invalidBody, StringComparison.Ordinal);
        Assert.Equal(Name, EspaceClient.InputValue(invalidBody, "nom"));
        Assert.Contains("Ouvert depuis octobre.", invalidBody, StringComparison.Ordinal);

        fields[4] = new("horaires", "Mo-Fr 09:00-12:00");
        fields.Add(new("location.latitude", "47,3167"));
        fields.Add(new("location.longitude", "4,9950"));
        var (sent, _) = await mediator.PostAsync("/espace/proposer", fields, "/espace/proposer");
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var (_, mine) = await mediator.GetAsync(sent.Headers.Location!.ToString());
        Assert.Contains("Proposition envoyée", Text(mine), StringComparison.Ordinal);
        Assert.Contains(Name, Text(mine), StringComparison.Ordinal);
        Assert.Contains("En attente", mine, StringComparison.Ordinal);

        var item = await ItemAsync("21", "PROPOSAL", "Ouvert depuis octobre.");
        using var moderator = await SignedInAsync("moderation21.proposition@example.org", AccountRole.Moderator, "21");
        var (_, queue) = await moderator.GetAsync("/espace/moderation?nature=PROPOSAL");
        Assert.Contains(Name, Text(queue), StringComparison.Ordinal);
        Assert.Contains("2 place de la Fontaine d'Ouche, 21000 Dijon", Text(queue), StringComparison.Ordinal);
        var (approved, _) = await moderator.PostAsync($"/espace/moderation/{item["id"]}/accepter", [new("raison", "")], "/espace/moderation");
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var (_, after) = await mediator.GetAsync("/espace/demandes");
        Assert.Contains("Acceptée", after, StringComparison.Ordinal);
        var (_, places) = await mediator.GetAsync("/espace");
        Assert.Contains(Name, Text(places), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_from_the_public_page_leads_to_the_login_then_to_the_queue_and_a_rejection_shows_its_reason()
    {
        var mine = await _fixture.PlaceNearAsync(47.0237, 4.8383);
        var claimed = await _fixture.PlaceNearAsync(47.4000, 5.2500);
        Assert.NotEqual(mine, claimed);
        using var visitor = new EspaceClient(_fixture.Factory);
        var (login, _) = await visitor.GetAsync($"/espace/revendiquer?lieu={claimed}");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal($"/espace/connexion?retour={Uri.EscapeDataString($"/espace/revendiquer?lieu={claimed}")}", login.Headers.Location?.ToString());

        using var mediator = await SignedInAsync("revendication.pages@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(mine, "Site")]);
        var (form, formBody) = await mediator.GetAsync($"/espace/revendiquer?lieu={claimed}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(claimed, EspaceClient.InputValue(formBody, "lieu"));
        var (noMessage, noMessageBody) = await mediator.PostAsync("/espace/revendiquer", [new("lieu", claimed), new("message", "")], "/espace/revendiquer");
        Assert.Equal(HttpStatusCode.BadRequest, noMessage.StatusCode);
        Assert.Contains("id=\"champ-message-erreur\"", noMessageBody, StringComparison.Ordinal);
        var (own, ownBody) = await mediator.PostAsync("/espace/revendiquer", [new("lieu", mine), new("message", "Le mien.")], "/espace/revendiquer");
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("id=\"champ-lieu-erreur\"", ownBody, StringComparison.Ordinal);

        const string Why = "Je suis la médiatrice de ce lieu (revendication de test).";
        var (sent, _) = await mediator.PostAsync("/espace/revendiquer", [new("lieu", $"http://localhost/lieu/{claimed}"), new("message", Why)], "/espace/revendiquer");
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var (_, submissions) = await mediator.GetAsync("/espace/demandes");
        Assert.Contains("« C'est mon lieu »", Text(submissions), StringComparison.Ordinal);

        var item = await ItemAsync("21", "CLAIM", Why);
        using var moderator = await SignedInAsync("moderation21.revendication@example.org", AccountRole.Moderator, "21");
        var (rejected, _) = await moderator.PostAsync($"/espace/moderation/{item["id"]}/refuser",
            [new("raison", "La structure ne nous est pas connue : écrivez-nous.")], "/espace/moderation");
        Assert.Equal(HttpStatusCode.SeeOther, rejected.StatusCode);
        var (_, after) = await mediator.GetAsync("/espace/demandes");
        Assert.Contains("Refusée", after, StringComparison.Ordinal);
        Assert.Contains("La structure ne nous est pas connue : écrivez-nous.", Text(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odd_requests_on_the_new_pages_get_a_4xx_page_never_a_5xx_nor_an_echoed_script()
    {
        var place = await _fixture.PlaceNearAsync(47.64, 6.86);
        using var moderator = await SignedInAsync("moderation.hostile@example.org", AccountRole.Moderator, "90");
        using var citizen = new EspaceClient(_fixture.Factory);
        const string Script = "<script>alert(1)</script>";
        foreach (var path in new[]
        {
            "/espace/moderation?apres=pas-un-curseur", "/espace/moderation?statut=" + Uri.EscapeDataString(Script), "/espace/moderation?nature=' OR 1=1 --",
            "/espace/demandes?apres=%3Cscript%3E", "/espace/revendiquer?lieu=" + Uri.EscapeDataString(Script), "/lieu/U2l0ZTo5OTk5OTk5/signaler", "/lieu/%3Cscript%3E/signaler",
        })
        {
            var (response, body) = await moderator.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path} : {response.StatusCode}");
            Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
        }

        var token = await moderator.TokenAsync("/espace/moderation");
        foreach (var (path, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ("/espace/moderation/pas-un-id/accepter", [new("raison", Script)]),
            ("/espace/moderation/TW9kZXJhdGlvbkl0ZW06OTk5OTk5/refuser", [new("raison", new string('é', 3000))]),
            ("/espace/revendiquer", [new("lieu", Script), new("message", Script)]),
            ("/espace/proposer", [new("nom", Script), new("location.latitude", "nord"), new("services", "PAS_UN_SERVICE")]),
        })
        {
            var (response, body) = await moderator.PostAsync(path, fields, token: token);
            Assert.True((int)response.StatusCode is >= 300 and < 500, $"{path} : {response.StatusCode}\n{body}");
            Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
        }

        var (report, reportBody) = await citizen.PostAsync($"/lieu/{place}/signaler",
            [new("champs", "pas_un_champ"), new("champs", Script), new("message", new string('x', 2500)), new("contact", Script)]);
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.DoesNotContain(Script, reportBody, StringComparison.Ordinal);
        using var json = new StringContent("{\"message\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var notAForm = await citizen.Http.PostAsync($"/lieu/{place}/signaler", json);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
    }
}
