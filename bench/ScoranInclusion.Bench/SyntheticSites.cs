using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;

namespace ScoranInclusion.Bench;

/// <summary>
/// A deterministic generator of synthetic places spread like the population: each place
/// falls around a commune's point, communes drawn with probability proportional to their
/// population, with enumerations and opening hours drawn from the real MedNum BFC places.
/// </summary>
public sealed class SyntheticSites(IReadOnlyList<Commune> communes, IReadOnlyList<Site> realSites, int seed = 20261128)
{
    public IEnumerable<Site> Generate(int count)
    {
        var random = new Random(seed);
        var cumulative = new double[communes.Count];
        double total = 0;
        for (var i = 0; i < communes.Count; i++)
        {
            total += Math.Max(1, communes[i].Population ?? 1);
            cumulative[i] = total;
        }

        for (var n = 0; n < count; n++)
        {
            var pick = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var commune = communes[pick < 0 ? ~pick : pick];
            var model = realSites[random.Next(realSites.Count)];
            // Within about 3 km of the commune's point: a town's places are spread over it.
            var point = new GeoPoint(
                commune.Location.Latitude + ((random.NextDouble() - 0.5) * 0.05),
                commune.Location.Longitude + ((random.NextDouble() - 0.5) * 0.07));
            yield return model with
            {
                Id = $"synthetique-{n}",
                Nom = $"{model.Nom} ({commune.Nom}) #{n}",
                Location = point,
                Adresse = model.Adresse with { CodeInsee = commune.CodeInsee, Commune = commune.Nom, CodePostal = commune.CodesPostaux[0] },
                Services = random.NextDouble() < 0.5 ? model.Services : [(Service)random.Next(9)],
                FraisACharge = random.NextDouble() < 0.6 ? [FraisACharge.Gratuit] : model.FraisACharge,
            };
        }
    }
}
