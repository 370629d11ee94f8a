using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Formats;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Import.Seeding;
using ScoranInclusion.Search;
using ScoranInclusion.Storage.Merges;
using Xunit.Abstractions;

namespace ScoranInclusion.Import.Tests.Merge;

/// <summary>
/// The measure of issue 19's unattended deduplication: the seeded directory, then a France
/// services list built from its own places (<see cref="FranceServicesListBuilder"/>), imported
/// through the pipeline. The figures printed are those of Merge/README.md.
/// </summary>
public sealed class FranceServicesDedupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_france_services_list_over_the_seeded_directory_merges_unattended_without_a_false_merge()
    {
        var communes = CommuneDirectory.Load(RepoPaths.Geodata);
        List<Domain.Sites.Site> directory;
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Geodata, "lieux-mednum-bfc.csv"), Encoding.UTF8))
        {
            directory = [.. LmnCsvReader.Read(reader).Where(r => r.Site is not null).Select(r => r.Site!)];
        }

        var list = FranceServicesListBuilder.Build(directory);
        if (Environment.GetEnvironmentVariable("SCORAN_FS_LIST_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, list.Csv);
        }

        await using var database = await MigratedDatabase.CreateAsync(Storage.StorageProvider.Sqlite);
        await using var db = database.NewContext();
        await GeodataSeeder.SeedAsync(db, RepoPaths.Geodata, communes, default);
        var seedKeys = await db.SourceRecords.AsNoTracking().Where(r => r.Provenance == "mednum-bfc")
            .ToDictionaryAsync(r => r.SourceId, r => r.SiteId, StringComparer.Ordinal);

        var rows = ImportFormats.Read(ImportFormat.FranceServices, new MemoryStream(Encoding.UTF8.GetBytes(list.Csv)));
        var outcome = await new ImportPipeline(db, NoSearchPublication.Instance, communes, TimeProvider.System)
            .RunAsync("france-services", rows, ImportMode.Default);

        var byId = outcome.Sites.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        int samePlaces = 0, merged = 0, falseMerges = 0;
        var missed = new List<string>();
        foreach (var row in list.Rows)
        {
            var site = byId[row.IdFs];
            if (row.Kind == BuiltRowKind.SamePlace)
            {
                samePlaces++;
                var truth = row.SameAs.Select(id => seedKeys[id]).ToHashSet();
                if (site.Action == ImportAction.Merged && truth.Contains(site.SiteKey))
                {
                    merged++;
                    continue;
                }

                missed.Add($"{row.IdFs} « {row.Name} » / « {row.NameInDirectory} »{(site.Action == ImportAction.Merged ? " — FUSION FAUSSE" : "")}");
            }

            if (site.Action == ImportAction.Merged)
            {
                falseMerges++;
                output.WriteLine($"fusion fausse : {row.IdFs} {row.Kind} « {row.Name} » → lieu {site.SiteKey} (près de « {row.NameInDirectory} »)");
            }
        }

        var pending = await db.MergeCandidates.AsNoTracking().CountAsync(p => p.Status == MergeCandidateStatus.Pending);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{list.Rows.Count} lignes : {samePlaces} du même lieu, {list.Rows.Count(r => r.Kind == BuiltRowKind.New)} nouvelles, {list.Rows.Count(r => r.Kind == BuiltRowKind.SameAddressOtherPlace)} à l'adresse d'un autre lieu, {list.Rows.Count(r => r.Kind == BuiltRowKind.SecondInCommune)} secondes dans leur commune"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fusionnées automatiquement : {merged}/{samePlaces} ({100.0 * merged / samePlaces:0.0} %), paires pour une personne : {pending}, fusions fausses : {falseMerges}, rejetées : {outcome.Counts.Rejected}"));
        foreach (var rule in outcome.Sites.Where(s => s.Action == ImportAction.Merged).GroupBy(s => s.Match?.Reason?.Split(" : ")[0] ?? "?"))
        {
            output.WriteLine($"règle « {rule.Key} » : {rule.Count()} fusion(s)");
        }

        foreach (var line in missed)
        {
            output.WriteLine("non fusionnée : " + line);
        }

        Assert.Equal(0, outcome.Counts.Rejected);
        Assert.Equal(0, falseMerges);
        Assert.True(merged >= 0.8 * samePlaces, $"{merged}/{samePlaces} fusionnées automatiquement");
        Assert.True(pending <= 25, $"{pending} paires pour une personne");
    }
}
