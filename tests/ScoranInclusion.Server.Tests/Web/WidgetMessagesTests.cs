using System.Diagnostics;
using ScoranInclusion.Server.Tests.Support;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// web/tests/messages.test.mjs under node: every status sentence of the widget (web/src/messages.js), for every
/// combination of territory, origin, filters, count and fallback without the filters, is a well-formed French
/// sentence, and says what to do when nothing is found.
/// </summary>
[Trait("Category", "Process")]
public sealed class WidgetMessagesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_status_sentence_of_the_widget_is_well_formed_and_says_what_to_do()
    {
        var start = new ProcessStartInfo("node", ["tests/messages.test.mjs"])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        output.WriteLine(text);
        Assert.Contains("RESULT ", text, StringComparison.Ordinal);
        Assert.True(process.ExitCode == 0, text);
    }
}
