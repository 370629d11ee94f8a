using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Operations;
using Xunit.Abstractions;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// The documents that once killed the server with a stack overflow (a chain of a thousand fragments, in about one
/// try out of three on a fresh start), sent to real server processes: a stack overflow cannot be caught and would kill
/// a test host as well, hence a child process. Three fresh processes in a row, each sent every hostile document
/// (fragment chains of 100, 1,000 and 10,000, fragment trees, spreads inside inline fragments inside spreads, cycles,
/// documents deeper than the parser's limit): each answer is a 400 with its code, the process is still alive, and a
/// normal search answers afterwards.
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed class HostileDocumentsProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int FreshStarts = 3;
    private const string Search = "{ nearestSites(near: { point: { latitude: 47.322, longitude: 5.041 } }, first: 3) { edges { node { nom } } } }";

    private readonly string _folder = Directory.CreateTempSubdirectory("scoran-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Hostile_documents_never_kill_a_fresh_server()
    {
        var database = Path.Combine(_folder, "scoran.db");
        for (var start = 0; start < FreshStarts; start++)
        {
            // The first start seeds the places; the next ones start fresh processes on the same file.
            // The body limit is raised so that a chain of 10,000 fragments (about 400 kB) reaches the parser.
            using var server = ServerProcess.Start(database, $"--Storage:SeedOnStart={start == 0}", "--GraphQL:MaxRequestBytes=1000000");
            await server.WaitReadyAsync();
            using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

            var documents = new[] { 100, 1_000, 10_000 }.SelectMany(HostileDocuments.All).Concat(HostileDocuments.TooDeepToParse());
            foreach (var (name, document) in documents)
            {
                HttpStatusCode status;
                string body;
                try
                {
                    (status, body) = await PostAsync(client, Request(document));
                }
                catch (HttpRequestException e)
                {
                    Assert.Fail($"démarrage {start + 1}, {name} : pas de réponse ({e.Message}) ; le serveur {(server.HasExited ? $"est mort (code {server.ExitCode})" : "tourne")} :\n{Tail(server.Output)}");
                    throw;
                }

                Assert.True(status == HttpStatusCode.BadRequest, $"{name} : {(int)status} {body}");
                Assert.Contains(FirstCode(body), new[] { "QUERY_TOO_DEEP", "QUERY_TOO_COMPLEX", "TOO_MANY_FIELDS" });
                Assert.False(server.HasExited, name);
            }

            var (searchStatus, searchBody) = await PostAsync(client, Request(Search));
            Assert.Equal(HttpStatusCode.OK, searchStatus);
            Assert.Equal(3, JsonNode.Parse(searchBody)!["data"]!["nearestSites"]!["edges"]!.AsArray().Count);
            Assert.False(server.HasExited);
            // No error-level line: each refusal is the client's fault, not the server's.
            Assert.DoesNotContain("fail:", server.Output, StringComparison.Ordinal);
            output.WriteLine($"démarrage {start + 1} : {documents.Count()} documents refusés, le serveur répond encore");

            server.Terminate();
            Assert.True(await server.WaitForExitAsync(TimeSpan.FromMinutes(1)), Tail(server.Output));
        }
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
