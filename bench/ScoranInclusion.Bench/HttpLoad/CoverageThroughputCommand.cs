using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using static ScoranInclusion.Bench.HttpLoad.HttpBenchSupport;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// <c>coverage-throughput [--mode quick|full] [--seconds S] [--repeats N]</c>: the region's coverage end to end as a client
/// waits for it (issue 22 item 4), one connection, against <c>GET /healthz</c> of the same server process in the same run:
/// the GraphQL answer with the contract's fields and the page <c>/couverture</c>, each as kept once per publication (the
/// same request again) and as computed (« after a write »: each request a different threshold, so that no kept answer
/// serves it: computation, serialisation, compression), with the bytes on the wire with and without Brotli.
/// </summary>
internal static class CoverageThroughputCommand
{
    public const string Verb = "coverage-throughput";

    /// <summary>The issue's targets: the region's answer under 150 ms end to end, its page under 300 KB on the wire.</summary>
    private const double TargetMs = 150;
    private const int TargetPageBytes = 300 * 1000;

    /// <summary>The contract's fields of <c>coverage</c> (docs API-CONTRACT.md).</summary>
    private const string Query = """
        query($t: [Float!]) { coverage(level: REGION, code: "27", thresholdsKm: $t) { population within { km population share }
          communes { commune { codeInsee nom population } nearestDistanceMeters nearestSite { id } } } }
        """;

    private sealed record Kind(string Name, Func<int, HttpRequestMessage> Request);

    public static async Task<int> RunAsync(string[] args)
    {
        var full = Full(args);
        var seconds = DoubleOption(args, "--seconds", full ? 10 : 3);
        var repeats = (int)DoubleOption(args, "--repeats", full ? 3 : 1);
        var loadBefore = LoadAverage();
        Log($"Démarrage du serveur ({BenchServer.ServerDll})");
        await using var server = await BenchServer.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false, UseProxy = false })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var kinds = new[]
        {
            new Kind("`GET /healthz`", _ => new HttpRequestMessage(HttpMethod.Get, "/healthz")),
            new Kind("GraphQL region, kept, Brotli", _ => GraphQL(null, brotli: true)),
            new Kind("GraphQL region, kept, uncompressed", _ => GraphQL(null, brotli: false)),
            new Kind("GraphQL region, computed (after a write), Brotli", i => GraphQL(Threshold(i), brotli: true)),
            new Kind("`/couverture` region, kept, Brotli", _ => Page(null)),
            new Kind("`/couverture` region, computed (after a write), Brotli", i => Page(Threshold(i))),
        };

        // Sizes on the wire, and the JIT warmed on every path.
        var sizes = new List<(string What, long Plain, long Brotli)>();
        foreach (var (what, plain, brotli) in new[]
        {
            ("GraphQL region", (Func<HttpRequestMessage>)(() => GraphQL(null, brotli: false)), (Func<HttpRequestMessage>)(() => GraphQL(null, brotli: true))),
            ("`/couverture` region", () => Page(null, brotli: false), () => Page(null)),
            ("`/geodata/communes/region/27.geojson`", () => Geo(brotli: false), () => Geo(brotli: true)),
        })
        {
            var p = await SendAsync(client, plain());
            var b = await SendAsync(client, brotli());
            sizes.Add((what, p.Bytes, b.Bytes));
        }

        for (var w = 0; w < 3; w++)
        {
            foreach (var kind in kinds)
            {
                await SendAsync(client, kind.Request(100_000 + w));
            }
        }

        var counter = 0;
        var rows = new List<(int Repeat, List<(Kind Kind, List<double> Ms, TimeSpan Cpu, int Errors)> Runs)>();
        for (var r = 1; r <= repeats; r++)
        {
            var runs = new List<(Kind, List<double>, TimeSpan, int)>();
            foreach (var kind in r % 2 == 1 ? kinds : Enumerable.Reverse(kinds))
            {
                var times = new List<double>();
                var errors = 0;
                var cpuBefore = server.CpuTime();
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed.TotalSeconds < seconds || times.Count < 5)
                {
                    var answer = await SendAsync(client, kind.Request(counter++));
                    errors += answer.Ok ? 0 : 1;
                    times.Add(answer.Ms);
                }

                runs.Add((kind, times, server.CpuTime() - cpuBefore, errors));
            }

            runs.Sort((a, b) => Array.IndexOf(kinds, a.Item1).CompareTo(Array.IndexOf(kinds, b.Item1)));
            Log($"essai {r} : " + string.Join(", ", runs.Select(x => $"{x.Item1.Name} p50 {F(Quantile(x.Item2, 0.5), 2)} ms")));
            rows.Add((r, runs));
        }

        Console.Write(Report(args, rows, sizes, seconds, loadBefore, server));
        return rows.Any(r => r.Runs.Any(x => x.Errors > 0)) ? 1 : 0;
    }

    /// <summary>A threshold no other request of the run asks for (20 km plus a few metres): never a kept answer.</summary>
    private static double Threshold(int i) => 20 + ((i % 100_000) + 1) / 1_000_000.0;

    private static HttpRequestMessage GraphQL(double? largest, bool brotli)
    {
        var variables = largest is { } km ? new System.Text.Json.Nodes.JsonObject { ["t"] = new System.Text.Json.Nodes.JsonArray(5.0, 10.0, km) } : null;
        var message = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new ByteArrayContent(GraphQLBody(Query, variables)) { Headers = { ContentType = new("application/json") } },
        };
        message.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (brotli)
        {
            message.Headers.AcceptEncoding.ParseAdd("br");
        }

        return message;
    }

    private static HttpRequestMessage Page(double? largest, bool brotli = true)
    {
        var path = largest is { } km ? "/couverture?seuils=5,10," + km.ToString(CultureInfo.InvariantCulture) : "/couverture";
        var message = new HttpRequestMessage(HttpMethod.Get, path);
        if (brotli)
        {
            message.Headers.AcceptEncoding.ParseAdd("br");
        }

        return message;
    }

    private static HttpRequestMessage Geo(bool brotli)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, "/geodata/communes/region/27.geojson");
        if (brotli)
        {
            message.Headers.AcceptEncoding.ParseAdd("br, gzip");
        }

        return message;
    }

    private static async Task<(bool Ok, double Ms, long Bytes)> SendAsync(HttpClient client, HttpRequestMessage message)
    {
        using (message)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var errors = response.Content.Headers.ContentEncoding.Count == 0 && body.AsSpan().IndexOf("\"errors\":"u8) >= 0;
            return (response.StatusCode == HttpStatusCode.OK && !errors, ms, body.Length);
        }
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * sorted.Count))];
    }

    private static string Report(string[] args, List<(int Repeat, List<(Kind Kind, List<double> Ms, TimeSpan Cpu, int Errors)> Runs)> rows,
        List<(string What, long Plain, long Brotli)> sizes, double seconds, string loadBefore, BenchServer server)
    {
        var md = new StringBuilder();
        md.AppendLine("## Coverage throughput: the region's coverage end to end against `GET /healthz` (issue 22)");
        md.AppendLine();
        md.AppendLine($"Command: `{CommandText(Verb, args)}` (load average before: {loadBefore}; at the end: {LoadAverage()}).");
        md.AppendLine();
        md.AppendLine("The whole region (3,685 communes) as a client asks it: `coverage(level: REGION, code: \"27\")` with the contract's fields " +
            "(API-CONTRACT.md) and the page `/couverture`, one connection, each request timed from send to the last byte read. « Kept »: the same " +
            "request again, answered from the bytes computed and serialised once per data publication (`PublishedAnswers`). « Computed (after a write) »: " +
            "each request asks a largest threshold no other asks (20 km plus a few metres), so none is kept: computation, serialisation and compression, " +
            "what the first request after a write pays. The baseline is `GET /healthz` of the same process in the same run. Release server, SQLite, " +
            $"seeded, loopback; every kind run three times unrecorded first, then {F(seconds)} s each.");
        md.AppendLine();
        md.AppendLine("| run | request | requests | p50 ms | p90 ms | max ms | req/s | / healthz | server CPU per request (ms) | errors |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (r, runs) in rows)
        {
            var health = runs[0].Ms.Count / runs[0].Ms.Sum() * 1000;
            foreach (var (kind, ms, cpu, errors) in runs)
            {
                var rps = ms.Count / ms.Sum() * 1000;
                md.AppendLine($"| {r} | {kind.Name} | {ms.Count} | {F(Quantile(ms, 0.5), 2)} | {F(Quantile(ms, 0.9), 2)} | {F(ms.Max(), 1)} | {F(rps, 1)} | " +
                    $"{F(rps / health, 4)} | {F(cpu.TotalMilliseconds / ms.Count, 2)} | {errors} |");
            }
        }

        md.AppendLine();
        md.AppendLine("| answer | bytes uncompressed | bytes with `Accept-Encoding: br` |");
        md.AppendLine("|---|---:|---:|");
        foreach (var (what, plain, brotli) in sizes)
        {
            md.AppendLine($"| {what} | {plain:N0} | {brotli:N0} |");
        }

        md.AppendLine();
        var kept = rows.Select(r => Quantile(r.Runs[1].Ms, 0.9)).Max();
        var computed = rows.Select(r => Quantile(r.Runs[3].Ms, 0.5)).Max();
        var page = sizes[1].Brotli;
        md.AppendLine($"Reading: the region's GraphQL answer, kept, p90 {F(kept, 1)} ms (target < {F(TargetMs, 0)} ms end to end: {(kept < TargetMs ? "met" : "**not met**")}); " +
            $"computed after a write, p50 {F(computed, 1)} ms ({(computed < TargetMs ? "under" : "**over**")} the target: one request per write pays it). " +
            $"The page on the wire with Brotli: {page:N0} bytes (target < {TargetPageBytes:N0}: {(page < TargetPageBytes ? "met" : "**not met**")}); " +
            $"its commune layer, fetched by its script and cached a day, {sizes[2].Brotli:N0} more (gzip). Server log lines at Error: {server.ErrorLines}.");
        md.AppendLine();
        return md.ToString();
    }
}
