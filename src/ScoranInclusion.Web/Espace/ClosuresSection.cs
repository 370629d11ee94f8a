using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The section « Fermetures temporaires et avis » of <c>/espace/lieu/{id}</c>: a form of its own (it works without
/// JavaScript: native date fields, one blank row to add, a box to remove a row) that posts to
/// <c>/espace/lieu/{id}/fermetures</c>, which sends both lists to <c>updateSite</c> (<c>closures</c>, <c>notices</c>) with
/// the version read. Only closures and notices not yet over are shown (the API's), so saving drops the past ones.
/// Errors (dates, length, number) are listed at the top of the section, each linked to its row.
/// </summary>
internal static partial class ClosuresSection
{
    private const string ReadDocument = """
        query Fermetures($id: ID!) { site(id: $id) { nom version closures { startDate endDate reason } notices { startDate endDate text } } }
        """;

    private const string UpdateDocument = """
        mutation Fermetures($id: ID!, $version: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $version, input: $input) { version } }
        """;

    /// <summary>One row of the form as typed: dates as given (yyyy-MM-dd from a date field), the reason or text.</summary>
    private sealed record Row(string Start, string End, string Text);

    public static void Map(WebApplication app) => app.MapFormPost("/espace/lieu/{id}/fermetures", SaveAsync);

    /// <summary>The section as the edit page shows it (the place's current lists); empty when they cannot be read.</summary>
    public static async Task<string> RenderAsync(HttpContext http, EspaceApi api, string id)
    {
        var site = (await api.RunAsync(ReadDocument, new { id }, http.RequestAborted)).Data?["site"] as JsonObject;
        if (site is null)
        {
            return "";
        }

        var saved = http.Request.Query.ContainsKey("fermetures") ? "Fermetures et avis enregistrés : ils sont déjà visibles sur la fiche publique." : null;
        return Render(http, id, site["version"]!.GetValue<int>(), Rows(site["closures"], "reason"), Rows(site["notices"], "text"), [], saved);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, string id, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await EspaceEndpoints.RequirePlaceAsync(http, id, EditAction.UpdateSite) is { } refusal)
        {
            return refusal;
        }

        var version = int.TryParse(form["version"], CultureInfo.InvariantCulture, out var v) ? v : 0;
        var closures = Submitted(form, "fermeture");
        var notices = Submitted(form, "avis");
        var errors = new List<(string Id, string Label, string Message)>();
        var closureInput = Input(closures, "fermeture", "Fermeture", "reason", errors);
        var noticeInput = Input(notices, "avis", "Avis", "text", errors);
        var site = (await api.RunAsync(ReadDocument, new { id }, http.RequestAborted)).Data?["site"] as JsonObject;
        if (site is null)
        {
            return EspaceEndpoints.NotFound(http);
        }

        if (errors.Count == 0)
        {
            var answer = await api.RunAsync(UpdateDocument, new { id, version, input = new { closures = closureInput, notices = noticeInput } }, http.RequestAborted);
            if (answer.Ok)
            {
                return EspaceEndpoints.SeeOther($"/espace/lieu/{Url(id)}?fermetures=1#fermetures");
            }

            switch (answer.Code)
            {
                case ErrorCodes.VersionConflict:
                    // Drawn again on the current version, with what the person typed: saving again applies it.
                    errors.Add(("fermetures", "Fiche", "quelqu'un a modifié la fiche pendant votre saisie ; rien n'a été enregistré. Vérifiez vos lignes ci-dessous puis enregistrez de nouveau."));
                    version = site["version"]!.GetValue<int>();
                    break;
                case ErrorCodes.InvalidSite:
                    errors.AddRange(ApiErrors(answer));
                    break;
                case ErrorCodes.Forbidden:
                    return Refusal(http, StatusCodes.Status403Forbidden, "Ce lieu n'est pas dans votre espace", answer.Message);
                case ErrorCodes.Unauthenticated:
                    return EspaceEndpoints.ToLogin(http);
                case ErrorCodes.NotFound:
                    return EspaceEndpoints.NotFound(http);
                default:
                    errors.Add(("fermetures", "Fiche", answer.Message));
                    break;
            }
        }

        var nom = site["nom"]!.GetValue<string>();
        var b = new StringBuilder();
        b.Append("<p><a href=\"/espace/lieu/").Append(Url(id)).Append("\">← Retour à la fiche « ").Append(E(nom)).Append(" »</a></p>");
        b.Append("<h1>Fermetures temporaires et avis de « ").Append(E(nom)).Append(" »</h1>");
        b.Append(Render(http, id, version, [.. closures.Where(r => !r.Removed).Select(r => r.Row)], [.. notices.Where(r => !r.Removed).Select(r => r.Row)], errors, null));
        return Page(http, "Erreur : fermetures et avis de « " + nom + " »", b.ToString(), signedIn: true, status: StatusCodes.Status400BadRequest);
    }

    private static string Render(HttpContext http, string id, int version, IReadOnlyList<Row> closures, IReadOnlyList<Row> notices,
        IReadOnlyList<(string Id, string Label, string Message)> errors, string? saved)
    {
        var b = new StringBuilder("<section class=\"fermetures\" aria-labelledby=\"fermetures\">");
        b.Append("<h2 id=\"fermetures\" tabindex=\"-1\">Fermetures temporaires et avis</h2>");
        b.Append(Notice(saved));
        b.Append(Summary(errors));
        b.Append("<p class=\"aide\">Une fermeture (congés, travaux…) ferme le lieu du premier au dernier jour compris, quels que soient ses horaires : la fiche publique, la carte et le filtre « Ouvert maintenant » en tiennent compte. ")
            .Append("Un avis (« Horaires d'été : … », « Permanence déplacée en mairie ») s'affiche en bandeau du premier au dernier jour compris. ")
            .Append("Dix fermetures et dix avis au plus, d'un an chacun au plus ; ceux qui sont terminés disparaissent.</p>");
        b.Append("<form method=\"post\" action=\"/espace/lieu/").Append(Url(id)).Append("/fermetures\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"version\" value=\"").Append(version).Append("\">");
        b.Append("<h3>Fermetures temporaires</h3>");
        AppendRows(b, closures, "fermeture", "Fermeture", "Nouvelle fermeture", "Premier jour fermé", "Dernier jour fermé (compris)", "Motif (facultatif)",
            "Par exemple « congés de fin d'année » ; 200 caractères au plus.", multiline: false, errors);
        b.Append("<h3>Avis</h3>");
        AppendRows(b, notices, "avis", "Avis", "Nouvel avis", "Premier jour d'affichage", "Dernier jour d'affichage (compris)", "Texte de l'avis",
            "Ce que les visiteurs doivent savoir, 500 caractères au plus.", multiline: true, errors);
        b.Append("<p><button type=\"submit\">Enregistrer les fermetures et les avis</button></p></form></section>");
        return b.ToString();
    }

    private static void AppendRows(StringBuilder b, IReadOnlyList<Row> rows, string prefix, string noun, string newLegend, string startLabel, string endLabel,
        string textLabel, string textHint, bool multiline, IReadOnlyList<(string Id, string Label, string Message)> errors)
    {
        // The existing rows, then one blank row to add one more (as long as there is room).
        var count = rows.Count + (rows.Count < 10 ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var row = i < rows.Count ? rows[i] : new Row("", "", "");
            var rowId = $"{prefix}-{i + 1}";
            var error = errors.FirstOrDefault(e => e.Id == rowId).Message;
            b.Append("<fieldset class=\"periode").Append(error is null ? "" : " champ-erreur").Append("\" id=\"").Append(rowId).Append("\"><legend>")
                .Append(i < rows.Count ? $"{noun} n° {i + 1}" : newLegend).Append("</legend>");
            if (error is not null)
            {
                b.Append("<p class=\"erreur\">").Append(E(Capitalized(error))).Append("</p>");
            }

            b.Append("<div class=\"ligne\">");
            b.Append(Field(prefix + "_debut", startLabel, row.Start, null, type: "date", id: $"{rowId}-debut"));
            b.Append(Field(prefix + "_fin", endLabel, row.End, null, type: "date", id: $"{rowId}-fin"));
            b.Append("</div>");
            b.Append(Field(prefix + "_texte", textLabel, row.Text, null, i < rows.Count ? null : textHint, multiline: multiline, id: $"{rowId}-texte"));
            if (i < rows.Count)
            {
                b.Append("<p class=\"case\"><label><input type=\"checkbox\" name=\"").Append(prefix).Append("_retirer\" value=\"").Append(i)
                    .Append("\"> Retirer ").Append(noun == "Avis" ? "cet avis" : "cette fermeture").Append("</label></p>");
            }

            b.Append("</fieldset>");
        }
    }

    /// <summary>The rows as posted, in order: the blank ones left out, each marked when its « Retirer » box is ticked.</summary>
    private static List<(Row Row, bool Removed)> Submitted(IFormCollection form, string prefix)
    {
        var starts = form[prefix + "_debut"];
        var ends = form[prefix + "_fin"];
        var texts = form[prefix + "_texte"];
        var removed = form[prefix + "_retirer"].Select(r => int.TryParse(r, CultureInfo.InvariantCulture, out var n) ? n : -1).ToHashSet();
        var rows = new List<(Row, bool)>();
        for (var i = 0; i < Math.Max(starts.Count, Math.Max(ends.Count, texts.Count)); i++)
        {
            var row = new Row(At(starts, i).Trim(), At(ends, i).Trim(), At(texts, i).Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
            if (row.Start.Length + row.End.Length + row.Text.Length > 0)
            {
                rows.Add((row, removed.Contains(i)));
            }
        }

        return rows;

        static string At(Microsoft.Extensions.Primitives.StringValues values, int i) => i < values.Count ? values[i] ?? "" : "";
    }

    /// <summary>The API's list from the rows kept; a date that is missing or unreadable is an error of its row (numbered as drawn again).</summary>
    private static List<Dictionary<string, object?>> Input(List<(Row Row, bool Removed)> rows, string prefix, string noun, string textKey,
        List<(string Id, string Label, string Message)> errors)
    {
        var input = new List<Dictionary<string, object?>>();
        var n = 0;
        foreach (var (row, removed) in rows)
        {
            if (removed)
            {
                continue;
            }

            n++;
            var start = Date(row.Start);
            var end = Date(row.End);
            if (start is null || end is null)
            {
                var which = start is null && end is null ? "les dates de début et de fin" : start is null ? "la date de début" : "la date de fin";
                errors.Add(($"{prefix}-{n}", $"{noun} n° {n}", $"donnez {which} (jour/mois/année, par exemple 22/12/2026)."));
                continue;
            }

            input.Add(new Dictionary<string, object?>
            {
                ["startDate"] = start.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endDate"] = end.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [textKey] = row.Text.Length == 0 ? (textKey == "text" ? "" : null) : row.Text,
            });
        }

        return input;
    }

    /// <summary>A date field's value (yyyy-MM-dd), or a date typed by hand where the browser has no date field (22/12/2026).</summary>
    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The rows of the API's list (<c>closures</c> or <c>notices</c>).</summary>
    private static List<Row> Rows(JsonNode? list, string textKey) =>
        list is JsonArray items
            ? [.. items.Select(i => new Row(i!["startDate"]!.GetValue<string>(), i["endDate"]!.GetValue<string>(), i[textKey]?.GetValue<string>() ?? ""))]
            : [];

    /// <summary>INVALID_SITE's messages (« Fermeture n° 2 : … »), each linked to its row when it names one.</summary>
    private static IEnumerable<(string Id, string Label, string Message)> ApiErrors(GraphQLAnswer answer)
    {
        var fields = answer.ErrorData?["fields"] as JsonArray ?? [];
        var messages = fields.Select(f => (Field: f?["field"]?.GetValue<string>() ?? "", Message: f?["message"]?.GetValue<string>() ?? "")).ToList();
        if (messages.Count == 0)
        {
            messages.Add(("", answer.Message));
        }

        foreach (var (field, message) in messages)
        {
            var prefix = field == "notices" ? "avis" : "fermeture";
            var numbered = RowNumber().Match(message);
            if (numbered.Success)
            {
                yield return ($"{prefix}-{numbered.Groups[2].Value}", $"{numbered.Groups[1].Value} n° {numbered.Groups[2].Value}", message[(numbered.Length)..].Trim());
            }
            else
            {
                yield return ("fermetures", field == "notices" ? "Avis" : "Fermetures", message);
            }
        }
    }

    /// <summary>A history value of the closures or notices in words (« Fermé du 22 décembre au 2 janvier (congés) ; … »); other fields as stored.</summary>
    public static string? HistoryValue(string field, string? value)
    {
        try
        {
            return field switch
            {
                Domain.Sites.TemporaryNotices.ClosuresField when value is not null =>
                    string.Join(" ; ", Storage.Sites.TemporaryNoticesJson.ParseClosures(value).Select(Domain.Sites.TemporaryNotices.Label)),
                Domain.Sites.TemporaryNotices.NoticesField when value is not null =>
                    string.Join(" ; ", Storage.Sites.TemporaryNoticesJson.ParseNotices(value).Select(Domain.Sites.TemporaryNotices.Label)),
                Domain.Sites.SpokenLanguages.Field when value is not null =>
                    string.Join(", ", Domain.Sites.SpokenLanguages.Parse(value).Select(c => Domain.Sites.SpokenLanguages.Find(c)?.Nom ?? c)),
                _ => value,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return value;
        }
    }

    [GeneratedRegex(@"^(Fermeture|Avis) n° (\d+) :")]
    private static partial Regex RowNumber();
}
