using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Import.Seeding;

public sealed record SeededDataset(string Dataset, int Rows, int Rejected);

/// <summary>
/// First-start seeding from the geodata folder shipped with the server. Each dataset is
/// applied once, in one transaction with its seed_runs row, so that a restart (or a crash
/// in the middle) never duplicates nor half-writes anything.
/// </summary>
public static class GeodataSeeder
{
    /// <summary>The datasets of geodata/: provenance key and file.</summary>
    public static readonly IReadOnlyList<(string Dataset, string File)> Datasets =
    [
        ("mednum-bfc", "lieux-mednum-bfc.csv"),
    ];

    public static async Task<IReadOnlyList<SeededDataset>> SeedAsync(ScoranDbContext db, string geodataDirectory, CancellationToken cancellationToken)
    {
        var applied = new List<SeededDataset>();
        foreach (var (dataset, file) in Datasets)
        {
            if (await db.SeedRuns.AnyAsync(r => r.Dataset == dataset, cancellationToken))
            {
                continue;
            }

            var path = Path.Combine(geodataDirectory, file);
            using var reader = new StreamReader(path, Encoding.UTF8);
            var rows = LmnCsvReader.Read(reader).ToList();
            var sites = rows.Where(r => r.Site is not null).Select(r => r.Site!).ToList();

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The search index is loaded from the database after seeding: nothing to publish.
            await new SiteWriter(db).UpsertAsync(dataset, sites, TimeProvider.System, cancellationToken);
            db.SeedRuns.Add(new SeedRun { Dataset = dataset, AppliedAt = TimeProvider.System.GetUtcNow(), Rows = sites.Count });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(new SeededDataset(dataset, sites.Count, rows.Count - sites.Count));
        }

        return applied;
    }
}
