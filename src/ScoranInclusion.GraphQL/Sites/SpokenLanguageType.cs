using GraphQL.Types;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.GraphQL.Sites;

/// <summary>A language spoken at a place, with its names (the table <c>web/src/langues-parlees.json</c>).</summary>
public sealed class SpokenLanguageType : ObjectGraphType<SpokenLanguage>
{
    public SpokenLanguageType()
    {
        Name = "Langue";
        Description = "Une langue parlée au lieu : code ISO 639-1, nom en français, nom dans la langue elle-même.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Code ISO 639-1 (« uk »).").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("nom").Description("Nom en français (« ukrainien »).").Resolve(c => c.Source.Nom);
        Field<NonNullGraphType<StringGraphType>>("nomNatif").Description("Nom dans la langue elle-même (« українська »).").Resolve(c => c.Source.NomNatif);
        Field<NonNullGraphType<BooleanGraphType>>("droiteAGauche").Description("Le nom natif s'écrit de droite à gauche (arabe, persan…).").Resolve(c => c.Source.RightToLeft);
    }

    /// <summary>Site.languesParlees (codes) and Site.langues (with their names).</summary>
    public static void AddSiteFields(ObjectGraphType<StoredSite> site)
    {
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languesParlees")
            .Description("Langues parlées au lieu, codes ISO 639-1 (« uk », « ar ») ; [] quand le lieu ne les indique pas. Filtre : SiteFilter.langues.")
            .Resolve(c => c.Source.Site.LanguesParlees);
        site.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SpokenLanguageType>>>>("langues")
            .Description("Les mêmes langues avec leurs noms, par nom français.")
            .Resolve(c => SpokenLanguages.Of(c.Source.Site.LanguesParlees));
    }
}
