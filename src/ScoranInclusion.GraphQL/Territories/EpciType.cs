using GraphQL.Types;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Sites;

namespace ScoranInclusion.GraphQL.Territories;

public sealed class EpciType : ObjectGraphType<Epci>
{
    public EpciType()
    {
        Name = "Epci";
        Description = "Intercommunalité (EPCI à fiscalité propre) d'après ses communes de Bourgogne-Franche-Comté.";
        Field<NonNullGraphType<StringGraphType>>("siren").Resolve(c => c.Source.Siren);
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Nom);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("codesDepartements")
            .Description("Départements de ses communes.").Resolve(c => c.Source.CodesDepartements);
        Field<NonNullGraphType<IntGraphType>>("population").Description("Somme des populations légales de ses communes de la région.").Resolve(c => c.Source.Population);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommuneType>>>>("communes").Description("Ses communes de la région, par nom.").Resolve(c => c.Source.Communes);
        Field<NonNullGraphType<GeoPointType>>("location").Description("Point représentatif : celui de sa commune la plus peuplée.").Resolve(c => c.Source.Location);
    }
}
