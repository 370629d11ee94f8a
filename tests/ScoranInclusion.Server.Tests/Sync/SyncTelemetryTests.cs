using System.Diagnostics.Metrics;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;
using ScoranInclusion.Server.Tests.Operations;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>Each run counts once in <c>scoran.sync.runs</c> (by source and outcome) and its rows in <c>scoran.sync.rows</c> (by outcome).</summary>
public sealed class SyncTelemetryTests : IAsyncLifetime, IDisposable
{
    // A source name of its own: other tests' runs in this process count under theirs.
    private const string Source = "mesures-sync";
    private readonly CliRunner _cli = new();
    private readonly List<(string Instrument, long Value, string? Source, string? Outcome)> _measures = [];
    private readonly MeterListener _listener = new();
    private SourceFileServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SourceFileServer.StartAsync();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ScoranTelemetry.Name && instrument.Name.StartsWith("scoran.sync.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? source = null, outcome = null;
            foreach (var tag in tags)
            {
                source = tag.Key == "scoran.sync.source" ? tag.Value as string : source;
                outcome = tag.Key == "scoran.sync.outcome" ? tag.Value as string : outcome;
            }

            if (source == Source)
            {
                lock (_measures)
                {
                    _measures.Add((instrument.Name, value, source, outcome));
                }
            }
        });
        _listener.Start();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Runs_and_rows_are_counted_by_outcome()
    {
        _server.Publish("lieux.csv", OperationsData.Csv(Enumerable.Range(0, 4).Select(i => OperationsData.Row($"m{i}", $"Lieu mesuré {i}", i))));
        string[] source = [$"--Sources:{Source}:Url={_server.Url("lieux.csv")}", $"--Sources:{Source}:Format=lmn-csv", "--Sync:Retries=0"];

        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("m.db", false, ["sync", .. source])).ExitCode);
        Assert.Equal(CliVerbs.Success, (await _cli.RunAsync("m.db", false, ["sync", .. source])).ExitCode);
        _server.Fail = true;
        Assert.Equal(CliVerbs.Failure, (await _cli.RunAsync("m.db", false, ["sync", .. source])).ExitCode);

        List<(string Instrument, long Value, string? Source, string? Outcome)> measures;
        lock (_measures)
        {
            measures = [.. _measures];
        }

        Assert.Equal(["imported", "unchanged", "failed"], measures.Where(m => m.Instrument == "scoran.sync.runs").Select(m => m.Outcome));
        Assert.All(measures.Where(m => m.Instrument == "scoran.sync.runs"), m => Assert.Equal(1, m.Value));
        var rows = measures.Where(m => m.Instrument == "scoran.sync.rows").GroupBy(m => m.Outcome).ToDictionary(g => g.Key!, g => g.Sum(m => m.Value));
        Assert.Equal(4, rows["added"]);
        Assert.Equal(4, rows["read"]);
        Assert.Equal(4, rows["unchanged"]);
    }
}
