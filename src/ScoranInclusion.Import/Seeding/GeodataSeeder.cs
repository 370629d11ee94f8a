using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Seeding;

public sealed record SeededDataset(string Dataset, int Rows, int Rejected);

/// <summary>
/// First-start seeding from the geodata folder shipped with the server, through the import
/// pipeline (registry, provenance, history, merges with what is already there). Each dataset
/// is applied once, in one transaction with its seed_runs row, so that a restart (or a crash
/// in the middle) never duplicates nor half-writes anything.
/// </summary>
public static class GeodataSeeder
{
    /// <summary>The datasets of geodata/: provenance key and file.</summary>
    public static readonly IReadOnlyList<(string Dataset, string File)> Datasets =
    [
        ("mednum-bfc", "lieux-mednum-bfc.csv"),
    ];

    public static Task<IReadOnlyList<SeededDataset>> SeedAsync(ScoranDbContext db, string geodataDirectory, CancellationToken cancellationToken) =>
        SeedAsync(db, geodataDirectory, null, cancellationToken);

    /// <param name="communes">To place rows without coordinates; loaded from <paramref name="geodataDirectory"/> when null and needed.</param>
    public static async Task<IReadOnlyList<SeededDataset>> SeedAsync(
        ScoranDbContext db, string geodataDirectory, CommuneDirectory? communes, CancellationToken cancellationToken)
    {
        var applied = new List<SeededDataset>();
        foreach (var (dataset, file) in Datasets)
        {
            if (await db.SeedRuns.AnyAsync(r => r.Dataset == dataset, cancellationToken))
            {
                continue;
            }

            communes ??= LoadCommunes(geodataDirectory);
            using var reader = new StreamReader(Path.Combine(geodataDirectory, file), Encoding.UTF8);
            var kept = 0;
            IEnumerable<ImportRow> Counted(IEnumerable<ImportRow> rows)
            {
                foreach (var row in rows)
                {
                    kept += row.IsRejected ? 0 : 1;
                    yield return row;
                }
            }

            // The search index is loaded from the database after seeding: nothing to publish.
            var pipeline = new ImportPipeline(db, NoSearchPublication.Instance, communes, TimeProvider.System);
            var outcome = await pipeline.RunAsync(dataset, Counted(LmnCsvReader.Read(reader)), ImportMode.Default, (context, _) =>
            {
                context.SeedRuns.Add(new SeedRun { Dataset = dataset, AppliedAt = TimeProvider.System.GetUtcNow(), Rows = kept });
                return Task.CompletedTask;
            }, cancellationToken);
            applied.Add(new SeededDataset(dataset, outcome.Counts.Rows - outcome.Counts.Rejected, outcome.Counts.Rejected));
        }

        return applied;
    }

    private static CommuneDirectory? LoadCommunes(string geodataDirectory) =>
        File.Exists(Path.Combine(geodataDirectory, CommuneDirectory.CommunesFileName))
        && File.Exists(Path.Combine(geodataDirectory, CommuneDirectory.AnciennesFileName))
            ? CommuneDirectory.Load(geodataDirectory)
            : null;
}
