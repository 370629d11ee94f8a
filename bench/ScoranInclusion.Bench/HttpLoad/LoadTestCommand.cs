using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static ScoranInclusion.Bench.HttpLoad.HttpBenchSupport;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// <c>load-test [--mode quick|full] [--minutes M | --seconds S] [--connections 32]</c>: mixed traffic on the built server,
/// closed loop, over loopback: the widget's searches (varied origins and filters), commune autocompletion, place
/// details and a mediator's edits (updateSite with expectedVersion, conflicts handled); per kind the count, errors,
/// 5xx and latencies; the server's resident memory at the start, half-way and the end; a verdict.
/// </summary>
internal static class LoadTestCommand
{
    public const string Verb = "load-test";

    private const int Search = 0;
    private const int Autocomplete = 1;
    private const int Detail = 2;
    private const int ReadVersion = 3;
    private const int Update = 4;

    private static readonly string[] KindNames =
    [
        "widget search (nearestSites)",
        "commune autocompletion (communes)",
        "place detail (site)",
        "mediator: read version (site)",
        "mediator: updateSite",
    ];

    private static readonly string[] Services =
    [
        "AIDE_AUX_DEMARCHES_ADMINISTRATIVES", "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN", "INSERTION_PROFESSIONNELLE_VIA_LE_NUMERIQUE",
        "UTILISATION_SECURISEE_DU_NUMERIQUE", "PARENTALITE_ET_EDUCATION_AVEC_LE_NUMERIQUE", "ACCES_INTERNET_ET_MATERIEL_INFORMATIQUE",
    ];

    private const string VersionQuery = "query Version($id: ID!) { site(id: $id) { id version } }";
    private const string UpdateMutation = "mutation Edit($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { id version dateMaj } }";

    public static async Task<int> RunAsync(string[] args)
    {
        var full = Full(args);
        var seconds = Option(args, "--seconds") is not null ? DoubleOption(args, "--seconds", 20)
            : Option(args, "--minutes") is not null ? DoubleOption(args, "--minutes", 10) * 60
            : full ? 600 : 20;
        var warmUp = DoubleOption(args, "--warmup", full ? 15 : 3);
        var connections = (int)DoubleOption(args, "--connections", 32);
        var queries = WidgetQueries.Load();
        var communes = BenchData.Communes();

        Log($"Démarrage du serveur ({BenchServer.ServerDll})");
        await using var server = await BenchServer.StartAsync();
        using var setup = new HttpClient { BaseAddress = server.Address };
        setup.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json, application/json");

        // Place ids for the details, from searches around a few communes.
        var ids = new HashSet<string>();
        foreach (var commune in communes.OrderByDescending(c => c.Population).Take(12))
        {
            var data = await DataAsync(setup, "query($c: String!) { nearestSites(near: { commune: $c }, first: 60) { nodes { id } } }", new JsonObject { ["c"] = commune.CodeInsee });
            foreach (var node in data["nearestSites"]!["nodes"]!.AsArray())
            {
                ids.Add(node!["id"]!.GetValue<string>());
            }
        }

        var placeIds = ids.Order(StringComparer.Ordinal).ToArray();
        // A mediator account on six places, invited by the administration token and accepted, as in production.
        var mediatorSites = placeIds.Take(6).ToArray();
        var invitation = await DataAsync(setup, "mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { token } }",
            new JsonObject { ["input"] = new JsonObject { ["email"] = "mediatrice.banc@example.org", ["role"] = "MEDIATOR", ["sites"] = new JsonArray([.. mediatorSites.Select(s => JsonValue.Create(s))]) } },
            BenchServer.AdminToken);
        var login = await DataAsync(setup, "mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new JsonObject { ["t"] = invitation["inviteAccount"]!["token"]!.GetValue<string>(), ["p"] = "mot-de-passe-du-banc-2026" });
        var token = login["acceptInvitation"]!["token"]!.GetValue<string>();
        Log($"{placeIds.Length} lieux pour les fiches ; compte de médiation sur {mediatorSites.Length} lieux");

        var initialVersions = await VersionsAsync(setup, mediatorSites);
        var pending = new (string Id, int Version)?[connections];
        var retry = new string?[connections];
        var edits = new int[connections];
        var retried = 0L;
        LoadRequest ReadVersionOf(int worker, string id) =>
            new(ReadVersion, "/graphql", GraphQLBody(VersionQuery, new JsonObject { ["id"] = id }), token)
            {
                OnSuccess = body =>
                {
                    using var json = JsonDocument.Parse(body);
                    pending[worker] = (id, json.RootElement.GetProperty("data").GetProperty("site").GetProperty("version").GetInt32());
                },
            };

        LoadRequest Next(int worker, Random random)
        {
            if (pending[worker] is { } edit)
            {
                pending[worker] = null;
                var n = ++edits[worker];
                var input = new JsonObject { ["presentationResume"] = $"Fiche tenue à jour (essai de charge, modification {worker}-{n})." };
                return new LoadRequest(Update, "/graphql", GraphQLBody(UpdateMutation, new JsonObject { ["id"] = edit.Id, ["v"] = edit.Version, ["input"] = input }), token)
                {
                    // Someone else saved the place meanwhile: read it again and save again, as the mediators' pages let one do.
                    OnExpected = () => retry[worker] = edit.Id,
                };
            }

            if (retry[worker] is { } again)
            {
                retry[worker] = null;
                Interlocked.Increment(ref retried);
                return ReadVersionOf(worker, again);
            }

            var pick = random.Next(100);
            if (pick < 45)
            {
                return new LoadRequest(Search, "/graphql", GraphQLBody(queries.Search, SearchVariables(random, communes)));
            }

            if (pick < 80)
            {
                var commune = communes[random.Next(communes.Count)];
                var text = random.Next(10) == 0 ? commune.CodesPostaux[0][..random.Next(2, 6)] : Typed(commune.Nom, random);
                return new LoadRequest(Autocomplete, "/graphql", GraphQLBody(queries.Communes, new JsonObject { ["s"] = text, ["n"] = 8 }));
            }

            if (pick < 96)
            {
                return new LoadRequest(Detail, "/graphql", GraphQLBody(queries.Detail, new JsonObject { ["id"] = placeIds[random.Next(placeIds.Length)] }));
            }

            // A mediator opens one of their places (its version), then saves a change: the next request of this worker.
            return ReadVersionOf(worker, mediatorSites[random.Next(mediatorSites.Length)]);
        }

        var rss = new List<(TimeSpan At, double MiB)>();
        var half = TimeSpan.FromSeconds(seconds / 2);
        var halfTaken = false;
        using var runner = new LoadRunner(server.Address, connections, KindNames);
        Log($"{connections} connexions, {F(warmUp)} s de mise en route puis {F(seconds)} s mesurées");
        var result = await runner.RunAsync(TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds), Next, server,
            onTick: at =>
            {
                if (!halfTaken && at >= half)
                {
                    halfTaken = true;
                    rss.Add((at, server.MemoryMiB()));
                }

                if ((int)at.TotalSeconds % 60 == 0)
                {
                    Log($"{F(at.TotalSeconds, 0)} s, RSS {F(server.MemoryMiB())} Mio");
                }
            },
            onMeasureStart: () => rss.Add((TimeSpan.Zero, server.MemoryMiB())));
        rss.Add((result.Duration, server.MemoryMiB()));
        var peak = server.MemoryMiB("VmHWM");

        // The edits really landed, each once: the versions moved by as many saves as were accepted (warm-up and
        // the requests in flight at the end included, so at least the measured ones).
        var versions = await VersionsAsync(setup, mediatorSites);
        var increments = versions.Zip(initialVersions, (after, before) => after - before).Sum();
        Console.Write(Report(args, result, rss, peak, server, connections, seconds, warmUp, placeIds.Length, increments, Interlocked.Read(ref retried)));
        return 0;
    }

    private static async Task<List<int>> VersionsAsync(HttpClient client, IEnumerable<string> ids)
    {
        var versions = new List<int>();
        foreach (var id in ids)
        {
            var data = await DataAsync(client, VersionQuery, new JsonObject { ["id"] = id });
            versions.Add(data["site"]!["version"]!.GetValue<int>());
        }

        return versions;
    }

    /// <summary>What the widget sends: from a commune, a rounded position or a postal code's commune; filters sometimes.</summary>
    private static JsonObject SearchVariables(Random random, IReadOnlyList<Domain.Territories.Commune> communes)
    {
        var commune = communes[random.Next(communes.Count)];
        var roll = random.Next(10);
        JsonObject near = roll < 5
            ? new JsonObject { ["commune"] = commune.CodeInsee }
            : roll < 9
                ? new JsonObject
                {
                    ["point"] = new JsonObject
                    {
                        ["latitude"] = Math.Round(commune.Location.Latitude + ((random.NextDouble() - 0.5) * 0.02), 3),
                        ["longitude"] = Math.Round(commune.Location.Longitude + ((random.NextDouble() - 0.5) * 0.02), 3),
                    },
                }
                : new JsonObject { ["postalCode"] = commune.CodesPostaux[0] };
        var filter = new JsonObject();
        if (random.Next(10) < 4)
        {
            switch (random.Next(5))
            {
                case 0:
                    filter["services"] = new JsonArray(Services[random.Next(Services.Length)]);
                    break;
                case 1:
                    filter["fraisACharge"] = new JsonArray("GRATUIT");
                    break;
                case 2:
                    filter["publics"] = new JsonArray("SENIORS");
                    filter["services"] = new JsonArray(Services[random.Next(Services.Length)], Services[random.Next(Services.Length)]);
                    break;
                case 3:
                    filter["hasSessionWithinDays"] = 14;
                    break;
                default:
                    filter["openNow"] = true;
                    break;
            }
        }

        var variables = new JsonObject { ["near"] = near, ["first"] = 20, ["filter"] = filter };
        // Now and then the embedded widget of a territory: 100 places within 150 km, filtered by the page.
        if (random.Next(20) == 0)
        {
            variables["first"] = 100;
            near["radiusKm"] = 150;
        }

        return variables;
    }

    /// <summary>What someone has typed of a commune's name: 2 to 10 letters, sometimes in lower case without accents.</summary>
    private static string Typed(string name, Random random)
    {
        var text = name[..Math.Min(name.Length, random.Next(2, 11))];
        return random.Next(2) == 0 ? text.ToLowerInvariant() : text;
    }

    private static string Report(string[] args, RunResult result, List<(TimeSpan At, double MiB)> rss, double peak, BenchServer server,
        int connections, double seconds, double warmUp, int places, int increments, long retried)
    {
        var md = new StringBuilder();
        md.AppendLine("## Load test: mixed traffic at 32 connections (issue 11)");
        md.AppendLine();
        md.AppendLine($"Command: `{CommandText(Verb, args)}` (load average at the end: {LoadAverage()}).");
        md.AppendLine();
        md.AppendLine($"The built server (Release, SQLite, seeded, rate limits raised by configuration) as its own process; {connections} closed-loop " +
            $"connections over loopback (HTTP/1.1 keep-alive), {F(warmUp)} s warm-up then {F(seconds, 0)} s measured. Mix (per pick): 45 % the widget's " +
            "list search (its own document, `first: 20`, from a commune, a rounded position or a postal code, 40 % with a filter: a service, " +
            "free, seniors, a workshop within 14 days, open now; 5 % a territory's 100 places within 150 km), 35 % commune autocompletion " +
            $"(the widget's `communes(search, first: 8)` with 2 to 10 typed letters or a postal code's start), 16 % a place's detail " +
            $"(the widget's detail document, {places} places), 4 % a mediator's edit (an account invited on 6 places and logged in: read the " +
            "version, then `updateSite` with `expectedVersion`; a `VERSION_CONFLICT` from a concurrent edit is an expected answer, not an error: " +
            "the worker reads the version again and saves again).");
        md.AppendLine();
        md.AppendLine("| kind | requests | req/s | errors | 5xx | expected conflicts | p50 ms | p99 ms | max ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var k in result.Kinds)
        {
            md.AppendLine($"| {k.Name} | {k.Total} | {F(k.Total / result.Duration.TotalSeconds)} | {k.Errors} | {k.Status5xx} | {k.Expected} | " +
                $"{F(k.Latency.QuantileMs(0.5), 2)} | {F(k.Latency.QuantileMs(0.99), 2)} | {F(k.Latency.MaxMicros / 1000.0, 1)} |");
        }

        var all = result.All;
        var errors = result.Kinds.Sum(k => k.Errors);
        var fivexx = result.Kinds.Sum(k => k.Status5xx);
        md.AppendLine($"| **all** | {result.Requests} | {F(result.RequestsPerSecond)} | {errors} | {fivexx} | {result.Kinds.Sum(k => k.Expected)} | " +
            $"{F(all.QuantileMs(0.5), 2)} | **{F(all.QuantileMs(0.99), 2)}** | {F(all.MaxMicros / 1000.0, 1)} |");
        md.AppendLine();
        md.AppendLine("| server resident memory (VmRSS) | MiB |");
        md.AppendLine("|---|---:|");
        foreach (var (at, mib) in rss)
        {
            md.AppendLine($"| at {F(at.TotalSeconds, 0)} s | {F(mib)} |");
        }

        md.AppendLine($"| peak (VmHWM) | {F(peak)} |");
        md.AppendLine();
        var start = rss[0].MiB;
        var middle = rss.Count > 2 ? rss[1].MiB : start;
        var end = rss[^1].MiB;
        var flat = end <= middle * 1.10;
        var problems = result.Kinds.Where(k => k.FirstProblem is not null).Select(k => $"{k.Name}: {k.FirstProblem}").ToList();
        md.AppendLine($"Verdict: {(fivexx == 0 ? "no 5xx" : $"**{fivexx} 5xx**")}, {(errors == 0 ? "no error" : $"**{errors} errors**")}, " +
            $"{server.ErrorLines} server log lines at Error, memory {(flat ? "flat" : "**growing**")} (RSS {F(start)} → {F(middle)} → {F(end)} MiB: " +
            $"{(end - middle) / middle:+0.0%;-0.0%} over the second half; flat means under +10 %). CPU-bound on this 2-core machine (the client shares it). " +
            $"Mediator's saves accepted during the measure: {result.Kinds[Update].Ok}{(increments >= result.Kinds[Update].Ok ? "" : " (**more than the versions moved: a lost update**)")}; versions of their 6 places moved by {increments} " +
            $"over the whole run (warm-up included; never fewer: no save lost or counted twice); {retried} conflicts answered by reading again and saving again.");
        if (problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("First problem of each kind: " + string.Join("; ", problems.Select(p => p.Replace("|", "\\|", StringComparison.Ordinal))));
        }

        md.AppendLine();
        return md.ToString();
    }
}
