using GraphQL.Types;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.GraphQL.Sites;

namespace ScoranInclusion.GraphQL.Territories;

public sealed class CommuneType : ObjectGraphType<Commune>
{
    public CommuneType()
    {
        Name = "Commune";
        Description = "Commune de Bourgogne-Franche-Comté (Code officiel géographique en vigueur).";
        Field<NonNullGraphType<StringGraphType>>("codeInsee").Resolve(c => c.Source.CodeInsee);
        Field<NonNullGraphType<StringGraphType>>("nom").Resolve(c => c.Source.Nom);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("codesPostaux").Resolve(c => c.Source.CodesPostaux);
        Field<NonNullGraphType<StringGraphType>>("codeDepartement").Resolve(c => c.Source.CodeDepartement);
        Field<NonNullGraphType<StringGraphType>>("epciSiren").Description("SIREN de l'intercommunalité (EPCI à fiscalité propre).").Resolve(c => c.Source.EpciSiren);
        Field<NonNullGraphType<StringGraphType>>("epciNom").Description("Nom de l'intercommunalité.").Resolve(c => c.Source.EpciNom);
        Field<IntGraphType>("population").Description("Population légale (INSEE).").Resolve(c => c.Source.Population);
        Field<NonNullGraphType<GeoPointType>>("location").Description("Point représentatif (centroïde, ou point intérieur quand le centroïde tombe hors de la commune).")
            .Resolve(c => c.Source.Location);
    }
}
