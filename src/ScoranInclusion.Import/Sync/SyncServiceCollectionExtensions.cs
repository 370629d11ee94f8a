using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Import.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The configured sources (<c>Sources:</c>) and how they are fetched (<c>Sync:</c>), both checked at start.</summary>
    public static IServiceCollection AddScoranSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateOnStart();
        services.AddSettingRules<SyncOptions>(SyncOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidation>(
            provider => new SyncOptionsValidation(provider.GetService<IConfiguration>())));
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidation>(
            provider => new SourcesOptionsValidation(provider.GetService<IConfiguration>())));
        services.TryAddSingleton<ISourceCatalog, SourceCatalog>();
        services.TryAddSingleton(provider => new SourceSync(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptions<SyncOptions>>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SourceSync>>(),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton<SourceSyncTrigger>();
        services.TryAddSingleton<ISourceSyncTrigger>(provider => provider.GetRequiredService<SourceSyncTrigger>());
        return services;
    }
}
