using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>Sending hostile requests and checking what comes back: never a 5xx, a code, no trace of the server's insides.</summary>
internal static class Hostile
{
    public static StringContent Json(string body, string mediaType = "application/json") => new(body, Encoding.UTF8, mediaType);

    public static StringContent Request(string query, object? variables = null) =>
        Json(System.Text.Json.JsonSerializer.Serialize(new { query, variables }));

    /// <summary>The response is not a 5xx and shows neither a stack trace nor an exception type.</summary>
    public static async Task<string> AssertSafeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} : {body}");
        AssertNoInsides(body);
        return body;
    }

    public static void AssertNoInsides(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ScoranInclusion.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first error's extensions.code of a GraphQL response.</summary>
    public static string? FirstCode(string body) =>
        JsonNode.Parse(body)?["errors"]?.AsArray().FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>The code of a problem+json body.</summary>
    public static string? ProblemCode(string body) => JsonNode.Parse(body)?["code"]?.GetValue<string>();

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, HttpContent content)
    {
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        return (response.StatusCode, await AssertSafeAsync(response));
    }
}
