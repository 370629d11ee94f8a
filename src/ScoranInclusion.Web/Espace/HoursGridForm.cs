using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The hours editor of the edit and propose pages: a weekly grid (each day closed or up to three ranges, « fermé les
/// jours fériés », « mêmes horaires du lundi au vendredi ») above the OSM expression field, which stays for experts.
/// Without JavaScript it is a plain form: the grid's fields are posted and <see cref="Apply"/> turns them into the
/// expression, with an error per field. <c>web/src/grille-horaires.js</c> keeps grid and text in sync while typing.
/// </summary>
/// <remarks>
/// Which of the two rules at a submit: the form carries the grid as it was drawn (<c>grille.etat</c>) and the text it was
/// drawn from (<c>grille.texte</c>). The grid rules only when it was changed and the text was not; otherwise the text does
/// (with JavaScript both change together and say the same). REVIEW: without JavaScript, a person who changes both the
/// grid and the text gets the text: the expert field is taken as the more deliberate of the two.
/// </remarks>
internal static class HoursGridForm
{
    public const string Prefix = "grille.";
    private const string StateField = "grille.etat";
    private const string TextField = "grille.texte";
    private const string HolidaysField = "grille.feries";
    private const string WeekdaysField = "grille.lunven";
    private static readonly object s_postedKey = new();

    private static readonly string[] s_dayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    private static string Code(int day) => WeekGrid.DayCodes[day].ToLowerInvariant();

    private static string Closed(int day) => $"{Prefix}{Code(day)}.ferme";

    private static string From(int day, int range) => $"{Prefix}{Code(day)}.{range + 1}.de";

    private static string To(int day, int range) => $"{Prefix}{Code(day)}.{range + 1}.a";

    private static string Ordinal(int range) => range == 0 ? "1ʳᵉ" : $"{range + 1}ᵉ";

    /// <summary>Every field of the grid, in a fixed order.</summary>
    private static IEnumerable<string> Fields()
    {
        for (var d = 0; d < 7; d++)
        {
            yield return Closed(d);
            for (var r = 0; r < WeekGrid.MaxRangesPerDay; r++)
            {
                yield return From(d, r);
                yield return To(d, r);
            }
        }

        yield return HolidaysField;
        yield return WeekdaysField;
    }

    /// <summary>The label of a grid field in the error summary (the message says the day and the range).</summary>
    public static string? Label(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) ? "Horaires (grille de la semaine)" : null;

    /// <summary>
    /// The expression to save from a submitted form: <paramref name="text"/> when the text rules, else the grid's
    /// expression, or the grid's errors by field. Remembers, for the page drawn again, whether the grid was the one.
    /// </summary>
    public static (string Horaires, Dictionary<string, string> Errors) Apply(HttpContext http, IFormCollection form, string text)
    {
        if (!form.ContainsKey(StateField))
        {
            return (text, []);
        }

        var posted = Fields().ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
        var gridChanged = Snapshot(posted) != form[StateField].ToString();
        var textChanged = Same(text) != Same(form[TextField].ToString());
        if (!gridChanged || textChanged)
        {
            return (text, []);
        }

        http.Items[s_postedKey] = posted;
        var (grid, errors) = Read(posted);
        return (grid?.ToExpression() ?? text, errors);
    }

    private static string Same(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string Snapshot(Dictionary<string, string> values) => string.Join("|", Fields().Select(f => values.GetValueOrDefault(f, "").Trim()));

    /// <summary>The grid of the posted fields, or the errors (French, by field: « mardi, 2ᵉ plage : … »).</summary>
    internal static (WeekGrid? Grid, Dictionary<string, string> Errors) Read(IReadOnlyDictionary<string, string> values)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var days = new List<IReadOnlyList<GridRange>>();
        var sameWeekdays = values.GetValueOrDefault(WeekdaysField) is { Length: > 0 };
        for (var d = 0; d < 7; d++)
        {
            // « Mêmes horaires du lundi au vendredi »: Tuesday to Friday take Monday's, whatever their own fields say.
            if (sameWeekdays && d is >= 1 and <= 4)
            {
                days.Add(days[0]);
                continue;
            }

            var name = s_dayNames[d];
            var ranges = new List<(GridRange Range, int Index)>();
            var filled = false;
            for (var r = 0; r < WeekGrid.MaxRangesPerDay; r++)
            {
                var fromText = values.GetValueOrDefault(From(d, r), "").Trim();
                var toText = values.GetValueOrDefault(To(d, r), "").Trim();
                if (fromText.Length == 0 && toText.Length == 0)
                {
                    continue;
                }

                filled = true;
                var where = $"{name}, {Ordinal(r)} plage : ";
                var start = WeekGrid.ParseTime(fromText, asEnd: false);
                var end = WeekGrid.ParseTime(toText, asEnd: true);
                if (fromText.Length == 0)
                {
                    errors[From(d, r)] = where + "l'heure de début manque.";
                }
                else if (start is null or >= 1440)
                {
                    errors[From(d, r)] = where + $"« {fromText} » n'est pas une heure de début ; écrivez-la par exemple 9:00 ou 14:30.";
                }

                if (toText.Length == 0)
                {
                    errors[To(d, r)] = where + "l'heure de fin manque.";
                }
                else if (end is null)
                {
                    errors[To(d, r)] = where + $"« {toText} » n'est pas une heure de fin ; écrivez-la par exemple 12:00 ou 17:30 (24:00 pour minuit).";
                }
                else if (start is { } s && s < 1440 && end <= s)
                {
                    errors[To(d, r)] = where + "l'heure de fin doit suivre l'heure de début.";
                }

                if (start is { } a && end is { } b && a < b)
                {
                    ranges.Add((new GridRange(a, b), r));
                }
            }

            if (filled && values.GetValueOrDefault(Closed(d)) is { Length: > 0 })
            {
                errors[Closed(d)] = $"{name} : « fermé » est coché, mais des heures sont remplies ; décochez « fermé » ou effacez les heures.";
            }

            var sorted = ranges.OrderBy(x => x.Range.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Range.Start < sorted[i - 1].Range.End)
                {
                    var (later, earlier) = sorted[i].Index > sorted[i - 1].Index ? (sorted[i], sorted[i - 1]) : (sorted[i - 1], sorted[i]);
                    errors.TryAdd(From(d, later.Index), $"{name}, {Ordinal(later.Index)} plage : elle chevauche la {Ordinal(earlier.Index)} plage ({Hour(earlier.Range.Start)} – {Hour(earlier.Range.End)}).");
                }
            }

            days.Add([.. sorted.Select(x => x.Range)]);
        }

        return errors.Count > 0 ? (null, errors) : (new WeekGrid(days, values.GetValueOrDefault(HolidaysField) is { Length: > 0 }), errors);
    }

    /// <summary>« 9 h », « 14 h 30 », « minuit ».</summary>
    private static string Hour(int minutes) => minutes is 0 or 1440 ? "minuit" : Time(new TimeOnly(minutes / 60, minutes % 60));

    /// <summary>The fields of a grid drawn from an expression.</summary>
    private static Dictionary<string, string> Values(WeekGrid grid)
    {
        var values = Fields().ToDictionary(f => f, _ => "", StringComparer.Ordinal);
        for (var d = 0; d < 7; d++)
        {
            var ranges = grid.Days[d];
            values[Closed(d)] = ranges.Count == 0 && !grid.IsEmpty ? "1" : "";
            for (var r = 0; r < ranges.Count; r++)
            {
                values[From(d, r)] = WeekGrid.Hhmm(ranges[r].Start);
                values[To(d, r)] = WeekGrid.Hhmm(ranges[r].End);
            }
        }

        values[HolidaysField] = grid.ClosedOnPublicHolidays ? "1" : "";
        values[WeekdaysField] = grid.SameOnWeekdays && grid.Days[0].Count > 0 ? "1" : "";
        return values;
    }

    /// <summary>
    /// The grid above the expression field: drawn from the posted fields when the grid ruled the submit (so that its
    /// errors are next to what was typed), else from <paramref name="text"/>, or empty with a notice when the grid
    /// cannot show it.
    /// </summary>
    public static string Render(HttpContext http, string text, IReadOnlyDictionary<string, string> errors)
    {
        Dictionary<string, string> values;
        var fits = true;
        if (http.Items[s_postedKey] is Dictionary<string, string> posted)
        {
            values = posted;
        }
        else if (WeekGrid.FromExpression(text) is { } grid)
        {
            values = Values(grid);
        }
        else
        {
            fits = false;
            values = Fields().ToDictionary(f => f, _ => "", StringComparer.Ordinal);
        }

        var b = new StringBuilder();
        b.Append("<fieldset class=\"grille-horaires\" id=\"grille-horaires\" aria-describedby=\"grille-aide\"><legend>Horaires de la semaine</legend>");
        b.Append("<p class=\"aide\" id=\"grille-aide\">Pour chaque jour, cochez « Fermé » ou donnez jusqu'à trois plages d'ouverture, ")
            .Append("les heures écrites par exemple 9:00 ou 14:30 (24:00 pour minuit). La grille écrit l'expression OpenStreetMap du champ ")
            .Append("« Horaires d'ouverture » ci-dessous ; quand vous enregistrez, ce que vous avez changé (la grille ou l'expression) est enregistré.</p>");
        b.Append("<p class=\"grille-etat\" id=\"grille-etat\" role=\"status\"").Append(fits ? " hidden>" : ">")
            .Append(fits ? "" : "La grille ne peut pas montrer ces horaires (dates, commentaires, horaires de nuit ou jours fériés ouverts par exemple) : "
                + "l'expression ci-dessous fait foi. Remplir la grille la remplacerait.")
            .Append("</p>");
        b.Append("<input type=\"hidden\" name=\"").Append(StateField).Append("\" value=\"").Append(E(Snapshot(values))).Append("\">");
        b.Append("<input type=\"hidden\" name=\"").Append(TextField).Append("\" value=\"").Append(E(text)).Append("\">");
        b.Append(Check(WeekdaysField, "Mêmes horaires du lundi au vendredi", values, errors,
            hint: "Les horaires du lundi valent alors du mardi au vendredi ; les champs de ces jours-là ne comptent plus."));
        for (var d = 0; d < 7; d++)
        {
            b.Append("<fieldset class=\"jour\" id=\"").Append(Id($"{Prefix}{Code(d)}")).Append("\" data-jour=\"").Append(Code(d)).Append("\"><legend>")
                .Append(Capitalized(s_dayNames[d])).Append("</legend>");
            b.Append(Check(Closed(d), "Fermé", values, errors));
            b.Append("<div class=\"plages\">");
            for (var r = 0; r < WeekGrid.MaxRangesPerDay; r++)
            {
                b.Append("<div class=\"plage\">")
                    .Append(TimeField(From(d, r), $"{Ordinal(r)} plage, de", null, values, errors))
                    .Append(TimeField(To(d, r), "à", $"{Ordinal(r)} plage, ", values, errors))
                    .Append("</div>");
            }

            b.Append("</div></fieldset>");
        }

        b.Append(Check(HolidaysField, "Fermé les jours fériés", values, errors));
        return b.Append("</fieldset>").ToString();
    }

    private static string Check(string name, string label, Dictionary<string, string> values, IReadOnlyDictionary<string, string> errors, string? hint = null) =>
        CheckBox(name, label, values.GetValueOrDefault(name) is { Length: > 0 }, errors.GetValueOrDefault(name), hint);

    private static string TimeField(string name, string label, string? hiddenLabel, Dictionary<string, string> values, IReadOnlyDictionary<string, string> errors)
    {
        var id = Id(name);
        var error = errors.GetValueOrDefault(name);
        var b = new StringBuilder("<span class=\"heure").Append(error is null ? "" : " champ-erreur").Append("\">");
        b.Append("<label for=\"").Append(id).Append("\">");
        if (hiddenLabel is not null)
        {
            b.Append("<span class=\"visuellement-cache\">").Append(E(hiddenLabel)).Append("</span>");
        }

        b.Append(E(label)).Append("</label>");
        b.Append("<input type=\"text\" id=\"").Append(id).Append("\" name=\"").Append(name).Append("\" value=\"").Append(E(values.GetValueOrDefault(name)))
            .Append("\" size=\"5\" autocomplete=\"off\" spellcheck=\"false\"");
        if (error is not null)
        {
            b.Append(" aria-describedby=\"").Append(id).Append("-erreur\" aria-invalid=\"true\"");
        }

        b.Append('>');
        if (error is not null)
        {
            b.Append("<span class=\"erreur\" id=\"").Append(id).Append("-erreur\">").Append(E(Capitalized(error))).Append("</span>");
        }

        return b.Append("</span>").ToString();
    }

    /// <summary>
    /// <c>GET /espace/horaires/grille?expression=…</c>: the grid's fields for an expression, or <c>{"grille":null}</c> when the grid
    /// cannot show it; what the script asks while an expert types (the grid logic lives once, here). Nothing is stored or logged.
    /// </summary>
    public static void Map(WebApplication app) =>
        app.MapGet("/espace/horaires/grille", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var expression = http.Request.Query["expression"].ToString();
            var grid = expression.Length > OpeningHoursParser.MaxLength ? null : WeekGrid.FromExpression(expression);
            return Results.Json(new { grille = grid is null ? null : Values(grid), expression = grid?.ToExpression() });
        });
}
