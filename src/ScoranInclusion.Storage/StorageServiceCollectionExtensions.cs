using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Search;
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
            // REVIEW: the PostgreSQL provider is its own issue; refuse clearly until it lands.
            .Validate(o => o.Provider == StorageProvider.Sqlite, "Storage:Provider=Postgres n'est pas encore disponible ; utilisez Sqlite.")
            .ValidateOnStart();
        // Configuration is read when the context is first built, not here: hosts (and tests)
        // may add configuration sources after services are registered.
        services.AddDbContextPool<ScoranDbContext, SqliteScoranDbContext>((provider, db) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            db.UseSqlite(SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName), options));
        });
        services.AddScoped<SiteReader>();
        services.AddScoped<SiteHistory>();
        services.AddScoped<ChangeFeed>();
        services.AddScoped<SiteProvenance>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OfferReader>();
        services.AddScoped<OfferStore>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.TokenLifetime > TimeSpan.Zero && o.InvitationLifetime > TimeSpan.Zero, "Auth:TokenLifetime et Auth:InvitationLifetime doivent être positifs.")
            .Validate(o => o.MinPasswordLength is >= 8 and <= 128, "Auth:MinPasswordLength doit être compris entre 8 et 128.")
            .Validate(o => o.MaxFailedLogins >= 1 && o.LockoutDuration > TimeSpan.Zero, "Auth:MaxFailedLogins et Auth:LockoutDuration doivent être positifs.")
            .ValidateOnStart();
        services.AddScoped<AccountService>();
        services.AddScoped(p => new SiteEditor(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetService<SiteSearchIndex>()));
        services.AddScoped(p => new Moderation.ModerationQueue(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetService<SiteSearchIndex>()));
        return services;
    }

    public static IServiceCollection AddScoranSearch(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleCache>();
        services.AddSingleton<SiteSearchIndex>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SiteSearch>();
        return services;
    }

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
}
