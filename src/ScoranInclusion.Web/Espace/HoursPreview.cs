using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The hours preview under the hours field, from the public <c>validateOpeningHours</c> query: the week in
/// French, or the error and its suggestion. Rendered here after a submit (without JavaScript) and by
/// <c>web/src/espace.js</c> while typing: the same markup on both sides.
/// </summary>
internal static class HoursPreview
{
    public const string Document = """
        query ApercuHoraires($expression: String!) { validateOpeningHours(expression: $expression) {
          valid errors { message suggestion } week { date jourSemaine jourFerie intervals { start end endsNextDay status comment } } } }
        """;

    public static async Task<string> RenderAsync(EspaceApi api, string? expression, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return Render(null, null);
        }

        var answer = await api.RunAsync(Document, new { expression = expression.Trim() }, cancellationToken);
        return Render(answer.Data?["validateOpeningHours"] as JsonObject, answer.Ok ? null : answer.Message);
    }

    public static string Render(JsonObject? check, string? failure)
    {
        if (failure is not null)
        {
            return $"<p class=\"erreur\">Ces horaires ne sont pas compris : {E(failure)}</p>";
        }

        if (check is null)
        {
            return "<p>Aucun horaire : la fiche publique dira « Horaires non renseignés : appelez avant de venir ».</p>";
        }

        var b = new StringBuilder();
        if (check["valid"]?.GetValue<bool>() != true)
        {
            foreach (var error in check["errors"]?.AsArray() ?? [])
            {
                b.Append("<p class=\"erreur\">Ces horaires ne sont pas compris : ").Append(E(error?["message"]?.GetValue<string>())).Append("</p>");
                if (error?["suggestion"]?.GetValue<string>() is { Length: > 0 } suggestion)
                {
                    b.Append("<p>Suggestion : <code>").Append(E(suggestion)).Append("</code></p>");
                }

                break;
            }

            return b.ToString();
        }

        b.Append("<p>Horaires compris. Voici la semaine telle que les personnes la verront :</p><ul class=\"semaine-apercu\">");
        foreach (var day in check["week"]?.AsArray() ?? [])
        {
            var date = DateOnly.Parse(day!["date"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            b.Append("<li><strong>").Append(E(day["jourSemaine"]?.GetValue<string>())).Append(' ').Append(date.ToString("d MMMM", French)).Append("</strong> : ");
            var intervals = day["intervals"]?.AsArray() ?? [];
            b.Append(intervals.Count == 0 ? "fermé" : string.Join(" et ", intervals.Select(i => E(Interval(i!)))));
            if (day["jourFerie"]?.GetValue<string>() is { Length: > 0 } holiday)
            {
                b.Append(" (").Append(E(holiday)).Append(')');
            }

            b.Append("</li>");
        }

        return b.Append("</ul>").ToString();
    }

    private static string Interval(JsonNode interval)
    {
        var text = $"{Hour(interval["start"]!.GetValue<string>())} – {Hour(interval["end"]!.GetValue<string>())}";
        if (interval["endsNextDay"]?.GetValue<bool>() == true)
        {
            text += " (le lendemain)";
        }

        var comment = interval["comment"]?.GetValue<string>();
        if (interval["status"]?.GetValue<string>() == "UNKNOWN")
        {
            text += comment is { Length: > 0 } ? $" ({comment})" : " (sur rendez-vous)";
        }
        else if (comment is { Length: > 0 })
        {
            text += $" ({comment})";
        }

        return text;
    }

    /// <summary>« 09:00 » → « 9 h », « 14:30 » → « 14 h 30 », « 24:00 » → « minuit ».</summary>
    private static string Hour(string hhmm)
    {
        if (hhmm is "24:00" or "00:00")
        {
            return "minuit";
        }

        var parts = hhmm.Split(':');
        var hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minute = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return minute == 0 ? $"{hour} h" : $"{hour} h {minute:00}";
    }
}
