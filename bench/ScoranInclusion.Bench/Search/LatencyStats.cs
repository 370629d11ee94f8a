namespace ScoranInclusion.Bench.Search;

/// <summary>Per-query times, in microseconds.</summary>
public sealed class LatencyStats(IReadOnlyList<double> microseconds)
{
    private readonly double[] _sorted = [.. microseconds.Order()];

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    /// <summary>Nearest rank: the smallest time that at least this share of the queries did not exceed.</summary>
    public double Percentile(double share)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(share * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    /// <summary>A time for a table: µs under 10 ms, ms above.</summary>
    public static string Format(double microseconds) =>
        double.IsNaN(microseconds) ? "–"
        : microseconds < 10_000 ? $"{microseconds:#,0.0} µs"
        : $"{microseconds / 1000:#,0.0} ms";
}

/// <summary>The options of a verb: <c>--name value</c> pairs and flags.</summary>
internal static class VerbArgs
{
    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);

    /// <summary>quick or full; anything else is refused.</summary>
    public static string Mode(string[] args)
    {
        var mode = Option(args, "--mode") ?? "quick";
        return mode is "quick" or "full" ? mode : throw new ArgumentException($"--mode attend quick ou full, pas « {mode} ».");
    }

    public static int[]? IntList(string[] args, string name) =>
        Option(args, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.Parse(v.Replace("_", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
