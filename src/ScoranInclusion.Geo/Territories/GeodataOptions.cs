namespace ScoranInclusion.Geo.Territories;

/// <summary>Bound from the <c>Geodata</c> section.</summary>
public sealed class GeodataOptions
{
    public const string Section = "Geodata";

    /// <summary>The folder holding communes.csv, the boundaries and the seed places; by default the copy shipped next to the server.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "geodata");
}
