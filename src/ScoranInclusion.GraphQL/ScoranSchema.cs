using GraphQL;
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
        // Introspection is allowed (tools, documentation) but counts towards the cost limit.
        this.WithIntrospectionComplexityImpact(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScoranGraphQLOptions>>().Value.IntrospectionImpact);
    }
}
