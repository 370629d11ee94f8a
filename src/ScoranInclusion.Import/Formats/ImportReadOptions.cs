using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.Import.Formats;

/// <summary>What a format reader may need besides the file itself; every setting is optional.</summary>
public sealed record ImportReadOptions
{
    public static ImportReadOptions Default { get; } = new();

    /// <summary>Today, for the rule "date_maj not in the future"; default: today in UTC.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>
    /// The commune lookup the MedNum BFC format needs (its rows are placed in their commune
    /// from their point and address); reading that format without it is a usage error.
    /// </summary>
    public ICommuneLocator? Communes { get; init; }

    /// <summary>Settings of the MedNum BFC conversion; default: those of the 2022-12-30 export.</summary>
    public MedNumBfcOptions? MedNumBfc { get; init; }

    /// <summary>
    /// Told every <see cref="ImportFormats.ProgressInterval"/> rows and once at the end: rows
    /// read, bytes read and, when the stream knows its length, the file's size.
    /// </summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>The largest JSON object read into memory (larger ones are skipped and reported); default 16 Mo.</summary>
    public int MaxJsonRecordBytes { get; init; } = JsonRecordStream.DefaultMaxRecordBytes;
}

/// <summary>Where a read stands.</summary>
/// <param name="Rows">Rows returned so far (file-level issues excepted).</param>
/// <param name="BytesRead">Bytes taken from the stream so far (readers buffer ahead: slightly more than the rows returned).</param>
/// <param name="TotalBytes">The stream's length when it has one (a file), null otherwise (a pipe).</param>
/// <param name="Completed">True for the last report, once the reader has finished.</param>
public readonly record struct ImportProgress(long Rows, long BytesRead, long? TotalBytes, bool Completed)
{
    /// <summary>The share of the file read, from 0 to 1, when its size is known.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? Math.Clamp((double)BytesRead / total, 0, 1) : null;
}
