using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Addresses;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The citizen's pages. <c>/</c> holds the widget; <c>/lieux</c> and <c>/lieu/{id}</c> are plain
/// HTML rendered here, usable without JavaScript, and the pages the widget links to.
/// </summary>
internal static class CitizenPages
{
    private const int DefaultCount = 20;

    /// <summary>The suggestions of the search box (communes, postal codes, addresses) on /lieux, when JavaScript runs.</summary>
    private const string SearchScript = "<script src=\"/widget/recherche.js\" defer></script>";

    public static void Map(WebApplication app, WebOptions options)
    {
        app.MapGet("/", () => Page("Trouver de l'aide pour le numérique", "/", Home(options)));
        app.MapGet("/lieux", ListAsync);
        // The form's own way: a typed address travels in the body, never in the address of a page.
        app.MapPost("/lieux", SearchAsync);
        app.MapGet("/lieu/{id}", (string id, SiteReader reader, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, CancellationToken ct) =>
            DetailAsync(id, reader, offers, schedules, freshness, clock, options, ct));
    }

    private static string Home(WebOptions options) => $$"""
        <h1>Trouver de l'aide pour le numérique, près de chez vous</h1>
        <p class="chapo">Démarches en ligne, courriels, ordinateur, téléphone : des lieux vous accompagnent, souvent gratuitement.
        Indiquez votre adresse, votre commune ou votre code postal.</p>
        <scoran-carte lire-url titre-niveau="2"{{TileAttributes(options)}}></scoran-carte>
        <noscript>
        <p>La carte a besoin de JavaScript. Vous pouvez aussi utiliser la liste simple :</p>
        {{SearchForm(null, Parameters.Empty)}}
        </noscript>
        <script src="/widget/scoran-carte.js" defer></script>
        """;

    internal static string TileAttributes(WebOptions options) => options.TileUrl.Length == 0 ? ""
        : $" tuiles=\"{E(options.TileUrl)}\" tuiles-attribution=\"{E(options.TileAttribution)}\"";

    private static async Task<IResult> ListAsync(
        HttpContext http, CommuneDirectory communes, SiteSearch search, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock,
        CancellationToken ct)
    {
        var parameters = Parameters.Read(http.Request.Query);
        var body = new StringBuilder();
        body.Append("<h1>Les lieux d'aide au numérique les plus proches</h1>");
        body.Append(SearchForm(parameters.Text ?? parameters.Commune, parameters));

        Commune? commune = null;
        IReadOnlyList<Commune> others = [];
        if (parameters.Commune is { Length: > 0 } code)
        {
            commune = communes.FindByInsee(code);
            if (commune is null)
            {
                body.Append("<p class=\"erreur\" role=\"alert\">Nous ne connaissons pas la commune de code INSEE « ")
                    .Append(E(code)).Append(" » en Bourgogne-Franche-Comté. Tapez son nom ou son code postal ci-dessus.</p>");
            }
        }
        else if (parameters.Text is { Length: > 0 and <= 100 } text)
        {
            var found = communes.Search(text, 6);
            commune = found.Count > 0 ? found[0] : null;
            others = found.Skip(1).ToList();
            if (commune is null)
            {
                body.Append("<p class=\"erreur\" role=\"alert\">Aucune commune de Bourgogne-Franche-Comté ne correspond à « ")
                    .Append(E(text)).Append(" ». Vérifiez l'orthographe, ou tapez le code postal (5 chiffres).</p>");
            }
        }

        if (commune is null)
        {
            return Page("Liste des lieux", "/lieux", body.ToString(), SearchScript, status: parameters.Commune is { Length: > 0 } ? 404 : 200);
        }

        var where = $"{De(commune.Nom)} ({(commune.CodesPostaux.Count > 0 ? commune.CodesPostaux[0] : commune.CodeDepartement)})";
        var withoutFilters = $"<a href=\"/lieux?commune={Url(commune.CodeInsee)}\">voyez les lieux les plus proches sans filtre</a>";
        var more = $"<p><a href=\"/lieux?commune={Url(commune.CodeInsee)}{parameters.FilterQuery()}&amp;nombre={Math.Min(100, parameters.Count + DefaultCount)}\">Voir plus de lieux</a></p>";
        await AppendResultsAsync(body, commune.Location, where, parameters, others, withoutFilters, more, search, offers, schedules, freshness, clock, ct);
        return Page($"Lieux près {De(commune.Nom)}", "/lieux", body.ToString(), SearchScript);
    }

    /// <summary>
    /// The form of <c>/lieux</c>, posted: a commune or a postal code goes on to the page of its results (<c>?q=</c> as before);
    /// an address is searched here and its results shown in the answer, so that the address never appears in a URL (nor in
    /// the server's logs, which name the path only). Without an address index, communes only, as before.
    /// </summary>
    private static async Task<IResult> SearchAsync(
        HttpContext http, CommuneDirectory communes, AddressIndex addresses, SiteSearch search, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness,
        TimeProvider clock, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Redirect("/lieux", permanent: false);
        }

        var parameters = Parameters.Read(await RequestForms.ReadAsync(http.Request));
        var text = parameters.Text ?? "";
        var body = new StringBuilder("<h1>Les lieux d'aide au numérique les plus proches</h1>");
        if (text.Length is 0 or > AddressQuery.MaxLength)
        {
            body.Append(SearchForm(null, parameters));
            body.Append("<p class=\"erreur\" role=\"alert\">").Append(E(AddressSearchTexts.Empty)).Append("</p>");
            return Page("Liste des lieux", "/lieux", body.ToString(), SearchScript, status: 400);
        }

        var asAddress = AddressSearchTexts.LooksLikeAddress(text);
        var commune = text.Length <= 100 && communes.Search(text, 1) is [var first] ? first : null;
        if (commune is not null && !asAddress)
        {
            // A commune's name or a postal code: its own page, as the form always gave (the text is no address).
            return Results.Redirect($"/lieux?q={Url(text)}{parameters.FilterQuery().Replace("&amp;", "&", StringComparison.Ordinal)}" + (parameters.Count != DefaultCount ? $"&nombre={parameters.Count}" : ""));
        }

        AddressMatch? address = null;
        try
        {
            address = await addresses.SearchAsync(text, 1, null, ct) is [var best] ? best : null;
        }
        catch (AddressIndexEmptyException)
        {
            // No index on this server: communes only.
        }

        if (address is null)
        {
            if (commune is not null)
            {
                return Results.Redirect($"/lieux?commune={Url(commune.CodeInsee)}{parameters.FilterQuery().Replace("&amp;", "&", StringComparison.Ordinal)}");
            }

            body.Append(SearchForm(text, parameters));
            body.Append("<p class=\"erreur\" role=\"alert\">").Append(E(AddressSearchTexts.NotFound(text))).Append("</p>");
            return Page("Liste des lieux", "/lieux", body.ToString(), SearchScript);
        }

        var label = AddressSearchTexts.Label(address);
        body.Append(SearchForm(address.Label, parameters));
        // « Voir plus » and « sans filtre » post the address again: a link would carry it in its URL.
        var again = $"<input type=\"hidden\" name=\"q\" value=\"{E(address.Label)}\">";
        var withoutFilters = $"<form class=\"en-ligne\" method=\"post\" action=\"/lieux\">{again}<button type=\"submit\" class=\"lien\">{AddressSearchTexts.WithoutFilters}</button></form>";
        var more = $"<form method=\"post\" action=\"/lieux\">{again}{parameters.HiddenFilters()}<input type=\"hidden\" name=\"nombre\" value=\"{Math.Min(100, parameters.Count + DefaultCount)}\"><p><button type=\"submit\">{AddressSearchTexts.More}</button></p></form>";
        await AppendResultsAsync(body, address.Location, De(label), parameters, [], withoutFilters, more, search, offers, schedules, freshness, clock, ct);
        return Page($"Lieux près {De(label)}", "/lieux", body.ToString(), SearchScript);
    }

    /// <summary>The heading and list of the places nearest to <paramref name="origin"/> (« près <paramref name="where"/> »).</summary>
    private static async Task AppendResultsAsync(
        StringBuilder body, GeoPoint origin, string where, Parameters parameters, IReadOnlyList<Commune> others, string withoutFilters, string more,
        SiteSearch search, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filter = parameters.Filter(now);
        if (parameters.WorkshopDays is { } days)
        {
            filter = filter with { OnlySites = await offers.SitesWithSessionsAsync(now, now.AddDays(days), ct) };
        }

        var page = await search.NearestAsync(origin, filter, parameters.Count, null, double.PositiveInfinity, ct);
        body.Append("<h2 id=\"resultats\">").Append(page.Items.Count == 0 ? "Aucun lieu" : page.Items.Count + (page.Items.Count > 1 ? " lieux" : " lieu"))
            .Append(" près ").Append(E(where))
            .Append(page.Items.Count == 0 && parameters.FilterQuery().Length > 0 ? " avec ces filtres" : "").Append("</h2>");
        if (others.Count > 0)
        {
            body.Append("<p>Ce n'est pas la bonne commune ? ");
            body.AppendJoin(", ", others.Select(o => $"<a href=\"/lieux?commune={Url(o.CodeInsee)}{parameters.FilterQuery()}\">{E(o.Nom)} ({E(o.CodesPostaux.Count > 0 ? o.CodesPostaux[0] : o.CodeDepartement)})</a>"));
            body.Append("</p>");
        }

        if (page.Items.Count == 0)
        {
            // Without a filter the whole directory is searched: only an empty directory gives nothing.
            body.Append(parameters.FilterQuery().Length > 0
                    ? $"<p>Aucun lieu ne correspond à tous ces critères. Enlevez un filtre ci-dessus, ou {withoutFilters}."
                    : "<p>L'annuaire ne contient encore aucun lieu. Revenez plus tard, ou demandez à votre mairie où se faire aider.")
                .Append(parameters.Frais.Count > 0 ? " Peu de lieux indiquent leurs tarifs : sans le filtre « Gratuit », appelez le lieu pour savoir s'il est gratuit (il l'est le plus souvent)." : "")
                .Append("</p>");
        }
        else
        {
            // The next workshop of each place: the first three sessions, of which the first neither cancelled nor full.
            var next = new Dictionary<long, StoredSession>();
            foreach (var item in page.Items)
            {
                if (Workshops.NextOpen(await offers.NextSessionsOfSiteAsync(item.Site.Key, now, 3, ct), now) is { } session)
                {
                    next[item.Site.Key] = session;
                }
            }

            var nextOffers = await offers.GetOffersAsync(next.Values.Select(s => s.OfferKey).ToHashSet(), ct);
            body.Append("<ol class=\"lieux\">");
            foreach (var item in page.Items)
            {
                var workshop = next.TryGetValue(item.Site.Key, out var s) && nextOffers.TryGetValue(s.OfferKey, out var o)
                    ? Workshops.NextLine(s, o.Offer, now) : null;
                body.Append(Card(item, schedules.Get(item.Site.Site.Horaires), now, workshop, freshness.Of(item.Site)));
            }

            body.Append("</ol>");
            if (page.HasNextPage && parameters.Count < 100)
            {
                body.Append(more);
            }
        }
    }

    private static string Card(NearestResult item, OpeningHoursSchedule? hours, DateTimeOffset now, string? workshop, Freshness freshness)
    {
        var site = item.Site.Site;
        var id = GlobalId.Encode(SiteType.TypeName, item.Site.Key);
        var b = new StringBuilder("<li class=\"lieu\">");
        b.Append("<h3><a href=\"/lieu/").Append(Url(id)).Append("\">").Append(E(site.Nom)).Append("</a></h3>");
        b.Append("<p class=\"distance\">").Append(Distance(item.DistanceMeters)).Append(" · ").Append(E(Address(site.Adresse))).Append("</p>");
        b.Append(NoticeBanners.Html(site, now, heading: false));
        b.Append("<p class=\"horaire\">").Append(E(OpenState(hours, now, site.Closures))).Append("</p>");
        if (workshop is not null)
        {
            b.Append("<p class=\"prochain-atelier\">").Append(E(workshop)).Append("</p>");
        }

        if (site.Services.Count > 0)
        {
            b.Append("<p><strong>Pour :</strong> ").Append(E(string.Join(", ", site.Services.Select(Vocabularies.Services.Label)))).Append("</p>");
        }

        if (site.FraisACharge.Count > 0)
        {
            b.Append("<p><strong>Prix :</strong> ").Append(E(string.Join(", ", site.FraisACharge.Select(Vocabularies.Frais.Label)))).Append("</p>");
        }

        b.Append(FreshnessLine.Html(freshness));
        b.Append("</li>");
        return b.ToString();
    }

    internal static string Address(Adresse adresse) =>
        string.Join(", ", new[] { adresse.Voie, adresse.Complement, $"{adresse.CodePostal} {adresse.Commune}" }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string SearchForm(string? value, Parameters parameters)
    {
        // POST: the text typed may be an address, which never goes into a URL.
        var b = new StringBuilder("<form class=\"recherche\" method=\"post\" action=\"/lieux\" role=\"search\">");
        b.Append("<p><label for=\"q\">").Append(AddressSearchTexts.FieldLabel).Append("</label> <input id=\"q\" name=\"q\" type=\"text\" autocomplete=\"address-level2\" required value=\"")
            .Append(E(value)).Append("\"></p>");
        b.Append("<fieldset><legend>Vous cherchez de l'aide pour (facultatif)</legend>");
        foreach (var service in Vocabularies.Services.Values)
        {
            var name = EnumNames.FromLabel(Vocabularies.Services.Label(service));
            b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"services\" value=\"").Append(name).Append('"')
                .Append(parameters.Services.Contains(service) ? " checked" : "").Append("> ")
                .Append(E(Vocabularies.Services.Label(service))).Append("</label>");
        }

        b.Append("</fieldset><fieldset><legend>Autres critères</legend>");
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"frais_a_charge\" value=\"Gratuit\"").Append(parameters.Frais.Count > 0 ? " checked" : "").Append("> Gratuit</label>");
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"ouvert\" value=\"maintenant\"").Append(parameters.OpenNow ? " checked" : "").Append("> Ouvert maintenant</label>");
        var days = parameters.WorkshopDays ?? Workshops.FilterDays;
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"ateliers\" value=\"").Append(days).Append('"').Append(parameters.WorkshopDays is null ? "" : " checked")
            .Append("> ").Append(Workshops.FilterLabel(days)).Append("</label>");
        b.Append("</fieldset><p><button type=\"submit\">Chercher</button></p></form>");
        return b.ToString();
    }

    private static async Task<IResult> DetailAsync(
        string id, SiteReader reader, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, WebOptions options,
        CancellationToken ct)
    {
        StoredSite? stored = null;
        if (GlobalId.TryDecode(id, out var type, out var key) && type == SiteType.TypeName)
        {
            stored = await reader.GetAnyAsync(key, ct);
        }

        if (stored is { IsWithdrawn: true })
        {
            // 410 Gone, not 404: the address was right, the place is no longer listed (search engines drop it).
            return Page("Lieu retiré de l'annuaire", "", $"""
                <h1>Ce lieu n'est plus référencé</h1>
                <p>« {E(stored.Site.Nom)} » ({E(stored.Site.Adresse.Commune)}) ne figure plus dans les sources de l'annuaire : il a peut-être fermé, déménagé ou changé de nom.</p>
                <p><a href="/">Chercher un lieu près de chez vous</a></p>
                """, status: 410);
        }

        if (stored is null)
        {
            return Page("Lieu introuvable", "", """
                <h1>Ce lieu est introuvable</h1>
                <p>Il a peut-être été retiré de l'annuaire, ou l'adresse de la page est incomplète.</p>
                <p><a href="/">Chercher un lieu près de chez vous</a></p>
                """, status: 404);
        }

        var site = stored.Site;
        var now = clock.GetUtcNow();
        var hours = schedules.Get(site.Horaires);
        var b = new StringBuilder();
        b.Append("<p><a href=\"/\">← Chercher un autre lieu</a></p>");
        b.Append("<h1>").Append(E(site.Nom)).Append("</h1>");
        b.Append(NoticeBanners.Html(site, now, heading: true));
        b.Append("<p class=\"horaire\">").Append(E(OpenState(hours, now, site.Closures))).Append("</p>");
        b.Append(FreshnessLine.Html(freshness.Of(stored)));
        if (site.PresentationResume is { Length: > 0 } resume)
        {
            b.Append("<p>").Append(E(resume)).Append("</p>");
        }

        b.Append("<h2>Adresse</h2><p>").Append(E(Address(site.Adresse))).Append("</p>");
        if (site.Location is { } point)
        {
            b.Append("<p><a href=\"geo:").Append(point.Latitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Longitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\">Itinéraire (ouvre votre application de cartes)</a></p>");
        }

        b.Append("<h2>Horaires</h2>");
        b.Append(WeekTable(hours, site.Horaires, now, site.Closures));
        b.Append(NoticeBanners.Planned(site, now));
        var sessions = await offers.NextSessionsOfSiteAsync(stored.Key, now, Workshops.DetailCount, ct);
        var sessionOffers = await offers.GetOffersAsync(sessions.Select(s => s.OfferKey).ToHashSet(), ct);
        b.Append(Workshops.Block(sessions, sessionOffers, id, now));
        b.Append("<h2>Contact</h2><ul>");
        if (site.Telephone is { Length: > 0 } tel)
        {
            b.Append("<li>Téléphone : <a href=\"tel:").Append(E(tel)).Append("\">").Append(E(Phone(tel))).Append("</a></li>");
        }

        foreach (var mail in site.Courriels)
        {
            b.Append("<li>Courriel : <a href=\"mailto:").Append(E(mail)).Append("\">").Append(E(mail)).Append("</a></li>");
        }

        foreach (var web in site.SiteWeb.Where(IsHttp))
        {
            b.Append("<li>Site : <a href=\"").Append(E(web)).Append("\">").Append(E(web)).Append("</a></li>");
        }

        if (site.PriseRdv is { } rdv && IsHttp(rdv))
        {
            b.Append("<li><a href=\"").Append(E(rdv)).Append("\">Prendre rendez-vous en ligne</a></li>");
        }

        b.Append("</ul>");
        b.Append(Facts(site));
        b.Append("<h2>À propos de ces informations</h2><ul>");
        // The standard's date_maj as the sources give it; the freshness line above also counts people's confirmations.
        b.Append("<li>Mises à jour le ").Append(site.DateMaj.ToString("d MMMM yyyy", French)).Append(" selon la source (date_maj).</li>");
        b.Append("<li>Source : ").Append(E(site.Source ?? stored.Provenance)).Append(stored.Provenance == "mednum-bfc" ? " (MedNum BFC, licence ODbL 1.0)" : "").Append(".</li>");
        b.Append("<li><a href=\"/lieu/").Append(Url(id)).Append("/signaler\">Signaler une erreur sur ce lieu</a>");
        if (stored.Provenance == "mednum-bfc")
        {
            // The place comes from MedNum BFC: its own update form is a second way, that corrects the source.
            b.Append(", ou <a href=\"").Append(E(options.ReportErrorUrl)).Append("\">sur le formulaire de MedNum BFC</a> (autre site)");
        }

        b.Append("</li>");
        b.Append("<li>Vous travaillez dans ce lieu ? <a href=\"/espace/revendiquer?lieu=").Append(Url(id))
            .Append("\">C'est mon lieu : demander à gérer cette fiche</a> (espace médiateurs, connexion nécessaire)</li>");
        b.Append("</ul>");
        return Page(site.Nom, "", b.ToString());
    }

    internal static bool IsHttp(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    internal static string Phone(string international) =>
        international.StartsWith("+33", StringComparison.Ordinal) && international.Length == 12
            ? string.Join(' ', Enumerable.Range(0, 5).Select(i => ("0" + international[3..]).Substring(i * 2, 2)))
            : international;

    private static string WeekTable(OpeningHoursSchedule? hours, string? raw, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures = null)
    {
        if (hours is null)
        {
            return raw is { Length: > 0 }
                ? $"<p>Horaires indiqués : {E(raw)}. Appelez avant de venir pour vérifier.</p>"
                : "<p>Horaires non renseignés : appelez avant de venir.</p>";
        }

        var today = DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime);
        var b = new StringBuilder("<table class=\"semaine\"><caption>Horaires de cette semaine</caption><thead><tr><th scope=\"col\">Jour</th><th scope=\"col\">Horaires</th></tr></thead><tbody>");
        foreach (var day in closures is { Count: > 0 } ? new SiteHours(hours, closures).Week(today) : hours.Week(today))
        {
            var isToday = day.Date == today;
            b.Append(isToday ? "<tr class=\"aujourdhui\" aria-current=\"date\">" : "<tr>");
            b.Append("<th scope=\"row\">").Append(char.ToUpperInvariant(day.JourSemaine[0])).Append(day.JourSemaine[1..]).Append(' ').Append(day.Date.ToString("d MMMM", French));
            if (isToday)
            {
                b.Append(" <strong>(aujourd'hui)</strong>");
            }

            b.Append("</th><td>");
            var parts = day.Intervals.Select(i => $"{Time(i.Start)} – {Time(i.End)}" + (i.Status == OpeningStatus.Unknown ? " (sur rendez-vous)" : "")).ToList();
            b.Append(parts.Count == 0 ? "Fermé" : E(string.Join(", ", parts)));
            b.Append(day.Closure is null ? "" : " (fermeture temporaire)");
            if (day.JourFerie is { } ferie)
            {
                b.Append(" (").Append(E(ferie)).Append(", jour férié)");
            }

            b.Append("</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    private static string Facts(Site site)
    {
        var b = new StringBuilder();
        void Block(string title, IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count == 0)
            {
                return;
            }

            b.Append("<h2>").Append(title).Append("</h2><ul>");
            foreach (var value in list)
            {
                b.Append("<li>").Append(E(value)).Append("</li>");
            }

            b.Append("</ul>");
        }

        Block("On peut vous aider pour", site.Services.Select(Vocabularies.Services.Label));
        Block("Prix", site.FraisACharge.Select(Vocabularies.Frais.Label));
        Block("Comment être accompagné", site.ModalitesAccompagnement.Select(Vocabularies.ModalitesAccompagnement.Label));
        Block("Comment venir", site.ModalitesAcces.Select(Vocabularies.ModalitesAcces.Label));
        Block("Publics accueillis", site.PublicsSpecifiquementAdresses.Count == 0 ? ["Tout public"] : site.PublicsSpecifiquementAdresses.Select(Vocabularies.Publics.Label));
        Block("Accueil adapté", site.PriseEnChargeSpecifique.Select(Vocabularies.PrisesEnCharge.Label));
        if (site.FicheAccesLibre is { } acces && IsHttp(acces))
        {
            b.Append("<p><a href=\"").Append(E(acces)).Append("\">Accessibilité du lieu (fiche Acceslibre)</a></p>");
        }

        return b.ToString();
    }

    /// <summary>The query of /lieux: a commune or a text, and the same filter names as the widget.</summary>
    internal sealed record Parameters(string? Commune, string? Text, IReadOnlyList<Service> Services, IReadOnlyList<FraisACharge> Frais, bool OpenNow, int Count, int? WorkshopDays = null)
    {
        public static readonly Parameters Empty = new(null, null, [], [], false, DefaultCount);

        public static Parameters Read(IQueryCollection query) => Read(name => query[name]);

        /// <summary>The same fields, posted by the form (<c>POST /lieux</c>).</summary>
        public static Parameters Read(IFormCollection form) => Read(name => form[name]);

        private static Parameters Read(Func<string, Microsoft.Extensions.Primitives.StringValues> query) => new(
            query("commune").FirstOrDefault()?.Trim(),
            query("q").FirstOrDefault()?.Trim(),
            Values(query("services"), Vocabularies.Services),
            Values(query("frais_a_charge"), Vocabularies.Frais),
            query("ouvert").FirstOrDefault() == "maintenant",
            int.TryParse(query("nombre").FirstOrDefault(), out var n) ? Math.Clamp(n, 1, 100) : DefaultCount,
            // ateliers=14: places with a session (not cancelled) in the next 14 days; 1 to 366 days, as hasSessionWithinDays.
            int.TryParse(query("ateliers").FirstOrDefault(), out var d) && d is >= 1 and <= 366 ? d : null);

        /// <summary>The filters as hidden fields of a form that posts the search again (« Voir plus de lieux »).</summary>
        public string HiddenFilters() =>
            string.Concat(FilterQuery().Split("&amp;", StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Select(kv =>
                $"<input type=\"hidden\" name=\"{kv[0]}\" value=\"{E(Uri.UnescapeDataString(kv[1]))}\">"));

        public SiteFilter Filter(DateTimeOffset now) => new()
        {
            Services = Services,
            FraisACharge = Frais,
            OpenAt = OpenNow ? now : null,
        };

        public string FilterQuery()
        {
            var b = new StringBuilder();
            foreach (var s in Services)
            {
                b.Append("&amp;services=").Append(EnumNames.FromLabel(Vocabularies.Services.Label(s)));
            }

            foreach (var f in Frais)
            {
                b.Append("&amp;frais_a_charge=").Append(Url(Vocabularies.Frais.Label(f)));
            }

            if (OpenNow)
            {
                b.Append("&amp;ouvert=maintenant");
            }

            return WorkshopDays is { } days ? b.Append("&amp;ateliers=").Append(days).ToString() : b.ToString();
        }

        /// <summary>Labels of the standard (as the Cartographie nationale puts them in its URLs) or GraphQL names, one per parameter or joined with | or ,.</summary>
        private static T[] Values<T>(Microsoft.Extensions.Primitives.StringValues raw, ScoranInclusion.Domain.Vocabulary<T> vocabulary) where T : struct, Enum
        {
            var result = new List<T>();
            foreach (var value in raw.SelectMany(v => (v ?? "").Split('|', ',')).Select(v => v.Trim()).Where(v => v.Length > 0))
            {
                var byName = vocabulary.Values.Where(x => EnumNames.FromLabel(vocabulary.Label(x)) == value).Cast<T?>().FirstOrDefault();
                if (byName is { } named)
                {
                    result.Add(named);
                }
                else if (vocabulary.TryParseLenient(value, out var labelled))
                {
                    result.Add(labelled);
                }
            }

            return [.. result.Distinct()];
        }
    }
}
