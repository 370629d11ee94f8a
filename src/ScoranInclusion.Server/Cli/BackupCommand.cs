using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>backup FILE</c> and <c>restore FILE</c> of the SQLite database. The backup goes through SQLite's online
/// backup API: a consistent copy of one moment, taken while the server runs and writes (in WAL mode the
/// copy reads a snapshot and blocks no writer), written beside the target then renamed, checked with
/// <c>PRAGMA integrity_check</c>. The restore checks the file first (SQLite header, integrity, migrations known
/// to this code), refuses while a server or a verb uses the database (<see cref="SqliteDatabaseLock"/>), keeps the
/// current database as <c>DB.avant-restauration-DATE</c>, then renames the checked copy over the database.
/// On PostgreSQL both say to use pg_dump / pg_restore.
/// </summary>
internal static class BackupCommand
{
    public const string BackupVerb = "backup";
    public const string RestoreVerb = "restore";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal);

    private static readonly byte[] s_header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public const string PostgresMessage =
        "la base est sur PostgreSQL : sauvegardez-la avec pg_dump (par exemple « pg_dump -Fc -f scoran.dump scoran ») et restaurez-la avec pg_restore ; " +
        "voir la section « Sauvegardes » de docs/deploiement-postgresql.md. Les verbes backup et restore ne servent que pour SQLite.";

    public static async Task<int> BackupAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var target = SingleFile(args, "la sauvegarde");
        await using var app = CliHost.Build(args.HostArgs, console.Error);
        if (Database(app) is not { } database)
        {
            await console.Error.WriteLineAsync("erreur : " + PostgresMessage);
            return CliVerbs.UsageError;
        }

        var targetPath = Path.GetFullPath(target);
        if (!File.Exists(database))
        {
            throw new CliUsageException($"la base {database} n'existe pas : rien à sauvegarder", args.Verb);
        }

        if (SamePath(targetPath, database) || SamePath(targetPath, database + "-wal") || SamePath(targetPath, database + "-shm"))
        {
            throw new CliUsageException("la sauvegarde ne peut pas remplacer la base elle-même : donnez un autre fichier", args.Verb);
        }

        var folder = Path.GetDirectoryName(targetPath)!;
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"le dossier {folder} n'existe pas", args.Verb);
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Read-write like the server (a read-only connection cannot always open a WAL database); nothing is written.
            await using (var source = Open(database, SqliteOpenMode.ReadWrite))
            {
                await source.OpenAsync(cancellationToken);
                await using var copy = Open(temporary, SqliteOpenMode.ReadWriteCreate);
                await copy.OpenAsync(cancellationToken);
                // One step: the whole database as of one moment (a read transaction on the source).
                source.BackupDatabase(copy);
                // The copy is one file on its own: no WAL beside it.
                await ExecuteAsync(copy, "PRAGMA journal_mode = DELETE;", cancellationToken);
            }

            var summary = await InspectAsync(temporary, cancellationToken);
            if (summary.Integrity != "ok")
            {
                await console.Error.WriteLineAsync($"échec : la copie ne passe pas PRAGMA integrity_check ({summary.Integrity}) ; la base elle-même est sans doute abîmée. Aucune sauvegarde n'a été écrite.");
                return CliVerbs.Failure;
            }

            FlushToDisk(temporary);
            File.Move(temporary, targetPath, overwrite: true);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                $"Sauvegarde écrite : {targetPath} ({Size(new FileInfo(targetPath).Length)}), {summary.Sites} lieux, dernière migration {summary.LastMigration ?? "(aucune)"}, vérifiée (integrity_check : ok)."));
            return CliVerbs.Success;
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    public static async Task<int> RestoreAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var backup = Path.GetFullPath(SingleFile(args, "la sauvegarde à restaurer"));
        await using var app = CliHost.Build(args.HostArgs, console.Error);
        if (Database(app) is not { } database)
        {
            await console.Error.WriteLineAsync("erreur : " + PostgresMessage);
            return CliVerbs.UsageError;
        }

        if (!File.Exists(backup))
        {
            throw new CliUsageException($"fichier introuvable : {backup}", args.Verb);
        }

        if (SamePath(backup, database))
        {
            throw new CliUsageException("ce fichier est la base elle-même : donnez une sauvegarde", args.Verb);
        }

        if (!HasSqliteHeader(backup))
        {
            return await RefuseAsync(console, $"{backup} n'est pas une base SQLite (en-tête « SQLite format 3 » absent).");
        }

        // Every check is made on the copy that will take the database's place, next to it (same file system:
        // the final rename is atomic). The backup API also folds in a WAL left beside the file.
        var folder = Path.GetDirectoryName(database)!;
        Directory.CreateDirectory(folder);
        var candidate = Path.Combine(folder, $".{Path.GetFileName(database)}.restauration-{Guid.NewGuid():N}.tmp");
        try
        {
            try
            {
                await using var source = Open(backup, SqliteOpenMode.ReadOnly);
                await source.OpenAsync(cancellationToken);
                await using var copy = Open(candidate, SqliteOpenMode.ReadWriteCreate);
                await copy.OpenAsync(cancellationToken);
                source.BackupDatabase(copy);
                await ExecuteAsync(copy, "PRAGMA journal_mode = DELETE;", cancellationToken);
            }
            catch (SqliteException e)
            {
                return await RefuseAsync(console, $"{backup} ne se lit pas comme une base SQLite : {e.Message}");
            }

            BackupSummary summary;
            try
            {
                summary = await InspectAsync(candidate, cancellationToken);
            }
            catch (SqliteException e)
            {
                return await RefuseAsync(console, $"{backup} ne se lit pas comme une base SQLite : {e.Message}");
            }

            if (summary.Integrity != "ok")
            {
                return await RefuseAsync(console, $"{backup} est abîmée : PRAGMA integrity_check répond « {summary.Integrity} ».");
            }

            if (!summary.IsScoranDatabase)
            {
                return await RefuseAsync(console, $"{backup} n'est pas une base de ScoranInclusion (ni historique des migrations ni table des lieux).");
            }

            var known = KnownMigrations(app);
            var unknown = DatabaseMigrator.UnknownMigrations(summary.Migrations, known);
            if (unknown.Count > 0)
            {
                return await RefuseAsync(console,
                    $"{backup} vient d'une version plus récente du programme : migration(s) inconnue(s) ici : {string.Join(", ", unknown)}. Restaurez-la avec cette version-là, ou une sauvegarde plus ancienne.");
            }

            FlushToDisk(candidate);
            using var exclusive = SqliteDatabaseLock.TryAcquireExclusive(database);
            if (exclusive is null)
            {
                return await RefuseAsync(console,
                    $"la base {database} est utilisée par un serveur ou une commande en cours : arrêtez le serveur (par exemple « systemctl stop scoran »), attendez la fin des commandes, puis recommencez.");
            }

            string? kept = null;
            if (File.Exists(database))
            {
                kept = await KeepCurrentAsync(database, cancellationToken);
                if (kept is null)
                {
                    return await RefuseAsync(console,
                        $"la base {database} est ouverte par un autre programme (un serveur d'une version qui ne pose pas de verrou ?) : arrêtez-le, puis recommencez.");
                }
            }

            // The checked copy replaces the database in one rename: at any moment the path holds a whole database.
            File.Move(candidate, database, overwrite: true);
            DeleteQuietly(database + "-wal");
            DeleteQuietly(database + "-shm");
            var pending = known.Except(summary.Migrations, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var output = console.Out;
            await output.WriteLineAsync(string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                $"Base restaurée depuis {backup} : {summary.Sites} lieux, dernière migration {summary.LastMigration ?? "(aucune)"}."));
            await output.WriteLineAsync(kept is null
                ? "Il n'y avait pas de base à cet endroit : rien n'a été mis de côté."
                : $"L'ancienne base est gardée sous {kept}.");
            if (pending.Count > 0)
            {
                await output.WriteLineAsync($"Migration(s) appliquée(s) au prochain démarrage : {string.Join(", ", pending)}.");
            }

            await output.WriteLineAsync("Redémarrez le serveur pour servir la base restaurée.");
            return CliVerbs.Success;
        }
        finally
        {
            DeleteQuietly(candidate);
        }
    }

    /// <summary>
    /// Folds the WAL into the current database and copies it to <c>DB.avant-restauration-DATE</c>; null when
    /// another connection keeps the database open (leaving WAL mode needs it alone).
    /// </summary>
    private static async Task<string?> KeepCurrentAsync(string database, CancellationToken cancellationToken)
    {
        await using (var current = Open(database, SqliteOpenMode.ReadWrite, timeoutSeconds: 2))
        {
            await current.OpenAsync(cancellationToken);
            try
            {
                await ExecuteAsync(current, "PRAGMA busy_timeout = 2000; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
                await using var command = current.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE;";
                if (!string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "delete", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                return null;
            }
        }

        var stamp = DateTime.Now.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        var kept = $"{database}.avant-restauration-{stamp}";
        for (var n = 2; File.Exists(kept); n++)
        {
            kept = $"{database}.avant-restauration-{stamp}-{n}";
        }

        File.Copy(database, kept);
        FlushToDisk(kept);
        return kept;
    }

    private static async Task<int> RefuseAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"restauration refusée : {message} La base n'a pas été modifiée.");
        return CliVerbs.UsageError;
    }

    private sealed record BackupSummary(string Integrity, bool IsScoranDatabase, long Sites, IReadOnlyList<string> Migrations)
    {
        public string? LastMigration => Migrations.Count == 0 ? null : Migrations[^1];
    }

    private static async Task<BackupSummary> InspectAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = Open(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancellationToken);
        var problems = new List<string>();
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check(5);";
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                problems.Add(reader.GetString(0));
            }
        }

        var integrity = string.Join(" ; ", problems);
        if (integrity != "ok")
        {
            return new BackupSummary(integrity, false, 0, []);
        }

        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains("__EFMigrationsHistory") || !tables.Contains("sites"))
        {
            return new BackupSummary(integrity, false, 0, []);
        }

        var migrations = new List<string>();
        await using (var history = connection.CreateCommand())
        {
            history.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
            await using var reader = await history.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                migrations.Add(reader.GetString(0));
            }
        }

        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM sites;";
        var sites = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new BackupSummary(integrity, true, sites, migrations);
    }

    private static IReadOnlyList<string> KnownMigrations(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<ScoranDbContext>().Database.GetMigrations()];
    }

    /// <summary>The SQLite database file of the configuration, or null on PostgreSQL.</summary>
    private static string? Database(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Provider == StorageProvider.Postgres
            ? null
            : StorageServiceCollectionExtensions.SqliteFile(app.Services.GetRequiredService<IConfiguration>(), options)
                ?? throw new CliUsageException("la base est en mémoire (:memory:) : il n'y a pas de fichier à sauvegarder ou à remplacer");
    }

    private static string SingleFile(CliArguments args, string what)
    {
        return args.Files.Count switch
        {
            1 => args.Files[0],
            0 => throw new CliUsageException($"il manque le fichier : {what}", args.Verb),
            _ => throw new CliUsageException($"un seul fichier attendu, pas {args.Files.Count}", args.Verb),
        };
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode, int timeoutSeconds = 30) => new(new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = timeoutSeconds,
    }.ToString());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool HasSqliteHeader(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[s_header.Length];
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length && buffer.AsSpan().SequenceEqual(s_header);
    }

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{bytes / (1024.0 * 1024.0):0.0} Mio")
        : string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{Math.Max(1, bytes / 1024)} Kio");

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }
}
