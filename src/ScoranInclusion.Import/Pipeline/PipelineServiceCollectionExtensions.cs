using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Search;

namespace ScoranInclusion.Import.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The import pipeline and the merge review, scoped
    /// like the database context. The commune directory and the search index are used when
    /// registered (the server registers both).
    /// </summary>
    public static IServiceCollection AddScoranImport(this IServiceCollection services)
    {
        services.AddOptions<ImportPipelineOptions>().BindConfiguration(ImportPipelineOptions.Section);
        services.AddScoped(provider => new ImportPipeline(
            provider.GetRequiredService<ScoranDbContext>(),
            provider.GetService<SiteSearchIndex>(),
            provider.GetService<CommuneDirectory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<IOptions<ImportPipelineOptions>>().Value));
        services.AddScoped(provider => new MergeReview(
            provider.GetRequiredService<ScoranDbContext>(),
            provider.GetService<SiteSearchIndex>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
