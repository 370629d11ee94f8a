using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.GraphQL.Territories;
using ScoranInclusion.Search.Coverage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.GraphQL.Coverage;

/// <summary>The codes of the coverage errors (stable, like <see cref="ErrorCodes"/>).</summary>
public static class CoverageErrorCodes
{
    /// <summary>A territory code that is malformed (not an INSEE code, a SIREN, a département code).</summary>
    public const string InvalidTerritory = TerritoryError.Invalid;

    /// <summary>A well-formed code naming no territory of the region.</summary>
    public const string UnknownTerritory = TerritoryError.Unknown;

    /// <summary>Thresholds: 1 to 5, each &gt; 0 and ≤ 200 km.</summary>
    public const string InvalidThresholds = "INVALID_THRESHOLDS";
}

/// <summary>
/// <c>coverage(level, code, filter, thresholdsKm)</c>: how far each commune of a territory is from
/// the nearest place, and the population-weighted figures.
/// </summary>
public static class CoverageFields
{
    /// <summary>
    /// Cost model: the computation is one nearest search per commune of the territory (counted on
    /// <c>coverage</c>, a tenth of a point per commune); the rows are in memory, so a field of a
    /// row costs a tenth of what a database-backed row's field costs (the <c>first</c> of
    /// <c>nearestSites</c> multiplies by 1 per row). The whole region (3,685 rows, the contract's
    /// fields) comes to about 3,000, the size of a 100-place <c>nearestSites</c> page.
    /// </summary>
    public const double RowsPerCostUnit = 10;

    public static void AddQuery(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<CoverageType>>("coverage")
            .Description("Couverture d'un territoire : pour chaque commune, la distance géodésique de son point représentatif au lieu le plus proche (qui correspond au filtre), la part de la population à moins de chaque seuil et les communes au-delà du plus grand (« zones blanches »).")
            .Argument<NonNullGraphType<TerritoryLevelEnumType>>("level", "Niveau du territoire.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "Code INSEE de la commune, SIREN de l'intercommunalité, code du département ou de la région (27).")
            .Argument<SiteFilterInputType>("filter", "Seuls les lieux qui correspondent à ce filtre comptent (mêmes filtres que nearestSites).")
            .Argument<ListGraphType<NonNullGraphType<FloatGraphType>>>("thresholdsKm", a =>
            {
                a.DefaultValue = new List<object> { 5.0, 10.0, 20.0 };
                a.Description = "Seuils de distance en kilomètres : de 1 à 5 seuils, chacun strictement positif et au plus 200.";
            })
            .Argument<IntGraphType>("freshWithinMonths", "Seuls les lieux vérifiés depuis ce nombre de mois au plus (1 à 120 ; voir Site.freshness) ; absent : tous les lieux.")
            .WithComplexityImpact(c => new FieldComplexityResult(10 + EstimatedRows(c) / RowsPerCostUnit, 1))
            .ResolveAsync(ResolveAsync);
    }

    private static async Task<object?> ResolveAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var level = context.GetArgument<CoverageLevel>("level");
        if (!services.GetRequiredService<CoverageTerritories>().TryResolve(level, context.GetArgument<string>("code"), out var territory, out var error))
        {
            throw new ScoranError(error.Code, error.Message);
        }

        if (!CoverageCalculator.TryNormalizeThresholds(context.GetArgument<List<double>?>("thresholdsKm"), out var thresholds, out var message))
        {
            throw new ScoranError(CoverageErrorCodes.InvalidThresholds, message);
        }

        var input = context.GetArgument<SiteFilterInput?>("filter");
        var filter = NearestSitesResolver.Filter(input, services.GetRequiredService<TimeProvider>());
        if (input?.HasSessionWithinDays is { } days && (days < 1 || days > CoverageService.MaxSessionDays))
        {
            throw new ScoranError(ErrorCodes.InvalidFilter, $"hasSessionWithinDays doit être compris entre 1 et {CoverageService.MaxSessionDays} (reçu {days}).");
        }

        var fresh = context.GetArgument<int?>("freshWithinMonths");
        if (fresh is { } months && (months < 1 || months > Search.FreshnessOptions.MaxMonths))
        {
            throw new ScoranError(ErrorCodes.InvalidFilter, $"freshWithinMonths doit être compris entre 1 et {Search.FreshnessOptions.MaxMonths} (reçu {months}).");
        }

        // Kept once per publication only when the hour does not change the answer (CoverageAnswers).
        services.GetService<CoverageCacheability>()?.Resolved(input?.HasSessionWithinDays is null && fresh is null && filter.OpenAt is null && filter.OnlySites is null);
        var report = await services.GetRequiredService<CoverageService>()
            .ComputeAsync(territory, filter, input?.HasSessionWithinDays, thresholds, fresh, context.CancellationToken);
        return new CoverageResult(report, services.GetRequiredService<SiteReader>());
    }

    /// <summary>How many rows the territory of the arguments has, and how many parts (1 and 0 when they name none: the resolver refuses it).</summary>
    internal static (double Rows, double Parts) Estimate(FieldImpactContext context)
    {
        try
        {
            var territories = context.ValidationContext.RequestServices?.GetService<CoverageTerritories>();
            var level = context.GetArgument("level", CoverageLevel.Region);
            var code = context.GetArgument<string?>("code", null);
            return territories is not null && territories.TryResolve(level, code, out var territory, out _)
                ? (territory.Communes.Count, territories.Parts(territory).Count)
                : (1, 0);
        }
        catch (InvalidOperationException)
        {
            return (1, 0);
        }
    }

    internal static double EstimatedRows(FieldImpactContext context) => Estimate(context).Rows;

    /// <summary>The rows' multiplier, from the enclosing coverage field's arguments (a part's rows: the average part).</summary>
    internal static FieldComplexityResult RowList(FieldImpactContext context)
    {
        var inPart = false;
        var coverage = context.Parent;
        while (coverage is { } c && c.FieldDefinition.Name != "coverage")
        {
            inPart |= c.FieldDefinition.Name == "parts";
            coverage = c.Parent;
        }

        var (rows, parts) = coverage is { } found ? Estimate(found) : (1, 0);
        if (inPart && parts > 0)
        {
            rows /= parts;
        }

        return new FieldComplexityResult(1, Math.Max(1, rows / RowsPerCostUnit));
    }

    /// <summary>The parts' multiplier: how many there are.</summary>
    internal static FieldComplexityResult PartList(FieldImpactContext context)
    {
        var coverage = context.Parent;
        while (coverage is { } c && c.FieldDefinition.Name != "coverage")
        {
            coverage = c.Parent;
        }

        return new FieldComplexityResult(1, Math.Max(1, coverage is { } found ? Estimate(found).Parts : 1));
    }
}

/// <summary>A computed report, and the places it names, loaded once for all rows.</summary>
public sealed class CoverageResult(CoverageReport report, SiteReader reader)
{
    private Task<IReadOnlyDictionary<long, StoredSite>>? _sites;

    public CoverageReport Report { get; } = report;

    public Task<IReadOnlyDictionary<long, StoredSite>> SitesAsync(CancellationToken cancellationToken) =>
        _sites ??= reader.GetManyAsync([.. Report.Communes.Select(r => r.NearestKey).OfType<long>().Distinct()], cancellationToken);
}

/// <summary>One row and the result it belongs to (to load its place in the one batch).</summary>
public sealed record CommuneCoverageRow(CommuneDistance Row, CoverageResult Result);

public sealed class TerritoryLevelEnumType : EnumerationGraphType
{
    public TerritoryLevelEnumType()
    {
        Name = "TerritoryLevel";
        Description = "Niveau d'un territoire.";
        Add("COMMUNE", CoverageLevel.Commune, "Une commune (code INSEE, actuel ou ancien).");
        Add("EPCI", CoverageLevel.Epci, "Une intercommunalité, EPCI à fiscalité propre (SIREN) : ses communes de la région.");
        Add("DEPARTEMENT", CoverageLevel.Departement, "Un département de la région (code, par exemple 21).");
        Add("REGION", CoverageLevel.Region, "La région Bourgogne-Franche-Comté (code 27).");
    }
}

public sealed class CoverageType : ObjectGraphType<CoverageResult>
{
    public CoverageType()
    {
        Name = "Coverage";
        Description = "Couverture d'un territoire par les lieux de médiation numérique : distances par commune et chiffres pondérés par la population.";
        Field<NonNullGraphType<CoverageTerritoryType>>("territory").Description("Le territoire mesuré.").Resolve(c => c.Source.Report.Territory);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FloatGraphType>>>>("thresholdsKm")
            .Description("Les seuils appliqués, en kilomètres, croissants.").Resolve(c => c.Source.Report.ThresholdsKm);
        Field<NonNullGraphType<IntGraphType>>("matchingPlaces")
            .Description("Nombre de lieux localisés qui correspondent au filtre (dans toute la région : un lieu voisin compte aussi).").Resolve(c => c.Source.Report.PlaceCount);
        AddSummaryFields(this, c => ((CoverageResult)c.Source!).Report.Summary);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommuneCoverageType>>>>("communes")
            .Description("Chaque commune du territoire, par code INSEE, avec la distance au lieu le plus proche.")
            .WithComplexityImpact(CoverageFields.RowList)
            .Resolve(c => c.Source.Report.Communes.Select(r => new CommuneCoverageRow(r, c.Source)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoveragePartType>>>>("parts")
            .Description("Le détail un niveau plus bas : les départements de la région, les intercommunalités d'un département (leurs communes du département) ; vide pour une intercommunalité ou une commune.")
            .WithComplexityImpact(CoverageFields.PartList)
            .Resolve(c => c.Source.Report.Parts.Select(p => new CoveragePartResult(p, c.Source)));
    }

    /// <summary>The aggregate fields, shared by the territory and its parts.</summary>
    internal static void AddSummaryFields<T>(ObjectGraphType<T> type, Func<IResolveFieldContext, CoverageSummary> summary)
    {
        type.Field<NonNullGraphType<IntGraphType>>("population").Description("Population légale totale des communes du territoire.").Resolve(c => summary(c).Population);
        type.Field<NonNullGraphType<IntGraphType>>("communeCount").Description("Nombre de communes du territoire.").Resolve(c => summary(c).CommuneCount);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoverageThresholdType>>>>("within")
            .Description("Pour chaque seuil : la population (et les communes) à au plus cette distance d'un lieu, et sa part.").Resolve(c => summary(c).Within);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommuneCoverageType>>>>("zonesBlanches")
            .Description("Les communes au-delà du plus grand seuil (ou sans aucun lieu qui corresponde), les plus peuplées d'abord.")
            .WithComplexityImpact(CoverageFields.RowList)
            .Resolve(c => summary(c).ZonesBlanches.Select(r => new CommuneCoverageRow(r, Result(c))));
    }

    private static CoverageResult Result(IResolveFieldContext context) => context.Source switch
    {
        CoverageResult result => result,
        CoveragePartResult part => part.Result,
        _ => throw new InvalidOperationException("Source inattendue."),
    };
}

public sealed record CoveragePartResult(CoveragePart Part, CoverageResult Result);

public sealed class CoveragePartType : ObjectGraphType<CoveragePartResult>
{
    public CoveragePartType()
    {
        Name = "CoveragePart";
        Description = "Un territoire du niveau inférieur et ses chiffres.";
        Field<NonNullGraphType<CoverageTerritoryType>>("territory").Resolve(c => c.Source.Part.Territory);
        CoverageType.AddSummaryFields(this, c => ((CoveragePartResult)c.Source!).Part.Summary);
    }
}

public sealed class CoverageTerritoryType : ObjectGraphType<CoverageTerritory>
{
    public CoverageTerritoryType()
    {
        Name = "CoverageTerritory";
        Description = "Un territoire : niveau, code et nom.";
        Field<NonNullGraphType<TerritoryLevelEnumType>>("level").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<StringGraphType>>("code").Description("Code INSEE, SIREN, code du département ou de la région.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Nom);
    }
}

public sealed class CoverageThresholdType : ObjectGraphType<ThresholdCoverage>
{
    public CoverageThresholdType()
    {
        Name = "CoverageThreshold";
        Description = "La population à au plus une distance d'un lieu.";
        Field<NonNullGraphType<FloatGraphType>>("km").Description("Le seuil, en kilomètres.").Resolve(c => c.Source.Km);
        Field<NonNullGraphType<IntGraphType>>("population").Description("Population des communes dont le point est à au plus km d'un lieu.").Resolve(c => c.Source.Population);
        Field<NonNullGraphType<FloatGraphType>>("share").Description("Part de la population du territoire, de 0 à 1.").Resolve(c => c.Source.Share);
        Field<NonNullGraphType<IntGraphType>>("communes").Description("Nombre de ces communes.").Resolve(c => c.Source.Communes);
    }
}

public sealed class CommuneCoverageType : ObjectGraphType<CommuneCoverageRow>
{
    public CommuneCoverageType()
    {
        Name = "CommuneCoverage";
        Description = "Une commune et le lieu le plus proche de son point représentatif.";
        Field<NonNullGraphType<CommuneType>>("commune").Resolve(c => c.Source.Row.Commune);
        Field<FloatGraphType>("nearestDistanceMeters")
            .Description("Distance géodésique (ellipsoïde WGS84, en mètres) du point représentatif de la commune au lieu le plus proche ; null si aucun lieu ne correspond.")
            .Resolve(c => c.Source.Row.DistanceMeters);
        Field<SiteType>("nearestSite")
            .Description("Le lieu le plus proche ; null si aucun lieu ne correspond.")
            .ResolveAsync(async c => c.Source.Row.NearestKey is { } key
                && (await c.Source.Result.SitesAsync(c.CancellationToken)).TryGetValue(key, out var site) ? site : null);
    }
}
