using GraphQL.Types;

namespace ScoranInclusion.GraphQL.Relay;

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Un objet doté d'un identifiant global, retrouvable par la requête node(id).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Identifiant global opaque.");
    }
}
