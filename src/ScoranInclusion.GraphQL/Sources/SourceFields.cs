using System.Xml;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Scalars;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Sync;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.GraphQL.Sources;

public sealed class SyncOutcomeEnumType : EnumerationGraphType
{
    public SyncOutcomeEnumType()
    {
        Name = "SyncOutcome";
        Description = "Issue d'un passage de synchronisation d'une source.";
        Add("RUNNING", "running", "En cours (ou interrompu par l'arrêt du serveur : endedAt reste vide).");
        Add("IMPORTED", "imported", "Lignes écrites.");
        Add("UNCHANGED", "unchanged", "Source inchangée (304 ou même contenu) : rien n'a été écrit.");
        Add("REJECTED", "rejected", "Des lignes refusées (voir le rapport), les autres importées.");
        Add("FAILED", "failed", "La source n'a pas pu être lue, ou l'import a échoué : rien n'a changé (error dit pourquoi).");
    }
}

public sealed class SyncRunType : ObjectGraphType<SyncRunEntity>
{
    public const string TypeName = "SyncRun";

    public SyncRunType()
    {
        Name = TypeName;
        Description = "Un passage de synchronisation d'une source : téléchargement, import, retraits.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("source").Description("Le nom de la source (Sources:<nom>).").Resolve(c => c.Source.Source);
        Field<NonNullGraphType<DateTimeScalar>>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeScalar>("endedAt").Description("Vide pendant le passage (ou s'il a été interrompu).").Resolve(c => c.Source.EndedAt);
        Field<NonNullGraphType<SyncOutcomeEnumType>>("outcome").Resolve(c => c.Source.Outcome);
        Field<NonNullGraphType<BooleanGraphType>>("dryRun").Description("Passage à blanc : rien n'a été écrit que cette ligne.").Resolve(c => c.Source.DryRun);
        Field<IntGraphType>("httpStatus").Description("Statut HTTP du téléchargement ; vide pour un fichier local ou sans réponse.").Resolve(c => c.Source.HttpStatus);
        Field<FloatGraphType>("bytes").Description("Octets reçus (après décompression).").Resolve(c => c.Source.Bytes is { } b ? (double)b : null);
        Field<NonNullGraphType<IntGraphType>>("rowsRead").Resolve(c => c.Source.RowsRead);
        Field<NonNullGraphType<IntGraphType>>("added").Resolve(c => c.Source.Added);
        Field<NonNullGraphType<IntGraphType>>("updated").Resolve(c => c.Source.Updated);
        Field<NonNullGraphType<IntGraphType>>("unchanged").Resolve(c => c.Source.Unchanged);
        Field<NonNullGraphType<IntGraphType>>("withdrawn").Resolve(c => c.Source.Withdrawn);
        Field<NonNullGraphType<IntGraphType>>("rejected").Resolve(c => c.Source.Rejected);
        Field<NonNullGraphType<IntGraphType>>("skipped").Description("Lignes hors des départements de la source : ignorées et comptées.").Resolve(c => c.Source.Skipped);
        Field<NonNullGraphType<BooleanGraphType>>("suspicious").Description("La soupape de sécurité a retenu les retraits (suspiciousReason dit pourquoi).").Resolve(c => c.Source.Suspicious);
        Field<StringGraphType>("suspiciousReason").Resolve(c => c.Source.SuspiciousReason);
        Field<StringGraphType>("error").Description("Pourquoi le passage a échoué, en français.").Resolve(c => c.Source.Error);
        Field<StringGraphType>("report").Description("Le rapport d'import, en JSON (celui qu'écrit import --report) ; vide quand rien n'a été importé.").Resolve(c => c.Source.Report);
    }
}

public sealed class SourceType : ObjectGraphType<ConfiguredSource>
{
    public SourceType()
    {
        Name = "Source";
        Description = "Une source configurée (Sources:<nom>) que le serveur synchronise.";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("url").Description("Adresse https:// ou chemin d'un fichier local.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<StringGraphType>>("format").Resolve(c => c.Source.Format);
        Field<NonNullGraphType<StringGraphType>>("provenance").Resolve(c => c.Source.Provenance);
        Field<NonNullGraphType<StringGraphType>>("every").Description("Intervalle entre deux passages, en durée ISO 8601 (PT24H).").Resolve(c => XmlConvert.ToString(c.Source.Every));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("departements").Resolve(c => c.Source.Departements);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.Enabled);
        Field<SyncRunType>("lastRun").Description("Le dernier passage ; null si la source n'a jamais été synchronisée.")
            .ResolveAsync(async c => await Runs(c).LatestAsync(c.Source.Name, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SyncRunType>>>>("runs")
            .Description("Les derniers passages, le plus récent d'abord.")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 10; a.Description = "Nombre de passages (0 à 100)."; })
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 10);
                if (first is < 0 or > 100)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et 100 (reçu {first}).");
                }

                return await Runs(c).RunsAsync(c.Source.Name, first, c.CancellationToken);
            });
    }

    internal static SyncRunReader Runs(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<SyncRunReader>();
}

/// <summary>sources, syncRun (moderation and administration) and runSource (administration): the configured sources and their runs.</summary>
internal static class SourceFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceType>>>>("sources")
            .Description("Les sources configurées (Sources:<nom>), par nom, avec leurs passages : modération et administration. Médiation : FORBIDDEN.")
            .ResolveAsync(async c =>
            {
                await RequireModerationAsync(c, "Sources");
                return c.RequestServices!.GetRequiredService<ISourceCatalog>().Sources;
            });

        query.Field<SyncRunType>("syncRun")
            .Description("Un passage par son identifiant (avec son rapport) ; null s'il n'existe pas. Modération et administration.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                await RequireModerationAsync(c, "SyncRun");
                return await SourceType.Runs(c).GetAsync(GlobalId.DecodeKey(c.GetArgument<string>("id"), SyncRunType.TypeName), c.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SyncRunType>>("runSource")
            .Description("« Lancer maintenant » : un passage de la source, hors de son calendrier, en arrière-plan (administration). Rend le passage commencé (outcome RUNNING) ; suivez-le avec syncRun. Source inconnue : UNKNOWN_SOURCE ; passage déjà en cours (ici ou sur un autre serveur) : SOURCE_BUSY.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c =>
            {
                var identity = c.RequestServices!.GetRequiredService<RequestIdentity>();
                var principal = await identity.RequireAsync(c.CancellationToken);
                var name = c.GetArgument<string>("name");
                if (principal.Role != AccountRole.Admin)
                {
                    Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action RunSource", principal.Id, principal.Role);
                    throw new ScoranError(ErrorCodes.Forbidden, "Réservé à l'administration.");
                }

                if (c.RequestServices!.GetRequiredService<ISourceCatalog>().Find(name) is not { } source)
                {
                    throw new ScoranError(ErrorCodes.UnknownSource, $"Aucune source ne s'appelle « {GlobalId.Truncate(name)} » (Sources:<nom> dans la configuration).");
                }

                var runId = await c.RequestServices!.GetRequiredService<ISourceSyncTrigger>().RunNowAsync(source.Name, identity.Actor!, c.CancellationToken)
                    ?? throw new ScoranError(ErrorCodes.SourceBusy, $"Un passage de la source « {source.Name} » est déjà en cours : attendez qu'il se termine.");
                Audit(c).LogInformation("Synchronisation de la source {Source} lancée par {Actor} (passage {RunId})", source.Name, identity.Actor, runId);
                return await SourceType.Runs(c).GetAsync(runId, c.CancellationToken)
                    ?? throw new ScoranError(ErrorCodes.InternalError, "Le passage lancé est introuvable.");
            });
    }

    private static async Task RequireModerationAsync(IResolveFieldContext c, string action)
    {
        var principal = await c.RequestServices!.GetRequiredService<RequestIdentity>().RequireAsync(c.CancellationToken);
        if (principal.Role is not (AccountRole.Moderator or AccountRole.Admin))
        {
            Audit(c).LogWarning("Refus : compte {AccountId} ({Role}), action {Action}", principal.Id, principal.Role, action);
            throw new ScoranError(ErrorCodes.Forbidden, "Réservé à la modération et à l'administration.");
        }
    }

    private static ILogger Audit(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category);
}
