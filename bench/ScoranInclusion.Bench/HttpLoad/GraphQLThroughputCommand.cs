using System.Text;
using System.Text.Json.Nodes;
using static ScoranInclusion.Bench.HttpLoad.HttpBenchSupport;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// <c>graphql-throughput [--mode quick|full] [--connections 1,32] [--seconds S] [--warmup S] [--repeats N] [--first 10]</c>:
/// the widget's nearestSites query on /graphql against the plain endpoint (the bench's, loaded into the server with DOTNET_STARTUP_HOOKS), which runs the same
/// search and writes the same JSON bytes without GraphQL, on the same server process, alternately (plain, GraphQL,
/// plain, GraphQL…) at each number of connections. The ratio of throughputs is the GraphQL layer's cost.
/// </summary>
internal static class GraphQLThroughputCommand
{
    public const string Verb = "graphql-throughput";
    private const double Target = 0.6;

    public static async Task<int> RunAsync(string[] args)
    {
        var full = Full(args);
        var connections = (Option(args, "--connections") ?? "1,32").Split(',').Select(int.Parse).ToArray();
        var seconds = DoubleOption(args, "--seconds", full ? 20 : 3);
        var warmUp = DoubleOption(args, "--warmup", full ? 5 : 1);
        var repeats = (int)DoubleOption(args, "--repeats", full ? 3 : 1);
        var first = (int)DoubleOption(args, "--first", 10);
        var profile = Option(args, "--profile-graphql") is { } p ? double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var queries = WidgetQueries.Load();
        var variables = Origins(first);
        var plainBodies = variables.Select(v => Encoding.UTF8.GetBytes(v.ToJsonString())).ToArray();
        var graphqlBodies = variables.Select(v => GraphQLBody(queries.Search, v)).ToArray();

        Log($"Démarrage du serveur ({BenchServer.ServerDll})");
        await using var server = await BenchServer.StartAsync();
        var (same, differing, example) = await CompareAsync(server, plainBodies, graphqlBodies);
        Log($"Réponses identiques : {same}/{variables.Count}");

        if (profile > 0)
        {
            // For a profiler attached to the server (bench/README.md): GraphQL only, for that many seconds, no report.
            using var alone = new LoadRunner(server.Address, connections[^1], ["plain", "graphql"]);
            Log($"Serveur {server.Pid} : GraphQL seul pendant {F(profile)} s");
            var run = await RunAsync(alone, server, 1, "/graphql", graphqlBodies, warmUp, profile);
            Log($"{F(run.RequestsPerSecond)} req/s, {F(CpuMs(run), 2)} ms de CPU du serveur par requête");
            return 0;
        }

        // The JIT tiers the server's code up during the first tens of seconds (longer on a loaded machine): both
        // endpoints are first run unrecorded, alternately, so that the first measured run is not the coldest.
        using (var warm = new LoadRunner(server.Address, connections[^1], ["plain", "graphql"]))
        {
            for (var i = 0; i < (full ? 3 : 1); i++)
            {
                await RunAsync(warm, server, 0, PlainNearest(plainBodies), 0, warmUp * 2);
                await RunAsync(warm, server, 1, "/graphql", graphqlBodies, 0, warmUp * 2);
            }
        }

        var rows = new List<(int Connections, int Repeat, RunResult Plain, RunResult GraphQL)>();
        foreach (var n in connections)
        {
            using var runner = new LoadRunner(server.Address, n, ["plain", "graphql"]);
            for (var r = 1; r <= repeats; r++)
            {
                // A B, then B A: a drift of the machine during a pair does not always favour the same side.
                RunResult plain, graphql;
                if (r % 2 == 1)
                {
                    plain = await RunAsync(runner, server, 0, PlainNearest(plainBodies), warmUp, seconds);
                    graphql = await RunAsync(runner, server, 1, "/graphql", graphqlBodies, warmUp, seconds);
                }
                else
                {
                    graphql = await RunAsync(runner, server, 1, "/graphql", graphqlBodies, warmUp, seconds);
                    plain = await RunAsync(runner, server, 0, PlainNearest(plainBodies), warmUp, seconds);
                }

                Log($"{n} connexion(s), essai {r} : plain {F(plain.RequestsPerSecond)} req/s, GraphQL {F(graphql.RequestsPerSecond)} req/s, rapport {F(graphql.RequestsPerSecond / plain.RequestsPerSecond, 2)}");
                rows.Add((n, r, plain, graphql));
            }
        }

        Console.Write(Report(args, rows, same, differing, example, variables.Count, first, seconds, warmUp, server));
        return 0;
    }

    private static (string Path, byte[][] Bodies) PlainNearest(byte[][] bodies) => ("/bench/nearest-sites", bodies);

    private static Task<RunResult> RunAsync(LoadRunner runner, BenchServer server, int kind, (string Path, byte[][] Bodies) target, double warmUp, double seconds) =>
        RunAsync(runner, server, kind, target.Path, target.Bodies, warmUp, seconds);

    private static Task<RunResult> RunAsync(LoadRunner runner, BenchServer server, int kind, string path, byte[][] bodies, double warmUp, double seconds)
    {
        var counters = new int[runner.Connections];
        var requests = bodies.Select(b => new LoadRequest(kind, path, b)).ToArray();
        return runner.RunAsync(TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds),
            (worker, _) => requests[(counters[worker]++ + (worker * 7)) % requests.Length], server);
    }

    /// <summary>
    /// 64 searches as the widget makes them: from a commune (its INSEE code) or from a position (rounded to about
    /// 100 m, as the widget does), spread over the region by population, the first page without filter.
    /// </summary>
    internal static List<JsonObject> Origins(int first)
    {
        var communes = BenchData.Communes().Where(c => c.Population > 0).OrderByDescending(c => c.Population).ToList();
        var random = new Random(20261128);
        var result = new List<JsonObject>();
        for (var i = 0; i < 64; i++)
        {
            // Half among the 200 most populated communes (where people search most), half anywhere.
            var commune = i % 2 == 0 ? communes[random.Next(Math.Min(200, communes.Count))] : communes[random.Next(communes.Count)];
            JsonObject near = i % 4 < 2
                ? new JsonObject { ["commune"] = commune.CodeInsee }
                : new JsonObject
                {
                    ["point"] = new JsonObject
                    {
                        ["latitude"] = Math.Round(commune.Location.Latitude + ((random.NextDouble() - 0.5) * 0.02), 3),
                        ["longitude"] = Math.Round(commune.Location.Longitude + ((random.NextDouble() - 0.5) * 0.02), 3),
                    },
                };
            result.Add(new JsonObject { ["near"] = near, ["first"] = first, ["filter"] = new JsonObject() });
        }

        return result;
    }

    /// <summary>Each search on both endpoints: the bodies must be the same bytes (a second try if the clock moved between).</summary>
    private static async Task<(int Same, int Differing, string? Example)> CompareAsync(BenchServer server, byte[][] plain, byte[][] graphql)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json, application/json");
        var same = 0;
        string? example = null;
        for (var i = 0; i < plain.Length; i++)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var a = await PostAsync(client, "/bench/nearest-sites", plain[i]);
                var b = await PostAsync(client, "/graphql", graphql[i]);
                if (a.AsSpan().SequenceEqual(b))
                {
                    same++;
                    break;
                }

                if (attempt == 1)
                {
                    example ??= $"plain {Encoding.UTF8.GetString(a)[..Math.Min(a.Length, 300)]} / GraphQL {Encoding.UTF8.GetString(b)[..Math.Min(b.Length, 300)]}";
                }
            }
        }

        return (same, plain.Length - same, example);
    }

    private static async Task<byte[]> PostAsync(HttpClient client, string path, byte[] body)
    {
        using var response = await client.PostAsync(path, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Report(string[] args, List<(int Connections, int Repeat, RunResult Plain, RunResult GraphQL)> rows,
        int same, int differing, string? example, int searches, int first, double seconds, double warmUp, BenchServer server)
    {
        var md = new StringBuilder();
        md.AppendLine("## GraphQL throughput: `/graphql` against a plain endpoint (issue 9)");
        md.AppendLine();
        md.AppendLine($"Command: `{CommandText(Verb, args)}` (load average at the end: {LoadAverage()}).");
        md.AppendLine();
        md.AppendLine($"The widget's list query (`<scoran-carte>`, read from `web/src/scoran-carte.js`), `first: {first}`, for {searches} origins " +
            "(communes and rounded positions over the region), cycled; against `POST /bench/nearest-sites` (the bench's own endpoint, loaded into the server with `DOTNET_STARTUP_HOOKS`), " +
            "which runs the same search through the same services and writes the same JSON with a `Utf8JsonWriter`, no GraphQL. " +
            $"Same server process (Release, SQLite, seeded), loopback, C# closed-loop client (`SocketsHttpHandler`, HTTP/1.1 keep-alive, " +
            $"one connection per worker), both endpoints first run unrecorded (JIT tiering), then {F(warmUp)} s warm-up and {F(seconds)} s measured per run, " +
            "plain and GraphQL alternately (odd pairs plain first, even pairs GraphQL first). " +
            $"Identical bodies checked before measuring: **{same}/{searches}** byte-equal{(differing > 0 ? $" ({differing} different: {example})" : "")}.");
        md.AppendLine();
        md.AppendLine("| connections | run | plain req/s | plain p50 / p99 ms | GraphQL req/s | GraphQL p50 / p99 ms | GraphQL / plain | server CPU per request, plain / GraphQL (ms) | errors |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (n, r, plain, graphql) in rows)
        {
            md.AppendLine($"| {n} | {r} | {F(plain.RequestsPerSecond, 0)} | {F(plain.All.QuantileMs(0.5), 2)} / {F(plain.All.QuantileMs(0.99), 2)} | " +
                $"{F(graphql.RequestsPerSecond, 0)} | {F(graphql.All.QuantileMs(0.5), 2)} / {F(graphql.All.QuantileMs(0.99), 2)} | " +
                $"**{F(graphql.RequestsPerSecond / plain.RequestsPerSecond, 2)}** | {F(CpuMs(plain), 2)} / {F(CpuMs(graphql), 2)} | " +
                $"{plain.Kinds.Sum(k => k.Errors) + graphql.Kinds.Sum(k => k.Errors)} |");
        }

        md.AppendLine();
        var verdicts = new List<string>();
        foreach (var group in rows.GroupBy(r => r.Connections))
        {
            var ratios = group.Select(r => r.GraphQL.RequestsPerSecond / r.Plain.RequestsPerSecond).Order().ToList();
            var median = ratios[ratios.Count / 2];
            var cpuRatio = group.Select(r => CpuMs(r.Plain) / CpuMs(r.GraphQL)).Order().ToList()[group.Count() / 2];
            verdicts.Add($"{group.Key} connection(s): throughput ratio {F(median, 2)} (median of {ratios.Count}), " +
                $"CPU-per-request ratio plain/GraphQL {F(cpuRatio, 2)} — {(median >= Target ? "target ≥ 0.6 met" : "**below the 0.6 target**")}");
        }

        md.AppendLine("Reading: " + string.Join("; ", verdicts) + ". The CPU ratio (server CPU time per request, " +
            "plain over GraphQL) is the same comparison measured on the server alone, less sensitive to the client sharing the machine. " +
            $"Server log lines at Error: {server.ErrorLines}.");
        md.AppendLine();
        return md.ToString();
    }

    private static double CpuMs(RunResult run) => run.ServerCpu.TotalMilliseconds / Math.Max(1, run.Requests);
}
