using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Search.Coverage;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

public static class SearchServiceCollectionExtensions
{
    public static IServiceCollection AddScoranSearch(this IServiceCollection services)
    {
        // A pure function memoized (expression -> compiled hours): the same on every replica.
        services.AddSingleton<ScheduleCache>();
        // The process's index. It holds something only once loaded (the server does it before it listens, on SQLite);
        // on PostgreSQL it stays empty and unused: replicas would diverge, so the database answers.
        services.AddSingleton<SiteSearchIndex>();
        // What writers tell after a commit: the index when this process has loaded one, else nobody. Only the SQLite
        // server loads it (DatabaseStartup); on PostgreSQL and in a verb it stays unloaded.
        // The public places in memory, loaded with the index (SQLite's server); until then every read goes to the database.
        services.AddSingleton<ReadModel.PlaceReadModel>();
        services.AddScoped<ReadModel.PlaceReads>();
        services.AddScoped<ISearchPublication>(provider => provider.GetRequiredService<SiteSearchIndex>() is { IsLoaded: true } index
            ? new ReadModel.ReadModelPublication(index, provider.GetRequiredService<ReadModel.PlaceReadModel>())
            : NoSearchPublication.Instance);
        services.AddScoped<INearestSites>(provider => StorageServiceCollectionExtensions.IsPostgres(provider)
            ? new PostgisNearestSites(provider.GetRequiredService<ScoranDbContext>(), provider.GetRequiredService<ScheduleCache>())
            : provider.GetRequiredService<SiteSearchIndex>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SiteSearch>();
        services.AddScoped<CoverageService>();
        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.Section).ValidateOnStart();
        services.AddSettingRules<FreshnessOptions>(FreshnessOptions.Section);
        services.AddSingleton<PlaceFreshness>();
        // The region's coverage and other large public answers, computed once per publication (SQLite's server only).
        services.AddSingleton<PublishedAnswers>();
        return services;
    }
}
