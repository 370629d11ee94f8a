namespace ScoranInclusion.Import.Merge;

/// <summary>How the same place is recognised across sources; see README.md in this folder for the reasons behind each default.</summary>
public sealed class MergeOptions
{
    /// <summary>Two precise points farther apart than this are never the same place; the distance score falls from 100 at 0 m to 0 here.</summary>
    public double RadiusMeters { get; set; } = 300;

    /// <summary>At or above this score (0–100), a new record is merged into the existing place.</summary>
    public double MergeThreshold { get; set; } = 85;

    /// <summary>Between this score and <see cref="MergeThreshold"/>, the pair is kept for a person to review; below, it is ignored.</summary>
    public double ReviewThreshold { get; set; } = 60;

    /// <summary>
    /// An automatic merge also needs the names to agree this much: two different places at the
    /// same address (a town hall and its library) score high on street and distance alone.
    /// </summary>
    public double MinimumNameScoreToMerge { get; set; } = 70;

    /// <summary>
    /// The same-place rule (<see cref="SamePlaceRule"/>): same commune, same normalized address,
    /// compatible names and precise points at most this far apart merge without a person,
    /// whatever the fuzzy score. Two sources geocode one door a few metres apart; two desks of
    /// one town are rarely within 50 m at one address.
    /// </summary>
    public double SamePlaceMeters { get; set; } = 50;

    /// <summary>At most this many uncertain pairs are recorded for one row (the best ones).</summary>
    public int MaxPairsPerRecord { get; set; } = 3;
}
