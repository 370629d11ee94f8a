using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Web.Languages;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The services of a place as a list, each with its icon: inline SVG from <c>web/icons/services.json</c> (the widget
/// draws the same), hidden from screen readers, always beside the words, never instead of them.
/// </summary>
internal static class ServiceIcons
{
    private static readonly FrozenDictionary<string, string> s_icons = Load();

    public static string Svg(string name) =>
        s_icons.TryGetValue(name, out var inner)
            ? $"<svg class=\"icone\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{inner}</svg>"
            : "";

    public static string List(Texts t, IEnumerable<Service> services)
    {
        var b = new StringBuilder("<ul class=\"services\">");
        foreach (var service in services)
        {
            var name = EnumNames.FromLabel(Vocabularies.Services.Label(service));
            b.Append("<li>").Append(Svg(name)).Append(' ').Append(E(t.Label("service", name))).Append("</li>");
        }

        return b.Append("</ul>").ToString();
    }

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(ServiceIcons).Assembly.GetManifestResourceStream("icons.services.json")
            ?? throw new InvalidOperationException("web/icons/services.json manque dans l'assemblage.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
