using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Import.Seeding;

/// <summary>
/// Sample offers, sessions and an itinerant route at a few real places of the MedNum BFC data, so that a new
/// user sees upcoming workshops at once. They are examples, not announcements: <c>isExample</c> is true and
/// every title starts with « Exemple ». Their series have no end date, so their sessions keep moving with time
/// (topped up by <see cref="OfferStore.TopUpSeriesAsync"/>). Applied once (a seed_runs row, in the same
/// transaction); skipped when the places are not there (another data set, or an empty database).
/// </summary>
public static class ExampleOffersSeeder
{
    public const string Dataset = "offres-exemples";
    private const string Provenance = "mednum-bfc";

    private const string ChalonCcas = "mednumBFC_TL_397_";
    private const string ChenoveBibliotheque = "mednumBFC_TL_604_";
    private const string NeversGrandOuest = "mednumBFC_TL_628_";
    private const string LormesMissionNumerique = "mednumBFC_TL_265_";

    private const string Notice = "Exemple fourni avec ScoranInclusion pour la démonstration : ce n'est pas une annonce réelle.";

    /// <returns>The number of sessions created; 0 when already applied or when the places are missing.</returns>
    public static async Task<int> SeedAsync(ScoranDbContext db, CommuneDirectory? communes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.SeedRuns.AnyAsync(r => r.Dataset == Dataset, cancellationToken))
        {
            return 0;
        }

        var ids = new[] { ChalonCcas, ChenoveBibliotheque, NeversGrandOuest, LormesMissionNumerique };
        var places = await db.SourceRecords.Where(r => r.Provenance == Provenance && ids.Contains(r.SourceId))
            .ToDictionaryAsync(r => r.SourceId, r => r.SiteId, cancellationToken);
        if (places.Count < ids.Length)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(ParisTime.ToParis(clock.GetUtcNow()).DateTime);
        var store = new OfferStore(db, clock);
        var sessions = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        sessions += await WeeklyAsync(store, Example(
            "Découvrir Mon Espace Santé",
            "Créer votre espace santé en ligne, y retrouver vos documents et vos rendez-vous, pas à pas, en petit groupe.",
            [Service.AideAuxDemarchesAdministratives, Service.MaitriseDesOutilsNumeriquesDuQuotidien], [],
            OfferLevel.Beginner, OfferFormat.CollectiveWorkshop, OfferFee.Free, null,
            new Registration(null, "03 85 00 00 00", null, true), places[ChalonCcas],
            "Salle au rez-de-chaussée, accessible en fauteuil. Tablettes prêtées."), DayOfWeek.Tuesday, new TimeOnly(14, 0), new TimeOnly(16, 0), today, 8, null, cancellationToken);

        sessions += await WeeklyAsync(store, Example(
            "Premiers pas sur smartphone",
            "Allumer, téléphoner, envoyer un message et une photo : les gestes de base, à votre rythme.",
            [Service.MaitriseDesOutilsNumeriquesDuQuotidien], [PublicSpecifiquementAdresse.Seniors],
            OfferLevel.Beginner, OfferFormat.CollectiveWorkshop, OfferFee.FreeUnderCondition, "Gratuit avec un Pass numérique",
            new Registration(null, null, null, true), places[ChenoveBibliotheque], "Apportez votre téléphone si vous en avez un."),
            DayOfWeek.Thursday, new TimeOnly(10, 0), new TimeOnly(12, 0), today, 6, null, cancellationToken);

        sessions += await WeeklyAsync(store, Example(
            "Permanence : vos démarches en ligne",
            "Un rendez-vous seul à seul avec une médiatrice pour une démarche : CAF, impôts, France Travail, ANTS.",
            [Service.AideAuxDemarchesAdministratives], [],
            OfferLevel.AllLevels, OfferFormat.IndividualHelp, OfferFee.Free, null,
            new Registration(null, null, null, true), places[NeversGrandOuest], null),
            DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(12, 0), today, null, null, cancellationToken);

        sessions += await WeeklyAsync(store, Example(
            "Se protéger des arnaques en ligne (en visio)",
            "Reconnaître un faux message, un faux site, un faux conseiller : une heure en visioconférence, depuis chez vous.",
            [Service.UtilisationSecuriseeDuNumerique], [],
            OfferLevel.AllLevels, OfferFormat.Remote, OfferFee.Free, null,
            new Registration("https://example.org/inscription-visio-arnaques", null, null, false), null, "Sous-titres en direct."),
            DayOfWeek.Friday, new TimeOnly(18, 0), new TimeOnly(19, 0), today, 20, "https://example.org/visio-arnaques", cancellationToken);

        var route = new ItinerantRouteEntity
        {
            Name = "Exemple — Bus numérique du Morvan",
            Description = Notice + " Un bus équipé d'ordinateurs et d'une connexion, avec une médiatrice, de village en village.",
            OperatorSiteId = places[LormesMissionNumerique],
            IsExample = true,
            CreatedAt = clock.GetUtcNow(),
        };
        foreach (var (insee, adresse, hours) in new[]
        {
            ("58083", "Place de l'Hôtel de Ville", "Tu 09:30-12:00"),
            ("58062", "Place Notre-Dame", "Th 14:00-17:00"),
            ("58180", "Place de la Mairie", "We 09:30-12:00"),
        })
        {
            if (communes?.FindByInsee(insee) is { } commune)
            {
                route.Stops.Add(new ItinerantStopEntity
                {
                    Commune = commune.Nom,
                    CodeInsee = commune.CodeInsee,
                    Adresse = adresse,
                    Latitude = commune.Location.Latitude,
                    Longitude = commune.Location.Longitude,
                    OpeningHours = hours,
                });
            }
        }

        if (route.Stops.Count > 0)
        {
            db.ItinerantRoutes.Add(route);
            await db.SaveChangesAsync(cancellationToken);
            var busWorkshop = await store.CreateOfferAsync(Example(
                "Atelier dans le bus : la CAF en ligne",
                "Se connecter à son compte CAF, déclarer ses ressources, suivre ses paiements, dans le bus numérique.",
                [Service.AideAuxDemarchesAdministratives], [],
                OfferLevel.Beginner, OfferFormat.CollectiveWorkshop, OfferFee.Free, null,
                new Registration(null, null, null, true), places[LormesMissionNumerique], "Bus accessible par une rampe."), cancellationToken);
            var first = route.Stops[0];
            var days = Enumerable.Range(0, 7).Select(d => today.AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Tuesday);
            sessions += (await store.CreateSeriesAsync(new SeriesDraft(busWorkshop.Key,
                new WeeklySeries([DayOfWeek.Tuesday], new TimeOnly(10, 0), new TimeOnly(11, 30), days, null, [], []),
                null, first.Id, null, 6), cancellationToken)).Sessions.Count;
        }

        db.SeedRuns.Add(new SeedRun { Dataset = Dataset, AppliedAt = clock.GetUtcNow(), Rows = sessions });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sessions;
    }

    private static Offer Example(
        string title, string summary, Service[] themes, PublicSpecifiquementAdresse[] publics, OfferLevel level, OfferFormat format,
        OfferFee fee, string? feeCondition, Registration registration, long? site, string? accessibility) =>
        new("Exemple — " + title, summary, Notice, themes, publics, level, format, fee, feeCondition, registration, site, accessibility, IsExample: true);

    private static async Task<int> WeeklyAsync(
        OfferStore store, Offer offer, DayOfWeek day, TimeOnly start, TimeOnly end, DateOnly today, int? capacity, string? remoteUrl, CancellationToken cancellationToken)
    {
        var stored = await store.CreateOfferAsync(offer, cancellationToken);
        var series = new WeeklySeries([day], start, end, today, null, [], []);
        var created = await store.CreateSeriesAsync(new SeriesDraft(stored.Key, series, null, null, remoteUrl, capacity), cancellationToken);
        return created.Sessions.Count;
    }
}
