using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>The mediators' pages (/espace) over the real server: cookie, antiforgery, scope, conflicts, hours, confirmation, history.</summary>
public sealed class EspacePagesTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Password = AccountsServerFixture.Password;
    private const string Read = "query($id: ID!) { site(id: $id) { nom version horaires telephone lastConfirmedAt } }";

    private async Task<(string Place, EspaceClient Client)> MediatorAsync(string email, double latitude, double longitude)
    {
        var place = await fixture.PlaceNearAsync(latitude, longitude);
        await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync(email, Password);
        return (place, client);
    }

    private async Task<JsonNode> SiteAsync(string id) => (await fixture.Factory.DataAsync(Read, new { id }))["site"]!;

    [Fact]
    public async Task Logging_in_sets_a_strict_http_only_cookie_for_espace_only_that_grants_nothing_on_graphql()
    {
        await fixture.AccountTokenAsync("cookie@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(await fixture.PlaceNearAsync(47.32, 5.04), "Site")]);
        foreach (var https in new[] { false, true })
        {
            using var client = new EspaceClient(fixture.Factory, https);
            var (login, _) = await client.GetAsync("/espace/connexion");
            Assert.Equal("no-store", login.Headers.CacheControl?.ToString());
            Assert.Contains("noindex", login.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);

            var (response, _) = await client.PostAsync("/espace/connexion",
                [new("email", "cookie@example.org"), new("password", Password)], "/espace/connexion");
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/espace", response.Headers.Location?.ToString());
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("scoran_espace=", StringComparison.Ordinal)).ToLowerInvariant();
            Assert.Contains("httponly", cookie, StringComparison.Ordinal);
            Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
            Assert.Contains("path=/espace", cookie, StringComparison.Ordinal);
            Assert.Contains("expires=", cookie, StringComparison.Ordinal);
            Assert.Equal(https, cookie.Contains("secure", StringComparison.Ordinal));

            var (mine, body) = await client.GetAsync("/espace");
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Contains("<h1>Mes lieux</h1>", body, StringComparison.Ordinal);

            // The same cookie sent to /graphql is nobody.
            var token = cookie.Split(';')[0]["scoran_espace=".Length..];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent("{ me { id } }") };
            request.Headers.Add("Cookie", "scoran_espace=" + token);
            using var graphql = await client.Http.SendAsync(request);
            Assert.Equal("null", JsonNode.Parse(await graphql.Content.ReadAsStringAsync())!["data"]!["me"]?.ToJsonString() ?? "null");
        }
    }

    [Fact]
    public async Task Without_a_cookie_pages_lead_to_the_login_and_a_refused_login_never_tells_whether_the_address_exists()
    {
        using var client = new EspaceClient(fixture.Factory);
        var (page, _) = await client.GetAsync("/espace/lieu/U2l0ZTox/historique");
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.StartsWith("/espace/connexion?retour=", page.Headers.Location?.ToString(), StringComparison.Ordinal);

        await fixture.AccountTokenAsync("bloque@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(await fixture.PlaceNearAsync(47.0, 4.8), "Site")]);
        var messages = new List<string>();
        foreach (var email in new[] { "inconnu@example.org", "bloque@example.org", "bloque@example.org", "bloque@example.org", "bloque@example.org" })
        {
            var (response, body) = await client.PostAsync("/espace/connexion", [new("email", email), new("password", "pas le bon mot de passe")], "/espace/connexion");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("scoran_espace=", string.Join(';', response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
            messages.Add(System.Text.RegularExpressions.Regex.Match(body, "<div class=\"erreurs\".*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        }

        // Unknown address, wrong password, locked account (3 failures in this fixture): the very same words.
        Assert.Single(messages.Distinct());
        Assert.Contains("adresse ou mot de passe incorrect", messages[0], StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-email\"", messages[0], StringComparison.Ordinal);
        var locked = await fixture.Factory.QueryAsync("mutation { login(email: \"bloque@example.org\", password: \"une phrase de passe assez longue\") { token } }");
        Assert.Equal("ACCOUNT_LOCKED", AccountsServerFixture.Code(locked));
    }

    [Fact]
    public async Task A_post_without_or_with_a_wrong_antiforgery_token_gets_a_french_400_page_and_changes_nothing()
    {
        var (place, client) = await MediatorAsync("jeton@example.org", 46.58, 3.33);
        using var owned = client;
        var before = await SiteAsync(place);
        var valid = await client.TokenAsync("/espace");
        foreach (var token in new[] { null, "faux", valid[..^4] + "AAAA" })
        {
            var (response, body) = await client.PostAsync($"/espace/lieu/{place}/confirmer", [], token: token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            Assert.Contains("Ce formulaire a expiré ou ne vient pas de ce site", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        }

        var (login, loginBody) = await client.PostAsync("/espace/connexion", [new("email", "jeton@example.org"), new("password", Password)]);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains("Rien n'a été enregistré", WebUtility.HtmlDecode(loginBody), StringComparison.Ordinal);
        Assert.Equal(before["lastConfirmedAt"]?.ToJsonString(), (await SiteAsync(place))["lastConfirmedAt"]?.ToJsonString());

        // The same token with a valid form goes through: the refusal was the token's.
        var (ok, _) = await client.PostAsync($"/espace/lieu/{place}/confirmer", [], token: valid);
        Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
    }

    [Fact]
    public async Task A_mediator_cannot_open_nor_edit_the_pages_of_another_place()
    {
        var (mine, client) = await MediatorAsync("portee@example.org", 47.79, 3.57);
        using var owned = client;
        var other = await fixture.PlaceNearAsync(47.48, 6.84);
        Assert.NotEqual(mine, other);
        foreach (var path in new[] { $"/espace/lieu/{other}", $"/espace/lieu/{other}/ateliers", $"/espace/lieu/{other}/historique" })
        {
            var (response, body) = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Ce lieu n'est pas dans votre espace", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        }

        var before = await SiteAsync(other);
        var token = await client.TokenAsync($"/espace/lieu/{mine}");
        var (edit, _) = await client.PostAsync($"/espace/lieu/{other}", [new("version", before["version"]!.ToString()), new("nom", "Pris")], token: token);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        var (confirm, _) = await client.PostAsync($"/espace/lieu/{other}/confirmer", [], token: token);
        Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
        var after = await SiteAsync(other);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());

        var (own, ownBody) = await client.GetAsync($"/espace/lieu/{mine}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("name=\"horaires\"", ownBody, StringComparison.Ordinal);
        var (unknown, _) = await client.GetAsync("/espace/lieu/pas-un-identifiant");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_conflict_shows_what_changed_meanwhile_and_keeps_the_input()
    {
        var (place, client) = await MediatorAsync("conflit@example.org", 47.64, 6.15);
        using var owned = client;
        var (_, form) = await client.GetAsync($"/espace/lieu/{place}");
        var version = EspaceClient.InputValue(form, "version")!;
        var origine = EspaceClient.InputValue(form, "origine")!;
        var token = EspaceClient.TokenOf(form);
        var before = await SiteAsync(place);

        // Meanwhile, someone else changes the phone number.
        await fixture.Factory.DataAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { telephone: \"03 84 00 00 01\" }) { version } }",
            new { id = place, v = int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) }, AccountsServerFixture.AdminToken);

        var fields = FormFields(form);
        fields["horaires"] = "Mo-Fr 08:30-12:00";
        var (response, body) = await client.PostAsync($"/espace/lieu/{place}", fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), token: token);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Quelqu'un a modifié cette fiche", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Téléphone</th>", body, StringComparison.Ordinal);
        Assert.Contains("<td>+33384000001</td>", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Equal("Mo-Fr 08:30-12:00", EspaceClient.InputValue(body, "horaires"));
        Assert.Equal("+33384000001", EspaceClient.InputValue(body, "telephone"));
        var newVersion = EspaceClient.InputValue(body, "version")!;
        Assert.NotEqual(version, newVersion);
        Assert.NotEqual(origine, EspaceClient.InputValue(body, "origine"));
        Assert.Equal(before["horaires"]?.ToJsonString(), (await SiteAsync(place))["horaires"]?.ToJsonString());

        // Submitted again from the conflict page: only the hours change, the other person's phone stays.
        var again = FormFields(body);
        var (saved, _) = await client.PostAsync($"/espace/lieu/{place}", again.Select(f => KeyValuePair.Create(f.Key, f.Value)), token: EspaceClient.TokenOf(body));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var after = await SiteAsync(place);
        Assert.Equal(("Mo-Fr 08:30-12:00", "+33384000001"), (after["horaires"]!.GetValue<string>(), after["telephone"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_languages_spoken_are_boxes_with_their_own_names_saved_with_the_form_and_in_the_history()
    {
        var (place, client) = await MediatorAsync("langues-espace@example.org", 47.48, 6.80);
        using var owned = client;
        var (_, form) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Contains("<legend>Langues parlées dans le lieu</legend>", form, StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" id=\"[^\"]+\" name=\"languesParlees\" value=\"uk\"> ukrainien — українська</label>", form);

        var fields = FormFieldsList(form);
        fields.Add(new("languesParlees", "uk"));
        fields.Add(new("languesParlees", "ar"));
        var (saved, _) = await client.PostAsync($"/espace/lieu/{place}", fields, token: EspaceClient.TokenOf(form));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var langues = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { languesParlees } }", new { id = place }))["site"]!["languesParlees"]!;
        Assert.Equal(["ar", "uk"], langues.AsArray().Select(c => c!.GetValue<string>()));

        var (_, again) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Matches("name=\"languesParlees\" value=\"uk\" checked>", again);
        Assert.Matches("name=\"languesParlees\" value=\"ar\" checked>", again);
        var (_, history) = await client.GetAsync($"/espace/lieu/{place}/historique");
        Assert.Contains("<th scope=\"row\">Langues parlées dans le lieu</th><td>(vide)</td><td>arabe, ukrainien</td>", history, StringComparison.Ordinal);

        // Unticked: cleared.
        var (cleared, _) = await client.PostAsync($"/espace/lieu/{place}", FormFieldsList(again).Where(f => f.Key != "languesParlees"), token: EspaceClient.TokenOf(again));
        Assert.Equal(HttpStatusCode.SeeOther, cleared.StatusCode);
        Assert.Empty((await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { languesParlees } }", new { id = place }))["site"]!["languesParlees"]!.AsArray());

        // A proposal does not carry them (they are given on the place once it exists).
        var (_, propose) = await client.GetAsync("/espace/proposer");
        Assert.DoesNotContain("languesParlees", propose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_hours_are_shown_next_to_the_field_with_the_preview_and_nothing_is_written()
    {
        var (place, client) = await MediatorAsync("horaires@example.org", 46.67, 4.37);
        using var owned = client;
        var before = await SiteAsync(place);
        var (_, form) = await client.GetAsync($"/espace/lieu/{place}");
        var fields = FormFields(form);
        fields["horaires"] = "Mo-Fr 9h-12h";
        var (response, body) = await client.PostAsync($"/espace/lieu/{place}", fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), token: EspaceClient.TokenOf(form));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Erreur : ", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#champ-horaires\">Horaires d'ouverture : ", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Matches("<p class=\"erreur\" id=\"champ-horaires-erreur\">[^<]+</p><input type=\"text\" id=\"champ-horaires\" name=\"horaires\" aria-describedby=\"champ-horaires-aide champ-horaires-erreur\" aria-invalid=\"true\"", body);
        Assert.Equal("Mo-Fr 9h-12h", EspaceClient.InputValue(body, "horaires"));
        // Without JavaScript, the server draws the preview of what was typed: the error and its suggestion.
        var preview = System.Text.RegularExpressions.Regex.Match(body, "<div id=\"horaires-apercu\"[^>]*aria-live=\"polite\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Ces horaires ne sont pas compris", preview, StringComparison.Ordinal);
        Assert.Contains("Suggestion : <code>", preview, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await SiteAsync(place)).ToJsonString());

        // Valid hours: saved, and the page's preview is the week in French.
        fields["horaires"] = "Mo-Fr 09:00-12:00,14:00-17:00";
        var (saved, _) = await client.PostAsync($"/espace/lieu/{place}", fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), token: EspaceClient.TokenOf(form));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var (_, page) = await client.GetAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Modifications enregistrées", page, StringComparison.Ordinal);
        Assert.Contains("<strong>lundi ", page, StringComparison.Ordinal);
        Assert.Contains("9 h – 12 h et 14 h – 17 h", page, StringComparison.Ordinal);
        Assert.Contains("</strong> : fermé", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toujours_a_jour_confirms_in_one_click_and_the_history_shows_who_changed_what()
    {
        var (place, client) = await MediatorAsync("confirme@example.org", 47.93, 5.60);
        using var owned = client;
        Assert.Null((await SiteAsync(place))["lastConfirmedAt"]);
        var (list, listBody) = await client.GetAsync("/espace");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("jamais", listBody, StringComparison.Ordinal);
        Assert.Contains($"action=\"/espace/lieu/{place}/confirmer\"", listBody, StringComparison.Ordinal);

        var (confirm, _) = await client.PostAsync($"/espace/lieu/{place}/confirmer", [], token: EspaceClient.TokenOf(listBody));
        Assert.Equal(HttpStatusCode.SeeOther, confirm.StatusCode);
        Assert.NotNull((await SiteAsync(place))["lastConfirmedAt"]);
        var (_, after) = await client.GetAsync(confirm.Headers.Location!.ToString());
        Assert.Contains("est confirmé à jour aujourd'hui", WebUtility.HtmlDecode(after), StringComparison.Ordinal);

        var (_, form) = await client.GetAsync($"/espace/lieu/{place}");
        var before = (await SiteAsync(place))["horaires"]?.GetValue<string>();
        var fields = FormFields(form);
        fields["horaires"] = "Tu,Th 14:00-18:00";
        await client.PostAsync($"/espace/lieu/{place}", fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), token: EspaceClient.TokenOf(form));
        var (history, body) = await client.GetAsync($"/espace/lieu/{place}/historique");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var newest = body[body.IndexOf("<ol class=\"historique\">", StringComparison.Ordinal)..];
        Assert.Matches("^<ol class=\"historique\"><li><h2>Modification — ", newest);
        Assert.Contains("<p>Par vous.</p>", newest, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">Horaires d'ouverture</th><td>{before ?? "(vide)"}</td><td>Tu,Th 14:00-18:00</td>", WebUtility.HtmlDecode(newest), StringComparison.Ordinal);
        Assert.Contains("Confirmée « toujours à jour »", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("confirme@example.org", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitation_link_sets_the_password_and_logs_in_once_and_logout_revokes_the_token()
    {
        var place = await fixture.PlaceNearAsync(46.99, 3.16);
        var invitation = await fixture.InviteAsync("invitee@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        var link = "/espace/invitation?jeton=" + invitation.Token;
        var (mismatch, mismatchBody) = await client.PostAsync("/espace/invitation",
            [new("jeton", invitation.Token), new("password", Password), new("confirmation", Password + "x")], link);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("href=\"#champ-confirmation\"", mismatchBody, StringComparison.Ordinal);
        var (tooShort, shortBody) = await client.PostAsync("/espace/invitation",
            [new("jeton", invitation.Token), new("password", "court"), new("confirmation", "court")], link);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("id=\"champ-password-erreur\">Mot de passe trop court", shortBody, StringComparison.Ordinal);

        var (accepted, _) = await client.PostAsync("/espace/invitation", [new("jeton", invitation.Token), new("password", Password), new("confirmation", Password)], link);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var cookie = accepted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("scoran_espace=", StringComparison.Ordinal));
        var token = cookie.Split(';')[0]["scoran_espace=".Length..];
        var (welcome, welcomeBody) = await client.GetAsync(accepted.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, welcome.StatusCode);
        Assert.Contains("Votre mot de passe est enregistré", welcomeBody, StringComparison.Ordinal);
        Assert.NotNull((await fixture.Factory.DataAsync("{ me { id } }", token: token))["me"]);

        using var other = new EspaceClient(fixture.Factory);
        var (reused, reusedBody) = await other.PostAsync("/espace/invitation", [new("jeton", invitation.Token), new("password", Password), new("confirmation", Password)], link);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("Ce lien d'invitation ne marche plus", WebUtility.HtmlDecode(reusedBody), StringComparison.Ordinal);

        var (logout, _) = await client.PostAsync("/espace/deconnexion", [], "/espace");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("scoran_espace=;", StringComparison.Ordinal));
        Assert.Null((await fixture.Factory.DataAsync("{ me { id } }", token: token))["me"]);
        var (again, _) = await client.GetAsync("/espace");
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
    }

    [Fact]
    public async Task A_moderator_sees_every_place_of_the_departement_by_pages()
    {
        await fixture.AccountTokenAsync("moderation58@example.org", AccountRole.Moderator, departement: "58");
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("moderation58@example.org", Password);
        var (_, body) = await client.GetAsync("/espace");
        Assert.Contains("<h1>Les lieux du département 58</h1>", body, StringComparison.Ordinal);
        var caption = System.Text.RegularExpressions.Regex.Match(body, "<caption>(\\d+) lieux, page 1 sur (\\d+)</caption>");
        Assert.True(caption.Success, body);
        var total = int.Parse(caption.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((total + 24) / 25, int.Parse(caption.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(25, System.Text.RegularExpressions.Regex.Count(body, "<tr><th scope=\"row\">"));
        var (_, second) = await client.GetAsync("/espace?page=2");
        Assert.Contains("page 2 sur", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/espace?page=1\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_added_on_the_workshops_page_is_on_the_public_page_and_can_be_cancelled_with_a_reason()
    {
        var (place, client) = await MediatorAsync("ateliers@example.org", 47.10, 5.49);
        using var owned = client;
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}/ateliers");
        var (created, createdBody) = await client.PostAsync($"/espace/lieu/{place}/ateliers/offre",
            [new("title", "Premiers pas sur tablette"), new("summary", "Allumer, toucher, écrire."), new("themes", "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN"),
             new("format", "COLLECTIVE_WORKSHOP"), new("fee", "FREE"), new("onSite", "true")], token: EspaceClient.TokenOf(page));
        Assert.True(created.StatusCode == HttpStatusCode.SeeOther, createdBody);
        (_, page) = await client.GetAsync(created.Headers.Location!.ToString());
        Assert.Contains("Premiers pas sur tablette", page, StringComparison.Ordinal);
        var offerId = System.Text.RegularExpressions.Regex.Match(page, "name=\"offerId\" value=\"([^\"]+)\"").Groups[1].Value;

        var day = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (bad, badBody) = await client.PostAsync($"/espace/lieu/{place}/ateliers/seance",
            [new("offerId", offerId), new("date", day), new("debut", "16:00"), new("fin", "14:00"), new("places", "8")], token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<div class=\"erreurs\"", badBody, StringComparison.Ordinal);
        Assert.Equal("16:00", EspaceClient.InputValue(badBody, "debut"));

        var (added, _) = await client.PostAsync($"/espace/lieu/{place}/ateliers/seance",
            [new("offerId", offerId), new("date", day), new("debut", "14:00"), new("fin", "16:00"), new("places", "8")], token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        using var citizen = fixture.Factory.CreateClient();
        var publicPage = await citizen.GetStringAsync($"/lieu/{place}");
        Assert.Contains("Premiers pas sur tablette", publicPage, StringComparison.Ordinal);

        (_, page) = await client.GetAsync(added.Headers.Location!.ToString());
        Assert.Contains("8 sur 8", page, StringComparison.Ordinal);
        var sessionId = System.Text.RegularExpressions.Regex.Match(page, "name=\"sessionId\" value=\"([^\"]+)\"").Groups[1].Value;
        var (cancelled, _) = await client.PostAsync($"/espace/lieu/{place}/ateliers/annulation",
            [new("sessionId", sessionId), new("reason", "Animatrice en formation")], token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        (_, page) = await client.GetAsync(cancelled.Headers.Location!.ToString());
        Assert.Contains("annulée (Animatrice en formation)", page, StringComparison.Ordinal);
    }

    /// <summary>The fields a browser would send from the edit form: inputs, text areas and checked boxes.</summary>
    private static List<KeyValuePair<string, string>> FormFieldsList(string body)
    {
        var form = body[body.IndexOf("class=\"formulaire fiche\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"(\\w+)\"[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"([^>]*)>"))
        {
            if ((m.Groups[1].Value is "checkbox" or "radio" && !m.Groups[4].Value.Contains("checked", StringComparison.Ordinal)) || m.Groups[2].Value == EspaceClient.TokenField)
            {
                continue;
            }

            fields.Add(new(m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value)));
        }

        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(form, "<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>"))
        {
            fields.Add(new(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        }

        return fields;
    }

    private static FormFields FormFields(string body) => new(FormFieldsList(body));

    private static StringContent JsonContent(string query) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json");
}

/// <summary>A form's fields (several values per name for check boxes); the indexer replaces a single-valued field.</summary>
internal sealed class FormFields(List<KeyValuePair<string, string>> fields) : IEnumerable<KeyValuePair<string, string>>
{
    public string this[string name]
    {
        set
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => fields.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Odd and hostile input on the mediators' pages: a French page with a 4xx, never a 5xx.</summary>
public sealed class EspaceHostileTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    [Fact]
    public async Task Odd_requests_get_a_4xx_page_never_a_5xx()
    {
        var place = await fixture.PlaceNearAsync(47.52, 5.25);
        await fixture.AccountTokenAsync("hostile@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("hostile@example.org", AccountsServerFixture.Password);
        foreach (var path in new[] { "/espace/lieu/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/espace/lieu/T2ZmZXI6MQ", "/espace/lieu/U2l0ZTo5OTk5OTk5/historique", "/espace?page=-3", "/espace?page=abc" })
        {
            var (response, body) = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path} : {response.StatusCode}");
            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }

        var token = await client.TokenAsync($"/espace/lieu/{place}");
        var before = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = place }))["site"]!["version"]!.GetValue<int>();
        var odd = new List<KeyValuePair<string, string>>[]
        {
            [new("version", "pas un nombre"), new("origine", "{pas du json"), new("nom", "Nouveau nom'\"><script>")],
            [new("version", before.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("services", "PAS_UN_SERVICE"), new("nom", "x")],
            [new("version", "0"), new("typologie", "ZZZ, BIB"), new("location.latitude", "nord"), new("nom", "x")],
            [new("version", "0"), new("nom", new string('é', 5000))],
        };
        foreach (var fields in odd)
        {
            var (response, body) = await client.PostAsync($"/espace/lieu/{place}", fields, token: token);
            Assert.True((int)response.StatusCode is >= 300 and < 500, $"{response.StatusCode}\n{body}");
            Assert.DoesNotContain("<script>", body[body.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
        }

        using var json = new StringContent("{\"email\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var notAForm = await client.Http.PostAsync("/espace/connexion", json);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        var (session, _) = await client.PostAsync($"/espace/lieu/{place}/ateliers/seance", [new("offerId", "n'importe quoi"), new("date", "2026-13-45"), new("debut", "25:00")], token: token);
        Assert.Equal(HttpStatusCode.BadRequest, session.StatusCode);
        var (cancel, _) = await client.PostAsync($"/espace/lieu/{place}/ateliers/annulation", [new("sessionId", "U2Vzc2lvbjox"), new("reason", "test")], token: token);
        Assert.True((int)cancel.StatusCode < 500, cancel.StatusCode.ToString());
    }

    [Fact]
    public async Task The_pages_of_one_server_never_use_the_schema_of_another_server_of_the_process()
    {
        // Tests run several servers in one process: a server started then disposed must not take the others' forms with it.
        var place = await fixture.PlaceNearAsync(47.35, 5.95);
        await fixture.AccountTokenAsync("deux-serveurs@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("deux-serveurs@example.org", AccountsServerFixture.Password);
        using (var other = new ScoranServerFactory())
        {
            using var started = other.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await started.GetAsync("/healthz")).StatusCode);
        }

        var (response, body) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}\n{body}");
        Assert.Contains("name=\"services\"", body, StringComparison.Ordinal);
    }
}
