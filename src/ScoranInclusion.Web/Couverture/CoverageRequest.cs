using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Search;
using ScoranInclusion.Search.Coverage;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// The parameters of <c>/couverture</c> and <c>/exports/couverture.csv</c>, read from the query string:
/// the territory (<c>commune=</c>, <c>epci=</c>, <c>departement=</c>, <c>region=</c>, or the page's
/// <c>territoire=niveau:code</c>; nothing: the region), the filter as on <c>/lieux</c> (<c>services=</c>,
/// <c>frais_a_charge=Gratuit</c>, <c>ateliers=N</c>) plus <c>jour=samedi</c> (open at some time on the next
/// such day), <c>fraicheur=12</c> (only the places known true within that many months) and <c>seuils=5,10,20</c> (kilometres).
/// </summary>
internal sealed record CoverageRequest(CoverageTerritory Territory, CitizenPages.Parameters Filters, string? Jour, IReadOnlyList<double> ThresholdsKm)
{
    /// <summary>The choices of the page's « fraîcheur » list, in months (any other value from 1 to the maximum is accepted too).</summary>
    public static readonly int[] FraicheurChoices = [6, 12, 24];

    /// <summary>Only the places known true within this many months (<c>fraicheur=</c>); null: every place.</summary>
    public int? Fraicheur { get; init; }

    /// <summary>
    /// Whether the answer depends on the data and the day only, not on the hour (no workshop within N days, no freshness
    /// in months): it may then be kept until the next publication (<see cref="Search.PublishedAnswers"/>).
    /// </summary>
    public bool IsTimeIndependent => Filters.WorkshopDays is null && Fraicheur is null;

    public static readonly string[] Jours = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    private static readonly (string Parameter, CoverageLevel Level)[] s_levels =
        [("commune", CoverageLevel.Commune), ("epci", CoverageLevel.Epci), ("departement", CoverageLevel.Departement), ("region", CoverageLevel.Region)];

    /// <summary>The query string as given, or the problem to answer (a coded error in French).</summary>
    public static bool TryRead(IQueryCollection query, CoverageTerritories territories, out CoverageRequest request, out TerritoryError error)
    {
        request = null!;
        if (!TryReadTerritory(query, territories, out var territory, out error))
        {
            return false;
        }

        var filters = CitizenPages.Parameters.Read(query);
        if (query["ateliers"].FirstOrDefault() is { Length: > 0 } ateliers && filters.WorkshopDays is null)
        {
            error = new TerritoryError("INVALID_FILTER", $"ateliers doit être un nombre de jours de 1 à {CoverageService.MaxSessionDays} (reçu « {Truncate(ateliers)} »).");
            return false;
        }

        var jour = query["jour"].FirstOrDefault()?.Trim().ToLowerInvariant();
        if (jour is { Length: > 0 } && !Jours.Contains(jour))
        {
            error = new TerritoryError("INVALID_FILTER", $"jour doit être un jour de la semaine en toutes lettres (lundi … dimanche), pas « {Truncate(jour)} ».");
            return false;
        }

        int? fraicheur = null;
        if (query["fraicheur"].FirstOrDefault() is { } fresh && fresh.Trim().Length > 0)
        {
            if (!int.TryParse(fresh.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) || months < 1 || months > FreshnessOptions.MaxMonths)
            {
                error = new TerritoryError("INVALID_FILTER", $"fraicheur doit être un nombre de mois de 1 à {FreshnessOptions.MaxMonths} (reçu « {Truncate(fresh)} »).");
                return false;
            }

            fraicheur = months;
        }

        IReadOnlyList<double>? asked = null;
        if (query["seuils"].FirstOrDefault() is { } text && text.Trim().Length > 0)
        {
            var parts = text.Split([',', ';', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var values = new List<double>();
            foreach (var part in parts)
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var km))
                {
                    error = new TerritoryError("INVALID_THRESHOLDS", $"« {Truncate(part)} » n'est pas un nombre de kilomètres (seuils séparés par des virgules, par exemple 5,10,20).");
                    return false;
                }

                values.Add(km);
            }

            asked = values;
        }

        if (!CoverageCalculator.TryNormalizeThresholds(asked, out var thresholds, out var message))
        {
            error = new TerritoryError("INVALID_THRESHOLDS", message);
            return false;
        }

        request = new CoverageRequest(territory, filters, jour is { Length: > 0 } ? jour : null, thresholds) { Fraicheur = fraicheur };
        return true;
    }

    /// <summary>The search filter, with the day named by <see cref="Jour"/> turned into the next such date in Paris (today included).</summary>
    public SiteFilter Filter(DateTimeOffset now)
    {
        var filter = Filters.Filter(now) with { OpenAt = null };
        if (Jour is null)
        {
            return filter;
        }

        var today = DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime);
        var wanted = (DayOfWeek)((Array.IndexOf(Jours, Jour) + 1) % 7);
        var date = today.AddDays(((int)wanted - (int)today.DayOfWeek + 7) % 7);
        return filter with { OpenOn = date };
    }

    /// <summary>The territory and filter as a query string (without <c>?</c>), for links between the page and the CSV.</summary>
    public string Query(bool withThresholds = true)
    {
        var parts = new List<string>();
        var parameter = s_levels.First(l => l.Level == Territory.Level).Parameter;
        parts.Add(parameter + "=" + Uri.EscapeDataString(Territory.Code));
        var filter = Filters.FilterQuery().Replace("&amp;", "&", StringComparison.Ordinal).TrimStart('&');
        if (filter.Length > 0)
        {
            parts.Add(filter);
        }

        if (Jour is not null)
        {
            parts.Add("jour=" + Jour);
        }

        if (Fraicheur is { } months)
        {
            parts.Add("fraicheur=" + months.ToString(CultureInfo.InvariantCulture));
        }

        if (withThresholds)
        {
            parts.Add("seuils=" + string.Join(',', ThresholdsKm.Select(t => t.ToString(CultureInfo.InvariantCulture))));
        }

        return string.Join('&', parts);
    }

    private static bool TryReadTerritory(IQueryCollection query, CoverageTerritories territories, out CoverageTerritory territory, out TerritoryError error)
    {
        territory = territories.Region;
        error = null!;
        var given = s_levels.Where(l => query[l.Parameter].Count > 0).Select(l => (l.Level, Code: query[l.Parameter].ToString())).ToList();
        if (query["territoire"].FirstOrDefault() is { Length: > 0 } choice)
        {
            var separator = choice.IndexOf(':', StringComparison.Ordinal);
            var name = separator < 0 ? choice : choice[..separator];
            var level = s_levels.Where(l => l.Parameter == name).Select(l => (CoverageLevel?)l.Level).FirstOrDefault();
            if (level is null)
            {
                error = new TerritoryError(TerritoryError.Invalid, $"« {Truncate(choice)} » n'est pas un territoire (par exemple departement:21 ou epci:200070530).");
                return false;
            }

            given.Add((level.Value, separator < 0 ? territories.RegionCode : choice[(separator + 1)..]));
        }

        if (given.Count == 0)
        {
            return true;
        }

        if (given.Count > 1)
        {
            error = new TerritoryError(TerritoryError.Invalid, "Un seul territoire à la fois : commune (code INSEE), epci (SIREN), departement (code) ou region (27).");
            return false;
        }

        return territories.TryResolve(given[0].Level, given[0].Code, out territory, out error);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
