using System.ComponentModel.DataAnnotations;

namespace ScoranInclusion.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Storage</c> section; the connection string is <c>ConnectionStrings:Scoran</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The embedded SQLite file is the default: one process serves a region.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Used when <c>ConnectionStrings:Scoran</c> is absent, relative to the working directory.</summary>
    [Required]
    public string DefaultSqliteFile { get; set; } = "data/scoran.db";

    /// <summary>Seed the database from geodata/ on first start (never twice).</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>
    /// SQLite's <c>PRAGMA synchronous</c>: <c>Full</c> (the default) syncs the WAL at every commit, so an
    /// acknowledged write survives a power cut too; <c>Normal</c> survives a crash of the process but not
    /// of the system (see docs/exploitation.md).
    /// </summary>
    public Sqlite.SqliteSynchronous SqliteSynchronous { get; set; } = Sqlite.SqliteSynchronous.Full;

    /// <summary>With <see cref="SeedOnStart"/>: add the sample offers and sessions (marked as examples) once.</summary>
    public bool SeedExampleOffers { get; set; } = true;
}
