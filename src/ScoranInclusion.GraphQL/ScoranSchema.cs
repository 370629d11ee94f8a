using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ScoranInclusion.GraphQL;

public sealed class ScoranSchema : Schema
{
    public ScoranSchema(IServiceProvider services)
        : base(services)
    {
        Description = "ScoranInclusion : les lieux de médiation numérique de Bourgogne-Franche-Comté.";
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<Offers.MutationType>();
    }
}
