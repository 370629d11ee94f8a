using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ScoranInclusion.Web.Languages;

namespace ScoranInclusion.Server.Tests.Languages;

/// <summary>
/// The citizen pages in each language: chosen by <c>?langue=</c>, then <c>Accept-Language</c>, then French; never a
/// cookie; <c>lang</c> and <c>dir</c> on the page, the places' own text marked French, the language kept in links and
/// forms, the widget told its language. The mediators' pages stay French.
/// </summary>
public sealed partial class LanguagePagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    /// <summary>A text each page must show in each language (its main heading or button).</summary>
    private static readonly Dictionary<string, (string Home, string List, string Detail, string Report)> Expected = new(StringComparer.Ordinal)
    {
        ["fr"] = ("Trouver de l'aide pour le numérique, près de chez vous", "Les lieux d'aide au numérique les plus proches", "Horaires de cette semaine", "Envoyer le signalement"),
        ["en"] = ("Find help with digital tools, near you", "The nearest places for digital help", "Opening hours this week", "Send the report"),
        ["ar"] = ("ابحث عن مساعدة في استخدام الأدوات الرقمية، قرب منزلك", "أقرب أماكن المساعدة الرقمية", "ساعات العمل هذا الأسبوع", "إرسال البلاغ"),
        ["uk"] = ("Знайти допомогу з цифровими технологіями поруч із вами", "Найближчі місця цифрової допомоги", "Години роботи цього тижня", "Надіслати повідомлення"),
        ["tr"] = ("Dijital konularda yardım bulun, size yakın", "Size en yakın dijital yardım yerleri", "Bu haftanın çalışma saatleri", "Bildirimi gönder"),
        ["ro"] = ("Găsiți ajutor pentru digital, aproape de casă", "Cele mai apropiate locuri de ajutor digital", "Programul din această săptămână", "Trimiteți semnalarea"),
    };

    public static TheoryData<string> Languages => new(Language.All.Select(l => l.Code));

    [Theory]
    [InlineData(null, null, "fr", false)]
    [InlineData("en", null, "en", true)]
    [InlineData("AR", null, "ar", true)]
    [InlineData("uk", "tr-TR,tr;q=0.9", "uk", true)]
    [InlineData(null, "tr-TR,tr;q=0.9,en;q=0.5", "tr", false)]
    [InlineData(null, "de-DE,de;q=0.9,ro;q=0.8,en;q=0.7", "ro", false)]
    [InlineData(null, "en;q=0.4,uk;q=0.8", "uk", false)]
    [InlineData(null, "de-DE,es;q=0.5", "fr", false)]
    [InlineData(null, "ar;q=0,en", "en", false)]
    [InlineData("xx", "uk", "uk", false)]
    [InlineData("", "ro", "ro", false)]
    public void The_language_comes_from_the_url_then_the_browser_then_french(string? langue, string? acceptLanguage, string code, bool chosen)
    {
        var context = new DefaultHttpContext();
        if (langue is not null)
        {
            context.Request.QueryString = new QueryString("?langue=" + langue);
        }

        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        var texts = LanguageChoice.Resolve(context.Request);
        Assert.Equal(code, texts.Language.Code);
        Assert.Equal(chosen, texts.Chosen);
    }

    private async Task<string> PlaceIdAsync() =>
        (await _server.DataAsync("{ nearestSites(near: { point: { latitude: 46.9512, longitude: 4.2988 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();

    [GeneratedRegex(@"\{[a-zA-Z]+(\|[a-z]+)?\}")]
    private static partial Regex LeftPlaceholder();

    private static void AssertPage(string html, string code, string expected, string page)
    {
        var language = Language.Find(code)!;
        Assert.Contains($"<html lang=\"{code}\" dir=\"{language.Dir}\">", html, StringComparison.Ordinal);
        Assert.Contains(expected, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotMatch(LeftPlaceholder(), html);
        // The language menu: every language, named in itself, with its own lang, the current one marked.
        foreach (var other in Language.All)
        {
            Assert.Contains($"lang=\"{other.Code}\" hreflang=\"{other.Code}\" dir=\"{other.Dir}\"", html, StringComparison.Ordinal);
            Assert.Contains(">" + other.NativeName + "</a>", html, StringComparison.Ordinal);
        }

        Assert.Contains($"hreflang=\"{code}\" dir=\"{language.Dir}\" aria-current=\"true\"", html, StringComparison.Ordinal);
        _ = page;
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Each_citizen_page_speaks_the_language_in_the_url(string code)
    {
        using var client = _server.CreateClient(new() { HandleCookies = false });
        var id = await PlaceIdAsync();
        var expected = Expected[code];

        using var home = await client.GetAsync($"/?langue={code}");
        var homeHtml = await home.Content.ReadAsStringAsync();
        AssertPage(homeHtml, code, expected.Home, "/");
        Assert.Contains($"<scoran-carte lire-url titre-niveau=\"2\" langue=\"{code}\"", homeHtml, StringComparison.Ordinal);
        Assert.False(home.Headers.Contains("Set-Cookie"), "la page d'accueil dépose un cookie");

        using var list = await client.GetAsync($"/lieux?commune=71014&langue={code}");
        var listHtml = await list.Content.ReadAsStringAsync();
        AssertPage(listHtml, code, expected.List, "/lieux");
        // The places' own words are marked French; the links keep the language; the form carries it.
        if (code != "fr")
        {
            Assert.Contains("\" lang=\"fr\">", listHtml, StringComparison.Ordinal);
            Assert.Contains("<span lang=\"fr\">", listHtml, StringComparison.Ordinal);
        }

        Assert.Matches($"href=\"/lieu/[^\"?]+\\?langue={code}\"", listHtml);
        Assert.Contains($"<input type=\"hidden\" name=\"langue\" value=\"{code}\">", listHtml, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"icone\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("aria-hidden=\"true\" focusable=\"false\"", listHtml, StringComparison.Ordinal);
        Assert.False(list.Headers.Contains("Set-Cookie"));

        using var detail = await client.GetAsync($"/lieu/{Uri.EscapeDataString(id)}?langue={code}");
        var detailHtml = await detail.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        AssertPage(detailHtml, code, expected.Detail, "/lieu");
        Assert.Contains(code == "fr" ? "<h1>" : "<h1 lang=\"fr\">", detailHtml, StringComparison.Ordinal);
        Assert.Contains($"/signaler?langue={code}\"", detailHtml, StringComparison.Ordinal);

        using var report = await client.GetAsync($"/lieu/{Uri.EscapeDataString(id)}/signaler?langue={code}");
        var reportHtml = await report.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        AssertPage(reportHtml, code, expected.Report, "/signaler");
        Assert.Contains($"action=\"/lieu/{Uri.EscapeDataString(id)}/signaler?langue={code}\"", reportHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_choice_the_browser_language_is_spoken_and_the_links_stay_clean()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lieux?commune=71014");
        request.Headers.TryAddWithoutValidation("Accept-Language", "uk-UA,uk;q=0.9,en;q=0.5");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        AssertPage(html, "uk", Expected["uk"].List, "/lieux");
        Assert.DoesNotContain("?langue=uk\"", html, StringComparison.Ordinal);
        Assert.Matches("href=\"/lieu/[^\"?]+\"", html);
        Assert.DoesNotContain("name=\"langue\"", html, StringComparison.Ordinal);
        // Dates in the language's words: a Ukrainian month in the freshness line.
        Assert.Matches("Оновлено \\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \\d{4}", html);
    }

    [Fact]
    public async Task The_standard_values_are_shown_translated_and_kept_as_they_are_in_links()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/lieux?commune=71014&services=AIDE_AUX_DEMARCHES_ADMINISTRATIVES&langue=en");

        Assert.Contains("Help with official forms and procedures", html, StringComparison.Ordinal);
        Assert.Contains("value=\"AIDE_AUX_DEMARCHES_ADMINISTRATIVES\" checked", html, StringComparison.Ordinal);
        Assert.Contains("services=AIDE_AUX_DEMARCHES_ADMINISTRATIVES", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Aide aux démarches administratives<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mediators_pages_stay_french_whatever_the_browser_says()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/espace/connexion?langue=ar");
        request.Headers.TryAddWithoutValidation("Accept-Language", "ar");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"langues\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_place_says_so_in_the_language()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync("/lieu/inexistant?langue=ro");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nu găsim acest loc", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
