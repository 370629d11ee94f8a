using System.Text;
using System.Text.Json.Nodes;
using static ScoranInclusion.Bench.HttpLoad.HttpBenchSupport;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// <c>widget-throughput [--mode quick|full] [--connections 1,32] [--seconds S] [--warmup S] [--repeats N] [--first 20] [--postgres CONN | --no-postgres]</c>:
/// what a citizen waits for. The widget's exact list and detail documents (read from web/src/scoran-carte.js) on
/// /graphql against <c>GET /healthz</c> of the same server process in the same run (the cost of the HTTP stack and of
/// the load generator alone), at each number of connections: the ratio to /healthz is the result, the req/s an
/// indication of this machine.
/// </summary>
internal static class WidgetThroughputCommand
{
    public const string Verb = "widget-throughput";

    /// <summary>The issue's targets for the list at 32 connections (issue 22).</summary>
    private const double ListTargetRps = 4_000;
    private const double ListTargetRatio = 0.06;
    private const double ListTargetP99Ms = 25;

    /// <summary>The list on PostgreSQL on loopback against the SQLite figure (issue 22).</summary>
    private const double PostgresTargetRatio = 0.5;

    private static readonly string[] Kinds = ["healthz", "list", "detail"];

    public static async Task<int> RunAsync(string[] args)
    {
        var full = Full(args);
        var connections = (Option(args, "--connections") ?? "1,32").Split(',').Select(int.Parse).ToArray();
        var seconds = DoubleOption(args, "--seconds", full ? 15 : 3);
        var warmUp = DoubleOption(args, "--warmup", full ? 3 : 1);
        var repeats = (int)DoubleOption(args, "--repeats", full ? 3 : 1);
        // The widget's page (PAGE_SIZE in scoran-carte.js).
        var first = (int)DoubleOption(args, "--first", 20);
        // PostgreSQL: the cluster bench/run.sh starts (tools/postgis.sh), a database of its own created from its PostGIS template.
        var postgres = args.Contains("--no-postgres") ? null : Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SCORAN_TEST_POSTGRES");
        var queries = WidgetQueries.Load();
        var origins = GraphQLThroughputCommand.Origins(first);
        var loadBefore = LoadAverage();

        Log($"Démarrage du serveur ({BenchServer.ServerDll})");
        Measured sqlite;
        await using (var server = await BenchServer.StartAsync())
        {
            sqlite = await MeasureAsync(server, "SQLite", queries, origins, connections, repeats, warmUp, seconds);
        }

        Measured? onPostgres = null;
        string? postgresNote = null;
        if (string.IsNullOrWhiteSpace(postgres))
        {
            postgresNote = "not run: no PostgreSQL given (SCORAN_TEST_POSTGRES or --postgres; bench/run.sh starts one with tools/postgis.sh when PostGIS is installed)";
        }
        else
        {
            var database = BenchPostgres.CreateDatabase(postgres);
            try
            {
                Log("Serveur sur PostgreSQL (base neuve, semée au démarrage)");
                await using var server = await BenchServer.StartAsync(new Dictionary<string, string>
                {
                    ["Storage:Provider"] = "Postgres",
                    ["ConnectionStrings:Scoran"] = database,
                });
                onPostgres = await MeasureAsync(server, "PostgreSQL", queries, origins, connections, repeats, warmUp, seconds);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or Npgsql.NpgsqlException or HttpRequestException)
            {
                postgresNote = "failed: " + e.Message.Split('\n')[0];
                Log("PostgreSQL : " + e.Message);
            }
            finally
            {
                BenchPostgres.DropDatabase(database);
            }
        }

        Console.Write(Report(args, sqlite, onPostgres, postgresNote, origins.Count, first, seconds, warmUp, loadBefore));
        var failed = sqlite.Rows.Concat(onPostgres?.Rows ?? []).Any(r => r.Runs.Any(run => run.Kinds.Sum(k => k.Errors) > 0));
        return failed || postgresNote?.StartsWith("failed", StringComparison.Ordinal) == true ? 1 : 0;
    }

    /// <summary>What one server answered: its runs per number of connections, and what its lists showed.</summary>
    private sealed record Measured(string Database, List<(int Connections, int Repeat, RunResult[] Runs)> Rows, int Places, int WithSessions, int ErrorLines);

    private static async Task<Measured> MeasureAsync(BenchServer server, string database, WidgetQueries queries, IReadOnlyList<JsonObject> origins,
        int[] connections, int repeats, double warmUp, double seconds)
    {
        using var setup = new HttpClient { BaseAddress = server.Address };
        // The places the lists show are the places people open: the detail asks for the first of each origin's page.
        var ids = new List<string>();
        foreach (var origin in origins)
        {
            var data = await DataAsync(setup, queries.Search, origin);
            var edges = data["nearestSites"]!["edges"]!.AsArray();
            if (edges.Count == 0)
            {
                throw new InvalidOperationException("Recherche sans résultat : la base n'est pas semée ?");
            }

            ids.Add(edges[0]!["node"]!["id"]!.GetValue<string>());
        }

        var withSessions = 0;
        foreach (var id in ids.Distinct())
        {
            var detail = await DataAsync(setup, queries.Detail, new JsonObject { ["id"] = id });
            withSessions += detail["site"]!["nextSessions"]!.AsArray().Count > 0 ? 1 : 0;
        }

        var requests = new[]
        {
            new[] { new LoadRequest(0, "/healthz", null) },
            origins.Select(o => new LoadRequest(1, "/graphql", GraphQLBody(queries.Search, o))).ToArray(),
            ids.Select(id => new LoadRequest(2, "/graphql", GraphQLBody(queries.Detail, new JsonObject { ["id"] = id }))).ToArray(),
        };

        // JIT tiering: everything run once unrecorded, at the largest number of connections.
        using (var warm = new LoadRunner(server.Address, connections[^1], Kinds))
        {
            for (var kind = 0; kind < Kinds.Length; kind++)
            {
                await RunAsync(warm, server, requests[kind], 0, warmUp * 2);
            }
        }

        var rows = new List<(int Connections, int Repeat, RunResult[] Runs)>();
        foreach (var n in connections)
        {
            using var runner = new LoadRunner(server.Address, n, Kinds);
            for (var r = 1; r <= repeats; r++)
            {
                // healthz, list, detail, then the reverse order: a drift of the machine does not always favour one side.
                var order = r % 2 == 1 ? new[] { 0, 1, 2 } : [2, 1, 0];
                var runs = new RunResult[Kinds.Length];
                foreach (var kind in order)
                {
                    runs[kind] = await RunAsync(runner, server, requests[kind], warmUp, seconds);
                }

                Log($"{database}, {n} connexion(s), essai {r} : /healthz {F(runs[0].RequestsPerSecond)}, liste {F(runs[1].RequestsPerSecond)}, détail {F(runs[2].RequestsPerSecond)} req/s");
                rows.Add((n, r, runs));
            }
        }

        return new Measured(database, rows, ids.Distinct().Count(), withSessions, server.ErrorLines);
    }

    private static Task<RunResult> RunAsync(LoadRunner runner, BenchServer server, LoadRequest[] requests, double warmUp, double seconds)
    {
        var counters = new int[runner.Connections];
        return runner.RunAsync(TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds),
            (worker, _) => requests[(counters[worker]++ + (worker * 7)) % requests.Length], server);
    }

    private static string Report(string[] args, Measured sqlite, Measured? onPostgres, string? postgresNote, int origins,
        int first, double seconds, double warmUp, string loadBefore)
    {
        var md = new StringBuilder();
        md.AppendLine("## Widget throughput: the widget's list and detail documents against `GET /healthz` (issue 22)");
        md.AppendLine();
        md.AppendLine($"Command: `{CommandText(Verb, args)}` (load average before: {loadBefore}; at the end: {LoadAverage()}).");
        md.AppendLine();
        md.AppendLine($"The widget's documents as it sends them, read from `web/src/scoran-carte.js`: the list (`SEARCH` with `LIST_FIELDS`, `first: {first}`, " +
            $"{origins} origins, communes and rounded positions over the region, cycled) and the detail (`query Lieu` with `DETAIL_FIELDS`, " +
            $"the first place of each origin's list: {sqlite.Places} places, {sqlite.WithSessions} of them with sessions). The baseline is `GET /healthz` of the same " +
            "server process in the same run: the HTTP stack and this load generator alone. Release server seeded with the region's places " +
            "and the example workshops, rate limits off, loopback, C# closed-loop client (HTTP/1.1 keep-alive, one connection per worker, no compression asked), " +
            $"every kind first run unrecorded (JIT tiering), then {F(warmUp)} s warm-up and {F(seconds)} s measured per run. First a server on SQLite, then " +
            "(when a PostgreSQL is given) a server on a new PostgreSQL + PostGIS database on loopback, created from the cluster's template and dropped after.");
        md.AppendLine();
        md.AppendLine("| database | connections | run | `/healthz` req/s | list req/s | list p50 / p99 ms | list / healthz | detail req/s | detail p50 / p99 ms | detail / healthz | server CPU per request, healthz / list / detail (ms) | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var measured in new[] { sqlite, onPostgres })
        {
            foreach (var (n, r, runs) in measured?.Rows ?? [])
            {
                var (health, list, detail) = (runs[0], runs[1], runs[2]);
                md.AppendLine($"| {measured!.Database} | {n} | {r} | {F(health.RequestsPerSecond, 0)} | {F(list.RequestsPerSecond, 0)} | {F(list.All.QuantileMs(0.5), 2)} / {F(list.All.QuantileMs(0.99), 2)} | " +
                    $"**{F(list.RequestsPerSecond / health.RequestsPerSecond, 3)}** | {F(detail.RequestsPerSecond, 0)} | {F(detail.All.QuantileMs(0.5), 2)} / {F(detail.All.QuantileMs(0.99), 2)} | " +
                    $"**{F(detail.RequestsPerSecond / health.RequestsPerSecond, 3)}** | {F(CpuMs(health), 3)} / {F(CpuMs(list), 2)} / {F(CpuMs(detail), 2)} | " +
                    $"{runs.Sum(x => x.Kinds.Sum(k => k.Errors))} |");
            }
        }

        md.AppendLine();
        var at32 = sqlite.Rows.Where(r => r.Connections == 32).ToList();
        if (at32.Count > 0)
        {
            var rps = Median(at32.Select(r => r.Runs[1].RequestsPerSecond));
            var ratio = Median(at32.Select(r => r.Runs[1].RequestsPerSecond / r.Runs[0].RequestsPerSecond));
            var p99 = Median(at32.Select(r => r.Runs[1].All.QuantileMs(0.99)));
            md.Append($"Reading: at 32 connections the list on SQLite answers {F(rps, 0)} req/s (target ≥ {F(ListTargetRps, 0)}: {(rps >= ListTargetRps ? "met" : "**not met**")}), " +
                $"{F(ratio, 3)} of `/healthz` (target ≥ {F(ListTargetRatio, 2)}: {(ratio >= ListTargetRatio ? "met" : "**not met**")}), " +
                $"p99 {F(p99, 1)} ms (target ≤ {F(ListTargetP99Ms, 0)}: {(p99 <= ListTargetP99Ms ? "met" : "**not met**")}); medians of {at32.Count} run(s). ");
            var pg32 = onPostgres?.Rows.Where(r => r.Connections == 32).ToList() ?? [];
            if (pg32.Count > 0)
            {
                var pgRps = Median(pg32.Select(r => r.Runs[1].RequestsPerSecond));
                var pgRatio = pgRps / rps;
                md.Append($"On PostgreSQL {F(pgRps, 0)} req/s, {F(pgRatio, 2)} of the SQLite figure (target ≥ {F(PostgresTargetRatio, 1)}: {(pgRatio >= PostgresTargetRatio ? "met" : "**not met**")}; " +
                    "the two servers measured one after the other, not interleaved). ");
            }
            else
            {
                md.Append($"PostgreSQL: {postgresNote}. ");
            }

            md.AppendLine("The client shares the machine's cores with the server: the ratios and the server CPU per request are the results. " +
                $"Server log lines at Error: {sqlite.ErrorLines}{(onPostgres is null ? "" : $" (SQLite), {onPostgres.ErrorLines} (PostgreSQL)")}.");
            md.AppendLine();
        }

        return md.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double CpuMs(RunResult run) => run.ServerCpu.TotalMilliseconds / Math.Max(1, run.Requests);
}
