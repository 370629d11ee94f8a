using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Storage.Sqlite;

namespace ScoranInclusion.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Scoran";

    public static IServiceCollection AddScoranStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>());
        // Configuration is read when the context is first built, not here: hosts (and tests)
        // may add configuration sources after services are registered. So both pools are
        // declared and ScoranDbContext resolves to the configured provider's.
        services.AddDbContextPool<SqliteScoranDbContext>((provider, db) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            db.UseSqlite(SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName), options))
                .AddInterceptors(new SqliteConnectionSettings(options.SqliteSynchronous), provider.GetRequiredService<Changes.CommittedWrites>());
        });
        // What this process's commits changed in places and offers, for the read model in memory (SQLite's server only).
        services.AddSingleton<Changes.CommittedWrites>();
        services.AddSingleton<DatabaseUseLock>();
        services.AddDbContextPool<PostgresScoranDbContext>((provider, db) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            db.UseNpgsql(configuration.GetConnectionString(ConnectionStringName), o => o.UseNetTopologySuite());
        });
        services.AddScoped<ScoranDbContext>(provider => IsPostgres(provider)
            ? provider.GetRequiredService<PostgresScoranDbContext>()
            : provider.GetRequiredService<SqliteScoranDbContext>());
        services.AddScoped<SiteReader>();
        services.AddScoped<Sync.SyncRunReader>();
        services.AddScoped<SiteHistory>();
        services.AddScoped<ChangeFeed>();
        services.AddScoped<SiteProvenance>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OfferReader>();
        services.AddScoped<Addresses.AddressIndex>();
        return services;
    }

    public static bool IsPostgres(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres;

    /// <summary>
    /// The configured connection string, or the default file under ./data/; the folder of the
    /// file is created so that a fresh clone starts without any set-up.
    /// </summary>
    public static string SqliteConnectionString(string? configured, StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={options.DefaultSqliteFile}"
            : configured);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>The SQLite database file of this configuration (full path), or null for an in-memory database.</summary>
    public static string? SqliteFile(IConfiguration configuration, StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName), options));
        return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource);
    }
}
