using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Bench;

/// <summary>The project's real data, found from the benchmark's binaries.</summary>
internal static class BenchData
{
    public static string Root { get; } = FindRoot();

    public static string Geodata => Path.Combine(Root, "geodata");

    public static IReadOnlyList<Commune> Communes() => CommuneDirectory.Load(Geodata).All;

    public static IReadOnlyList<Site> RealSites()
    {
        using var reader = new StreamReader(Path.Combine(Geodata, "lieux-mednum-bfc.csv"));
        return [.. LmnCsvReader.Read(reader).Where(r => r.Site is not null).Select(r => r.Site!)];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScoranInclusion.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ScoranInclusion.sln introuvable au-dessus de " + AppContext.BaseDirectory);
    }
}
