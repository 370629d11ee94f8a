using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Search;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>Turns the arguments of nearestSites into a search, and its result into a connection.</summary>
public static class NearestSitesResolver
{
    public static async Task<object?> ResolveAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var options = services.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value;
        var near = context.GetArgument<NearInput>("near");
        var first = Pagination.First(context, options);
        var after = context.GetArgument<string?>("after") is { } cursor ? SiteCursor.Decode(cursor) : (SiteHit?)null;
        var input = context.GetArgument<SiteFilterInput?>("filter");
        var filter = Filter(input, services.GetRequiredService<TimeProvider>());
        if (input?.HasSessionWithinDays is { } days)
        {
            if (days < 1 || days > 366)
            {
                throw new ScoranError(ErrorCodes.InvalidFilter, $"hasSessionWithinDays doit être compris entre 1 et 366 (reçu {days}).");
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            filter = filter with
            {
                OnlySites = await services.GetRequiredService<Storage.Offers.OfferReader>().SitesWithSessionsAsync(now, now.AddDays(days), context.CancellationToken),
            };
        }

        var origin = await OriginAsync(near, services, context.CancellationToken);
        var maxMeters = MaxDistanceMeters(near.RadiusKm, options);

        var page = await services.GetRequiredService<SiteSearch>()
            .NearestAsync(origin, filter, first, after, maxMeters, context.CancellationToken);
        // The places read are known to the request's loaders: a session or an offer held there reads nothing more.
        var loaded = services.GetRequiredService<Loaders.RequestLoaders>().Sites;
        var edges = page.Items
            .Select(r =>
            {
                loaded.Prime(r.Site.Key, r.Site);
                return new SiteEdge(r.Site, r.DistanceMeters, SiteCursor.Encode(new SiteHit(r.Site.Key, r.DistanceMeters)));
            })
            .ToList();
        return new SiteConnection(edges, new PageInfo(
            page.HasNextPage, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }

    internal static SiteFilter Filter(SiteFilterInput? input, TimeProvider clock)
    {
        if (input is null)
        {
            return SiteFilter.None;
        }

        if (input.OpenNow && input.Filter.OpenAt is not null)
        {
            throw new ScoranError(ErrorCodes.InvalidFilter, "openNow et openAt ne se combinent pas : choisissez l'un ou l'autre.");
        }

        if (input.Filter.Langues.FirstOrDefault(c => Domain.Sites.SpokenLanguages.Find(c) is null) is { } unknown)
        {
            var error = new ScoranError(ErrorCodes.InvalidFilter,
                $"Langue « {unknown} » inconnue dans filter.langues : donnez des codes ISO 639-1 de deux lettres (« uk » pour l'ukrainien, « ar » pour l'arabe).");
            error.Data["field"] = "langues";
            throw error;
        }

        return input.OpenNow ? input.Filter with { OpenAt = clock.GetUtcNow() } : input.Filter;
    }

    /// <summary>The origin, an address being looked up in the address index (its best match).</summary>
    public static async Task<GeoPoint> OriginAsync(NearInput near, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(near);
        return near.Address is { } address && near.Point is null && near.Commune is null && near.PostalCode is null
            ? await Addresses.AddressFields.LocateAsync(services, address, cancellationToken)
            : Origin(near, services.GetRequiredService<CommuneDirectory>());
    }

    public static GeoPoint Origin(NearInput near, CommuneDirectory communes)
    {
        var given = (near.Point is null ? 0 : 1) + (near.Commune is null ? 0 : 1) + (near.PostalCode is null ? 0 : 1) + (near.Address is null ? 0 : 1);
        if (given != 1 || near.Address is not null)
        {
            throw new ScoranError(ErrorCodes.InvalidNear,
                "Indiquez exactement une origine dans near : point, commune (code INSEE), postalCode ou address.");
        }

        if (near.Point is { } point)
        {
            if (!point.IsValid)
            {
                throw new ScoranError(ErrorCodes.InvalidCoordinates, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Coordonnées invalides (latitude {point.Latitude}, longitude {point.Longitude}) : la latitude doit être entre -90 et 90, la longitude entre -180 et 180."));
            }

            return point;
        }

        if (near.Commune is { } code)
        {
            return (communes.FindByInsee(code)
                ?? throw new ScoranError(ErrorCodes.UnknownCommune,
                    $"Aucune commune de Bourgogne-Franche-Comté n'a le code INSEE « {GlobalId.Truncate(code.Trim())} »."))
                .Location;
        }

        var postalCode = near.PostalCode!.Trim();
        var matches = communes.FindByPostalCode(postalCode);
        if (matches.Count == 0)
        {
            throw new ScoranError(ErrorCodes.UnknownPostalCode,
                $"Aucune commune de Bourgogne-Franche-Comté n'a le code postal « {GlobalId.Truncate(postalCode)} ».");
        }

        // A postal code may cover several communes: start from the most populated one, which
        // is the one the code is usually known by.
        return matches[0].Location;
    }

    public static double MaxDistanceMeters(double? radiusKm, ScoranGraphQLOptions options)
    {
        if (radiusKm is not { } km)
        {
            return double.PositiveInfinity;
        }

        if (!double.IsFinite(km) || km <= 0 || km > options.MaxRadiusKm)
        {
            throw new ScoranError(ErrorCodes.InvalidRadius, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Le rayon doit être un nombre de kilomètres strictement positif et au plus {options.MaxRadiusKm} (reçu {km})."));
        }

        return km * 1000;
    }
}

internal static class Pagination
{
    public static int First(IResolveFieldContext context, ScoranGraphQLOptions options)
    {
        var first = context.GetArgument("first", 10);
        if (first < 0 || first > options.MaxPageSize)
        {
            throw new ScoranError(ErrorCodes.InvalidPagination,
                $"first doit être compris entre 0 et {options.MaxPageSize} (reçu {first}).");
        }

        return first;
    }
}
