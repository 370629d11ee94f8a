using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Search.Coverage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// <c>/couverture</c>: for a territory and a filter, the share of people near a place, the communes
/// far from any (« zones blanches »), a map of the communes coloured by distance and the table of
/// every commune (the map's accessible alternative, sorted by distance, farthest first). Works
/// without JavaScript (form, figures, table); <c>couverture.js</c> draws the map and sorts the table.
/// </summary>
internal static class CouverturePage
{
    public const string Path = "/couverture";

    /// <summary>As the other pages, but no inline style at all: the map's stylesheet is a file.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private const int ZonesBlanchesShown = 30;

    public static void Map(WebApplication app) => app.MapGet(Path, RenderAsync);

    private static async Task<IResult> RenderAsync(
        HttpContext http, CoverageTerritories territories, CoverageService coverage, SiteReader reader, TimeProvider clock, CancellationToken ct)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        const string title = "Couverture du territoire";
        const string head = "<link rel=\"stylesheet\" href=\"/widget/couverture.css\">";
        if (!CoverageRequest.TryRead(http.Request.Query, territories, out var request, out var error))
        {
            var failed = new StringBuilder();
            failed.Append("<h1>Couverture du territoire par les lieux d'aide au numérique</h1>");
            failed.Append("<p class=\"erreur\" role=\"alert\">").Append(E(error.Message)).Append("</p>");
            failed.Append(Form(territories, null));
            return Page(title, Path, failed.ToString(), head, StatusCodes.Status400BadRequest);
        }

        // Without a filter that the hour changes, the page is rendered once per publication and kept (PublishedAnswers).
        var answers = http.RequestServices.GetRequiredService<PublishedAnswers>();
        var keep = answers.Enabled && request.IsTimeIndependent;
        var key = "page" + Path + http.Request.QueryString.Value;
        if (keep && answers.Find(key) is { } kept)
        {
            return new PublishedAnswerResult(kept);
        }

        var stamp = answers.Current;
        var now = clock.GetUtcNow();
        var report = await coverage.ComputeAsync(request.Territory, request.Filter(now), request.Filters.WorkshopDays, request.ThresholdsKm, request.Fraicheur, ct);
        var sites = await reader.GetManyAsync([.. report.Communes.Select(r => r.NearestKey).OfType<long>().Distinct()], ct);
        var pageTitle = $"{title} : {report.Territory.Nom}";
        var body = Body(territories, request, report, sites);
        if (!keep)
        {
            return Page(pageTitle, Path, body, head);
        }

        return new PublishedAnswerResult(answers.Keep(key, stamp, Encoding.UTF8.GetBytes(Layout(pageTitle, Path, body, head)), "text/html; charset=utf-8"));
    }

    private static string Body(CoverageTerritories territories, CoverageRequest request, CoverageReport report, IReadOnlyDictionary<long, StoredSite> sites)
    {
        var territory = report.Territory;
        var summary = report.Summary;
        var thresholds = report.ThresholdsKm;
        var b = new StringBuilder(report.Communes.Count * 260 + 20_000);
        b.Append("<h1>Couverture du territoire par les lieux d'aide au numérique</h1>");
        b.Append("<p class=\"chapo\">Pour chaque commune, la distance à vol d'oiseau (géodésique) de son point représentatif au lieu d'aide le plus proche, ")
            .Append("et la part de la population qui vit à moins de chaque distance. Les lieux voisins hors du territoire comptent aussi.</p>");
        b.Append(Form(territories, request));

        b.Append("<h2 id=\"chiffres\">").Append(E(LevelName(territory))).Append("</h2>");
        b.Append("<p>").Append(Number(summary.Population)).Append(" habitants, ").Append(Number(summary.CommuneCount))
            .Append(summary.CommuneCount > 1 ? " communes" : " commune").Append(". ")
            .Append(Number(report.PlaceCount)).Append(report.PlaceCount > 1 ? " lieux correspondent" : " lieu correspond").Append(" au filtre")
            .Append(FilterText(request)).Append(".</p>");

        b.Append("<table class=\"chiffres\"><caption>Population à une distance donnée d'un lieu</caption><thead><tr>")
            .Append("<th scope=\"col\">Distance au lieu le plus proche</th><th scope=\"col\">Habitants</th><th scope=\"col\">Part de la population</th><th scope=\"col\">Communes</th></tr></thead><tbody>");
        foreach (var within in summary.Within)
        {
            b.Append("<tr><th scope=\"row\">").Append(Km(within.Km)).Append(" au plus</th><td>").Append(Number(within.Population))
                .Append("</td><td>").Append(Percent(within.Share)).Append("</td><td>").Append(Number(within.Communes)).Append("</td></tr>");
        }

        var beyondPopulation = summary.ZonesBlanches.Sum(r => (long)r.Population);
        b.Append("<tr><th scope=\"row\">Au-delà de ").Append(Km(thresholds[^1])).Append(" (zones blanches)</th><td>").Append(Number(beyondPopulation))
            .Append("</td><td>").Append(Percent(summary.Population == 0 ? 0 : (double)beyondPopulation / summary.Population)).Append("</td><td>")
            .Append(Number(summary.ZonesBlanches.Count)).Append("</td></tr></tbody></table>");

        if (report.Parts.Count > 0)
        {
            Parts(b, request, report);
        }

        var classes = Classes(thresholds);
        var rows = report.Communes.OrderByDescending(r => r.DistanceMeters ?? double.PositiveInfinity).ThenBy(r => r.Commune.CodeInsee, StringComparer.Ordinal).ToList();
        b.Append("<h2 id=\"carte\">Carte des communes selon la distance</h2>");
        b.Append("<div class=\"carte-bloc\"><div id=\"carte-couverture\" class=\"carte-couverture\" data-contours=\"/geodata/communes/")
            .Append(territory.Level.ToString().ToLowerInvariant()).Append('/').Append(Url(territory.Code)).Append(".geojson\" role=\"region\" aria-label=\"Carte des communes colorées selon la distance au lieu le plus proche (les mêmes informations sont dans le tableau des communes)\">")
            .Append("<p class=\"carte-absente\">La carte a besoin de JavaScript ; toutes ses informations sont dans le tableau des communes, plus bas.</p></div><p id=\"carte-etat\" class=\"visuellement-cache\" role=\"status\"></p>");
        b.Append("<div class=\"legende\" id=\"legende\"><h3>Légende</h3><p class=\"aide\">Chaque commune a la couleur de sa classe de distance ; la classe la plus éloignée est aussi hachurée. ")
            .Append("Le tableau donne la classe en toutes lettres.</p><ul>");
        for (var k = 0; k < classes.Count; k++)
        {
            var count = rows.Count(r => ClassOf(r, thresholds) == k);
            b.Append("<li><svg class=\"pastille\" width=\"28\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"").Append(ClassCss(k, classes.Count))
                .Append("\" x=\"1\" y=\"1\" width=\"26\" height=\"18\"/></svg> ").Append(E(classes[k])).Append(" : ")
                .Append(Number(count)).Append(count > 1 ? " communes" : " commune").Append("</li>");
        }

        b.Append("</ul><p class=\"aide\">Contours : IGN, INSEE (Licence Ouverte), simplifiés. Lieux : MedNum BFC et partenaires (ODbL).</p></div></div>");
        b.Append("<svg class=\"motifs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs><pattern id=\"hachures\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
            .Append("<rect width=\"6\" height=\"6\" fill=\"#7f0000\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/></pattern></defs></svg>");

        ZonesBlanches(b, summary, thresholds);

        b.Append("<h2 id=\"communes\">Les communes, de la plus éloignée à la plus proche</h2>");
        b.Append("<p><a href=\"/exports/couverture.csv?").Append(E(request.Query())).Append("\">Télécharger ce tableau (CSV)</a>, avec les mêmes réglages.</p>");
        b.Append("<p id=\"tri-etat\" class=\"visuellement-cache\" role=\"status\"></p>");
        b.Append("<div class=\"tableau-defilant\"><table id=\"table-communes\" class=\"communes\" data-seuils=\"")
            .Append(E(string.Join(',', thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture))))).Append("\"><caption>")
            .Append(Number(rows.Count)).Append(rows.Count > 1 ? " communes" : " commune").Append(" — ").Append(E(territory.Nom))
            .Append(" ; triées par distance décroissante</caption><thead><tr>")
            .Append("<th scope=\"col\" data-tri=\"texte\">Commune</th><th scope=\"col\" data-tri=\"texte\">Code INSEE</th><th scope=\"col\" data-tri=\"nombre\">Population</th>")
            .Append("<th scope=\"col\" data-tri=\"nombre\" aria-sort=\"descending\">Distance au lieu le plus proche</th><th scope=\"col\" data-tri=\"texte\">Lieu le plus proche</th><th scope=\"col\" data-tri=\"nombre\">Classe</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var k = ClassOf(row, thresholds);
            var site = row.NearestKey is { } key && sites.TryGetValue(key, out var s) ? s : null;
            b.Append("<tr data-insee=\"").Append(row.Commune.CodeInsee).Append("\" data-classe=\"").Append(k).Append("\"><th scope=\"row\">").Append(E(row.Commune.Nom))
                .Append("</th><td>").Append(row.Commune.CodeInsee).Append("</td><td data-valeur=\"").Append(row.Population).Append("\">").Append(Number(row.Population))
                .Append("</td><td data-valeur=\"").Append(row.DistanceMeters is { } d ? Math.Round(d).ToString(CultureInfo.InvariantCulture) : "1e12").Append("\">")
                .Append(row.DistanceMeters is { } m ? Kilometres(m) : "aucun lieu").Append("</td><td>");
            if (site is not null)
            {
                b.Append("<a href=\"/lieu/").Append(Url(GlobalId.Encode(SiteType.TypeName, site.Key))).Append("\">").Append(E(site.Site.Nom)).Append("</a>");
            }
            else
            {
                b.Append('—');
            }

            b.Append("</td><td data-valeur=\"").Append(k).Append("\">").Append(E(classes[k])).Append("</td></tr>");
        }

        b.Append("</tbody></table></div>");
        b.Append("<script src=\"/widget/couverture.js\" defer></script>");
        return b.ToString();
    }

    private static void Parts(StringBuilder b, CoverageRequest request, CoverageReport report)
    {
        var byDepartement = report.Territory.Level == CoverageLevel.Region;
        b.Append("<h2 id=\"detail\">").Append(byDepartement ? "Par département" : "Par intercommunalité").Append("</h2>");
        b.Append("<table class=\"chiffres\"><caption>Part de la population à une distance donnée d'un lieu, ")
            .Append(byDepartement ? "par département" : "par intercommunalité (ses communes du département)").Append("</caption><thead><tr><th scope=\"col\">")
            .Append(byDepartement ? "Département" : "Intercommunalité").Append("</th><th scope=\"col\">Habitants</th>");
        foreach (var km in report.ThresholdsKm)
        {
            b.Append("<th scope=\"col\">").Append(Km(km)).Append(" au plus</th>");
        }

        b.Append("<th scope=\"col\">Communes au-delà de ").Append(Km(report.ThresholdsKm[^1])).Append("</th></tr></thead><tbody>");
        var filters = request.Query().Split('&').Skip(1).ToArray();
        foreach (var part in report.Parts)
        {
            var link = (byDepartement ? "departement=" : "epci=") + Uri.EscapeDataString(part.Territory.Code) + string.Concat(filters.Select(f => "&" + f));
            b.Append("<tr><th scope=\"row\"><a href=\"").Append(Path).Append('?').Append(E(link)).Append("\">").Append(E(part.Territory.Nom)).Append("</a></th><td>")
                .Append(Number(part.Summary.Population)).Append("</td>");
            foreach (var within in part.Summary.Within)
            {
                b.Append("<td>").Append(Percent(within.Share)).Append("</td>");
            }

            b.Append("<td>").Append(Number(part.Summary.ZonesBlanches.Count)).Append("</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void ZonesBlanches(StringBuilder b, CoverageSummary summary, IReadOnlyList<double> thresholds)
    {
        b.Append("<h2 id=\"zones-blanches\">Zones blanches : communes à plus de ").Append(Km(thresholds[^1])).Append(" d'un lieu</h2>");
        if (summary.ZonesBlanches.Count == 0)
        {
            b.Append("<p>Aucune : toutes les communes du territoire ont un lieu à ").Append(Km(thresholds[^1])).Append(" au plus.</p>");
            return;
        }

        b.Append("<p>").Append(Number(summary.ZonesBlanches.Count)).Append(summary.ZonesBlanches.Count > 1 ? " communes" : " commune").Append(", ")
            .Append(Number(summary.ZonesBlanches.Sum(r => (long)r.Population))).Append(" habitants. Les plus peuplées d'abord")
            .Append(summary.ZonesBlanches.Count > ZonesBlanchesShown ? $" ({ZonesBlanchesShown} premières ; toutes sont dans le tableau des communes)" : "").Append(" :</p><ol class=\"zones-blanches\">");
        foreach (var row in summary.ZonesBlanches.Take(ZonesBlanchesShown))
        {
            b.Append("<li>").Append(E(row.Commune.Nom)).Append(" (").Append(row.Commune.CodeInsee).Append(") : ").Append(Number(row.Population)).Append(" habitants, ")
                .Append(row.DistanceMeters is { } d ? "lieu le plus proche à " + Kilometres(d) : "aucun lieu").Append("</li>");
        }

        b.Append("</ol>");
    }

    private static string Form(CoverageTerritories territories, CoverageRequest? request)
    {
        var current = request is null ? "region:" + territories.RegionCode : request.Territory.Level.ToString().ToLowerInvariant() + ":" + request.Territory.Code;
        string Option(string value, string label) =>
            $"<option value=\"{E(value)}\"{(value == current ? " selected" : "")}>{E(label)}</option>";

        var b = new StringBuilder("<form class=\"couverture-formulaire\" method=\"get\" action=\"/couverture\">");
        b.Append("<fieldset><legend>Territoire</legend><p><label for=\"territoire\">Région, département ou intercommunalité</label>");
        b.Append("<select id=\"territoire\" name=\"territoire\"><optgroup label=\"Région\">").Append(Option("region:" + territories.RegionCode, territories.RegionName)).Append("</optgroup>");
        b.Append("<optgroup label=\"Départements\">");
        foreach (var (code, nom) in territories.Departements)
        {
            b.Append(Option("departement:" + code, $"{nom} ({code})"));
        }

        b.Append("</optgroup><optgroup label=\"Intercommunalités\">");
        foreach (var (siren, nom, departements) in territories.Epcis)
        {
            b.Append(Option("epci:" + siren, $"{nom} ({string.Join(", ", departements)})"));
        }

        b.Append("</optgroup></select></p>");
        if (request?.Territory.Level == CoverageLevel.Commune)
        {
            b.Append("<p class=\"aide\">Commune affichée : ").Append(E(request.Territory.Nom)).Append(" (").Append(request.Territory.Code).Append(").</p>");
        }

        b.Append("</fieldset><fieldset><legend>Lieux pris en compte</legend>");
        b.Append("<p><label for=\"services\">Service proposé</label><select id=\"services\" name=\"services\"><option value=\"\">Tous les lieux, quel que soit le service</option>");
        foreach (var service in Vocabularies.Services.Values)
        {
            var label = Vocabularies.Services.Label(service);
            var selected = request?.Filters.Services.Contains(service) == true ? " selected" : "";
            b.Append("<option value=\"").Append(E(EnumNames.FromLabel(label))).Append('"').Append(selected).Append('>').Append(E(label)).Append("</option>");
        }

        b.Append("</select></p>");
        var free = request?.Filters.Frais.Contains(FraisACharge.Gratuit) == true ? " checked" : "";
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"frais_a_charge\" value=\"Gratuit\"").Append(free).Append("> Seulement les lieux gratuits</label>");
        var days = request?.Filters.WorkshopDays ?? Workshops.FilterDays;
        var workshops = request?.Filters.WorkshopDays is not null ? " checked" : "";
        b.Append("<label class=\"case\"><input type=\"checkbox\" name=\"ateliers\" value=\"").Append(days).Append('"').Append(workshops)
            .Append("> Seulement les lieux avec un atelier dans les ").Append(days).Append(" prochains jours</label>");
        b.Append("<p><label for=\"jour\">Ouvert le</label><select id=\"jour\" name=\"jour\"><option value=\"\">Peu importe le jour</option>");
        foreach (var jour in CoverageRequest.Jours)
        {
            b.Append("<option value=\"").Append(jour).Append('"').Append(request?.Jour == jour ? " selected" : "").Append('>').Append(jour).Append(" prochain</option>");
        }

        b.Append("</select></p>");
        b.Append("<p><label for=\"fraicheur\">Informations vérifiées</label><select id=\"fraicheur\" name=\"fraicheur\" aria-describedby=\"fraicheur-aide\">")
            .Append("<option value=\"\">Tous les lieux, quelle que soit la date</option>");
        var fraicheurs = CoverageRequest.FraicheurChoices.Concat(request?.Fraicheur is { } asked ? [asked] : []).Distinct().Order();
        foreach (var months in fraicheurs)
        {
            b.Append("<option value=\"").Append(months).Append('"').Append(request?.Fraicheur == months ? " selected" : "").Append(">depuis ")
                .Append(months).Append(" mois au plus</option>");
        }

        b.Append("</select></p><p id=\"fraicheur-aide\" class=\"aide\">Date de la dernière confirmation ou modification par l'équipe du lieu, ou de la dernière mise à jour par sa source.</p>");
        b.Append("</fieldset><fieldset><legend>Seuils de distance</legend>");
        var thresholds = string.Join(", ", (request?.ThresholdsKm ?? CoverageCalculator.DefaultThresholdsKm).Select(t => t.ToString(CultureInfo.InvariantCulture)));
        b.Append("<p><label for=\"seuils\">Distances en kilomètres, séparées par des virgules</label><input id=\"seuils\" name=\"seuils\" type=\"text\" inputmode=\"decimal\" value=\"")
            .Append(E(thresholds)).Append("\" aria-describedby=\"seuils-aide\"></p><p id=\"seuils-aide\" class=\"aide\">De 1 à ").Append(CoverageCalculator.MaxThresholds)
            .Append(" seuils, chacun plus grand que 0 et au plus ").Append(CoverageCalculator.MaxThresholdKm.ToString(CultureInfo.InvariantCulture)).Append(" km (par exemple 5, 10, 20).</p></fieldset>");
        b.Append("<p><button type=\"submit\">Afficher la couverture</button></p></form>");
        return b.ToString();
    }

    /// <summary>The labels of the distance classes: one per threshold, then « beyond the largest ».</summary>
    private static List<string> Classes(IReadOnlyList<double> thresholds)
    {
        var classes = new List<string>();
        for (var i = 0; i < thresholds.Count; i++)
        {
            classes.Add(i == 0 ? $"à {Km(thresholds[0])} au plus" : $"de {Km(thresholds[i - 1])} à {Km(thresholds[i])}");
        }

        classes.Add($"au-delà de {Km(thresholds[^1])}, ou aucun lieu (zone blanche)");
        return classes;
    }

    private static int ClassOf(CommuneDistance row, IReadOnlyList<double> thresholds)
    {
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (row.IsWithin(thresholds[i] * 1000))
            {
                return i;
            }
        }

        return thresholds.Count;
    }

    /// <summary>The CSS class of class <paramref name="k"/> of <paramref name="count"/>: spread over the six shades, the last hatched.</summary>
    internal static string ClassCss(int k, int count) =>
        k == count - 1 ? "teinte-5 hachure" : "teinte-" + (count <= 1 ? 0 : (int)Math.Round(k * 5.0 / (count - 1)));

    private static string LevelName(CoverageTerritory territory) => territory.Level switch
    {
        CoverageLevel.Region => "Région " + territory.Nom,
        CoverageLevel.Departement => $"Département {territory.Nom} ({territory.Code})",
        CoverageLevel.Epci => $"Intercommunalité {territory.Nom}",
        _ => $"Commune {territory.Nom} ({territory.Code})",
    };

    private static string FilterText(CoverageRequest request)
    {
        var parts = new List<string>();
        parts.AddRange(request.Filters.Services.Select(s => "« " + Vocabularies.Services.Label(s) + " »"));
        if (request.Filters.Frais.Count > 0)
        {
            parts.Add("gratuits");
        }

        if (request.Jour is { } jour)
        {
            parts.Add("ouverts " + jour + " prochain");
        }

        if (request.Filters.WorkshopDays is { } days)
        {
            parts.Add($"avec un atelier dans les {days} prochains jours");
        }

        if (request.Fraicheur is { } months)
        {
            parts.Add($"aux informations vérifiées depuis {months} mois au plus");
        }

        return parts.Count == 0 ? " (tous les lieux)" : " : " + E(string.Join(", ", parts));
    }

    private static string Number(long value) => value.ToString("N0", French);

    private static string Percent(double share) => string.Create(French, $"{share * 100:0.0}\u00a0%");

    private static string Km(double km) => string.Create(French, $"{km:0.##}\u00a0km");

    private static string Kilometres(double meters) => string.Create(French, $"{meters / 1000:0.0}\u00a0km");
}
