using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>A browser-like client of the mediators' pages: keeps its cookies, follows no redirect, reads the forms' antiforgery token.</summary>
public sealed partial class EspaceClient : IDisposable
{
    public const string TokenField = "_jeton_formulaire";

    public EspaceClient(ScoranServerFactory factory, bool https = false)
    {
        Http = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        });
    }

    public HttpClient Http { get; }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form with the antiforgery token read from <paramref name="formPage"/> (unless <paramref name="token"/> overrides it).</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null, string? token = null)
    {
        var values = fields.ToList();
        token ??= formPage is null ? null : await TokenAsync(formPage);
        if (token is not null)
        {
            values.Add(new(TokenField, token));
        }

        var response = await Http.PostAsync(path, new FormUrlEncodedContent(values));
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> TokenAsync(string page)
    {
        var (response, body) = await GetAsync(page);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} : {response.StatusCode}\n{body}");
        return TokenOf(body);
    }

    public static string TokenOf(string body) => WebUtility.HtmlDecode(TokenPattern().Match(body).Groups[1].Value);

    /// <summary>The value of a hidden or text input, HTML-decoded.</summary>
    public static string? InputValue(string body, string name)
    {
        var match = Regex.Match(body, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public async Task LogInAsync(string email, string password)
    {
        var (response, body) = await PostAsync("/espace/connexion", [new("email", email), new("password", password)], "/espace/connexion");
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"connexion : {response.StatusCode}\n{body}");
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"" + TokenField + "\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
