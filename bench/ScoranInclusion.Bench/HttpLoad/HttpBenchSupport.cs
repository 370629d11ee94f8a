using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScoranInclusion.Bench.HttpLoad;

internal static class HttpBenchSupport
{
    public static string? Option(string[] args, string name) => VerbArgs.Option(args, name);

    public static bool Full(string[] args) => Option(args, "--mode") switch
    {
        null or "quick" => false,
        "full" => true,
        var other => throw new ArgumentException($"--mode quick|full (reçu {other})"),
    };

    public static double DoubleOption(string[] args, string name, double fallback) =>
        Option(args, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static string F(double value, int decimals = 1) =>
        double.IsNaN(value) ? "–" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal);

    public static byte[] GraphQLBody(string query, JsonNode? variables) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["query"] = query, ["variables"] = variables?.DeepClone() }.ToJsonString());

    /// <summary>A query that must succeed, sent directly (setup, checks), returning its data.</summary>
    public static async Task<JsonNode> DataAsync(HttpClient client, string query, JsonNode? variables = null, string? token = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new ByteArrayContent(GraphQLBody(query, variables)) { Headers = { ContentType = new("application/json") } },
        };
        if (token is not null)
        {
            message.Headers.Authorization = new("Bearer", token);
        }

        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var result = JsonNode.Parse(text)!;
        if (result["errors"] is not null || result["data"] is null)
        {
            throw new InvalidOperationException($"Requête de préparation refusée ({(int)response.StatusCode}) : {text[..Math.Min(text.Length, 500)]}");
        }

        return result["data"]!;
    }

    /// <summary>The machine's load average (1, 5, 15 min) from /proc/loadavg.</summary>
    public static string LoadAverage() => VerbArgs.LoadAverage();

    public static string CommandText(string verb, string[] args) =>
        "dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll " + string.Join(' ', new[] { verb }.Concat(args));

    public static JsonSerializerOptions Compact { get; } = new() { WriteIndented = false };
}
