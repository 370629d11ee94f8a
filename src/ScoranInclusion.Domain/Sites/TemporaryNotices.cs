using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// A temporary closure of a place (« Fermé du 22 décembre au 2 janvier »): whole days in Paris, <see cref="Start"/> and
/// <see cref="End"/> both included, with an optional reason (« congés de fin d'année »). Not a field of the standard:
/// people give it (the edit page, <c>updateSite</c>); the place is closed over these days whatever its hours say.
/// </summary>
public sealed record SiteClosure(DateOnly Start, DateOnly End, string? Reason = null);

/// <summary>
/// A dated notice of a place (« Horaires d'été : … », « Permanence déplacée en mairie »), shown to citizens from
/// <see cref="Start"/> to <see cref="End"/> (both included, Paris days). Not a field of the standard.
/// </summary>
public sealed record SiteNotice(DateOnly Start, DateOnly End, string Text);

/// <summary>
/// The rules of temporary closures and notices: validation (French messages), which ones are current or still to come
/// on a Paris day, and their French wording.
/// </summary>
public static class TemporaryNotices
{
    /// <summary>The pseudo-field of closures in validation issues and the change history.</summary>
    public const string ClosuresField = "fermetures";

    /// <summary>The pseudo-field of notices in validation issues and the change history.</summary>
    public const string NoticesField = "avis";

    /// <summary>At most this many closures, and as many notices, per place.</summary>
    public const int MaxCount = 10;

    /// <summary>A closure or a notice lasts at most this many days (a year; longer is no longer temporary).</summary>
    public const int MaxDays = 366;

    /// <summary>A closure's reason: at most this many characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>A notice's text: at most this many characters.</summary>
    public const int MaxTextLength = 500;

    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The Paris day of an instant.</summary>
    public static DateOnly ParisDay(DateTimeOffset at) => DateOnly.FromDateTime(ParisTime.ToParis(at).DateTime);

    /// <summary>The closures and notices of <paramref name="site"/> that break a rule, for the given pseudo-fields only.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Site site, IReadOnlySet<string> fields, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(fields);
        var issues = new List<ValidationIssue>();
        if (fields.Contains(ClosuresField))
        {
            issues.AddRange(ValidateClosures(site.Closures, today));
        }

        if (fields.Contains(NoticesField))
        {
            issues.AddRange(ValidateNotices(site.Notices, today));
        }

        return issues;
    }

    /// <summary>One issue per closure at fault (« Fermeture n° 2 : … »), or one for the whole list when there are too many.</summary>
    public static IReadOnlyList<ValidationIssue> ValidateClosures(IReadOnlyList<SiteClosure> closures, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(closures);
        var issues = new List<ValidationIssue>();
        if (closures.Count > MaxCount)
        {
            issues.Add(Error(ClosuresField, null, $"Trop de fermetures temporaires : {closures.Count}, {MaxCount} au plus. Retirez celles qui sont passées ou regroupez-les."));
            return issues;
        }

        for (var i = 0; i < closures.Count; i++)
        {
            var closure = closures[i];
            var where = $"Fermeture n° {i + 1}";
            if (DatesIssue(where, "elle", closure.Start, closure.End, today) is { } dates)
            {
                issues.Add(Error(ClosuresField, Label(closure), dates));
            }
            else if (closure.Reason is { } reason && reason.Length > MaxReasonLength)
            {
                issues.Add(Error(ClosuresField, reason, $"{where} : le motif fait {reason.Length} caractères, {MaxReasonLength} au plus."));
            }
            else if (closure.Reason is { } text && HasControlCharacter(text, allowNewLines: false))
            {
                issues.Add(Error(ClosuresField, text, $"{where} : le motif contient un caractère invisible ou un retour à la ligne ; écrivez-le sur une ligne."));
            }
        }

        return issues;
    }

    /// <summary>One issue per notice at fault (« Avis n° 1 : … »), or one for the whole list when there are too many.</summary>
    public static IReadOnlyList<ValidationIssue> ValidateNotices(IReadOnlyList<SiteNotice> notices, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var issues = new List<ValidationIssue>();
        if (notices.Count > MaxCount)
        {
            issues.Add(Error(NoticesField, null, $"Trop d'avis : {notices.Count}, {MaxCount} au plus. Retirez ceux qui sont passés."));
            return issues;
        }

        for (var i = 0; i < notices.Count; i++)
        {
            var notice = notices[i];
            var where = $"Avis n° {i + 1}";
            if (string.IsNullOrWhiteSpace(notice.Text))
            {
                issues.Add(Error(NoticesField, notice.Text, $"{where} : le texte est vide ; écrivez ce que les visiteurs doivent savoir (par exemple « Permanence déplacée en mairie »)."));
            }
            else if (notice.Text.Length > MaxTextLength)
            {
                issues.Add(Error(NoticesField, notice.Text[..40] + "…", $"{where} : le texte fait {notice.Text.Length} caractères, {MaxTextLength} au plus."));
            }
            else if (HasControlCharacter(notice.Text, allowNewLines: true))
            {
                issues.Add(Error(NoticesField, notice.Text, $"{where} : le texte contient un caractère invisible ; retirez-le."));
            }
            else if (DatesIssue(where, "il", notice.Start, notice.End, today) is { } dates)
            {
                issues.Add(Error(NoticesField, notice.Text, dates));
            }
        }

        return issues;
    }

    /// <summary>The closures not yet over on <paramref name="today"/> (current ones included), by start date.</summary>
    public static IReadOnlyList<SiteClosure> Upcoming(IReadOnlyList<SiteClosure> closures, DateOnly today) =>
        [.. closures.Where(c => c.End >= today).OrderBy(c => c.Start).ThenBy(c => c.End)];

    /// <summary>The notices not yet over on <paramref name="today"/> (current ones included), by start date.</summary>
    public static IReadOnlyList<SiteNotice> Upcoming(IReadOnlyList<SiteNotice> notices, DateOnly today) =>
        [.. notices.Where(n => n.End >= today).OrderBy(n => n.Start).ThenBy(n => n.End)];

    /// <summary>Whether a closure or notice covers <paramref name="day"/>.</summary>
    public static bool Covers(DateOnly start, DateOnly end, DateOnly day) => start <= day && day <= end;

    /// <summary>The closure in force on <paramref name="day"/> (the one ending last when several overlap); null when open as usual.</summary>
    public static SiteClosure? ClosureOn(IReadOnlyList<SiteClosure>? closures, DateOnly day)
    {
        SiteClosure? found = null;
        if (closures is null)
        {
            return null;
        }

        foreach (var closure in closures)
        {
            if (Covers(closure.Start, closure.End, day) && (found is null || closure.End > found.End))
            {
                found = closure;
            }
        }

        return found;
    }

    /// <summary>Whether the place is closed at <paramref name="at"/> by one of <paramref name="closures"/>.</summary>
    public static bool IsClosedAt(IReadOnlyList<SiteClosure>? closures, DateTimeOffset at) =>
        closures is { Count: > 0 } && ClosureOn(closures, ParisDay(at)) is not null;

    /// <summary>The last day of the closure that covers <paramref name="day"/>, following closures that touch or overlap it.</summary>
    public static DateOnly? ClosedThrough(IReadOnlyList<SiteClosure>? closures, DateOnly day)
    {
        if (ClosureOn(closures, day) is not { } first)
        {
            return null;
        }

        var end = first.End;
        bool extended;
        do
        {
            extended = false;
            foreach (var closure in closures!)
            {
                if (closure.Start <= end.AddDays(1) && closure.End > end)
                {
                    end = closure.End;
                    extended = true;
                }
            }
        }
        while (extended);
        return end;
    }

    /// <summary>« 22 décembre », « 1er janvier ».</summary>
    public static string DayText(DateOnly day) =>
        (day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture)) + " " + day.ToString("MMMM", s_french);

    /// <summary>« 22 décembre 2026 », for messages where the year matters.</summary>
    public static string DayTextWithYear(DateOnly day) => DayText(day) + " " + day.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>« du 22 décembre au 2 janvier », « le 24 décembre » (one day).</summary>
    public static string Period(DateOnly start, DateOnly end) =>
        start == end ? $"le {DayText(start)}" : $"du {DayText(start)} au {DayText(end)}";

    /// <summary>« Fermé du 22 décembre au 2 janvier », then « (reason) » when there is one.</summary>
    public static string Label(SiteClosure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var label = "Fermé " + Period(closure.Start, closure.End);
        return closure.Reason is { Length: > 0 } reason ? $"{label} ({reason})" : label;
    }

    /// <summary>« Du 1er juillet au 31 août : Horaires d'été : … ».</summary>
    public static string Label(SiteNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var period = Period(notice.Start, notice.End);
        return char.ToUpperInvariant(period[0]) + period[1..] + " : " + notice.Text;
    }

    /// <summary>A closure as given by people: the reason trimmed, empty as none.</summary>
    public static SiteClosure Closure(DateOnly start, DateOnly end, string? reason) =>
        new(start, end, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());

    /// <summary>A notice as given by people: the text trimmed, its line ends as <c>\n</c>.</summary>
    public static SiteNotice Notice(DateOnly start, DateOnly end, string? text) =>
        new(start, end, (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim());

    private static string? DatesIssue(string where, string pronoun, DateOnly start, DateOnly end, DateOnly today)
    {
        if (end < start)
        {
            return $"{where} : la fin ({DayTextWithYear(end)}) précède le début ({DayTextWithYear(start)}).";
        }

        var days = end.DayNumber - start.DayNumber + 1;
        if (days > MaxDays)
        {
            return $"{where} : {days} jours, c'est trop long pour une période temporaire ({MaxDays} jours au plus).";
        }

        if (end < today)
        {
            return $"{where} : {pronoun} se termine le {DayTextWithYear(end)}, avant aujourd'hui ; {(pronoun == "il" ? "retirez-le" : "retirez-la")} ou corrigez la date de fin.";
        }

        return null;
    }

    private static bool HasControlCharacter(string text, bool allowNewLines) =>
        text.Any(c => char.IsControl(c) && !(allowNewLines && c == '\n'));

    private static ValidationIssue Error(string field, string? value, string message) => new(field, value, message, ValidationSeverity.Error);
}
