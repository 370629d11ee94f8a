using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sync;

/// <summary>
/// One run of a configured source (<c>Sources:&lt;name&gt;</c>): the download, its import through the
/// pipeline, its withdrawals. Runs are kept (moderators read why a run was suspicious or failed).
/// </summary>
public sealed class SyncRunEntity
{
    public long Id { get; set; }

    /// <summary>The source's configuration name (<c>Sources:&lt;name&gt;</c>).</summary>
    public string Source { get; set; } = "";

    /// <summary>The provenance its records are stored under.</summary>
    public string Provenance { get; set; } = "";

    public string Url { get; set; } = "";

    public string Format { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while the run is going (or when the process died during it).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// <c>running</c>, <c>imported</c> (rows written), <c>unchanged</c> (304 or same content: nothing
    /// written), <c>rejected</c> (some rows rejected, the others imported), <c>failed</c> (the source
    /// could not be read or the import aborted: nothing changed).
    /// </summary>
    public string Outcome { get; set; } = "running";

    /// <summary>A dry run reports what it would do and writes nothing but this row.</summary>
    public bool DryRun { get; set; }

    /// <summary>The HTTP status of the download; null for a local file or when no answer came.</summary>
    public int? HttpStatus { get; set; }

    /// <summary>Bytes received (after decompression).</summary>
    public long? Bytes { get; set; }

    /// <summary>The validators the source answered with, sent back on the next run (conditional HTTP).</summary>
    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    /// <summary>A hash of the content, to say "unchanged" when a source gives no validator.</summary>
    public string? ContentHash { get; set; }

    public int RowsRead { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Withdrawn { get; set; }
    public int Rejected { get; set; }

    /// <summary>Rows outside the source's départements: skipped and counted, not rejected.</summary>
    public int Skipped { get; set; }

    /// <summary>The safety valve held the withdrawals back (see <see cref="SuspiciousReason"/>).</summary>
    public bool Suspicious { get; set; }

    /// <summary>Why, in French, for moderators (« 45 % des lieux de la source auraient été retirés… »).</summary>
    public string? SuspiciousReason { get; set; }

    /// <summary>Why the run failed, in French; null otherwise.</summary>
    public string? Error { get; set; }

    /// <summary>The import report (the JSON the <c>import --report</c> option writes).</summary>
    public string? Report { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SyncRunEntity>(run =>
        {
            run.ToTable("sync_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Source).HasMaxLength(100).IsRequired();
            run.Property(r => r.Provenance).HasMaxLength(100).IsRequired();
            run.Property(r => r.Url).HasMaxLength(2000).IsRequired();
            run.Property(r => r.Format).HasMaxLength(40).IsRequired();
            run.Property(r => r.Outcome).HasMaxLength(20).IsRequired();
            run.Property(r => r.ETag).HasMaxLength(300);
            run.Property(r => r.LastModified).HasMaxLength(100);
            run.Property(r => r.ContentHash).HasMaxLength(64);
            run.Property(r => r.SuspiciousReason).HasMaxLength(1000);
            run.Property(r => r.Error).HasMaxLength(2000);
            run.HasIndex(r => new { r.Source, r.Id });
        });
    }
}
