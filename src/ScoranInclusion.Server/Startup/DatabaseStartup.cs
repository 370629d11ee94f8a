using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Seeding;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Startup;

public static class DatabaseStartup
{
    /// <summary>
    /// Before the server listens: migrate, seed on first start, load the search index. So
    /// /healthz answers only once queries can be answered.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ScoranDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoranInclusion.Startup");
        // Held until the server stops: « restore » refuses to replace the file under it.
        app.Services.GetRequiredService<Storage.Sqlite.DatabaseUseLock>().Acquire();
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);

        if (services.GetRequiredService<IOptions<StorageOptions>>().Value.SeedOnStart)
        {
            var geodata = services.GetRequiredService<IOptions<GeodataOptions>>().Value.Directory;
            var seeded = await GeodataSeeder.SeedAsync(db, geodata, cancellationToken);
            foreach (var dataset in seeded)
            {
                logger.LogInformation("Jeu {Dataset} chargé : {Rows} lieux", dataset.Dataset, dataset.Rows);
            }

            if (services.GetRequiredService<IOptions<StorageOptions>>().Value.SeedExampleOffers)
            {
                var examples = await ExampleOffersSeeder.SeedAsync(
                    db, services.GetRequiredService<Geo.Territories.CommuneDirectory>(), services.GetRequiredService<TimeProvider>(), cancellationToken);
                if (examples > 0)
                {
                    logger.LogInformation("Offres d'exemple chargées : {Sessions} séances", examples);
                }
            }

            if (services.GetRequiredService<IOptions<StorageOptions>>().Value.SeedExampleAddresses
                && await services.GetRequiredService<Storage.Addresses.AddressIndex>().IsEmptyAsync(cancellationToken))
            {
                var fixture = Path.Combine(geodata, "adresses-lieux-bfc.csv");
                var imported = await services.GetRequiredService<Import.Addresses.AddressImport>().ImportAsync(fixture, progress: null, cancellationToken);
                logger.LogInformation("Index des adresses d'exemple chargé : {Addresses} adresses (les lieux de geodata/) ; la Base Adresse Nationale les remplace (adresses import)", imported.Imported);
            }
        }

        // Series without end date get their next weeks before the first request (then every few hours).
        await services.GetRequiredService<ScoranInclusion.Workflows.Offers.OfferStore>().TopUpSeriesAsync(Domain.Offers.SeriesExpansion.RollingHorizonDays, cancellationToken);

        _ = services.GetRequiredService<Geo.Territories.CommuneDirectory>();
        // On PostgreSQL the database's GiST index answers searches: nothing to load in the process.
        if (!StorageServiceCollectionExtensions.IsPostgres(services))
        {
            var index = services.GetRequiredService<SiteSearchIndex>();
            // One read of the places for both: the read model of the public place and the search index.
            var places = await services.GetRequiredService<Search.ReadModel.PlaceReadModel>()
                .LoadAsync(db, services.GetRequiredService<Storage.Changes.CommittedWrites>(), cancellationToken);
            index.Load(places.Select(p => (p.Key, p.Site)));
            logger.LogInformation("Index de recherche prêt : {Count} lieux géolocalisés", index.Count);
        }
        else
        {
            logger.LogInformation("Recherche servie par PostGIS (index GiST), sans index en mémoire");
        }
    }
}
