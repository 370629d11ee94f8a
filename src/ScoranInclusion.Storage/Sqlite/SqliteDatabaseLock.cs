namespace ScoranInclusion.Storage.Sqlite;

/// <summary>
/// A lock file next to the SQLite database (<c>scoran.db.lock</c>) that tells whether a process uses the
/// database: the server and the verbs hold it shared (<c>flock(LOCK_SH)</c>, which .NET takes for a file
/// opened with a sharing mode) for as long as they run; <c>restore</c> holds it exclusive
/// (<c>FileShare.None</c>, <c>LOCK_EX</c>) while it swaps the files, and refuses when it cannot get it. The
/// system releases the lock of a killed process. The database file itself is never opened outside SQLite:
/// closing another descriptor of it would drop SQLite's own POSIX locks in this process.
/// </summary>
public sealed class SqliteDatabaseLock : IDisposable
{
    private FileStream? _stream;

    private SqliteDatabaseLock(FileStream stream) => _stream = stream;

    public static string LockFileOf(string databaseFile) => Path.GetFullPath(databaseFile) + ".lock";

    /// <summary>Holds the lock shared; null when a <c>restore</c> holds it exclusive.</summary>
    public static SqliteDatabaseLock? TryAcquireShared(string databaseFile) => TryOpen(databaseFile, FileShare.ReadWrite);

    /// <summary>Holds the lock alone; null when a server or a verb uses the database.</summary>
    public static SqliteDatabaseLock? TryAcquireExclusive(string databaseFile) => TryOpen(databaseFile, FileShare.None);

    private static SqliteDatabaseLock? TryOpen(string databaseFile, FileShare share)
    {
        var path = LockFileOf(databaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new SqliteDatabaseLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
        }
        catch (IOException)
        {
            // EWOULDBLOCK from flock: someone holds it in a mode that excludes ours.
            return null;
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}

/// <summary>
/// The server's or a verb's hold on its SQLite database (see <see cref="SqliteDatabaseLock"/>), for the
/// lifetime of the service provider; nothing on PostgreSQL.
/// </summary>
public sealed class DatabaseUseLock(Microsoft.Extensions.Options.IOptions<StorageOptions> options, Microsoft.Extensions.Configuration.IConfiguration configuration) : IDisposable
{
    private SqliteDatabaseLock? _held;

    /// <summary>Takes the shared lock once; throws <see cref="DatabaseRestoringException"/> while a restore holds it.</summary>
    public void Acquire()
    {
        if (_held is not null || options.Value.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        var file = StorageServiceCollectionExtensions.SqliteFile(configuration, options.Value);
        if (file is null)
        {
            return;
        }

        _held = SqliteDatabaseLock.TryAcquireShared(file) ?? throw new DatabaseRestoringException(file);
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}

public sealed class DatabaseRestoringException(string file)
    : Exception($"la base {file} est en cours de restauration (verbe « restore ») : attendez la fin, puis recommencez.");
