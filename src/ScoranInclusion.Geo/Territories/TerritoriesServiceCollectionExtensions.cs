using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Coverage;

namespace ScoranInclusion.Geo.Territories;

public static class TerritoriesServiceCollectionExtensions
{
    public static IServiceCollection AddScoranTerritories(this IServiceCollection services)
    {
        services.AddOptions<GeodataOptions>().BindConfiguration(GeodataOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeodataOptions>, GeodataOptionsValidation>());
        services.AddSingleton(sp => CommuneDirectory.Load(sp.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory));
        services.AddSingleton(sp => new EpciDirectory(sp.GetRequiredService<CommuneDirectory>()));
        services.AddSingleton(sp => CoverageTerritories.Load(sp.GetRequiredService<CommuneDirectory>(), sp.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory));
        return services;
    }
}
