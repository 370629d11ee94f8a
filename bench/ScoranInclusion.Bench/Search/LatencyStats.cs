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
