using System.Text;
using Microsoft.Net.Http.Headers;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Languages;

/// <summary>
/// Which language a citizen page speaks: <c>?langue=</c> (the menu's links set it, every link and form of the pages
/// keeps it), then the browser's <c>Accept-Language</c>, then French. Never a cookie: the public pages set none.
/// </summary>
public static class LanguageChoice
{
    public const string Parameter = "langue";

    public static Texts Resolve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Language.Find(request.Query[Parameter].FirstOrDefault()) is { } chosen)
        {
            return new Texts(chosen, chosen: true);
        }

        return new Texts(FromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) ?? Language.French, chosen: false);
    }

    /// <summary>The best of our languages in an <c>Accept-Language</c> header (by quality, then order); null when none.</summary>
    public static Language? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return null;
        }

        // OrderByDescending is stable: at equal quality, the browser's order.
        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
        {
            if (value.Quality is 0)
            {
                continue;
            }

            var tag = value.Value.Value ?? "";
            var primary = tag.Split('-', 2)[0];
            if (Language.Find(primary) is { } language)
            {
                return language;
            }
        }

        return null;
    }

    /// <summary>
    /// The visible language menu: each language named in itself and marked with its own <c>lang</c>, linking to the
    /// same page (same query) in that language.
    /// </summary>
    public static string Menu(Texts texts, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(request);
        var kept = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key == Parameter || request.Path.Value?.EndsWith("/signaler", StringComparison.Ordinal) == true && key == "merci")
            {
                continue;
            }

            foreach (var v in values)
            {
                kept.Append(Url(key)).Append('=').Append(Url(v)).Append("&amp;");
            }
        }

        var path = E(request.Path.Value ?? "/");
        var b = new StringBuilder("<nav class=\"langues\" aria-label=\"").Append(texts.H("lang.menu")).Append("\"><ul>");
        foreach (var language in Language.All)
        {
            var current = language == texts.Language;
            b.Append("<li><a href=\"").Append(path).Append('?').Append(kept).Append(Parameter).Append('=').Append(language.Code)
                .Append("\" lang=\"").Append(language.Code).Append("\" hreflang=\"").Append(language.Code).Append("\" dir=\"").Append(language.Dir).Append('"')
                .Append(current ? " aria-current=\"true\"" : "").Append('>').Append(E(language.NativeName)).Append("</a></li>");
        }

        return b.Append("</ul></nav>").ToString();
    }

}
