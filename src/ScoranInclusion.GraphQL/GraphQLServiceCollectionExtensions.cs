using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.GraphQL.Http;

namespace ScoranInclusion.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddScoranGraphQL(this IServiceCollection services)
    {
        services.AddScoranGraphQLOptions();
        services.AddSingleton<DocumentCache>();
        services.AddScoped<Coverage.CoverageCacheability>();
        // The same instance for the HTTP endpoint (which looks the document up first) and the executer.
        services.AddSingleton<global::GraphQL.DI.IConfigureExecution>(sp => sp.GetRequiredService<DocumentCache>());
        services.AddSingleton<Audit.AuditLog>();
        services.AddHttpContextAccessor();
        services.AddScoped<Editing.RequestIdentity>();
        services.AddScoped<Editing.IEditAuthorization, Editing.ScopedEditAuthorization>();
        services.AddScoped<Loaders.RequestLoaders>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<ScoranSchema>()
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(ScoranSchema).Assembly)
            // Resolvers share the request's scoped DbContext, which allows one operation at a
            // time: root fields of a query run one after the other.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddErrorInfoProvider<Errors.ScoranErrorInfoProvider>()
            // Limits on what one request may ask (depth, cost, aliases, fields): they depend on the
            // variables (first: $n), so they also run on documents from the cache.
            .AddValidationRule<Limits.FieldCountRule>(useForCachedDocuments: true)
            .AddValidationRule<Limits.QueryComplexityRule>(useForCachedDocuments: true)
            // Also on cached documents: the same document may select another operation (operationName).
            .AddValidationRule<Limits.PasswordFieldsRule>(useForCachedDocuments: true)
            // Every text of the request, literals and variables: the variables change, so cached documents too.
            .AddValidationRule<Scalars.WellFormedTextRule>(useForCachedDocuments: true)
            .AddUnhandledExceptionHandler(context =>
            {
                var execution = context.ExecutionOptions;
                var logger = execution.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("ScoranInclusion.GraphQL");
                // The operation name only (bounded, without control characters): variables may hold a citizen's position or search text.
                logger?.LogError(context.OriginalException, "Erreur non gérée dans l'opération {Operation}", Audit.AuditLog.OperationName(execution.OperationName));
                context.ErrorMessage = Errors.ScoranErrorInfoProvider.InternalMessage;
            }));
        return services;
    }

    /// <summary>
    /// The <c>GraphQL</c> section, bound and checked at start. Also called by the composition root of the verbs, which
    /// have no endpoint but refuse the configuration the server would refuse; twice is the same as once.
    /// </summary>
    public static IServiceCollection AddScoranGraphQLOptions(this IServiceCollection services)
    {
        services.AddOptions<ScoranGraphQLOptions>().BindConfiguration(ScoranGraphQLOptions.Section).ValidateOnStart();
        services.AddSettingRules<ScoranGraphQLOptions>(ScoranGraphQLOptions.Section);
        return services;
    }
}
