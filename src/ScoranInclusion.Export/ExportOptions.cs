namespace ScoranInclusion.Export;

/// <summary>Bound from the <c>Exports</c> section: how export files are named.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>
    /// The producer part of the standard's file name
    /// (<c>YYYY-MM-DD_&lt;producteur&gt;_lieux-de-mediation-numerique_&lt;Territoire&gt;.csv</c>);
    /// the standard wants the producer's SIRET or RNA: set it to the operator's.
    /// </summary>
    public string Producer { get; set; } = "ScoranInclusion";

    /// <summary>The territory part of the file name of an export without a territory filter.</summary>
    public string TerritoryName { get; set; } = "Bourgogne-Franche-Comte";
}
