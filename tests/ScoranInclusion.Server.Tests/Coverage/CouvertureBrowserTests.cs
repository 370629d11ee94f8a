using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Coverage;

/// <summary>The real server on a free 127.0.0.1 port and web/tests/couverture.test.mjs run once in chromium.</summary>
public sealed class CouvertureBrowserRun() : BrowserScriptRun("tests/couverture.test.mjs");

[Trait("Category", "Browser")]
public sealed class CouvertureBrowserTests(CouvertureBrowserRun run, ITestOutputHelper output) : IClassFixture<CouvertureBrowserRun>
{
    private const string Scenario = "/couverture : carte choroplèthe, légende, tableau trié, clavier, axe-core sans violation";

    [Fact]
    public void The_coverage_page_passes_in_chromium()
    {
        run.AssertPassed(Scenario, output);
        run.AssertRanExactly([Scenario], output);
    }
}
