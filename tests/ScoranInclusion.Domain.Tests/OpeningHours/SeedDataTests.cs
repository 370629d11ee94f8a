using System.Text.RegularExpressions;
using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Tests.OpeningHours;

/// <summary>Every <c>horaires</c> of the committed MedNum BFC places parses, and its normal form is itself.</summary>
public partial class SeedDataTests
{
    [Fact]
    public void Every_horaires_of_the_committed_places_parses()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Geodata, "lieux-mednum-bfc.csv"));
        var header = SplitCsvLine(lines[0]);
        var column = Array.IndexOf(header, "horaires");
        Assert.True(column >= 0, "no horaires column");

        var checkedValues = 0;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsvLine(line);
            Assert.Equal(header.Length, cells.Length);
            var horaires = cells[column];
            if (horaires.Length == 0)
            {
                continue;
            }

            var result = OpeningHoursParser.Parse(horaires);
            Assert.True(result.IsValid, $"« {horaires} » : {string.Join(" | ", result.Errors.Select(e => e.Message))}");
            Assert.Equal(horaires, result.Schedule!.Normalized);
            checkedValues++;
        }

        Assert.True(checkedValues > 100, $"only {checkedValues} horaires found");
    }

    /// <summary>An RFC 4180 record on one line (the file has no line break inside a field).</summary>
    private static string[] SplitCsvLine(string line) =>
        [.. CsvField().Matches(line + ",").Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups["plain"].Value)];

    [GeneratedRegex("""\G(?:"(?<quoted>(?:[^"]|"")*)"|(?<plain>[^,"]*)),""")]
    private static partial Regex CsvField();
}
