using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Architecture;

/// <summary>
/// The projects follow the data flow of docs (../shared/docs/ARCHITECTURE.md and the README):
/// Domain ← Geo ← Storage ← Search ← Workflows ← Import / Export ← GraphQL ← Web ← Server.
/// A project references only projects of a lower rank, the product never references bench/ or tests/,
/// Storage knows no web framework and the API reaches the database only through services.
/// </summary>
public sealed partial class ProjectReferenceTests
{
    /// <summary>The rank of each project of src/ along the flow; a new project must be placed here.</summary>
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        ["ScoranInclusion.Domain"] = 0,
        ["ScoranInclusion.Geo"] = 1,
        ["ScoranInclusion.Storage"] = 2,
        ["ScoranInclusion.Search"] = 3,
        ["ScoranInclusion.Workflows"] = 4,
        ["ScoranInclusion.Import"] = 5,
        ["ScoranInclusion.Export"] = 5,
        ["ScoranInclusion.GraphQL"] = 6,
        ["ScoranInclusion.Web"] = 7,
        ["ScoranInclusion.Server"] = 8,
    };

    public static TheoryData<string> Projects() => [.. Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_reference_of_a_product_project_points_down_the_flow(string project)
    {
        Assert.True(Rank.TryGetValue(project, out var rank), $"{project} n'a pas de place dans le flux : ajoutez-le à Rank (et au README).");
        foreach (var reference in References(project))
        {
            Assert.True(Rank.TryGetValue(reference, out var target), $"{project} référence {reference}, qui n'est pas un projet de src/ (bench/, tests/ ou tools/ ne sont jamais référencés par le produit).");
            Assert.True(target < rank, $"{project} (rang {rank}) référence {reference} (rang {target}) : à contre-courant du flux Domain ← Geo ← Storage ← Search ← Workflows ← Import/Export ← GraphQL ← Web ← Server.");
        }
    }

    [Fact]
    public void The_flow_is_checked_on_the_real_files()
    {
        // The theory above reads what it should: Server references every other project, Domain none.
        Assert.Equal(Rank.Keys.Where(k => k != "ScoranInclusion.Server").Order(StringComparer.Ordinal), References("ScoranInclusion.Server").Order(StringComparer.Ordinal));
        Assert.Empty(References("ScoranInclusion.Domain"));
        Assert.Equal(Rank.Count, Projects().Count);
    }

    [Theory]
    [InlineData("ScoranInclusion.Domain")]
    [InlineData("ScoranInclusion.Geo")]
    [InlineData("ScoranInclusion.Storage")]
    [InlineData("ScoranInclusion.Search")]
    [InlineData("ScoranInclusion.Workflows")]
    [InlineData("ScoranInclusion.Import")]
    public void Projects_below_the_web_know_no_web_framework(string project)
    {
        var file = XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"));
        Assert.DoesNotContain(file.Descendants("FrameworkReference"), r => ((string?)r.Attribute("Include"))?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Sources(project), s => AspNetUsing().IsMatch(s.Text));
    }

    [Fact]
    public void The_api_reaches_the_database_only_through_services()
    {
        var offending = Sources("ScoranInclusion.GraphQL").Where(s => s.Text.Contains("ScoranDbContext", StringComparison.Ordinal)
            || s.Text.Contains("using Microsoft.EntityFrameworkCore;", StringComparison.Ordinal)).Select(s => s.Path).ToList();
        Assert.True(offending.Count == 0, "GraphQL utilise la base directement : " + string.Join(", ", offending));
    }

    private static List<string> References(string project)
    {
        var file = XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"));
        return [.. file.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))];
    }

    private static IEnumerable<(string Path, string Text)> Sources(string project) =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(p)));

    [GeneratedRegex(@"^using Microsoft\.AspNetCore", RegexOptions.Multiline)]
    private static partial Regex AspNetUsing();
}
