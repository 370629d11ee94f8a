namespace ScoranInclusion.Tests.Shared;

/// <summary>The checkout's folders the tests read (geodata/, schema/, web/), wherever the test binaries run.</summary>
internal static class RepoPaths
{
    /// <summary>The checkout's root: the folder holding ScoranInclusion.sln, found from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Geodata => Path.Combine(Root, "geodata");

    public static string Schema => Path.Combine(Root, "schema", "schema.graphql");

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
