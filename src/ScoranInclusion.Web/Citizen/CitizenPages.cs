using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Offers;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Addresses;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Web.Languages;
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
        app.MapGet("/", (HttpContext http) =>
        {
            var t = LanguageChoice.Resolve(http.Request);
            return Page(t, LanguageChoice.Menu(t, http.Request), t.T("home.title"), "/", Home(t, options));
        });
        app.MapGet("/lieux", ListAsync);
        // The form's own way: a typed address travels in the body, never in the address of a page.
        app.MapPost("/lieux", SearchAsync);
        app.MapGet("/lieu/{id}", (HttpContext http, string id, SiteReader reader, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, CancellationToken ct) =>
            DetailAsync(http, id, reader, offers, schedules, freshness, clock, options, ct));
    }

    // The widget speaks the page's language (its langue attribute), whatever chose it.
    private static string Home(Texts t, WebOptions options) => $$"""
        <h1>{{t.H("home.heading")}}</h1>
        <p class="chapo">{{t.H("home.intro")}}</p>
        <scoran-carte lire-url titre-niveau="2" langue="{{t.Language.Code}}"{{TileAttributes(options)}}></scoran-carte>
        <noscript>
        <p>{{t.H("home.noscript")}}</p>
        {{SearchForm(t, null, Parameters.Empty)}}
        </noscript>
        <script src="/widget/scoran-carte.js" defer></script>
        """;

    internal static string TileAttributes(WebOptions options) => options.TileUrl.Length == 0 ? ""
        : $" tuiles=\"{E(options.TileUrl)}\" tuiles-attribution=\"{E(options.TileAttribution)}\"";

    private static async Task<IResult> ListAsync(
        HttpContext http, CommuneDirectory communes, SiteSearch search, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock,
        CancellationToken ct)
    {
        var t = LanguageChoice.Resolve(http.Request);
        var menu = LanguageChoice.Menu(t, http.Request);
        var parameters = Parameters.Read(http.Request.Query);
        var body = new StringBuilder();
        body.Append("<h1>").Append(t.H("list.heading")).Append("</h1>");
        body.Append(SearchForm(t, parameters.Text ?? parameters.Commune, parameters));

        Commune? commune = null;
        IReadOnlyList<Commune> others = [];
        if (parameters.Commune is { Length: > 0 } code)
        {
            commune = communes.FindByInsee(code);
            if (commune is null)
            {
                body.Append("<p class=\"erreur\" role=\"alert\">").Append(t.H("list.unknownInsee", ("code", code))).Append("</p>");
            }
        }
        else if (parameters.Text is { Length: > 0 and <= 100 } text)
        {
            var found = communes.Search(text, 6);
            commune = found.Count > 0 ? found[0] : null;
            others = found.Skip(1).ToList();
            if (commune is null)
            {
                body.Append("<p class=\"erreur\" role=\"alert\">").Append(t.H("list.noCommune", ("text", text))).Append("</p>");
            }
        }

        if (commune is null)
        {
            return Page(t, menu, t.T("list.title"), "/lieux", body.ToString(), SearchScript, status: parameters.Commune is { Length: > 0 } ? 404 : 200);
        }

        var postal = commune.CodesPostaux.Count > 0 ? commune.CodesPostaux[0] : commune.CodeDepartement;
        var withoutFilters = $"<a href=\"{t.Link($"/lieux?commune={Url(commune.CodeInsee)}")}\">{t.H("list.noMatchLink")}</a>";
        var more = $"<p><a href=\"{t.Link($"/lieux?commune={Url(commune.CodeInsee)}{parameters.FilterQuery()}&amp;nombre={Math.Min(100, parameters.Count + DefaultCount)}")}\">{t.H("list.more")}</a></p>";
        await AppendResultsAsync(t, body, commune.Location, commune.Nom, postal, parameters, others, withoutFilters, more, search, offers, schedules, freshness, clock, ct);
        return Page(t, menu, t.T("list.titleNear", ("commune", commune.Nom)), "/lieux", body.ToString(), SearchScript);
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

        var form = await RequestForms.ReadAsync(http.Request);
        // The language travels in the form (its hidden field) like the rest: never in a cookie.
        var t = Language.Find(form[LanguageChoice.Parameter].FirstOrDefault()) is { } chosen ? new Texts(chosen, chosen: true) : LanguageChoice.Resolve(http.Request);
        var menu = LanguageChoice.Menu(t, http.Request);
        var parameters = Parameters.Read(form);
        var text = parameters.Text ?? "";
        var body = new StringBuilder("<h1>").Append(t.H("list.heading")).Append("</h1>");
        if (text.Length is 0 or > AddressQuery.MaxLength)
        {
            body.Append(SearchForm(t, null, parameters));
            body.Append("<p class=\"erreur\" role=\"alert\">").Append(t.H("address.empty")).Append("</p>");
            return Page(t, menu, t.T("list.title"), "/lieux", body.ToString(), SearchScript, status: 400);
        }

        var asAddress = AddressSearchTexts.LooksLikeAddress(text);
        var commune = text.Length <= 100 && communes.Search(text, 1) is [var first] ? first : null;
        if (commune is not null && !asAddress)
        {
            // A commune's name or a postal code: its own page, as the form always gave (the text is no address).
            return Results.Redirect($"/lieux?q={Url(text)}{parameters.FilterQuery().Replace("&amp;", "&", StringComparison.Ordinal)}" + (parameters.Count != DefaultCount ? $"&nombre={parameters.Count}" : "")
                + (t.Chosen ? "&langue=" + t.Language.Code : ""));
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
                return Results.Redirect($"/lieux?commune={Url(commune.CodeInsee)}{parameters.FilterQuery().Replace("&amp;", "&", StringComparison.Ordinal)}"
                    + (t.Chosen ? "&langue=" + t.Language.Code : ""));
            }

            body.Append(SearchForm(t, text, parameters));
            body.Append("<p class=\"erreur\" role=\"alert\">").Append(t.H("address.notFound", ("text", text))).Append("</p>");
            return Page(t, menu, t.T("list.title"), "/lieux", body.ToString(), SearchScript);
        }

        var label = AddressSearchTexts.Label(address);
        body.Append(SearchForm(t, address.Label, parameters));
        // « Voir plus » and « sans filtre » post the address again: a link would carry it in its URL.
        var again = $"<input type=\"hidden\" name=\"q\" value=\"{E(address.Label)}\">{t.FormField()}";
        var withoutFilters = $"<form class=\"en-ligne\" method=\"post\" action=\"/lieux\">{again}<button type=\"submit\" class=\"lien\">{t.H("list.noMatchLink")}</button></form>";
        var more = $"<form method=\"post\" action=\"/lieux\">{again}{parameters.HiddenFilters()}<input type=\"hidden\" name=\"nombre\" value=\"{Math.Min(100, parameters.Count + DefaultCount)}\"><p><button type=\"submit\">{t.H("list.more")}</button></p></form>";
        await AppendResultsAsync(t, body, address.Location, label, null, parameters, [], withoutFilters, more, search, offers, schedules, freshness, clock, ct);
        return Page(t, menu, t.T("list.titleNear", ("commune", label)), "/lieux", body.ToString(), SearchScript);
    }

    /// <summary>The heading and list of the places nearest to <paramref name="origin"/> (« près <paramref name="where"/> »).</summary>
    private static async Task AppendResultsAsync(
        Texts t, StringBuilder body, GeoPoint origin, string where, string? postal, Parameters parameters, IReadOnlyList<Commune> others, string withoutFilters, string more,
        SiteSearch search, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filter = parameters.Filter(now);
        if (parameters.WorkshopDays is { } days)
        {
            filter = filter with { OnlySites = await offers.SitesWithSessionsAsync(now, now.AddDays(days), ct) };
        }

        var page = await search.NearestAsync(origin, filter, parameters.Count, null, double.PositiveInfinity, ct);
        var filtered = parameters.FilterQuery().Length > 0;
        // A commune with its postal code; an address (its label says its commune) alone.
        var heading = postal is not null
            ? (page.Items.Count > 0 ? t.HP("list.count", page.Items.Count, ("commune", new FrenchText(where)), ("code", postal))
                : t.H(filtered ? "list.noneFiltered" : "list.none", ("commune", new FrenchText(where)), ("code", postal)))
            : (page.Items.Count > 0 ? t.HP("list.near", page.Items.Count, ("commune", new FrenchText(where)))
                : t.H(filtered ? "list.nearNoneFiltered" : "list.nearNone", ("commune", new FrenchText(where))));
        body.Append("<h2 id=\"resultats\">").Append(heading).Append("</h2>");
        // The digital bus's next stops near the searched point (as nextVisits), before the places.
        body.Append(PlaceHighlights.VisitsBlock(t, "bus.near",
            NextVisitsResolver.Near(await offers.StopsAsync(ct), schedules, origin, PlaceHighlights.BusRadiusMeters, now, PlaceHighlights.StopCount),
            now, withDistance: true));
        if (others.Count > 0)
        {
            body.Append("<p>").Append(t.H("list.otherCommunes")).Append(' ');
            body.AppendJoin(E(t.T("list.separator")), others.Select(o => $"<a href=\"{t.Link($"/lieux?commune={Url(o.CodeInsee)}{parameters.FilterQuery()}")}\">{t.FrSpan(o.Nom)} ({E(o.CodesPostaux.Count > 0 ? o.CodesPostaux[0] : o.CodeDepartement)})</a>"));
            body.Append("</p>");
        }

        if (page.Items.Count == 0)
        {
            // Without a filter the whole directory is searched: only an empty directory gives nothing.
            body.Append(parameters.FilterQuery().Length > 0
                    ? $"<p>{t.H("list.noMatch")} {withoutFilters}."
                    : $"<p>{t.H("list.empty")}")
                .Append(parameters.Frais.Count > 0 ? " " + t.H("list.freeNote") : "")
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
                    ? Workshops.NextLine(t, s, o.Offer, now) : null;
                body.Append(Card(t, item, schedules.Get(item.Site.Site.Horaires), now, workshop, freshness.Of(item.Site)));
            }

            body.Append("</ol>");
            if (page.HasNextPage && parameters.Count < 100)
            {
                body.Append(more);
            }
        }
    }

    private static string Card(Texts t, NearestResult item, OpeningHoursSchedule? hours, DateTimeOffset now, string? workshop, Freshness freshness)
    {
        var site = item.Site.Site;
        var id = GlobalId.Encode(SiteType.TypeName, item.Site.Key);
        var b = new StringBuilder("<li class=\"lieu\">");
        b.Append("<h3><a href=\"").Append(t.Link("/lieu/" + Url(id))).Append('"').Append(t.Fr).Append('>').Append(E(site.Nom)).Append("</a></h3>");
        b.Append("<p class=\"distance\">").Append(E(Distance(t, item.DistanceMeters))).Append(" · ").Append(t.FrSpan(Address(site.Adresse))).Append("</p>");
        b.Append(NoticeBanners.Html(t, site, now, heading: false));
        b.Append("<p class=\"horaire\">").Append(OpenStateHtml(t, hours, now, site.Closures)).Append("</p>");
        if (workshop is not null)
        {
            b.Append("<p class=\"prochain-atelier\">").Append(workshop).Append("</p>");
        }

        if (site.Services.Count > 0)
        {
            b.Append("<p><strong>").Append(t.H("card.for")).Append("</strong></p>").Append(ServiceIcons.List(t, site.Services));
        }

        if (site.FraisACharge.Count > 0)
        {
            b.Append("<p><strong>").Append(t.H("card.price")).Append("</strong> ")
                .Append(E(string.Join(t.T("list.separator"), site.FraisACharge.Select(f => Label(t, "frais", Vocabularies.Frais, f))))).Append("</p>");
        }

        b.Append(PlaceHighlights.LanguagesLine(t, site));
        b.Append(FreshnessLine.Html(t, freshness));
        b.Append("</li>");
        return b.ToString();
    }

    /// <summary>The display label of a value of the standard in the page's language (the value itself stays the standard's).</summary>
    internal static string Label<T>(Texts t, string group, ScoranInclusion.Domain.Vocabulary<T> vocabulary, T value) where T : struct, Enum =>
        t.Label(group, EnumNames.FromLabel(vocabulary.Label(value)));

    internal static string Address(Adresse adresse) =>
        string.Join(", ", new[] { adresse.Voie, adresse.Complement, $"{adresse.CodePostal} {adresse.Commune}" }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>
    /// The suggestions' count words for /widget/recherche.js on a page in another language (the catalogue's plural forms of
    /// <c>address.choices</c>, the count written %n, and « none »); a French page keeps its markup and the script's own words.
    /// </summary>
    private static string ChoicesAttribute(Texts t)
    {
        if (t.Language == Language.French)
        {
            return "";
        }

        const string Prefix = "address.choices#";
        var forms = t.Language.Messages.Where(m => m.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[Prefix.Length..], m => m.Value.Replace("{n}", "%n", StringComparison.Ordinal));
        forms["none"] = t.T("address.choicesNone");
        return $" data-choix=\"{E(System.Text.Json.JsonSerializer.Serialize(forms))}\"";
    }

    private static string SearchForm(Texts t, string? value, Parameters parameters)
    {
        // POST: the text typed may be an address, which never goes into a URL.
        var b = new StringBuilder("<form class=\"recherche\" method=\"post\" action=\"/lieux\" role=\"search\">").Append(t.FormField());
        b.Append("<p><label for=\"q\">").Append(t.H("search.labelAddress")).Append("</label> <input id=\"q\" name=\"q\" type=\"text\" autocomplete=\"address-level2\" required value=\"")
            .Append(E(value)).Append('"').Append(ChoicesAttribute(t)).Append("></p>");
        b.Append("<fieldset><legend>").Append(t.H("search.servicesLegend")).Append("</legend>");
        foreach (var service in Vocabularies.Services.Values)
        {
            var name = EnumNames.FromLabel(Vocabularies.Services.Label(service));
            b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"services\" value=\"").Append(name).Append('"')
                .Append(parameters.Services.Contains(service) ? " checked" : "").Append("> ")
                .Append(E(t.Label("service", name))).Append("</label>");
        }

        b.Append("</fieldset><fieldset><legend>").Append(t.H("search.otherLegend")).Append("</legend>");
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"frais_a_charge\" value=\"Gratuit\"").Append(parameters.Frais.Count > 0 ? " checked" : "").Append("> ").Append(t.H("search.free")).Append("</label>");
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"ouvert\" value=\"maintenant\"").Append(parameters.OpenNow ? " checked" : "").Append("> ").Append(t.H("search.openNow")).Append("</label>");
        var days = parameters.WorkshopDays ?? Workshops.FilterDays;
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"ateliers\" value=\"").Append(days).Append('"').Append(parameters.WorkshopDays is null ? "" : " checked")
            .Append("> ").Append(E(Workshops.FilterLabel(t, days))).Append("</label>");
        b.Append(PlaceHighlights.LanguageSelect(t, parameters.Langues ?? []));
        b.Append("</fieldset><p><button type=\"submit\">").Append(t.H("search.submit")).Append("</button></p></form>");
        return b.ToString();
    }

    private static async Task<IResult> DetailAsync(
        HttpContext http, string id, SiteReader reader, OfferReader offers, ScheduleCache schedules, PlaceFreshness freshness, TimeProvider clock, WebOptions options,
        CancellationToken ct)
    {
        var t = LanguageChoice.Resolve(http.Request);
        var menu = LanguageChoice.Menu(t, http.Request);
        StoredSite? stored = null;
        if (GlobalId.TryDecode(id, out var type, out var key) && type == SiteType.TypeName)
        {
            stored = await reader.GetAnyAsync(key, ct);
        }

        if (stored is { IsWithdrawn: true })
        {
            // 410 Gone, not 404: the address was right, the place is no longer listed (search engines drop it).
            return Page(t, menu, t.T("detail.withdrawnTitle"), "", $"""
                <h1>{t.H("detail.withdrawnHeading")}</h1>
                <p>{t.H("detail.withdrawn", ("name", new FrenchText(stored.Site.Nom)), ("commune", new FrenchText(stored.Site.Adresse.Commune)))}</p>
                <p><a href="{t.Link("/")}">{t.H("detail.searchNear")}</a></p>
                """, status: 410);
        }

        if (stored is null)
        {
            return NotFound(t, menu);
        }

        var site = stored.Site;
        var now = clock.GetUtcNow();
        var hours = schedules.Get(site.Horaires);
        var b = new StringBuilder();
        b.Append("<p><a href=\"").Append(t.Link("/")).Append("\">").Append(t.H("detail.back")).Append("</a></p>");
        b.Append("<h1").Append(t.Fr).Append('>').Append(E(site.Nom)).Append("</h1>");
        b.Append(NoticeBanners.Html(t, site, now, heading: true));
        b.Append(PlaceHighlights.FirstAction(t, site));
        b.Append("<p class=\"horaire\">").Append(OpenStateHtml(t, hours, now, site.Closures)).Append("</p>");
        b.Append(FreshnessLine.Html(t, freshness.Of(stored)));
        if (site.PresentationResume is { Length: > 0 } resume)
        {
            b.Append("<p").Append(t.Fr).Append('>').Append(E(resume)).Append("</p>");
        }

        b.Append("<h2>").Append(t.H("detail.address")).Append("</h2><p").Append(t.Fr).Append('>').Append(E(Address(site.Adresse))).Append("</p>");
        if (site.Location is { } point)
        {
            b.Append("<p><a href=\"geo:").Append(point.Latitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Longitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\">").Append(t.H("detail.route")).Append("</a></p>");
        }

        b.Append("<h2>").Append(t.H("detail.hours")).Append("</h2>");
        b.Append(WeekTable(t, hours, site.Horaires, now, site.Closures));
        b.Append(NoticeBanners.Planned(t, site, now));
        var sessions = await offers.NextSessionsOfSiteAsync(stored.Key, now, Workshops.DetailCount, ct);
        var sessionOffers = await offers.GetOffersAsync(sessions.Select(s => s.OfferKey).ToHashSet(), ct);
        b.Append(Workshops.Block(t, sessions, sessionOffers, id, now));
        // The routes this place runs (a digital bus): their next stops.
        var ownStops = (await offers.StopsAsync(ct)).Where(s => s.OperatorSiteKey == stored.Key).ToList();
        b.Append(PlaceHighlights.VisitsBlock(t, "bus.ofPlace",
            NextVisitsResolver.Near(ownStops, schedules, site.Location ?? ownStops.FirstOrDefault()?.Location ?? default, double.PositiveInfinity, now, PlaceHighlights.StopCount),
            now, withDistance: false));
        b.Append("<h2>").Append(t.H("detail.contact")).Append("</h2><ul>");
        if (site.Telephone is { Length: > 0 } tel)
        {
            b.Append("<li>").Append(t.H("detail.phone")).Append(" <a href=\"tel:").Append(E(tel)).Append("\" dir=\"ltr\">").Append(E(Phone(tel))).Append("</a></li>");
        }

        foreach (var mail in site.Courriels)
        {
            b.Append("<li>").Append(t.H("detail.email")).Append(" <a href=\"mailto:").Append(E(mail)).Append("\" dir=\"ltr\">").Append(E(mail)).Append("</a></li>");
        }

        foreach (var web in site.SiteWeb.Where(IsHttp))
        {
            b.Append("<li>").Append(t.H("detail.website")).Append(" <a href=\"").Append(E(web)).Append("\" dir=\"ltr\">").Append(E(web)).Append("</a></li>");
        }

        if (site.PriseRdv is { } rdv && IsHttp(rdv))
        {
            b.Append("<li><a href=\"").Append(E(rdv)).Append("\">").Append(t.H("detail.booking")).Append("</a></li>");
        }

        b.Append("</ul>");
        b.Append(PlaceHighlights.LanguagesBlock(t, site));
        b.Append(Facts(t, site));
        b.Append("<h2>").Append(t.H("detail.about")).Append("</h2><ul>");
        // The standard's date_maj as the sources give it; the freshness line above also counts people's confirmations.
        b.Append("<li>").Append(t.H("detail.updatedSource", ("date", t.DayMonthYear(site.DateMaj)))).Append("</li>");
        b.Append("<li>").Append(t.H("detail.source", ("source", new FrenchText((site.Source ?? stored.Provenance) + (stored.Provenance == "mednum-bfc" ? " (MedNum BFC, licence ODbL 1.0)" : ""))))).Append("</li>");
        b.Append("<li><a href=\"").Append(t.Link("/lieu/" + Url(id) + "/signaler")).Append("\">").Append(t.H("detail.report")).Append("</a>");
        if (stored.Provenance == "mednum-bfc")
        {
            // The place comes from MedNum BFC: its own update form is a second way, that corrects the source.
            b.Append(", ").Append(t.H("detail.reportMednum", ("link", new Raw($"<a href=\"{E(options.ReportErrorUrl)}\">{t.H("detail.reportMednumLink")}</a>"))));
        }

        b.Append("</li>");
        b.Append("<li>").Append(t.H("detail.claim")).Append(" <a href=\"/espace/revendiquer?lieu=").Append(Url(id))
            .Append("\">").Append(t.H("detail.claimLink")).Append("</a> ").Append(t.H("detail.claimNote")).Append("</li>");
        b.Append("</ul>");
        return Page(t, menu, site.Nom, "", b.ToString());
    }

    internal static IResult NotFound(Texts t, string menu) => Page(t, menu, t.T("detail.notFoundTitle"), "", $"""
        <h1>{t.H("detail.notFoundHeading")}</h1>
        <p>{t.H("detail.notFound")}</p>
        <p><a href="{t.Link("/")}">{t.H("detail.searchNear")}</a></p>
        """, status: 404);

    internal static bool IsHttp(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    internal static string Phone(string international) =>
        international.StartsWith("+33", StringComparison.Ordinal) && international.Length == 12
            ? string.Join(' ', Enumerable.Range(0, 5).Select(i => ("0" + international[3..]).Substring(i * 2, 2)))
            : international;

    private static string WeekTable(Texts t, OpeningHoursSchedule? hours, string? raw, DateTimeOffset now, IReadOnlyList<SiteClosure>? closures = null)
    {
        if (hours is null)
        {
            return raw is { Length: > 0 }
                ? $"<p>{t.H("week.rawHours", ("hours", new Raw($"<span{t.Fr} dir=\"ltr\">{E(raw)}</span>")))}</p>"
                : $"<p>{t.H("week.noHours")}</p>";
        }

        var today = DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime);
        var b = new StringBuilder("<table class=\"semaine\"><caption>").Append(t.H("week.caption")).Append("</caption><thead><tr><th scope=\"col\">")
            .Append(t.H("week.day")).Append("</th><th scope=\"col\">").Append(t.H("week.hours")).Append("</th></tr></thead><tbody>");
        foreach (var day in closures is { Count: > 0 } ? new SiteHours(hours, closures).Week(today) : hours.Week(today))
        {
            var isToday = day.Date == today;
            b.Append(isToday ? "<tr class=\"aujourdhui\" aria-current=\"date\">" : "<tr>");
            var weekday = t.Weekday(day.Date);
            b.Append("<th scope=\"row\">").Append(E(char.ToUpper(weekday[0], t.Culture) + weekday[1..])).Append(' ').Append(E(t.DayMonth(day.Date)));
            if (isToday)
            {
                b.Append(" <strong>").Append(t.H("week.today")).Append("</strong>");
            }

            b.Append("</th><td>");
            var parts = day.Intervals.Select(i => $"{t.Time(i.Start)} – {t.Time(i.End)}" + (i.Status == OpeningStatus.Unknown ? " " + t.T("week.appointment") : "")).ToList();
            b.Append(parts.Count == 0 ? t.H("week.closed") : E(string.Join(t.T("list.separator"), parts)));
            b.Append(day.Closure is null ? "" : " " + t.H("week.temporaryClosure"));
            if (day.JourFerie is { } ferie)
            {
                b.Append(' ').Append(t.H("week.holiday", ("name", HolidayName(t, ferie))));
            }

            b.Append("</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    /// <summary>A French public holiday's name in the page's language (the name itself when the catalogue lacks it).</summary>
    internal static string HolidayName(Texts t, string french) =>
        t.Language.Messages.TryGetValue("holiday." + french, out var name) ? name : french;

    private static string Facts(Texts t, Site site)
    {
        var b = new StringBuilder();
        void Block(string titleKey, IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count == 0)
            {
                return;
            }

            b.Append("<h2>").Append(t.H(titleKey)).Append("</h2><ul>");
            foreach (var value in list)
            {
                b.Append("<li>").Append(E(value)).Append("</li>");
            }

            b.Append("</ul>");
        }

        if (site.Services.Count > 0)
        {
            b.Append("<h2>").Append(t.H("facts.services")).Append("</h2>").Append(ServiceIcons.List(t, site.Services));
        }

        Block("facts.price", site.FraisACharge.Select(v => Label(t, "frais", Vocabularies.Frais, v)));
        Block("facts.accompaniment", site.ModalitesAccompagnement.Select(v => Label(t, "accompagnement", Vocabularies.ModalitesAccompagnement, v)));
        Block("facts.access", site.ModalitesAcces.Select(v => Label(t, "acces", Vocabularies.ModalitesAcces, v)));
        Block("facts.publics", site.PublicsSpecifiquementAdresses.Count == 0 ? [t.T("facts.allPublics")] : site.PublicsSpecifiquementAdresses.Select(v => Label(t, "public", Vocabularies.Publics, v)));
        Block("facts.adapted", site.PriseEnChargeSpecifique.Select(v => Label(t, "priseEnCharge", Vocabularies.PrisesEnCharge, v)));
        if (site.FicheAccesLibre is { } acces && IsHttp(acces))
        {
            b.Append("<p><a href=\"").Append(E(acces)).Append("\">").Append(t.H("detail.accesLibre")).Append("</a></p>");
        }

        return b.ToString();
    }

    /// <summary>The query of /lieux: a commune or a text, and the same filter names as the widget.</summary>
    internal sealed record Parameters(string? Commune, string? Text, IReadOnlyList<Service> Services, IReadOnlyList<FraisACharge> Frais, bool OpenNow, int Count, int? WorkshopDays = null,
        IReadOnlyList<string>? Langues = null)
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
            int.TryParse(query("ateliers").FirstOrDefault(), out var d) && d is >= 1 and <= 366 ? d : null,
            // langues=uk or langues=uk,ar: ISO 639-1 codes of the table; unknown ones are left out.
            [.. SpokenLanguages.Normalize(query("langues").SelectMany(v => (v ?? "").Split('|', ','))).Where(c => SpokenLanguages.Find(c) is not null)]);

        /// <summary>The filters as hidden fields of a form that posts the search again (« Voir plus de lieux »).</summary>
        public string HiddenFilters() =>
            string.Concat(FilterQuery().Split("&amp;", StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Select(kv =>
                $"<input type=\"hidden\" name=\"{kv[0]}\" value=\"{E(Uri.UnescapeDataString(kv[1]))}\">"));

        public SiteFilter Filter(DateTimeOffset now) => new()
        {
            Services = Services,
            FraisACharge = Frais,
            OpenAt = OpenNow ? now : null,
            Langues = Langues ?? [],
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

            if (Langues is { Count: > 0 })
            {
                b.Append("&amp;langues=").Append(Url(string.Join(',', Langues)));
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
