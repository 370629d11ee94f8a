namespace ScoranInclusion.Domain.Sites;

/// <summary>How much a place's point can be trusted.</summary>
public enum LocationPrecision
{
    /// <summary>No point: no coordinates were given and the commune was not found.</summary>
    None,

    /// <summary>
    /// The representative point of the commune, given to a place that came without coordinates
    /// so that it still shows up in searches; approximate by up to a few kilometres.
    /// </summary>
    Commune,

    /// <summary>The coordinates given by the source (usually geocoded from the address).</summary>
    Address,
}
