using System.Numerics;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// Latencies in microseconds, log-linear buckets (exact below 256 µs, then 128 buckets per power of two: under 1 %
/// error), fixed size, no allocation per record. One per worker, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 256;
    private const int SubBuckets = 128;
    private const int MaxShift = 32;

    private readonly long[] _counts = new long[Linear + (MaxShift * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicros { get; private set; }

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[Index(micros)]++;
        Count++;
        MaxMicros = Math.Max(MaxMicros, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>The latency at quantile q (0 to 1), in milliseconds (the middle of its bucket); NaN when empty.</summary>
    public double QuantileMs(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Middle(i) / 1000.0;
            }
        }

        return MaxMicros / 1000.0;
    }

    private static int Index(long micros)
    {
        if (micros < Linear)
        {
            return (int)micros;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = Math.Min(msb - 7, MaxShift);
        return Linear + ((shift - 1) * SubBuckets) + (int)Math.Min((micros >> shift) - SubBuckets, SubBuckets - 1);
    }

    private static double Middle(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / SubBuckets) + 1;
        var sub = ((index - Linear) % SubBuckets) + SubBuckets;
        return (sub << shift) + ((1L << shift) / 2.0);
    }
}
