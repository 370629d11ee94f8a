using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ScoranInclusion.Domain.Telemetry;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using static ScoranInclusion.Import.Tests.Pipeline.TestRows;

namespace ScoranInclusion.Import.Tests.Pipeline;

/// <summary>An import is one span and its counts go to the <c>scoran.import.rows</c> counter, by result.</summary>
public sealed class ImportTelemetryTests
{
    [Fact]
    public async Task An_import_records_its_rows_by_result_and_a_span_with_the_counts()
    {
        // Other tests import in parallel: only this test's dataset is looked at.
        var provenance = "telemetrie-" + Guid.NewGuid().ToString("N")[..8];
        var counts = new ConcurrentDictionary<(string Result, bool Committed), long>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ScoranTelemetry.Name && instrument.Name == "scoran.import.rows")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if (Equals(map["scoran.import.provenance"], provenance))
            {
                counts.AddOrUpdate(((string)map["scoran.import.result"]!, (bool)map["scoran.import.committed"]!), value, (_, old) => old + value);
            }
        });
        meters.Start();

        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScoranTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("scoran.import.provenance"), provenance))
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);

        await using var database = await TestDatabase.CreateAsync();
        ImportRow[] first = [Row(SiteBuilder.Liberte("a").Build(), 2), Rejected("b", 3), Row(SiteBuilder.Numbered(1).Build(), 4)];
        await database.ImportAsync(provenance, first);
        ImportRow[] second = [Row(SiteBuilder.Liberte("a").Build() with { Nom = "Changé" }, 2), Row(SiteBuilder.Numbered(1).Build(), 3), Row(SiteBuilder.Numbered(2).Build(), 4)];
        await database.ImportAsync(provenance, second);
        await database.ImportAsync(provenance, [Row(SiteBuilder.Numbered(3).Build(), 2)], ImportMode.DryRun);

        Assert.Equal(6, counts[("lues", true)]);
        Assert.Equal(3, counts[("creees", true)]);
        Assert.Equal(1, counts[("mises_a_jour", true)]);
        Assert.Equal(1, counts[("inchangees", true)]);
        Assert.Equal(1, counts[("rejetees", true)]);
        Assert.Equal(0, counts[("fusionnees", true)]);
        // The dry run is counted apart: nothing of it was written.
        Assert.Equal(1, counts[("lues", false)]);
        Assert.Equal(1, counts[("creees", false)]);

        Assert.Equal(3, spans.Count);
        var span = Assert.Single(spans, s => Equals(s.GetTagItem("scoran.import.rows.rejetees"), 1));
        Assert.Equal("scoran.import", span.OperationName);
        Assert.Equal(true, span.GetTagItem("scoran.import.committed"));
        Assert.Equal(3, span.GetTagItem("scoran.import.rows.lues"));
    }
}
