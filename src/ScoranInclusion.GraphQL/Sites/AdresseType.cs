using GraphQL.Types;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.GraphQL.Sites;

public sealed class AdresseType : ObjectGraphType<Adresse>
{
    public AdresseType()
    {
        Name = "Adresse";
        Description = "Adresse du lieu (champs adresse, complement_adresse, code_postal, code_insee et commune du standard).";
        Field<NonNullGraphType<StringGraphType>>("voie").Description("Numéro, type et libellé de la voie (champ adresse).").Resolve(c => c.Source.Voie);
        Field<StringGraphType>("complement").Description("Étage, bâtiment, lieu-dit… (champ complement_adresse).").Resolve(c => c.Source.Complement);
        Field<NonNullGraphType<StringGraphType>>("codePostal").Resolve(c => c.Source.CodePostal);
        Field<NonNullGraphType<StringGraphType>>("commune").Resolve(c => c.Source.Commune);
        Field<StringGraphType>("codeInsee").Description("Code officiel géographique de la commune.").Resolve(c => c.Source.CodeInsee);
    }
}
