using BenchmarkDotNet.Attributes;
using ScoranInclusion.Bench.Search;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Bench.Micro;

/// <summary>
/// Opening hours of the real MedNum BFC places (every valid distinct expression, in turn): is it open at
/// an instant (what « open now » evaluates per candidate), the next change of state (the next opening when
/// closed), the open stretches of one day (« open on Saturday »), and parsing an expression.
/// </summary>
[MemoryDiagnoser]
public class OpeningHoursBenchmarks
{
    private const int Evaluations = 256;
    private OpeningHoursSchedule[] _schedules = [];
    private string[] _expressions = [];
    private static readonly DateTimeOffset Instant = SearchScenario.OpenNowInstant;
    private static readonly DateTimeOffset SaturdayStart = new(2026, 12, 5, 0, 0, 0, TimeSpan.FromHours(1));

    [GlobalSetup]
    public void Setup()
    {
        _expressions = [.. BenchData.RealSites().Select(s => s.Horaires).OfType<string>().Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.Ordinal)];
        _schedules = [.. _expressions.Select(e => OpeningHoursParser.Parse(e).Schedule).OfType<OpeningHoursSchedule>()];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Evaluations)]
    public int IsOpen()
    {
        var open = 0;
        for (var i = 0; i < Evaluations; i++)
        {
            if (_schedules[i % _schedules.Length].IsOpen(Instant))
            {
                open++;
            }
        }

        return open;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int NextChange()
    {
        var found = 0;
        for (var i = 0; i < Evaluations; i++)
        {
            if (_schedules[i % _schedules.Length].NextChange(Instant) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int IntervalsOfADay()
    {
        var stretches = 0;
        for (var i = 0; i < Evaluations; i++)
        {
            stretches += _schedules[i % _schedules.Length].Intervals(SaturdayStart, SaturdayStart.AddDays(1)).Count;
        }

        return stretches;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int Parse()
    {
        var valid = 0;
        for (var i = 0; i < Evaluations; i++)
        {
            if (OpeningHoursParser.Parse(_expressions[i % _expressions.Length]).Schedule is not null)
            {
                valid++;
            }
        }

        return valid;
    }
}
