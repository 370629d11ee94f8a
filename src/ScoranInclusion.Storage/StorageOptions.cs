using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

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
    [NamedValue]
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

    /// <summary>
    /// With <see cref="SeedOnStart"/>: while the address index is empty, fill it from geodata/adresses-lieux-bfc.csv (the
    /// places' own addresses, BAN format), so that a development server searches by address out of the box. Off by default:
    /// a deployment imports the Base Adresse Nationale (<c>adresses import</c>), which replaces these addresses département by département.
    /// </summary>
    public bool SeedExampleAddresses { get; set; }
}

/// <summary>
/// The section's rules, and the connection string (<c>ConnectionStrings:Scoran</c>) of the chosen provider: a SQLite file
/// whose folder exists, a PostgreSQL server named. Each problem says which key to fix; a PostgreSQL string is never
/// repeated (it may hold a password).
/// </summary>
internal sealed class StorageOptionsValidation(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const string Key = "ConnectionStrings:" + StorageServiceCollectionExtensions.ConnectionStringName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>(SettingRules.Problems(options, StorageOptions.Section, key => configuration[key]));
        var configured = configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName);
        if (options.Provider == StorageProvider.Postgres)
        {
            CheckPostgres(configured, problems);
        }
        else if (!string.IsNullOrWhiteSpace(configured))
        {
            // Without a string, SQLite uses Storage:DefaultSqliteFile and creates its folder.
            CheckSqlite(configured, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckSqlite(string configured, List<string> problems)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(configured);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            var hint = configured.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                ? " ; pour PostgreSQL, ajoutez Storage:Provider=Postgres"
                : " ; attendu : « Data Source=/chemin/vers/scoran.db »";
            problems.Add($"{Key} n'est pas une chaîne de connexion SQLite valide (Storage:Provider = Sqlite) : {e.Message}{hint}.");
            return;
        }

        var file = builder.DataSource;
        if (string.IsNullOrWhiteSpace(file))
        {
            problems.Add($"{Key} = « {configured} » : aucun fichier (Data Source=…).");
            return;
        }

        if (file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            problems.Add($"{Key} = « {configured} » : le dossier « {folder} » de la base SQLite n'existe pas ; créez-le (avec le droit d'écriture pour le serveur) ou corrigez le chemin.");
        }
        else if (Directory.Exists(Path.GetFullPath(file)))
        {
            problems.Add($"{Key} = « {configured} » : « {Path.GetFullPath(file)} » est un dossier, pas un fichier de base SQLite.");
        }
    }

    private static void CheckPostgres(string? configured, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            problems.Add("Storage:Provider=Postgres demande ConnectionStrings:Scoran (par exemple « Host=127.0.0.1;Port=5432;Database=scoran;Username=scoran;Password=… »).");
            return;
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                problems.Add("ConnectionStrings:Scoran n'indique pas de serveur PostgreSQL (Host=…).");
            }
        }
        catch (ArgumentException e)
        {
            // The message names the faulty keyword; the string itself may hold a password and is not repeated.
            problems.Add($"ConnectionStrings:Scoran n'est pas une chaîne de connexion PostgreSQL valide : {e.Message}");
        }
    }
}
