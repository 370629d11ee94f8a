namespace ScoranInclusion.GeodataBuilder;

/// <summary>Command line of the builder.</summary>
internal sealed record BuilderOptions(string SourceDirectory, string OutputDirectory)
{
    public const string Usage = """
        Régénère le dossier geodata/ à partir de ../shared/geodata-src.

        dotnet run --project tools/ScoranInclusion.GeodataBuilder -- [--source <dossier>] [--out <dossier>]

          --source  les données sources (défaut : <dépôt>/../shared/geodata-src)
          --out     le dossier à écrire (défaut : <dépôt>/geodata)
        """;

    /// <summary>The options, or null when help was asked for.</summary>
    public static BuilderOptions? Parse(IReadOnlyList<string> args)
    {
        string? source = null;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--source" when i + 1 < args.Count:
                    source = args[++i];
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                default:
                    throw new ArgumentException($"argument inattendu « {args[i]} »\n{Usage}");
            }
        }

        var repository = RepositoryRoot();
        source ??= Path.Combine(repository ?? ".", "..", "shared", "geodata-src");
        output ??= Path.Combine(repository ?? ".", "geodata");
        return new BuilderOptions(Path.GetFullPath(source), Path.GetFullPath(output));
    }

    /// <summary>The folder holding ScoranInclusion.sln, from the current directory up.</summary>
    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScoranInclusion.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}

/// <summary>The output failed its own checks; nothing it wrote should be committed.</summary>
internal sealed class BuildFailedException(string message) : Exception(message);
