using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;
using ScoranInclusion.Workflows.Moderation;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/moderation</c>: <c>moderationQueue</c> (pending by default, filters by kind and state, 20 a page), each
/// item with what the API shows its moderation (the contact of a report only when it gives it), and the decisions
/// <c>approveModerationItem</c> / <c>rejectModerationItem</c> with a reason. Who may see and decide is the API's
/// business: a mediator gets its <c>FORBIDDEN</c> as a 403 page, <c>REASON_REQUIRED</c> goes next to the reason,
/// <c>ALREADY_DECIDED</c> at the top of the page.
/// </summary>
internal static class ModerationPage
{
    public const string Path = "/espace/moderation";
    private const int PageSize = 20;

    private const string QueueDocument = """
        query File($status: ModerationStatus, $kind: ModerationKind, $first: Int, $after: String) {
          moderationQueue(status: $status, kind: $kind, first: $first, after: $after) {
            nodes { id kind status createdAt departement message reportedFields contactEmail decidedAt decidedBy reason
              site { id nom adresse { commune } }
              proposal { nom pivot adresse { voie complement codePostal commune } location { latitude longitude } telephone courriels siteWeb horaires presentationResume services } }
            pageInfo { hasNextPage endCursor } } }
        """;

    private const string ApproveDocument = "mutation Accepter($id: ID!, $reason: String) { approveModerationItem(id: $id, reason: $reason) { id status site { id } } }";

    private const string RejectDocument = "mutation Refuser($id: ID!, $reason: String) { rejectModerationItem(id: $id, reason: $reason) { id status } }";

    private static readonly (string Value, string Label)[] Statuses =
        [("PENDING", "En attente"), ("APPROVED", "Acceptées"), ("REJECTED", "Refusées"), ("TOUS", "Tous les états")];

    private static readonly (string Value, string Label)[] Kinds =
        [("", "Toutes les demandes"), ("REPORT", "Erreurs signalées"), ("PROPOSAL", "Nouveaux lieux proposés"), ("CLAIM", "« C'est mon lieu »")];

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapFormPost(Path + "/{id}/accepter", (HttpContext http, string id, EspaceApi api) => DecideAsync(http, id, api, approve: true));
        app.MapFormPost(Path + "/{id}/refuser", (HttpContext http, string id, EspaceApi api) => DecideAsync(http, id, api, approve: false));
    }

    public static string KindLabel(string? kind) => kind switch
    {
        "REPORT" => "Erreur signalée",
        "PROPOSAL" => "Nouveau lieu proposé",
        "CLAIM" => "« C'est mon lieu »",
        _ => kind ?? "",
    };

    public static string StatusLabel(string? status) => status switch
    {
        "PENDING" => "En attente",
        "APPROVED" => "Acceptée",
        "REJECTED" => "Refusée",
        _ => status ?? "",
    };

    private sealed record Filter(string Status, string Kind, string? After)
    {
        public static Filter Read(IQueryCollection query) => new(
            Statuses.Any(s => s.Value == query["statut"].ToString()) ? query["statut"].ToString() : "PENDING",
            Kinds.Any(k => k.Value == query["nature"].ToString()) ? query["nature"].ToString() : "",
            query["apres"].ToString() is { Length: > 0 and <= 200 } after ? after : null);

        public static Filter Read(IFormCollection form) => Read(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["statut"] = form["statut"],
            ["nature"] = form["nature"],
            ["apres"] = form["apres"],
        }));

        public string Query(string? after) =>
            $"?statut={Status}" + (Kind.Length > 0 ? "&nature=" + Kind : "") + (after is null ? "" : "&apres=" + Url(after));
    }

    private static async Task<IResult> ShowAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var notice = http.Request.Query["fait"].ToString() switch
        {
            "accepte" => "Demande acceptée.",
            "refuse" => "Demande refusée : la personne verra la raison.",
            _ => null,
        };
        return await RenderAsync(http, api, Filter.Read(http.Request.Query), null, null, null, notice, 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext http, string id, EspaceApi api, bool approve)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.SignedInAsync(http) is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        var filter = Filter.Read(form);
        var reason = form["raison"].ToString();
        var answer = await api.RunAsync(approve ? ApproveDocument : RejectDocument,
            new { id, reason = reason.Trim().Length > 0 ? reason : null }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther(Path + filter.Query(filter.After) + "&fait=" + (approve ? "accepte" : "refuse") + "#file");
        }

        return answer.Code switch
        {
            ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
            ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à la modération", answer.Message),
            ModerationErrorCodes.ReasonRequired or ModerationErrorCodes.InvalidReason =>
                await RenderAsync(http, api, filter, id, reason, answer.Message, null, StatusCodes.Status400BadRequest),
            ModerationErrorCodes.AlreadyDecided =>
                await RenderAsync(http, api, filter, null, null, null, null, StatusCodes.Status409Conflict,
                    "Cette demande a déjà été décidée (par vous dans un autre onglet, ou par une autre personne de la modération) : rien n'a changé. " + answer.Message),
            _ => await RenderAsync(http, api, filter, null, null, null, null, StatusCodes.Status400BadRequest, answer.Message),
        };
    }

    private static async Task<IResult> RenderAsync(HttpContext http, EspaceApi api, Filter filter, string? errorItem, string? reason, string? reasonError,
        string? notice, int status, string? pageError = null)
    {
        var answer = await api.RunAsync(QueueDocument, new
        {
            status = filter.Status == "TOUS" ? null : filter.Status,
            kind = filter.Kind.Length > 0 ? filter.Kind : null,
            first = PageSize,
            after = filter.After,
        }, http.RequestAborted);
        if (!answer.Ok)
        {
            return answer.Code switch
            {
                ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
                ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à la modération",
                    "La file de modération est réservée à la modération et à l'administration."),
                _ => Refusal(http, StatusCodes.Status400BadRequest, "Page introuvable", "Cette page de la file n'existe pas : revenez au début de la file."),
            };
        }

        var b = new StringBuilder("<h1>File de modération</h1>");
        b.Append(Notice(notice));
        if (pageError is not null)
        {
            b.Append("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>Rien n'a été enregistré</h2><p>").Append(E(pageError)).Append("</p></div>");
        }
        else if (errorItem is not null && reasonError is not null)
        {
            b.Append(Summary([(ReasonId(errorItem), "Raison", reasonError)]));
        }

        b.Append("<p>Nouveaux lieux proposés, demandes « C'est mon lieu » et erreurs signalées par le public sur les lieux de votre territoire, ")
            .Append("les plus anciens d'abord. Une erreur signalée se corrige sur la fiche du lieu, puis se marque traitée (« Accepter »).</p>");

        // The filters: a plain GET form, usable without JavaScript.
        b.Append("<form method=\"get\" action=\"").Append(Path).Append("\" class=\"filtres\"><div class=\"ligne\">");
        b.Append(Select("statut", "État", Statuses, filter.Status)).Append(Select("nature", "Nature", Kinds, filter.Kind));
        b.Append("<p><button type=\"submit\">Filtrer</button></p></div></form>");

        var nodes = answer.Data?["moderationQueue"]?["nodes"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        b.Append("<section id=\"file\" aria-labelledby=\"file-titre\"><h2 id=\"file-titre\">")
            .Append(nodes.Count == 0 ? "Aucune demande" : nodes.Count + (nodes.Count > 1 ? " demandes" : " demande"))
            .Append(filter.After is null ? "" : " (suite)").Append("</h2>");
        if (nodes.Count == 0)
        {
            b.Append(filter.Status == "PENDING" && string.IsNullOrEmpty(filter.Kind)
                ? "<p>Aucune demande n'attend de décision : rien à faire pour l'instant. Choisissez « Tous les états » pour revoir les demandes déjà décidées.</p>"
                : "<p>Aucune demande ne correspond à ces filtres. Choisissez « Tous les états » et « Toutes les demandes » pour tout voir.</p>");
        }

        var token = Token(http);
        foreach (var item in nodes)
        {
            b.Append(Item(item, filter, token, item["id"]?.GetValue<string>() == errorItem ? reason : null, item["id"]?.GetValue<string>() == errorItem ? reasonError : null, EspaceSchema.Of(http)));
        }

        b.Append("</section>");
        var info = answer.Data?["moderationQueue"]?["pageInfo"] as JsonObject;
        var hasNext = info?["hasNextPage"]?.GetValue<bool>() == true;
        if (hasNext || filter.After is not null)
        {
            b.Append("<nav aria-label=\"Pages de la file\" class=\"pagination\"><ul>");
            if (filter.After is not null)
            {
                b.Append("<li><a href=\"").Append(Path).Append(E(filter.Query(null))).Append("\">Début de la file</a></li>");
            }

            if (hasNext)
            {
                b.Append("<li><a href=\"").Append(Path).Append(E(filter.Query(info?["endCursor"]?.GetValue<string>()))).Append("\">Demandes suivantes</a></li>");
            }

            b.Append("</ul></nav>");
        }

        if (filter.After is null)
        {
            b.Append(await StaleSectionAsync(api, http.RequestAborted));
        }

        return Page(http, (pageError is not null || reasonError is not null ? "Erreur : " : "") + "File de modération", b.ToString(), signedIn: true, status: status);
    }

    /// <summary>How many forgotten places the queue's page lists (the oldest first).</summary>
    internal const int StalePageSize = 20;

    private const string StaleDocument = "query AVerifier($first: Int) { staleSites(first: $first) { id nom adresse { commune } freshness { lastVerifiedAt } } }";

    /// <summary>
    /// « Fiches à vérifier »: the places of the moderator's territory that nobody has confirmed, edited or had updated by
    /// their source for <c>Freshness:StaleAfter</c> (the rule of the public « Informations à vérifier », after the
    /// mediators' reminders), the oldest first, each with a link to correct it (<c>staleSites</c>).
    /// </summary>
    private static async Task<string> StaleSectionAsync(EspaceApi api, CancellationToken cancellationToken)
    {
        var answer = await api.RunAsync(StaleDocument, new { first = StalePageSize + 1 }, cancellationToken);
        var places = answer.Ok ? answer.Data?["staleSites"]?.AsArray().OfType<JsonObject>().ToList() ?? [] : [];
        var b = new StringBuilder("<section id=\"a-verifier\" aria-labelledby=\"a-verifier-titre\"><h2 id=\"a-verifier-titre\">Fiches à vérifier</h2>");
        if (places.Count == 0)
        {
            return b.Append("<p>Aucune fiche de votre territoire n'attend de vérification.</p></section>").ToString();
        }

        b.Append("<p>Ces lieux n'ont été ni confirmés, ni modifiés, ni mis à jour par leur source depuis longtemps, malgré les relances ")
            .Append("de leurs médiateurs : le public voit « Informations à vérifier ». Les plus anciens d'abord")
            .Append(places.Count > StalePageSize ? $", les {StalePageSize} premiers" : "").Append(".</p><ul class=\"a-verifier\">");
        foreach (var place in places.Take(StalePageSize))
        {
            var id = place["id"]?.GetValue<string>() ?? "";
            b.Append("<li><a href=\"/espace/lieu/").Append(Url(id)).Append("\">").Append(E(place["nom"]?.GetValue<string>() ?? id)).Append("</a>")
                .Append(place["adresse"]?["commune"]?.GetValue<string>() is { Length: > 0 } commune ? " (" + E(commune) + ")" : "")
                .Append(", vérifiée pour la dernière fois le ").Append(E(DateTime(place["freshness"]?["lastVerifiedAt"]?.GetValue<string>()))).Append("</li>");
        }

        return b.Append("</ul></section>").ToString();
    }

    private static string ReasonId(string itemId) => "champ-raison-" + itemId;

    private static string Select(string name, string label, IEnumerable<(string Value, string Label)> options, string selected)
    {
        var b = new StringBuilder("<div class=\"champ\"><label for=\"").Append(Id(name)).Append("\">").Append(E(label)).Append("</label><select id=\"")
            .Append(Id(name)).Append("\" name=\"").Append(name).Append("\">");
        foreach (var (value, text) in options)
        {
            b.Append("<option value=\"").Append(E(value)).Append('"').Append(value == selected ? " selected" : "").Append('>').Append(E(text)).Append("</option>");
        }

        return b.Append("</select></div>").ToString();
    }

    private static string Item(JsonObject item, Filter filter, string token, string? reason, string? reasonError, EspaceSchema vocabulary)
    {
        var id = item["id"]!.GetValue<string>();
        var kind = item["kind"]?.GetValue<string>();
        var state = item["status"]?.GetValue<string>();
        var site = item["site"] as JsonObject;
        var proposal = item["proposal"] as JsonObject;
        var nom = site?["nom"]?.GetValue<string>() ?? proposal?["nom"]?.GetValue<string>() ?? "";
        var b = new StringBuilder("<article class=\"demande\" id=\"demande-").Append(E(id)).Append("\" aria-labelledby=\"demande-").Append(E(id)).Append("-titre\">");
        b.Append("<h3 id=\"demande-").Append(E(id)).Append("-titre\">").Append(E(KindLabel(kind))).Append(" : ").Append(E(nom)).Append("</h3>");
        b.Append("<dl class=\"details\">");
        b.Append("<dt>État</dt><dd>").Append(E(StatusLabel(state)));
        if (item["decidedAt"]?.GetValue<string>() is { } decided)
        {
            b.Append(" le ").Append(E(EspaceHtml.DateTime(decided)));
        }

        b.Append("</dd><dt>Reçue le</dt><dd>").Append(E(EspaceHtml.DateTime(item["createdAt"]?.GetValue<string>()))).Append("</dd>");
        b.Append("<dt>Département</dt><dd>").Append(E(item["departement"]?.GetValue<string>())).Append("</dd>");
        if (site?["id"]?.GetValue<string>() is { } siteId)
        {
            b.Append("<dt>Lieu</dt><dd><a href=\"/lieu/").Append(Url(siteId)).Append("\">").Append(E(nom)).Append("</a>, ")
                .Append(E(site["adresse"]?["commune"]?.GetValue<string>())).Append(" · <a href=\"/espace/lieu/").Append(Url(siteId)).Append("\">")
                .Append(kind == "REPORT" ? "Corriger la fiche" : "Modifier la fiche").Append("<span class=\"visuellement-cache\"> de ").Append(E(nom)).Append("</span></a></dd>");
        }

        if (item["reportedFields"] is JsonArray fields && fields.Count > 0)
        {
            b.Append("<dt>Champs qui semblent faux</dt><dd>")
                .Append(E(string.Join(", ", fields.Select(f => ReportPage.FieldLabel(f?.GetValue<string>() ?? ""))))).Append("</dd>");
        }

        if (item["message"]?.GetValue<string>() is { Length: > 0 } message)
        {
            b.Append("<dt>Message</dt><dd class=\"message\">").Append(E(message)).Append("</dd>");
        }

        if (item["contactEmail"]?.GetValue<string>() is { Length: > 0 } contact)
        {
            b.Append("<dt>Contact</dt><dd><a href=\"mailto:").Append(E(contact)).Append("\">").Append(E(contact))
                .Append("</a> <span class=\"aide\">(effacé dès la décision)</span></dd>");
        }

        if (proposal is not null)
        {
            b.Append(Proposal(proposal, vocabulary));
        }

        if (item["reason"]?.GetValue<string>() is { Length: > 0 } given)
        {
            b.Append("<dt>Raison de la décision</dt><dd>").Append(E(given)).Append("</dd>");
        }

        b.Append("</dl>");
        if (state == "PENDING")
        {
            var hidden = $"<input type=\"hidden\" name=\"statut\" value=\"{E(filter.Status)}\"><input type=\"hidden\" name=\"nature\" value=\"{E(filter.Kind)}\">"
                + (filter.After is null ? "" : $"<input type=\"hidden\" name=\"apres\" value=\"{E(filter.After)}\">");
            // One form, two buttons: the reason goes with either (optional to approve, required to reject).
            b.Append("<form method=\"post\" action=\"").Append(Path).Append('/').Append(Url(id)).Append("/refuser\" class=\"decision\" novalidate>")
                .Append(token).Append(hidden);
            b.Append(Field("raison", "Raison de la décision", reason, reasonError,
                "Obligatoire pour refuser (la personne la verra) ; facultative pour accepter. 2 000 caractères au plus.", multiline: true, id: ReasonId(id)));
            b.Append("<p class=\"boutons\"><button type=\"submit\" formaction=\"").Append(Path).Append('/').Append(Url(id)).Append("/accepter\">Accepter")
                .Append("<span class=\"visuellement-cache\"> : ").Append(E(nom)).Append("</span></button> ")
                .Append("<button type=\"submit\" class=\"secondaire\">Refuser<span class=\"visuellement-cache\"> : ").Append(E(nom)).Append("</span></button></p></form>");
        }

        return b.Append("</article>").ToString();
    }

    private static string Proposal(JsonObject p, EspaceSchema vocabulary)
    {
        var b = new StringBuilder();
        void Row(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                b.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
            }
        }

        var a = p["adresse"];
        Row("Adresse proposée", string.Join(", ", new[] { a?["voie"]?.GetValue<string>(), a?["complement"]?.GetValue<string>(),
            $"{a?["codePostal"]?.GetValue<string>()} {a?["commune"]?.GetValue<string>()}".Trim() }.Where(s => !string.IsNullOrWhiteSpace(s))));
        if (p["location"] is JsonObject point)
        {
            Row("Position", $"{point["latitude"]}, {point["longitude"]}");
        }

        Row("SIRET ou RNA", p["pivot"]?.GetValue<string>());
        Row("Téléphone", p["telephone"]?.GetValue<string>());
        Row("Adresses électroniques", string.Join(", ", p["courriels"]?.AsArray().Select(c => c?.GetValue<string>()) ?? []));
        Row("Sites web", string.Join(", ", p["siteWeb"]?.AsArray().Select(c => c?.GetValue<string>()) ?? []));
        Row("Horaires", p["horaires"]?.GetValue<string>());
        Row("Présentation courte", p["presentationResume"]?.GetValue<string>());
        var services = vocabulary.EnumValues("Service").ToDictionary(v => v.Value, v => v.Label, StringComparer.Ordinal);
        Row("Services proposés", string.Join(", ", p["services"]?.AsArray().Select(s => s?.GetValue<string>() is { } v ? services.GetValueOrDefault(v, v) : "") ?? []));
        return b.ToString();
    }
}
