using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Formats;

/// <summary>The files of Data/ (copied next to the tests), and helpers to read text as each format.</summary>
internal static class TestData
{
    public static readonly DateOnly Today = new(2026, 1, 1);

    public static ImportReadOptions Options { get; } = new() { Today = Today };

    /// <summary>The standard's 32 columns, comma separated.</summary>
    public static string Header { get; } = string.Join(',', SiteFields.All);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static List<ImportRow> Read(ImportFormat format, string text, ImportReadOptions? options = null) =>
        [.. ImportFormats.Read(format, Utf8(text), options ?? Options)];

    public static List<ImportRow> ReadFile(ImportFormat format, string name, ImportReadOptions? options = null)
    {
        using var stream = Open(name);
        return [.. ImportFormats.Read(format, stream, options ?? Options)];
    }

    /// <summary>A CSV row of the standard with the given cells, the others empty; a minimal valid place unless overridden.</summary>
    public static string Row(string id, params (string Field, string Value)[] cells)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SiteFields.Id] = id,
            [SiteFields.Pivot] = Pivot.Unknown,
            [SiteFields.Nom] = "Médiathèque",
            [SiteFields.Commune] = "Dijon",
            [SiteFields.CodePostal] = "21000",
            [SiteFields.Adresse] = "1 place de la Mairie",
            [SiteFields.DateMaj] = "2024-04-02",
            [SiteFields.Services] = "Accès internet et matériel informatique",
        };
        foreach (var (field, value) in cells)
        {
            values[field] = value;
        }

        return string.Join(',', SiteFields.All.Select(f => LmnCsvWriter.Escape(values.GetValueOrDefault(f, ""))));
    }

    public static string Csv(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    public static ValidationIssue Issue(ImportRow row, string field, ValidationSeverity severity) =>
        Assert.Single(row.Issues, i => i.Field == field && i.Severity == severity);
}

/// <summary>A clock the tests move by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}

/// <summary>Collects progress reports.</summary>
internal sealed class ProgressLog : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value) => Reports.Add(value);
}
