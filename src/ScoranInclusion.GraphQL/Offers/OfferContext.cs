using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

internal static class OfferResolve
{
    public static OfferReader Offers(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<OfferReader>();

    /// <summary>The instant of the request (one for all its fields: statuses and windows agree, and batches share their arguments).</summary>
    public static DateTimeOffset Now(this IResolveFieldContext context) => context.Loaders().Now;

    /// <summary>Runs a write or a read that applies the rules of offers, turning a broken rule into a coded error.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (OfferRuleException e)
        {
            var error = new ScoranError(e.Code, e.Message);
            if (e.Field is not null)
            {
                error.Data["field"] = e.Field;
            }

            throw error;
        }
    }
}
