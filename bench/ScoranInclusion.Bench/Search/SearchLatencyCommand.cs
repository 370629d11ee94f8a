using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

/// <summary>
/// <c>search-latency --mode quick|full [--sizes 10000,100000] [--origins 300] [--brute-origins 20]
/// [--postgres CONNECTION | --no-postgres]</c>: nearest-10 searches on N synthetic places, per query,
/// ours (the server's in-process <see cref="SiteSearchIndex"/>) against a brute force and against PostGIS
/// KNN on the same places, the three answers checked equal. Progress on stderr, one Markdown section on stdout.
/// </summary>
internal static class SearchLatencyCommand
{
    public const string Verb = "search-latency";

    private const int K = 10;

    public static int Run(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var mode = VerbArgs.Mode(args);
        var full = mode == "full";
        var sizes = VerbArgs.IntList(args, "--sizes") ?? (full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
        var originCount = VerbArgs.Int(args, "--origins", full ? 1000 : 300);
        var bruteBudget = VerbArgs.Int(args, "--brute-origins", full ? 100 : 20);
        var connection = VerbArgs.Flag(args, "--no-postgres") ? null
            : VerbArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SCORAN_TEST_POSTGRES");
        var postgresNote = VerbArgs.Flag(args, "--no-postgres") ? "not run (--no-postgres)"
            : string.IsNullOrWhiteSpace(connection) ? "not run: no PostgreSQL given (SCORAN_TEST_POSTGRES or --postgres; bench/run.sh starts one with tools/postgis.sh when PostGIS is installed)"
            : null;

        var communes = BenchData.Communes();
        var real = BenchData.RealSites();
        var generator = new SyntheticSites(communes, real);
        var origins = SearchOrigins.Generate(communes, originCount);
        var started = Stopwatch.GetTimestamp();
        var sections = new List<SizeResult>();
        foreach (var size in sizes)
        {
            sections.Add(RunSize(generator, size, origins, BruteOrigins(bruteBudget, size, originCount), connection, ref postgresNote));
        }

        Console.Out.Write(Markdown(args, mode, originCount, sections, postgresNote, Stopwatch.GetElapsedTime(started)));
        return sections.Any(s => s.Scenarios.Any(r => r.BruteDifferent > 0 || r.PostgisDifferent > 0)) ? 1 : 0;
    }

    /// <summary>Fewer brute-force queries as N grows (each reads every place): the budget up to 100,000 places, 10 at a million.</summary>
    private static int BruteOrigins(int budget, int size, int originCount) =>
        Math.Min(originCount, size <= 100_000 ? budget : Math.Max(10, (int)((long)budget * 100_000 / size)));

    private static SizeResult RunSize(SyntheticSites generator, int size, GeoPoint[] origins, int bruteOrigins, string? connection, ref string? postgresNote)
    {
        Log($"{size:N0} places: generating");
        var cache = new ScheduleCache();
        var places = SearchPlaces.Generate(generator, size, cache);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var buildStart = Stopwatch.GetTimestamp();
        var index = SearchPlaces.Index(generator, size, cache);
        var buildSeconds = Stopwatch.GetElapsedTime(buildStart).TotalSeconds;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Log($"{size:N0} places: index built in {buildSeconds:0.00} s, {indexBytes / (double)size:0} bytes a place");

        PostgisKnnSearch? postgis = null;
        string? plan = null;
        if (postgresNote is null)
        {
            try
            {
                Log($"{size:N0} places: loading PostGIS");
                postgis = PostgisKnnSearch.Load(connection!, places);
                plan = postgis.Explain(SearchScenario.All[1].Filter);
                Log($"{size:N0} places: PostGIS COPY {postgis.LoadSeconds.Copy:0.0} s, GiST {postgis.LoadSeconds.Index:0.0} s");
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                postgresNote = $"not run: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
                Log("PostGIS " + postgresNote);
                postgis?.Dispose();
                postgis = null;
            }
        }

        var results = new List<ScenarioResult>();
        try
        {
            foreach (var scenario in SearchScenario.All)
            {
                results.Add(RunScenario(index, places, postgis, scenario, origins, bruteOrigins, size));
            }

            var result = new SizeResult(size, buildSeconds, indexBytes, postgis?.LoadSeconds, plan, postgis is null ? null : $"PostgreSQL {postgis.ServerVersion}, PostGIS {postgis.PostgisVersion}", results);
            postgis?.Drop();
            return result;
        }
        finally
        {
            postgis?.Dispose();
        }
    }

    private static ScenarioResult RunScenario(
        SiteSearchIndex index, SearchPlaces places, PostgisKnnSearch? postgis, SearchScenario scenario, GeoPoint[] origins, int bruteOrigins, int size)
    {
        INearestSites ours = index;
        var filter = scenario.Filter;
        List<SiteHit> Ours(GeoPoint origin) =>
            ours.NearestAsync(origin, filter, double.PositiveInfinity, null, CancellationToken.None).Take(K).ToListAsync().AsTask().GetAwaiter().GetResult();

        // Warm-up: JIT (until the tiered compiler has had time to optimise: at least 300 ms and 50 queries),
        // prepared statements, caches.
        var warmUp = Stopwatch.GetTimestamp();
        for (var i = 0; i < 50 || Stopwatch.GetElapsedTime(warmUp).TotalMilliseconds < 300; i++)
        {
            Ours(origins[^(1 + (i % origins.Length))]);
        }

        BruteForceSearch.Nearest(places, origins[^1], filter, K);
        for (var i = 0; i < Math.Min(5, origins.Length); i++)
        {
            postgis?.Nearest(origins[^(i + 1)], filter, K);
        }

        var oursTimes = new List<double>(origins.Length);
        var bruteTimes = new List<double>(bruteOrigins);
        var filterFirstTimes = new List<double>(bruteOrigins);
        var postgisTimes = new List<double>(origins.Length);
        int bruteSame = 0, bruteDifferent = 0, postgisSame = 0, postgisTolerance = 0, postgisDifferent = 0;
        var mismatches = new List<string>();
        long results = 0;
        // Interleaved per origin, so that a slow spell of the shared machine hits the three alike.
        for (var i = 0; i < origins.Length; i++)
        {
            var origin = origins[i];
            var start = Stopwatch.GetTimestamp();
            var mine = Ours(origin);
            oursTimes.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            results += mine.Count;

            if (i < bruteOrigins)
            {
                start = Stopwatch.GetTimestamp();
                var brute = BruteForceSearch.Nearest(places, origin, filter, K);
                bruteTimes.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                start = Stopwatch.GetTimestamp();
                var filteredFirst = BruteForceSearch.Nearest(places, origin, filter, K, filterFirst: true);
                filterFirstTimes.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                // The same Vincenty and the same tie order: exactly the same answer.
                if (SearchAgreement.Compare(brute, mine, 0) == Agreement.Same && SearchAgreement.Compare(filteredFirst, mine, 0) == Agreement.Same)
                {
                    bruteSame++;
                }
                else
                {
                    bruteDifferent++;
                    Note(mismatches, "brute force", origin, brute, mine);
                }
            }

            if (postgis is not null)
            {
                start = Stopwatch.GetTimestamp();
                var theirs = postgis.Nearest(origin, filter, K);
                postgisTimes.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                switch (SearchAgreement.Compare(theirs, mine, SearchAgreement.PostgisToleranceMeters))
                {
                    case Agreement.Same:
                        postgisSame++;
                        break;
                    case Agreement.SameWithinTolerance:
                        postgisTolerance++;
                        break;
                    default:
                        postgisDifferent++;
                        Note(mismatches, "PostGIS", origin, theirs, mine);
                        break;
                }
            }
        }

        var oursStats = new LatencyStats(oursTimes);
        var bruteStats = new LatencyStats(bruteTimes);
        var filterFirstStats = new LatencyStats(filterFirstTimes);
        var oursOnBrute = new LatencyStats(oursTimes.Take(bruteOrigins).ToList());
        var postgisStats = postgis is null ? null : new LatencyStats(postgisTimes);
        Log($"{size:N0} places, {scenario.Name}: ours p50 {LatencyStats.Format(oursStats.P50)}, brute p50 {LatencyStats.Format(bruteStats.P50)}"
            + (postgisStats is null ? "" : $", PostGIS p50 {LatencyStats.Format(postgisStats.P50)}")
            + $", {results / (double)origins.Length:0.0} results a query");
        foreach (var mismatch in mismatches)
        {
            Log("MISMATCH " + mismatch);
        }

        return new ScenarioResult(
            scenario, oursStats, bruteStats, filterFirstStats, postgisStats,
            bruteStats.P50 / oursOnBrute.P50, filterFirstStats.P50 / oursOnBrute.P50,
            postgisStats is null ? null : postgisStats.P50 / oursStats.P50,
            bruteSame, bruteDifferent, postgisSame, postgisTolerance, postgisDifferent, mismatches);
    }

    private static void Note(List<string> mismatches, string what, GeoPoint origin, List<SiteHit> expected, List<SiteHit> mine)
    {
        if (mismatches.Count < 5)
        {
            mismatches.Add($"{what} at ({origin.Latitude:0.000000}, {origin.Longitude:0.000000}): expected [{SearchAgreement.Describe(expected)}], ours [{SearchAgreement.Describe(mine)}]");
        }
    }

    private static string Markdown(string[] args, string mode, int originCount, List<SizeResult> sizes, string? postgresNote, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("## Nearest-10 search latency (`search-latency`)");
        text.AppendLine();
        text.AppendLine($"- Command: `dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll {Verb} {string.Join(' ', args)}` (mode {mode}, {elapsed.TotalSeconds:0} s).");
        text.AppendLine($"- Places: `SyntheticSites` (seed 20261128), spread like the population; {originCount} origins ({SearchOrigins.RandomShare:P0} uniform in the box of the region's commune points, the rest commune points weighted by population), the same for every N and every search.");
        text.AppendLine("- Per query, wall time: **ours** = `SiteSearchIndex` through `INearestSites.NearestAsync(...).Take(10)` as `SiteSearch` calls it, in-process; **brute** = every place's exact geodesic distance (the same Vincenty) and the filter (`SiteMatcher`), bounded heap of 10 (the issue's baseline); **filter-first brute** = the same scan computing the distance of the places that pass the filter only (the strongest scan for a selective filter); "
            + "**PostGIS** = the server's algorithm (`PostgisNearestSites`) on a table of the same places: `ORDER BY geog <-> origin LIMIT 32, 128, …` (GiST index scan), facet filters in SQL, opening hours in C# on each candidate, through Npgsql on loopback.");
        text.AppendLine($"- Checked: brute force and ours give exactly the same ids in the same order for every brute-force origin; PostGIS the same ids, or the same distances rank by rank within {SearchAgreement.PostgisToleranceMeters * 1000:0} mm.");
        text.AppendLine($"- PostGIS: {postgresNote ?? sizes.Select(s => s.PostgisVersion).FirstOrDefault(v => v is not null) ?? "–"}.");
        text.AppendLine("- × brute, × PostGIS: their median over ours on the same origins (how many times faster ours is).");
        foreach (var size in sizes)
        {
            text.AppendLine();
            text.AppendLine($"### {size.Size:N0} places");
            text.AppendLine();
            text.Append($"Index: built in {size.BuildSeconds:0.00} s (`SiteSearchIndex.Load`), {size.IndexBytes / 1_048_576.0:0.0} MB managed, **{size.IndexBytes / (double)size.Size:0} bytes a place** (tree, facets, hours references).");
            if (size.PostgisLoad is { } load)
            {
                text.Append($" PostGIS: COPY {load.Copy:0.0} s, GiST index + ANALYZE {load.Index:0.0} s; plan: {PlanSummary(size.Plan)}.");
            }

            text.AppendLine();
            text.AppendLine();
            text.AppendLine("| search | ours p50 | ours p99 | ours mean | brute p50 | brute p99 | brute mean | × brute | filter-first brute p50 | × filter-first | PostGIS p50 | PostGIS p99 | PostGIS mean | × PostGIS | same answer (brute; PostGIS) |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in size.Scenarios)
            {
                var pg = r.Postgis;
                text.AppendLine(string.Join(" | ",
                    "| " + r.Scenario.Name,
                    LatencyStats.Format(r.Ours.P50), LatencyStats.Format(r.Ours.P99), LatencyStats.Format(r.Ours.Mean),
                    LatencyStats.Format(r.Brute.P50), LatencyStats.Format(r.Brute.P99), LatencyStats.Format(r.Brute.Mean),
                    $"**{r.VersusBrute:#,0}×**",
                    LatencyStats.Format(r.FilterFirst.P50), $"{r.VersusFilterFirst:#,0}×",
                    pg is null ? "–" : LatencyStats.Format(pg.P50), pg is null ? "–" : LatencyStats.Format(pg.P99), pg is null ? "–" : LatencyStats.Format(pg.Mean),
                    r.VersusPostgis is { } v ? $"**{v:#,0.0}×**" : "–",
                    Agreements(r) + " |"));
            }

            text.AppendLine();
            text.AppendLine($"Queries: ours and PostGIS {size.Scenarios[0].Ours.Count} per search, brute force {size.Scenarios[0].Brute.Count} (its p99 is then nearly its maximum).");
            foreach (var mismatch in size.Scenarios.SelectMany(s => s.Mismatches))
            {
                text.AppendLine($"- MISMATCH {mismatch}");
            }
        }

        text.AppendLine();
        text.AppendLine("**Targets** (issue 9: at 100,000 places, ours at least 100× faster than brute force and 10× faster than PostGIS KNN, on the median):");
        text.AppendLine();
        var target = sizes.FirstOrDefault(s => s.Size == 100_000);
        if (target is null)
        {
            text.AppendLine("- not measured (no run at 100,000 places).");
        }
        else
        {
            foreach (var r in target.Scenarios)
            {
                var brute = r.VersusBrute >= 100 ? "met" : "MISSED";
                var pg = r.VersusPostgis is { } v ? (v >= 10 ? "met" : "MISSED") + $" ({v:0.0}×)" : "not measured";
                text.AppendLine($"- {r.Scenario.Name}: ≥ 100× brute force {brute} ({r.VersusBrute:#,0}×; against the filter-first scan {r.VersusFilterFirst:#,0}×); ≥ 10× PostGIS {pg}.");
            }
        }

        return text.ToString();
    }

    private static string Agreements(ScenarioResult r)
    {
        var brute = r.BruteDifferent == 0 ? $"{r.BruteSame}/{r.BruteSame}" : $"**{r.BruteDifferent} DIFFERENT** of {r.BruteSame + r.BruteDifferent}";
        var total = r.PostgisSame + r.PostgisTolerance + r.PostgisDifferent;
        var pg = r.Postgis is null ? "–"
            : r.PostgisDifferent > 0 ? $"**{r.PostgisDifferent} DIFFERENT** of {total}"
            : r.PostgisTolerance > 0 ? $"{total}/{total} ({r.PostgisTolerance} with ties within 1 mm ordered differently)"
            : $"{total}/{total}";
        return $"{brute}; {pg}";
    }

    private static string PlanSummary(string? plan)
    {
        if (plan is null)
        {
            return "–";
        }

        var first = plan.Split('\n').Select(l => l.Trim().TrimStart('-', '>', ' ')).ToList();
        var scan = first.FirstOrDefault(l => l.Contains("Scan", StringComparison.Ordinal)) ?? first[0];
        var sorted = first.Any(l => l.StartsWith("Sort", StringComparison.Ordinal));
        return $"`{scan.Split("  ")[0]}`" + (sorted ? " **with a Sort**" : ", no Sort");
    }

    private static void Log(string message) => Console.Error.WriteLine($"[search-latency {DateTime.UtcNow:HH:mm:ss}] {message}");

    private sealed record SizeResult(
        int Size, double BuildSeconds, long IndexBytes, (double Copy, double Index)? PostgisLoad, string? Plan, string? PostgisVersion, List<ScenarioResult> Scenarios);

    private sealed record ScenarioResult(
        SearchScenario Scenario, LatencyStats Ours, LatencyStats Brute, LatencyStats FilterFirst, LatencyStats? Postgis,
        double VersusBrute, double VersusFilterFirst, double? VersusPostgis,
        int BruteSame, int BruteDifferent, int PostgisSame, int PostgisTolerance, int PostgisDifferent, List<string> Mismatches);
}
