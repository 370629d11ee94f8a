using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Import.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The import pipeline and the merge review, scoped like the database context. The commune
    /// directory is used when registered; the search hears of what they commit through
    /// <see cref="ISearchPublication"/> (nothing to hear in a verb's process or on PostgreSQL). The sync of
    /// configured sources comes with it (<see cref="SyncServiceCollectionExtensions.AddScoranSync"/>).
    /// </summary>
    public static IServiceCollection AddScoranImport(this IServiceCollection services)
    {
        services.AddOptions<ImportPipelineOptions>().BindConfiguration(ImportPipelineOptions.Section).ValidateOnStart();
        services.AddSettingRules<ImportPipelineOptions>(ImportPipelineOptions.Section);
        services.AddScoped(provider => new ImportPipeline(
            provider.GetRequiredService<ScoranDbContext>(),
            provider.GetRequiredService<ISearchPublication>(),
            provider.GetService<CommuneDirectory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<IOptions<ImportPipelineOptions>>().Value));
        services.AddScoped(provider => new MergeReview(
            provider.GetRequiredService<ScoranDbContext>(),
            provider.GetRequiredService<ISearchPublication>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddScoranSync();
        services.AddScoped<Addresses.AddressImport>();
        return services;
    }
}
