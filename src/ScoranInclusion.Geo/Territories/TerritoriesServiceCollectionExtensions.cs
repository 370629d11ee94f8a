using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Coverage;

namespace ScoranInclusion.Geo.Territories;

public static class TerritoriesServiceCollectionExtensions
{
    public static IServiceCollection AddScoranTerritories(this IServiceCollection services)
    {
        services.AddOptions<GeodataOptions>().BindConfiguration(GeodataOptions.Section)
            .Validate(o => File.Exists(Path.Combine(o.Directory, "communes.csv")),
                "Geodata:Directory ne contient pas communes.csv : indiquez le dossier geodata/ du projet.")
            .ValidateOnStart();
        services.AddSingleton(sp => CommuneDirectory.Load(sp.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory));
        services.AddSingleton(sp => new EpciDirectory(sp.GetRequiredService<CommuneDirectory>()));
        services.AddSingleton(sp => CoverageTerritories.Load(sp.GetRequiredService<CommuneDirectory>(), sp.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory));
        return services;
    }
}
