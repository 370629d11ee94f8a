using ScoranInclusion.Bench.HttpLoad;

namespace ScoranInclusion.Bench.Tests;

/// <summary>
/// The HTTP benchmarks send the widget's own documents, read from web/src: when the widget's code moves them, this fails
/// here rather than in the middle of <c>bench/run.sh</c>.
/// </summary>
public sealed class WidgetQueriesTests
{
    [Fact]
    public void The_widget_documents_are_found_and_complete()
    {
        var queries = WidgetQueries.Load();

        Assert.StartsWith("query Lieux(", queries.Search, StringComparison.Ordinal);
        Assert.Contains("nearestSites(", queries.Search, StringComparison.Ordinal);
        Assert.StartsWith("query Lieu(", queries.Detail, StringComparison.Ordinal);
        Assert.Contains("site(id: $id)", queries.Detail, StringComparison.Ordinal);
        Assert.Contains("communes(search: $s, first: $n)", queries.Communes, StringComparison.Ordinal);
        foreach (var document in new[] { queries.Search, queries.Detail, queries.Communes })
        {
            Assert.DoesNotContain("${", document, StringComparison.Ordinal);
            Assert.Equal(document.Count(c => c == '{'), document.Count(c => c == '}'));
        }
    }
}
