using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// Every String and ID argument of the schema, found by introspection (queries and mutations, with the administrator
/// token so that mutations reach their arguments), given texts that are not well-formed Unicode (a lone surrogate, a
/// reversed pair, noncharacters), as a literal of the document and as a variable: never a 5xx nor INTERNAL_ERROR.
/// </summary>
public sealed class StringArgumentsTests : IDisposable
{
    private const string Token = "jeton-admin-des-tests-de-texte";

    // As GraphQL escapes (a literal can carry a lone surrogate, which JSON text cannot).
    public static TheoryData<string> Escaped => new() { @"ab\uD800cd", @"\uDC00\uD800", @"\uFFFE", @"x\uFFFF", @"fin\uDBFF", @"\uFDD0" };

    private readonly ScoranServerFactory _server = new();

    public StringArgumentsTests() => _server.Settings["Auth:AdminToken"] = Token;

    public void Dispose() => _server.Dispose();

    [Theory]
    [MemberData(nameof(Escaped))]
    public async Task Every_string_argument_refuses_ill_formed_text_as_a_literal(string escaped)
    {
        var calls = await CallsAsync();
        Assert.True(calls.Count > 40, $"{calls.Count} arguments seulement");
        using var client = Client();
        foreach (var call in calls)
        {
            var document = call.Document("\"" + escaped + "\"");
            var (status, body) = await PostAsync(client, Request(document));
            AssertHandled(call.Name, status, body);
            Assert.True(Codes(body).Contains("INVALID_STRING"), call.Name + " : " + body);
        }
    }

    [Fact]
    public async Task Every_string_argument_refuses_noncharacters_in_variables()
    {
        var calls = await CallsAsync();
        using var client = Client();
        foreach (var text in new[] { "ab\uFFFEcd", "\uFFFF", "x\uFDEFy" })
        {
            foreach (var call in calls)
            {
                var value = call.IsList ? (object)new[] { text } : text;
                var (status, body) = await PostAsync(client, Request(call.Document("$s", call.VariableType), new { s = value }));
                AssertHandled(call.Name, status, body);
                Assert.True(Codes(body).Contains("INVALID_STRING"), call.Name + " : " + body);
            }
        }
    }

    [Fact]
    public async Task Communes_search_answers_INVALID_STRING_with_where_and_what()
    {
        using var client = Client();
        var (status, body) = await PostAsync(client, Request("{ communes(search: \"Dij\\uD800on\") { nom } }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_STRING", FirstCode(body));
        var message = JsonNode.Parse(body)!["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("l'argument search", message, StringComparison.Ordinal);
        Assert.Contains("U+D800", message, StringComparison.Ordinal);
        Assert.Contains("caractère 4", message, StringComparison.Ordinal);

        // Well-formed text beyond the BMP still searches.
        (status, body) = await PostAsync(client, Request("{ communes(search: \"Dijon 𝕏\") { nom } }"));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static void AssertHandled(string call, HttpStatusCode status, string body)
    {
        Assert.True((int)status < 500, $"{call} : {(int)status} {body}");
        if (JsonNode.Parse(body)?["errors"] is JsonArray errors)
        {
            Assert.DoesNotContain(errors, e => e!["extensions"]?["code"]?.GetValue<string>() == "INTERNAL_ERROR");
        }
    }

    private static List<string?> Codes(string body) =>
        JsonNode.Parse(body)?["errors"]?.AsArray().Select(e => e?["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];

    private HttpClient Client()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>One call per String or ID argument of every query and mutation field, its other required arguments filled.</summary>
    private async Task<List<Call>> CallsAsync()
    {
        var schema = (await _server.DataAsync(Introspection))["__schema"]!;
        var types = schema["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        var calls = new List<Call>();
        foreach (var (root, keyword) in new[] { ("queryType", "query"), ("mutationType", "mutation") })
        {
            var rootName = schema[root]!["name"]!.GetValue<string>();
            foreach (var field in types[rootName]["fields"]!.AsArray())
            {
                var args = field!["args"]!.AsArray();
                foreach (var target in args.Where(a => Named(a!["type"]!) is "String" or "ID"))
                {
                    calls.Add(new Call(keyword, field["name"]!.GetValue<string>(), target!["name"]!.GetValue<string>(), TypeText(target["type"]!),
                        IsListType(target["type"]!),
                        args.Where(a => a != target && a!["type"]!["kind"]!.GetValue<string>() == "NON_NULL").Select(a => (a!["name"]!.GetValue<string>(), Value(a["type"]!, types))).ToList(),
                        Selection(field["type"]!, types)));
                }
            }
        }

        return calls;
    }

    private sealed record Call(string Keyword, string Field, string Argument, string VariableType, bool IsList, List<(string Name, string Value)> Others, string Selection)
    {
        public string Name => $"{Field}({Argument})";

        public string Document(string value, string? variableType = null)
        {
            var target = IsList && value != "$s" ? "[" + value + "]" : value;
            var arguments = string.Join(", ", Others.Select(o => $"{o.Name}: {o.Value}").Prepend($"{Argument}: {target}"));
            var variables = variableType is null ? "" : $"($s: {variableType})";
            return $"{Keyword}{variables} {{ {Field}({arguments}) {Selection} }}";
        }
    }

    private static string? Named(JsonNode type) => type["kind"]!.GetValue<string>() is "NON_NULL" or "LIST" ? Named(type["ofType"]!) : type["name"]!.GetValue<string>();

    private static bool IsListType(JsonNode type) => type["kind"]!.GetValue<string>() switch
    {
        "NON_NULL" => IsListType(type["ofType"]!),
        "LIST" => true,
        _ => false,
    };

    private static string TypeText(JsonNode type) => type["kind"]!.GetValue<string>() switch
    {
        "NON_NULL" => TypeText(type["ofType"]!) + "!",
        "LIST" => "[" + TypeText(type["ofType"]!) + "]",
        _ => type["name"]!.GetValue<string>(),
    };

    /// <summary>A valid-looking literal of a type: what a required argument needs so that the call reaches its strings.</summary>
    private static string Value(JsonNode type, Dictionary<string, JsonNode> types)
    {
        switch (type["kind"]!.GetValue<string>())
        {
            case "NON_NULL":
                return Value(type["ofType"]!, types);
            case "LIST":
                return "[" + Value(type["ofType"]!, types) + "]";
        }

        var name = type["name"]!.GetValue<string>();
        var definition = types[name];
        return definition["kind"]!.GetValue<string>() switch
        {
            "ENUM" => definition["enumValues"]![0]!["name"]!.GetValue<string>(),
            "INPUT_OBJECT" => "{ " + string.Join(", ", definition["inputFields"]!.AsArray()
                .Where(f => f!["type"]!["kind"]!.GetValue<string>() == "NON_NULL")
                .Select(f => $"{f!["name"]!.GetValue<string>()}: {Value(f["type"]!, types)}")) + " }",
            _ => name switch
            {
                "Int" => "1",
                "Float" => "1.5",
                "Boolean" => "false",
                "ID" => "\"U2l0ZTox\"",
                "DateTime" => "\"2026-12-07T10:00:00+01:00\"",
                "Date" => "\"2026-12-07\"",
                _ => "\"texte\"",
            },
        };
    }

    private static string Selection(JsonNode type, Dictionary<string, JsonNode> types) =>
        types[Named(type)!]["kind"]!.GetValue<string>() is "OBJECT" or "INTERFACE" or "UNION" ? "{ __typename }" : "";

    private const string Introspection = """
        {
          __schema {
            queryType { name }
            mutationType { name }
            types {
              name kind
              fields { name args { name type { ...T } } type { ...T } }
              inputFields { name type { ...T } }
              enumValues { name }
            }
          }
        }
        fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
        """;
}
