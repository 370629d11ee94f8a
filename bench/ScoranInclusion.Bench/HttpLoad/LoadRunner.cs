using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>One request to send: a kind (for the report), a method, a path and a JSON body (null for GET).</summary>
internal sealed record LoadRequest(int Kind, string Path, byte[]? Body, string? Token = null)
{
    /// <summary>Called with the response body (valid only during the call) when the request got a 200 without errors.</summary>
    public Action<ReadOnlyMemory<byte>>? OnSuccess { get; init; }

    /// <summary>Called when the answer was an expected refusal (a lone VERSION_CONFLICT).</summary>
    public Action? OnExpected { get; init; }
}

/// <summary>What a kind of request got during a run.</summary>
internal sealed class KindStats(string name)
{
    public string Name { get; } = name;

    public LatencyHistogram Latency { get; } = new();

    public long Ok { get; set; }

    /// <summary>GraphQL answers carrying <c>errors</c> (other than the expected ones, counted in <see cref="Expected"/>).</summary>
    public long GraphQLErrors { get; set; }

    /// <summary>Expected refusals (a VERSION_CONFLICT of concurrent edits), handled by the client.</summary>
    public long Expected { get; set; }

    public long Status5xx { get; set; }

    public long OtherStatus { get; set; }

    public long Exceptions { get; set; }

    public string? FirstProblem { get; set; }

    public long Total => Ok + GraphQLErrors + Expected + Status5xx + OtherStatus + Exceptions;

    public long Errors => GraphQLErrors + Status5xx + OtherStatus + Exceptions;

    public void Add(KindStats other)
    {
        Latency.Add(other.Latency);
        Ok += other.Ok;
        GraphQLErrors += other.GraphQLErrors;
        Expected += other.Expected;
        Status5xx += other.Status5xx;
        OtherStatus += other.OtherStatus;
        Exceptions += other.Exceptions;
        FirstProblem ??= other.FirstProblem;
    }
}

internal sealed record RunResult(TimeSpan Duration, IReadOnlyList<KindStats> Kinds, TimeSpan ServerCpu)
{
    public long Requests => Kinds.Sum(k => k.Total);

    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public LatencyHistogram All
    {
        get
        {
            var all = new LatencyHistogram();
            foreach (var k in Kinds)
            {
                all.Add(k.Latency);
            }

            return all;
        }
    }
}

/// <summary>
/// A closed-loop load generator: N workers on one <see cref="SocketsHttpHandler"/> holding N HTTP/1.1 keep-alive
/// connections to 127.0.0.1; each worker sends a request, reads the whole answer into its own buffer, records the
/// latency and sends the next. Status codes and GraphQL <c>errors</c> are counted per kind of request.
/// </summary>
internal sealed class LoadRunner : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _client;
    private readonly string[] _kindNames;

    public LoadRunner(Uri address, int connections, string[] kindNames)
    {
        Connections = connections;
        _kindNames = kindNames;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        _client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json, application/json");
    }

    public int Connections { get; }

    /// <summary>
    /// Runs the workers for <paramref name="warmUp"/> (not recorded) then <paramref name="duration"/> (recorded);
    /// <paramref name="next"/>(worker, random) gives each worker its next request. <paramref name="onMeasureStart"/>
    /// and <paramref name="onTick"/> (every second) let the caller sample the server.
    /// </summary>
    public async Task<RunResult> RunAsync(
        TimeSpan warmUp, TimeSpan duration, Func<int, Random, LoadRequest> next, BenchServer server,
        Action<TimeSpan>? onTick = null, Action? onMeasureStart = null)
    {
        var measuring = 0;
        var stop = 0;
        var perWorker = new KindStats[Connections][];
        var workers = new Task[Connections];
        for (var w = 0; w < Connections; w++)
        {
            var stats = perWorker[w] = [.. _kindNames.Select(n => new KindStats(n))];
            var worker = w;
            workers[w] = Task.Run(() => WorkerAsync(worker, stats, next, () => Volatile.Read(ref measuring) == 1, () => Volatile.Read(ref stop) == 1));
        }

        await Task.Delay(warmUp);
        // Counting starts for requests sent from now on.
        onMeasureStart?.Invoke();
        var cpuBefore = server.CpuTime();
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        while (watch.Elapsed < duration)
        {
            var left = duration - watch.Elapsed;
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            onTick?.Invoke(watch.Elapsed);
        }

        Volatile.Write(ref measuring, 0);
        var elapsed = watch.Elapsed;
        var cpu = server.CpuTime() - cpuBefore;
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers);

        var total = _kindNames.Select(n => new KindStats(n)).ToArray();
        foreach (var stats in perWorker)
        {
            for (var k = 0; k < total.Length; k++)
            {
                total[k].Add(stats[k]);
            }
        }

        return new RunResult(elapsed, total, cpu);
    }

    private async Task WorkerAsync(int worker, KindStats[] stats, Func<int, Random, LoadRequest> next, Func<bool> measuring, Func<bool> stopped)
    {
        var random = new Random(1000 + worker);
        var buffer = new byte[1 << 16];
        while (!stopped())
        {
            var request = next(worker, random);
            var record = measuring();
            var started = Stopwatch.GetTimestamp();
            var kind = stats[request.Kind];
            try
            {
                using var message = new HttpRequestMessage(request.Body is null ? HttpMethod.Get : HttpMethod.Post, request.Path);
                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(request.Body) { Headers = { ContentType = JsonType } };
                }

                if (request.Token is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Token);
                }

                using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                var length = 0;
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var bigger = new byte[buffer.Length * 2];
                        buffer.AsSpan().CopyTo(bigger);
                        buffer = bigger;
                    }
                }

                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                var content = buffer.AsMemory(0, length);
                var status = (int)response.StatusCode;
                var outcome = Classify(status, content.Span);
                if (outcome == Outcome.Ok)
                {
                    request.OnSuccess?.Invoke(content);
                }
                else if (outcome == Outcome.Expected)
                {
                    request.OnExpected?.Invoke();
                }

                if (!record || stopped())
                {
                    continue;
                }

                kind.Latency.Record(micros);
                switch (outcome)
                {
                    case Outcome.Ok:
                        kind.Ok++;
                        break;
                    case Outcome.Expected:
                        kind.Expected++;
                        break;
                    case Outcome.GraphQLError:
                        kind.GraphQLErrors++;
                        break;
                    case Outcome.ServerError:
                        kind.Status5xx++;
                        break;
                    default:
                        kind.OtherStatus++;
                        break;
                }

                if (outcome is not (Outcome.Ok or Outcome.Expected))
                {
                    kind.FirstProblem ??= $"{status} {System.Text.Encoding.UTF8.GetString(content.Span[..Math.Min(300, content.Length)])}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                if (record && !stopped())
                {
                    kind.Exceptions++;
                    kind.FirstProblem ??= e.GetType().Name + ": " + e.Message;
                }
            }
        }
    }

    private enum Outcome
    {
        Ok,
        Expected,
        GraphQLError,
        ServerError,
        OtherStatus,
    }

    private static Outcome Classify(int status, ReadOnlySpan<byte> body)
    {
        if (status >= 500)
        {
            return Outcome.ServerError;
        }

        // In JSON, a quote inside a string is escaped: "errors": unescaped can only be the property.
        var hasErrors = body.IndexOf("\"errors\":"u8) >= 0;
        if (status == 200 && !hasErrors)
        {
            return Outcome.Ok;
        }

        if (hasErrors && (status == 200 || status == 400))
        {
            // Only a lone VERSION_CONFLICT is an expected answer (a concurrent edit, which the client handles).
            var text = System.Text.Encoding.UTF8.GetString(body);
            var codes = text.Split("\"code\":").Length - 1;
            return codes == 1 && text.Contains("\"VERSION_CONFLICT\"", StringComparison.Ordinal) ? Outcome.Expected : Outcome.GraphQLError;
        }

        return Outcome.OtherStatus;
    }

    public void Dispose() => _client.Dispose();
}
