using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// A message that suggests a value must suggest one that exists. Every string of the sources is read: a value named
/// after « par exemple », « format », « statut » or « valeur », and any UPPER_SNAKE_CASE word in a French sentence, must be a
/// value of one of the schema's enums (read by introspection) or one of the error codes; and the message that
/// <c>createOffer</c> gives without a theme, as a client reads it, names a value of the <c>Service</c> enum.
/// </summary>
public sealed partial class SuggestedValuesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Token = "jeton-admin-des-valeurs-suggerees";

    /// <summary>« au format CSV », « format ISO 8601 », « la valeur « SIRET inconnu » »: names of formats and identifiers, not values of the API.</summary>
    private static readonly HashSet<string> FileFormats = new(StringComparer.Ordinal) { "CSV", "JSON", "ISO", "UTF", "SIRET", "SIREN" };

    [Fact]
    public async Task Every_value_a_source_message_names_exists()
    {
        var enums = await EnumValuesAsync(fixture.Factory);
        var codes = ErrorCodeValues();
        Assert.Contains("AIDE_AUX_DEMARCHES_ADMINISTRATIVES", enums);
        Assert.Contains("INVALID_OFFER", codes);

        var wrong = new List<string>();
        var suggestions = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match literal in StringLiteral().Matches(lines[i]))
                {
                    var text = literal.Groups[1].Value;
                    var named = Suggested().Matches(text).Select(m => m.Groups[1].Value).Where(v => !FileFormats.Contains(v)).ToList();
                    suggestions += named.Count;
                    if (FrenchSentence().IsMatch(text))
                    {
                        named.AddRange(UpperSnake().Matches(text).Select(m => m.Value));
                    }

                    wrong.AddRange(named.Where(v => !enums.Contains(v) && !codes.Contains(v))
                        .Select(v => $"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1} : {v}"));
                }
            }
        }

        Assert.True(suggestions >= 2, $"{suggestions} suggestions lues seulement : l'expression ne lit plus les sources");
        Assert.True(wrong.Count == 0, "valeurs qui n'existent pas :\n" + string.Join("\n", wrong.Distinct()));
    }

    [Fact]
    public async Task CreateOffer_without_a_theme_suggests_a_Service_value()
    {
        using var server = new ScoranServerFactory();
        server.Settings["Auth:AdminToken"] = Token;
        var services = (await server.DataAsync("{ __type(name: \"Service\") { enumValues { name } } }"))["__type"]!["enumValues"]!.AsArray()
            .Select(v => v!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var answer = await server.QueryAsync("""
            mutation { createOffer(input: { siteId: "U2l0ZTox", title: "Atelier", summary: "Découvrir sa tablette", themes: [],
              format: COLLECTIVE_WORKSHOP, fee: FREE, registration: { onSite: true } }) { id } }
            """, token: Token);
        var error = answer["errors"]![0]!;
        Assert.Equal("INVALID_OFFER", error["extensions"]!["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        var suggested = Suggested().Matches(message).Select(m => m.Groups[1].Value).ToList();
        Assert.True(suggested.Count == 1, message);
        Assert.Contains(suggested[0], services);
    }

    private static async Task<HashSet<string>> EnumValuesAsync(ScoranServerFactory server)
    {
        var types = (await server.DataAsync("{ __schema { types { kind enumValues(includeDeprecated: true) { name } } } }"))["__schema"]!["types"]!.AsArray();
        return types.Where(t => t!["kind"]!.GetValue<string>() == "ENUM")
            .SelectMany(t => t!["enumValues"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The values of the constants of every <c>…Codes</c> class of the server's assemblies (the error codes).</summary>
    private static HashSet<string> ErrorCodeValues() =>
        new[] { typeof(GraphQL.Errors.ErrorCodes).Assembly, typeof(Domain.Offers.OfferRules).Assembly, typeof(ScoranInclusion.Workflows.Accounts.AccountErrorCodes).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Codes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A C# string literal on one line (regular, verbatim or interpolated): its text.</summary>
    [GeneratedRegex("""\$?@?"((?:[^"\\]|\\.)*)"(?!")""")]
    private static partial Regex StringLiteral();

    /// <summary>
    /// A value named as an example or as the value of a field: « par exemple X », « format X », « statut X » (not a
    /// pattern such as « format AAAA-MM-JJ »).
    /// </summary>
    [GeneratedRegex(@"(?:par exemple|format|statut|valeur)\s*:?\s*«?\s*\(?\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\b(?![a-z-])")]
    private static partial Regex Suggested();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")]
    private static partial Regex UpperSnake();

    /// <summary>Words in lower case around spaces: a sentence, not a code or a SQL statement in capitals.</summary>
    [GeneratedRegex(@"[a-zéèàç]{2,} [a-zéèàç]{2,}")]
    private static partial Regex FrenchSentence();
}
